// Owns the top-movies table: its minimum-votes and page-size filters, and paging by the cursor of the
// API's Link header. The genre filter is the store's "genre"; a change of it starts over at page 1.

import { getPage } from '../api.js';
import { $, cell, clickableRow, showMessage } from '../dom.js';
import { fixed, intFormat } from '../format.js';
import * as store from '../store.js';

const MIN_VOTES_DEBOUNCE_MS = 400;

// pages[i]: the cursor of page i (null for the first); request: answers to older requests are dropped.
const state = { pages: [null], page: 0, pageStart: 0, request: 0, loaded: false, openMovie: () => {} };

/** {openMovie(tconst)} opens a movie's detail. */
export function init({ openMovie }) {
  state.openMovie = openMovie;
  let debounce;
  $('filters').addEventListener('submit', (event) => {
    event.preventDefault();
    load();
  });
  $('limit').addEventListener('change', () => load());
  $('min-votes').addEventListener('input', () => {
    clearTimeout(debounce);
    debounce = setTimeout(load, MIN_VOTES_DEBOUNCE_MS);
  });
  $('next-page').addEventListener('click', () => load(state.page + 1));
  $('prev-page').addEventListener('click', () => load(Math.max(0, state.page - 1)));
  // Before the first load the poll has not asked for the table yet; it loads with the genre then.
  store.subscribe('genre', () => { if (state.loaded) load(); });
}

/** Reloads the page shown, for a new ranking. */
export function reload() {
  return load(state.page);
}

/** Loads page {page} of the table (0 = first); the filters start over at page 0. */
async function load(page = 0) {
  state.loaded = true;
  if (page === 0) state.pages = [null];
  const request = ++state.request;
  const table = $('top-movies');
  const minVotes = $('min-votes');
  if (minVotes.validity.badInput) {
    showMessage($('table-error'), 'Minimum votes must be a whole number.');
    return;
  }
  const params = new URLSearchParams({ limit: $('limit').value });
  const genre = store.get('genre');
  if (genre) params.set('genre', genre);
  if (minVotes.value.trim()) params.set('minVotes', minVotes.value.trim());
  if (state.pages[page]) params.set('after', state.pages[page]);
  table.setAttribute('aria-busy', 'true');
  try {
    const { body: movies, next } = await getPage(`/movies/top?${params}`);
    if (request !== state.request) return;
    state.page = page;
    state.pageStart = page * Number($('limit').value);
    state.pages[page + 1] = next;
    $('next-page').disabled = !next;
    $('prev-page').disabled = page === 0;
    $('page-label').textContent = `Page ${page + 1}`;
    table.tBodies[0].replaceChildren(...movies.map(row));
    $('table-empty').hidden = movies.length > 0;
    showMessage($('table-error'), '');
  } catch (e) {
    if (request !== state.request) return;
    table.tBodies[0].replaceChildren();
    $('table-empty').hidden = true;
    showMessage($('table-error'), `Could not load top movies: ${e.message}`);
  } finally {
    if (request === state.request) table.removeAttribute('aria-busy');
  }
}

function row(movie, index) {
  const tr = clickableRow(movie.tconst, state.openMovie);
  const title = cell('th', movie.title || movie.tconst, 'title');
  title.scope = 'row';
  if (movie.originalTitle && movie.originalTitle !== movie.title) title.title = `Original title: ${movie.originalTitle}`;
  if (movie.year != null) title.append(cell('span', ` (${movie.year})`, 'year'));
  tr.append(
    cell('td', String(state.pageStart + index + 1), 'num rank'),
    title,
    cell('td', (movie.genres || []).join(', ') || '—', 'genres'),
    cell('td', fixed(movie.averageRating, 1), 'num'),
    cell('td', movie.numVotes == null ? '—' : intFormat.format(movie.numVotes), 'num'),
    cell('td', fixed(movie.weightedScore, 3), 'num score'),
  );
  return tr;
}
