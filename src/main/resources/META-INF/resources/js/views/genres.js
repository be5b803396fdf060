// Owns the titles-per-genre bar chart and the genre filter's <select>: both show the selected genre (the
// store's "genre", which the route sets) and ask to change it through the select callback given to init.
// They count the titles of the store's "type": movies from /genres, the other choices from /genres?type=.

import { getJson } from '../api.js';
import { $, cell, onWidthChange, showMessage, svg } from '../dom.js';
import { intFormat } from '../format.js';
import * as store from '../store.js';
import { isMovies } from '../title-types.js';

const ROW_HEIGHT = 24;
const BAR_HEIGHT = 16;
const LABEL_WIDTH = 112;
const COUNT_WIDTH = 52;

// genres: [{genre, count}] of the type loaded; request: answers for an older type are dropped.
const state = { genres: [], chartWidth: 0, select: () => {}, request: 0, loaded: false };

/**
 * {select(genre, {replace})} changes the selected genre (null for all); replace corrects the current
 * route instead of adding a step to the browser's history.
 */
export function init({ select }) {
  state.select = select;
  $('genre-filter').addEventListener('change', (event) => select(event.target.value || null));
  store.subscribe('genre', () => {
    showSelected();
    checkSelected();
  });
  onWidthChange($('genre-chart'), () => (state.genres.length > 0 ? state.chartWidth : 0), renderChart);
  // Before the first load the poll has not asked for the genres yet; it loads them for the type then.
  store.subscribe('type', () => { if (state.loaded) load(); });
}

/** Loads the genres of the store's type and redraws the chart and the options. */
export async function load() {
  state.loaded = true;
  const request = ++state.request;
  const type = store.get('type');
  $('genres-title').textContent = `${type.plural} per genre`;
  try {
    const genres = isMovies(type) ? await getJson('/genres')
      : await getJson(`/genres?${new URLSearchParams({ type: type.types.join(',') })}`);
    if (request !== state.request) return;
    state.genres = counts(Array.isArray(genres) ? genres : []);
    showMessage($('genre-error'), '');
  } catch (e) {
    if (request === state.request) showMessage($('genre-error'), `Could not load genres: ${e.message}`);
    return;
  }
  renderOptions();
  renderChart();
  checkSelected();
}

/**
 * One {genre, count} per genre, biggest first, then by name. /genres has {genre, movieCount}; /genres?type=
 * has {titleType, genre, titleCount} per type asked for, whose counts add up over a choice of several types.
 */
function counts(rows) {
  const byGenre = new Map();
  for (const row of rows) byGenre.set(row.genre, (byGenre.get(row.genre) || 0) + Number(row.movieCount ?? row.titleCount ?? 0));
  return [...byGenre].map(([genre, count]) => ({ genre, count }))
    .sort((a, b) => b.count - a.count || (a.genre < b.genre ? -1 : a.genre > b.genre ? 1 : 0));
}

/**
 * The API matches a genre case-insensitively; the route takes its spelling from /genres. A genre the
 * store no longer has (or never had) is dropped, unless no genre is known yet at all. Both corrections
 * replace the route rather than adding a step to go back to.
 */
function checkSelected() {
  const selected = store.get('genre');
  if (selected == null || state.genres.length === 0) return;
  const known = state.genres.find((g) => g.genre.toLowerCase() === selected.toLowerCase());
  if (!known || known.genre !== selected) state.select(known ? known.genre : null, { replace: true });
}

/** Clicking the selected bar clears the filter; clicking another selects it. */
function toggle(genre) {
  state.select(store.get('genre') === genre ? null : genre);
}

function renderChart() {
  const box = $('genre-chart');
  const genres = state.genres;
  if (genres.length === 0) {
    box.replaceChildren(cell('p', `No ${store.get('type').noun} in the store yet.`, 'muted'));
    return;
  }
  const width = Math.max(300, Math.floor(box.clientWidth));
  state.chartWidth = width;
  const plotWidth = width - LABEL_WIDTH - COUNT_WIDTH;
  const max = Math.max(1, ...genres.map((g) => g.count));
  const { noun } = store.get('type');
  const chart = svg('svg', {
    width, height: genres.length * ROW_HEIGHT, viewBox: `0 0 ${width} ${genres.length * ROW_HEIGHT}`,
    role: 'group', 'aria-label': `${store.get('type').plural} per genre`,
  });
  genres.forEach((g, i) => {
    const y = i * ROW_HEIGHT;
    const barWidth = Math.max(2, (g.count / max) * plotWidth);
    const group = svg('g', {
      class: 'bar', tabindex: 0, role: 'button',
      'aria-label': `${g.genre}: ${g.count} ${noun}; show top ${g.genre} ${noun}`,
    });
    const label = svg('text', { x: LABEL_WIDTH - 8, y: y + ROW_HEIGHT / 2, class: 'bar-label' });
    label.textContent = g.genre;
    const rect = svg('rect', {
      x: LABEL_WIDTH, y: y + (ROW_HEIGHT - BAR_HEIGHT) / 2, width: barWidth, height: BAR_HEIGHT, rx: 3,
      'data-genre': g.genre,
    });
    const count = svg('text', { x: LABEL_WIDTH + barWidth + 6, y: y + ROW_HEIGHT / 2, class: 'bar-count' });
    count.textContent = intFormat.format(g.count);
    group.append(label, rect, count);
    group.addEventListener('click', () => toggle(g.genre));
    group.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        toggle(g.genre);
      }
    });
    chart.append(group);
  });
  box.replaceChildren(chart);
  showSelected();
}

/** Rebuilds the options, one per genre with its count, keeping the selected one. */
function renderOptions() {
  const options = [new Option('All genres', '')];
  for (const g of state.genres) options.push(new Option(`${g.genre} (${intFormat.format(g.count)})`, g.genre));
  $('genre-filter').replaceChildren(...options);
  showSelected();
}

/** The select and the highlighted bar follow the store's genre. */
function showSelected() {
  const selected = store.get('genre') || '';
  const select = $('genre-filter');
  select.value = selected;
  if (select.value !== selected) select.value = ''; // not among the options (yet)
  for (const rect of $('genre-chart').querySelectorAll('rect[data-genre]')) {
    rect.parentNode.classList.toggle('selected', rect.getAttribute('data-genre') === selected);
  }
}
