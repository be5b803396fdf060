// Owns the search box, its results (search as you type, GET /movies/search) and the message line under
// it, where a movie that could not be opened is reported too.

import { getJson } from '../api.js';
import { $, cell, showMessage } from '../dom.js';
import { intFormat } from '../format.js';

const DEBOUNCE_MS = 250;
const RESULTS = 10;

// request: answers to older searches are dropped.
const state = { request: 0, debounce: undefined, openMovie: () => {} };

/** {openMovie(tconst)} opens a movie's detail. */
export function init({ openMovie }) {
  state.openMovie = openMovie;
  $('search-box').addEventListener('input', () => {
    clearTimeout(state.debounce);
    state.debounce = setTimeout(search, DEBOUNCE_MS);
  });
}

/** Shows an error under the search box (cleared by the next search). */
export function showError(message) {
  showMessage($('search-error'), message);
}

async function search() {
  const request = ++state.request;
  const text = $('search-box').value.trim();
  const list = $('search-results');
  if (!text) {
    list.replaceChildren();
    showError('');
    return;
  }
  try {
    const movies = await getJson(`/movies/search?${new URLSearchParams({ q: text, limit: RESULTS })}`);
    if (request !== state.request) return;
    list.replaceChildren(...movies.map(result));
    if (movies.length === 0) list.replaceChildren(cell('li', 'No title matches.', 'muted'));
    showError('');
  } catch (e) {
    if (request === state.request) showError(`Search failed: ${e.message}`);
  }
}

function result(movie) {
  const item = document.createElement('li');
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = `${movie.title || movie.tconst}${movie.year != null ? ` (${movie.year})` : ''}`;
  if (movie.originalTitle && movie.originalTitle !== movie.title) button.title = movie.originalTitle;
  button.addEventListener('click', () => state.openMovie(movie.tconst));
  item.append(button, cell('span', movie.numVotes == null ? ' unrated'
    : ` ${Number(movie.averageRating).toFixed(1)} · ${intFormat.format(movie.numVotes)} votes`, 'muted'));
  return item;
}
