// Owns the movie detail panel: one movie's fields, rank and score explanation, genre ranks, the notice of
// a movie the data dropped, and the close button. Its rating history is drawn by history-chart.js.

import { getJson } from '../api.js';
import { $, showMessage } from '../dom.js';
import { explainScore, formatAsOf, intFormat } from '../format.js';
import * as historyChart from './history-chart.js';
import { renderFields as renderTitleFields, renderGenreRanks } from './title-parts.js';

// shown: the tconst on the panel, or null; request: answers to an older movie are dropped.
const state = { shown: null, request: 0, reportError: () => {} };

/** {close()} asks to close the panel; {reportError(message)} shows a movie that could not be opened. */
export function init({ close, reportError }) {
  state.reportError = reportError;
  $('detail-close').addEventListener('click', () => close());
  historyChart.init();
}

/**
 * Shows the movie {tconst}, loaded afresh and scrolled to (also when it is the one already open: it was
 * asked for again); null closes the panel.
 */
export async function show(tconst) {
  if (tconst == null) {
    hide();
  } else {
    await load(tconst, false);
  }
}

/** Loads the open movie again after a refresh changed the history; a no-op when the panel is closed. */
export async function reload() {
  if (state.shown && !$('movie-detail').hidden) await load(state.shown, true);
}

function hide() {
  $('movie-detail').hidden = true;
  state.shown = null;
  state.request += 1; // a load still under way must not reopen it
}

/**
 * Loads a movie with its history. {reload}: the panel is already open on it and a refresh changed the
 * history; a movie the refresh removed keeps its panel, marked removed.
 */
async function load(tconst, reload) {
  const request = ++state.request;
  const id = encodeURIComponent(tconst);
  const [movie, history] = await Promise.allSettled([getJson(`/movies/${id}`), getJson(`/movies/${id}/history`)]);
  if (request !== state.request) return;
  const points = history.status === 'fulfilled' && Array.isArray(history.value) ? history.value : null;
  const last = points && points.length > 0 ? points[points.length - 1] : null;
  if (movie.status === 'fulfilled') {
    renderMovie(movie.value);
    showMessage($('detail-removed'), '');
  } else if (movie.reason.status === 404 && last && last.event === 'REMOVED') {
    renderRemoved(tconst, points, last);
  } else {
    if (!reload) {
      state.reportError(`Could not load ${tconst}: ${movie.reason.message}`);
      hide(); // the route names a movie that cannot be shown: no other movie stays on the panel instead
    }
    return;
  }
  state.shown = tconst;
  if (points) {
    historyChart.show(points);
  } else {
    historyChart.showMessage(history.status === 'rejected' && history.reason.status === 404
      ? 'No history yet: no refresh has recorded this movie.'
      : `Could not load the history: ${history.status === 'rejected' ? history.reason.message : 'not a list'}`);
  }
  const panel = $('movie-detail');
  panel.hidden = false;
  if (!reload) panel.scrollIntoView({ block: 'nearest' });
}

function renderMovie(movie) {
  $('detail-title').textContent = `${movie.title || movie.tconst}${movie.year != null ? ` (${movie.year})` : ''}`;
  $('detail-original').textContent = movie.originalTitle && movie.originalTitle !== movie.title
    ? `Original title: ${movie.originalTitle}` : '';
  renderFields([
    ['IMDb id', movie.tconst], ['Runtime', movie.runtimeMinutes == null ? '—' : `${movie.runtimeMinutes} min`],
    ['Genres', (movie.genres || []).join(', ') || '—'],
    ['Rating', movie.averageRating == null ? 'unrated' : Number(movie.averageRating).toFixed(1)],
    ['Votes', movie.numVotes == null ? '—' : intFormat.format(movie.numVotes)],
    ['Weighted score', movie.weightedScore == null ? '—' : Number(movie.weightedScore).toFixed(3)],
    ['Rank', movie.rank == null ? '—' : `#${intFormat.format(movie.rank)}`],
  ]);
  $('detail-explain').textContent = explainScore(movie.explain);
  renderGenreRanks($('detail-genre-ranks'), movie.genreRanks);
}

/** A movie the data dropped: its rank and score are gone with it, the fields keep its last values. */
function renderRemoved(tconst, points, last) {
  if (state.shown !== tconst) {
    $('detail-title').textContent = tconst;
    $('detail-original').textContent = '';
  }
  const rated = points.filter((p) => p.numVotes != null);
  const lastRated = rated[rated.length - 1];
  renderFields([['IMDb id', tconst],
    ['Last rating', lastRated ? Number(lastRated.averageRating).toFixed(1) : '—'],
    ['Last votes', lastRated ? intFormat.format(lastRated.numVotes) : '—']]);
  $('detail-genre-ranks').hidden = true;
  $('detail-explain').textContent = '';
  showMessage($('detail-removed'), `Removed from the IMDb data as of ${formatAsOf(last.asOf, true)}; its history is kept.`);
}

function renderFields(fields) {
  renderTitleFields($('detail-fields'), fields);
}
