// Owns the title panel: one title of any type but movie (movies have their detail with its history) as
// GET /titles/{tconst} has it, its rank among its type and the terms of its score; an episode's panel
// names its season and episode and links to its series.

import { getJson } from '../api.js';
import { $, cell, linkButton, showMessage } from '../dom.js';
import { explainScore, fixed, intFormat, yearSpan } from '../format.js';
import { isSeries, typeName } from '../title-types.js';
import { renderFields, renderGenreRanks } from './title-parts.js';

// shown: the tconst on the panel, or null; request: answers for an older title are dropped.
const state = { shown: null, request: 0, callbacks: {} };

/**
 * {close()} asks to close the panel; {openSeries(tconst)} opens a series' page; {isASeries(tconst)} hands a
 * title with seasons to the series page; {reportError(message)} shows a title that could not be opened.
 */
export function init(callbacks) {
  state.callbacks = callbacks;
  $('title-detail-close').addEventListener('click', () => callbacks.close());
}

/** Shows the title {tconst}, loaded afresh and scrolled to; null closes the panel. */
export async function show(tconst) {
  if (tconst == null) {
    hide();
  } else {
    await load(tconst, false);
  }
}

/** Loads the open title again after a catalogue refresh; a no-op when the panel is closed. */
export async function reload() {
  if (state.shown && !$('title-detail').hidden) await load(state.shown, true);
}

function hide() {
  $('title-detail').hidden = true;
  state.shown = null;
  state.request += 1; // a load still under way must not reopen it
}

async function load(tconst, reload) {
  const request = ++state.request;
  let title;
  try {
    title = await getJson(`/titles/${encodeURIComponent(tconst)}`);
  } catch (e) {
    if (request === state.request && !reload) {
      state.callbacks.reportError(`Could not load ${tconst}: ${e.message}`);
      hide();
    }
    return;
  }
  if (request !== state.request) return;
  if (Array.isArray(title.seasons) && !reload) { // a series: its page shows it
    hide();
    state.callbacks.isASeries(tconst);
    return;
  }
  state.shown = tconst;
  render(title);
  const panel = $('title-detail');
  panel.hidden = false;
  if (!reload) panel.scrollIntoView({ block: 'nearest' });
}

function render(title) {
  const years = yearSpan(title.year, title.endYear, isSeries(title.titleType));
  $('title-detail-title').textContent = `${title.title || title.tconst}${years ? ` (${years})` : ''}`;
  $('title-detail-original').textContent = title.originalTitle && title.originalTitle !== title.title
    ? `Original title: ${title.originalTitle}` : '';
  renderSeriesLink(title);
  renderFields($('title-detail-fields'), [
    ['IMDb id', title.tconst], ['Type', typeName(title.titleType)],
    ['Runtime', title.runtimeMinutes == null ? '—' : `${title.runtimeMinutes} min`],
    ['Genres', (title.genres || []).join(', ') || '—'],
    ['Rating', title.averageRating == null ? 'unrated' : Number(title.averageRating).toFixed(1)],
    ['Votes', title.numVotes == null ? '—' : intFormat.format(title.numVotes)],
    ['Weighted score', fixed(title.weightedScore, 3)],
    ['Rank', title.rank == null ? '—' : `#${intFormat.format(title.rank)}`],
  ]);
  $('title-detail-explain').textContent = explainScore(title.explain);
  renderGenreRanks($('title-detail-genre-ranks'), title.genreRanks);
}

/** An episode: "Season 1, episode 9 of <series>", the series a link when the catalogue holds it. */
function renderSeriesLink(title) {
  const line = $('title-detail-series');
  if (!title.series) {
    showMessage(line, '');
    return;
  }
  const place = [title.season == null ? null : `Season ${title.season}`,
    title.episode == null ? null : `episode ${title.episode}`].filter((p) => p).join(', ');
  const series = title.series;
  const link = series.title == null ? cell('span', `${series.tconst} (not in the data)`)
    : linkButton(series.title, () => state.callbacks.openSeries(series.tconst));
  link.id = 'title-detail-series-link';
  if (series.title != null) link.dataset.tconst = series.tconst;
  const lead = place ? `${place.charAt(0).toUpperCase()}${place.slice(1)} of` : 'An episode of';
  line.replaceChildren(`${lead} `, link);
  line.hidden = false;
}
