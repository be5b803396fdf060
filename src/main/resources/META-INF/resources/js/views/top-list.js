// Owns the top list: its minimum-votes and page-size filters, and paging by the cursor of the API's Link
// header. The genre filter is the store's "genre", the title types the store's "type" (movies read
// /movies/top, the other choices /titles/top?type=); a change of either starts over at page 1.

import { getPage } from '../api.js';
import { $, cell, clickableRow, showMessage } from '../dom.js';
import { fixed, intFormat, yearSpan } from '../format.js';
import * as store from '../store.js';
import { isMovies, isSeries, typeName } from '../title-types.js';

const MIN_VOTES_DEBOUNCE_MS = 400;

// pages[i]: the cursor of page i (null for the first); request: answers to older requests are dropped.
const state = { pages: [null], page: 0, pageStart: 0, request: 0, loaded: false, openTitle: () => {} };

/** {openTitle(tconst, titleType)} opens a title: a movie's detail, a series' page, any other's panel. */
export function init({ openTitle }) {
  state.openTitle = openTitle;
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
  store.subscribe('type', () => {
    showType();
    if (state.loaded) load();
  });
  showType();
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
  const type = store.get('type');
  const params = new URLSearchParams(isMovies(type) ? {} : { type: type.types.join(',') });
  params.set('limit', $('limit').value);
  const genre = store.get('genre');
  if (genre) params.set('genre', genre);
  if (minVotes.value.trim()) params.set('minVotes', minVotes.value.trim());
  if (state.pages[page]) params.set('after', state.pages[page]);
  table.setAttribute('aria-busy', 'true');
  try {
    const { body: titles, next } = await getPage(`${isMovies(type) ? '/movies/top' : '/titles/top'}?${params}`);
    if (request !== state.request) return;
    state.page = page;
    state.pageStart = page * Number($('limit').value);
    state.pages[page + 1] = next;
    $('next-page').disabled = !next;
    $('prev-page').disabled = page === 0;
    $('page-label').textContent = `Page ${page + 1}`;
    table.tBodies[0].replaceChildren(...titles.map((title, index) => row(title, index, type)));
    $('table-empty').hidden = titles.length > 0;
    showMessage($('table-error'), '');
  } catch (e) {
    if (request !== state.request) return;
    table.tBodies[0].replaceChildren();
    $('table-empty').hidden = true;
    showMessage($('table-error'), `Could not load top ${type.noun}: ${e.message}`);
  } finally {
    if (request === state.request) table.removeAttribute('aria-busy');
  }
}

/** The heading, caption and empty message name the titles the switch shows. */
function showType() {
  const { noun } = store.get('type');
  $('top-title').textContent = `Top ${noun}`;
  $('top-caption').textContent = `Top ${noun} by weighted score`;
  $('table-empty').textContent = `No rated ${noun} match these filters.`;
}

/** A movie reads as before; another title has its years as a span and, in a list of several types, its type. */
function row(title, index, type) {
  const titleType = title.titleType || 'movie'; // /movies/top lists movies only, without a titleType
  const tr = clickableRow(title.tconst, (tconst) => state.openTitle(tconst, titleType));
  const name = cell('th', title.title || title.tconst, 'title');
  name.scope = 'row';
  if (title.originalTitle && title.originalTitle !== title.title) name.title = `Original title: ${title.originalTitle}`;
  const years = isMovies(type) ? (title.year == null ? '' : String(title.year))
    : yearSpan(title.year, title.endYear, isSeries(titleType));
  if (years) name.append(cell('span', ` (${years})`, 'year'));
  if (type.types.length > 1) name.append(cell('span', typeName(titleType), 'type-tag'));
  tr.append(
    cell('td', String(state.pageStart + index + 1), 'num rank'),
    name,
    cell('td', (title.genres || []).join(', ') || '—', 'genres'),
    cell('td', fixed(title.averageRating, 1), 'num'),
    cell('td', title.numVotes == null ? '—' : intFormat.format(title.numVotes), 'num'),
    cell('td', fixed(title.weightedScore, 3), 'num score'),
  );
  return tr;
}
