// Owns the movers panel: the movies that gained the most votes since the previous refresh
// (GET /movies/movers), or why there are none yet.

import { getJson } from '../api.js';
import { $, cell, clickableRow, showMessage } from '../dom.js';
import { formatAsOf, formatDelta, intFormat } from '../format.js';
import * as store from '../store.js';

const LIMIT = 10;

const state = { openMovie: () => {} };

/** {openMovie(tconst)} opens a movie's detail. */
export function init({ openMovie }) {
  state.openMovie = openMovie;
}

/** Loads the movers of the latest refresh (the store's history tells how many refreshes there were). */
export async function load() {
  const table = $('movers');
  try {
    const movers = await getJson(`/movies/movers?${new URLSearchParams({ by: 'votes', limit: LIMIT })}`);
    const { refreshes, latestAsOf } = store.get('history');
    table.tBodies[0].replaceChildren(...movers.map(row));
    table.hidden = movers.length === 0;
    showMessage($('movers-empty'), movers.length > 0 ? ''
      : refreshes < 2
        ? `No movers yet: movers need two refreshes to compare (the latest and the one before), and the service`
          + ` has seen ${refreshes === 1 ? 'one' : 'none'} so far. They appear after the next refresh that changes votes.`
        : 'No movie gained votes in the latest refresh.');
    $('movers-caption').textContent = movers.length > 0 && latestAsOf != null
      ? `Top climbers by votes gained since the previous refresh, as of ${formatAsOf(latestAsOf, true)}.`
      : 'Top climbers by votes since the previous refresh.';
    showMessage($('movers-error'), '');
  } catch (e) {
    showMessage($('movers-error'), `Could not load movers: ${e.message}`);
  }
}

function row(mover, index) {
  const tr = clickableRow(mover.tconst, state.openMovie);
  tr.dataset.delta = String(mover.delta);
  tr.title = `${intFormat.format(mover.from)} votes as of ${formatAsOf(mover.fromAsOf, true)},`
    + ` ${intFormat.format(mover.to)} as of ${formatAsOf(mover.toAsOf, true)}`;
  const title = cell('th', mover.title || mover.tconst, 'title');
  title.scope = 'row';
  if (mover.year != null) title.append(cell('span', ` (${mover.year})`, 'year'));
  tr.append(
    cell('td', String(index + 1), 'num rank'),
    title,
    cell('td', intFormat.format(mover.from), 'num'),
    cell('td', intFormat.format(mover.to), 'num'),
    cell('td', formatDelta(mover.delta), 'num gain'),
  );
  return tr;
}
