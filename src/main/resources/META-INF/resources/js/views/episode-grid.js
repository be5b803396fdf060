// Owns the episode-ratings grid of the series page: a row per season, a column per episode number, each
// cell the episode's rating coloured by its band (CSS classes r-0 to r-9, r-none when unrated: the CSP
// allows no inline styles), its title in the cell's title attribute; a click opens the episode.

import { cell, clickable } from '../dom.js';
import { fixed } from '../format.js';

// Columns stop here, so that a daily show numbered in the thousands cannot build a table of that width;
// its episodes beyond go to the list after the grid with the unnumbered ones.
export const MAX_COLUMNS = 100;

/** The rating band's class: r-8 for 8.0-8.9, r-9 for 9.0-10.0, r-none when unrated. */
export function ratingClass(rating) {
  if (rating == null) return 'r-none';
  return `r-${Math.min(9, Math.max(0, Math.floor(Number(rating))))}`;
}

/**
 * Draws {episodes} (as /titles/{tconst}/episodes lists them) into {table}; {open(tconst)} opens one.
 * Returns the episodes that have no cell: no season or episode number, a number past MAX_COLUMNS, or a
 * place another episode already took (the first in the API's order keeps it).
 */
export function render(table, episodes, open) {
  const placed = new Map(); // season -> Map(episode number -> episode)
  const outside = [];
  for (const episode of episodes) {
    const { season, episode: number } = episode;
    const row = season == null ? null : placed.get(season) || new Map();
    if (row == null || number == null || number < 0 || number > MAX_COLUMNS || row.has(number)) {
      outside.push(episode);
      continue;
    }
    row.set(number, episode);
    placed.set(season, row);
  }
  const seasons = [...placed.keys()].sort((a, b) => a - b);
  const numbers = [...placed.values()].flatMap((row) => [...row.keys()]);
  const first = Math.min(1, ...numbers); // an episode 0 (a pilot, a special) gets a column of its own
  const last = Math.max(0, ...numbers);
  const columns = Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => first + i);

  const head = document.createElement('tr');
  const corner = cell('th', 'Season', 'corner');
  corner.scope = 'col';
  head.append(corner, ...columns.map((number) => {
    const th = cell('th', String(number), 'num');
    th.scope = 'col';
    return th;
  }));
  table.tHead.replaceChildren(head);
  table.tBodies[0].replaceChildren(...seasons.map((season) => {
    const tr = document.createElement('tr');
    tr.dataset.season = String(season);
    const label = cell('th', String(season), 'num');
    label.scope = 'row';
    tr.append(label, ...columns.map((number) => episodeCell(placed.get(season).get(number), season, number, open)));
    return tr;
  }));
  table.hidden = seasons.length === 0;
  return outside;
}

function episodeCell(episode, season, number, open) {
  if (!episode) return cell('td', '', 'ep ep-missing');
  const td = clickable(cell('td', fixed(episode.averageRating, 1), `ep ${ratingClass(episode.averageRating)}`),
    episode.tconst, open);
  td.dataset.season = String(season);
  td.dataset.episode = String(number);
  if (episode.averageRating != null) td.dataset.rating = String(episode.averageRating);
  td.title = episode.title || episode.tconst;
  td.setAttribute('aria-label', `Season ${season} episode ${number}, ${episode.title || episode.tconst}: `
    + `${episode.averageRating == null ? 'unrated' : `rated ${fixed(episode.averageRating, 1)}`}`);
  return td;
}
