// Owns the series page: a series' fields, its seasons table, the episode-ratings grid (episode-grid.js)
// and the episodes the grid has no cell for, listed after it. Every episode is loaded, page by page.

import { getAllPages, getJson } from '../api.js';
import { $, cell, clickable, showMessage } from '../dom.js';
import { explainScore, fixed, intFormat, yearSpan } from '../format.js';
import { typeName } from '../title-types.js';
import * as episodeGrid from './episode-grid.js';
import { renderFields, renderGenreRanks } from './title-parts.js';

// The API's largest page; MAX_PAGES of them bound what one series may load (a million episodes).
const PAGE_SIZE = 1000;
const MAX_PAGES = 1000;

// shown: the tconst on the page, or null; request: answers for an older series are dropped.
const state = { shown: null, request: 0, callbacks: {} };

/**
 * {close()} asks to close the page; {openEpisode(tconst)} opens an episode's panel; {notASeries(tconst)}
 * hands a title without episodes to the title panel; {reportError(message)} shows a series that could not
 * be opened.
 */
export function init(callbacks) {
  state.callbacks = callbacks;
  $('series-close').addEventListener('click', () => callbacks.close());
}

/** Shows the series {tconst}, loaded afresh and scrolled to; null closes the page. */
export async function show(tconst) {
  if (tconst == null) {
    hide();
  } else {
    await load(tconst, false);
  }
}

/** Loads the open series again after a catalogue refresh; a no-op when the page is closed. */
export async function reload() {
  if (state.shown && !$('series-page').hidden) await load(state.shown, true);
}

function hide() {
  $('series-page').hidden = true;
  state.shown = null;
  state.request += 1; // a load still under way must not reopen it
}

/** {reload}: the page is already open on it; a failure then leaves what it shows. */
async function load(tconst, reload) {
  const request = ++state.request;
  const id = encodeURIComponent(tconst);
  if (!reload) showMessage($('series-loading'), 'Loading episodes…');
  const [title, episodes] = await Promise.allSettled([getJson(`/titles/${id}`),
    getAllPages(`/titles/${id}/episodes?limit=${PAGE_SIZE}`, MAX_PAGES)]);
  if (request !== state.request) return;
  showMessage($('series-loading'), '');
  if (title.status === 'rejected') {
    if (!reload) {
      state.callbacks.reportError(`Could not load ${tconst}: ${title.reason.message}`);
      hide();
    }
    return;
  }
  if (!Array.isArray(title.value.seasons)) { // not a series: the API lists no seasons for it
    hide();
    state.callbacks.notASeries(tconst);
    return;
  }
  state.shown = tconst;
  renderSeries(title.value);
  if (episodes.status === 'fulfilled') {
    renderEpisodes(episodes.value.items);
    showMessage($('series-error'), episodes.value.complete ? ''
      : `Only the first ${intFormat.format(episodes.value.items.length)} episodes are shown.`);
  } else {
    renderEpisodes([]);
    showMessage($('series-error'), `Could not load the episodes: ${episodes.reason.message}`);
  }
  const page = $('series-page');
  page.hidden = false;
  if (!reload) page.scrollIntoView({ block: 'nearest' });
}

function renderSeries(series) {
  const years = yearSpan(series.year, series.endYear, true);
  $('series-title').textContent = `${series.title || series.tconst}${years ? ` (${years})` : ''}`;
  $('series-original').textContent = series.originalTitle && series.originalTitle !== series.title
    ? `Original title: ${series.originalTitle}` : '';
  renderFields($('series-fields'), [
    ['IMDb id', series.tconst], ['Type', typeName(series.titleType)], ['Years', years || '—'],
    ['Genres', (series.genres || []).join(', ') || '—'],
    ['Rating', series.averageRating == null ? 'unrated' : Number(series.averageRating).toFixed(1)],
    ['Votes', series.numVotes == null ? '—' : intFormat.format(series.numVotes)],
    ['Weighted score', fixed(series.weightedScore, 3)],
    ['Rank', series.rank == null ? '—' : `#${intFormat.format(series.rank)}`],
    ['Episodes', intFormat.format(series.episodeCount || 0)],
    ['Seasons', intFormat.format(series.seasons.length)],
  ]);
  $('series-explain').textContent = explainScore(series.explain);
  renderGenreRanks($('series-genre-ranks'), series.genreRanks);
  $('series-seasons').tBodies[0].replaceChildren(...series.seasons.map((s) => {
    const tr = document.createElement('tr');
    tr.dataset.season = String(s.season);
    const season = cell('th', String(s.season), 'num');
    season.scope = 'row';
    tr.append(season, cell('td', intFormat.format(s.episodes), 'num'), cell('td', intFormat.format(s.ratedEpisodes), 'num'),
      cell('td', fixed(s.averageRating, 2), 'num score'));
    return tr;
  }));
  $('series-seasons').hidden = series.seasons.length === 0;
  $('series-no-seasons').hidden = series.seasons.length > 0;
}

function renderEpisodes(episodes) {
  const outside = episodeGrid.render($('episode-grid'), episodes, state.callbacks.openEpisode);
  $('grid-empty').hidden = !$('episode-grid').hidden;
  $('series-outside').replaceChildren(...outside.map((episode) => {
    const item = clickable(document.createElement('li'), episode.tconst, state.callbacks.openEpisode);
    const numbers = [episode.season == null ? null : `S${episode.season}`, episode.episode == null ? null : `E${episode.episode}`]
      .filter((n) => n).join(' ');
    item.append(cell('span', numbers ? `${numbers} ` : '', 'muted'), cell('span', episode.title || episode.tconst, 'title'),
      cell('span', `${episode.year != null ? ` (${episode.year})` : ''} · `, 'muted'),
      cell('span', episode.averageRating == null ? 'unrated' : fixed(episode.averageRating, 1),
        `rating ${episodeGrid.ratingClass(episode.averageRating)}`));
    return item;
  }));
  $('series-outside-section').hidden = outside.length === 0;
}
