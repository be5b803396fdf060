// imdb-etl dashboard: polls /status, draws /genres as an SVG bar chart and lists /movies/top.
// Plain ES2020, no dependencies. All data reaches the page through textContent or setAttribute.
'use strict';

(() => {
  const FAST_POLL_MS = 1000; // while an ingest is RUNNING
  const SLOW_POLL_MS = 5000; // otherwise, and after an error
  const SVG_NS = 'http://www.w3.org/2000/svg';

  const $ = (id) => document.getElementById(id);
  const intFormat = new Intl.NumberFormat();
  const state = {
    movies: undefined, genres: [], tableRequest: 0, chartWidth: 0,
    pages: [null], page: 0, pageStart: 0, searchRequest: 0, searchDebounce: undefined,
  };

  // ---- helpers -------------------------------------------------------------------------------

  /** Fetches JSON; rejects with the API's own error message on a non-2xx answer. */
  async function getJson(path) {
    let response;
    try {
      response = await fetch(path, { headers: { Accept: 'application/json' }, cache: 'no-store' });
    } catch (e) {
      throw new Error(`network error (${e.message})`);
    }
    let body = null;
    try {
      body = await response.json();
    } catch {
      // not JSON; fall back to the status text below
    }
    if (!response.ok) {
      const detail = body && typeof body.message === 'string' ? body.message : response.statusText;
      throw new Error(`HTTP ${response.status}: ${detail}`);
    }
    return body;
  }

  /** Fetches a JSON page; {next} is the cursor of the rel="next" Link header, or null. */
  async function getPage(path) {
    const response = await fetch(path, { headers: { Accept: 'application/json' }, cache: 'no-store' });
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      throw new Error(`HTTP ${response.status}: ${body && body.message ? body.message : response.statusText}`);
    }
    const link = response.headers.get('Link') || '';
    const match = /<([^>]+)>;\s*rel="next"/.exec(link);
    const next = match ? new URL(match[1], window.location.href).searchParams.get('after') : null;
    return { body, next };
  }

  const pick = (obj, path) => path.split('.').reduce((o, key) => (o == null ? undefined : o[key]), obj);

  // Jackson writes an Instant either as an ISO string or as (fractional) epoch seconds.
  const toDate = (value) => (typeof value === 'number' ? new Date(value * 1000) : new Date(value));

  /** Time of day for today, short date and time otherwise. */
  function formatTime(value) {
    const date = toDate(value);
    if (Number.isNaN(date.getTime())) return String(value);
    return date.toDateString() === new Date().toDateString()
      ? date.toLocaleTimeString()
      : date.toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' });
  }

  function format(value, kind) {
    if (value === null || value === undefined || value === '') return '—';
    if (kind === 'int') return intFormat.format(Math.round(Number(value)));
    if (kind === 'bool') return value ? 'yes' : 'no';
    if (kind === 'time') return formatTime(value);
    return String(value);
  }

  function showMessage(element, message) {
    element.textContent = message || '';
    element.hidden = !message;
  }

  const humanize = (reason) => reason.toLowerCase().replace(/_/g, ' ');

  function svg(name, attributes) {
    const element = document.createElementNS(SVG_NS, name);
    for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
    return element;
  }

  function cell(tag, text, className) {
    const element = document.createElement(tag);
    element.textContent = text;
    if (className) element.className = className;
    return element;
  }

  // ---- status panel --------------------------------------------------------------------------

  function renderReasons(list, counts) {
    const entries = Object.entries(counts || {}).filter(([, n]) => n > 0);
    list.replaceChildren(...entries.map(([reason, n]) => {
      const item = cell('li', `${humanize(reason)}: `);
      item.append(cell('strong', intFormat.format(n)));
      return item;
    }));
    list.hidden = entries.length === 0;
  }

  function renderStatus(status) {
    for (const element of document.querySelectorAll('[data-field]')) {
      const value = pick(status, element.dataset.field);
      element.textContent = format(value, element.dataset.format);
      if (element.dataset.format === 'time') {
        const date = value == null ? null : toDate(value);
        element.title = date && !Number.isNaN(date.getTime()) ? date.toISOString() : '';
      }
    }
    const ingest = status.ingest || {};
    const badge = $('ingest-state');
    badge.textContent = ingest.state || 'UNKNOWN';
    badge.dataset.state = ingest.state || '';

    const percent = Math.min(100, Math.max(0, Number(ingest.percentRead) || 0));
    const bar = $('read-progress');
    bar.setAttribute('aria-valuenow', percent.toFixed(1));
    bar.firstElementChild.style.width = `${percent}%`;
    $('percent-label').textContent = `${percent.toFixed(1)} %`;
    const megabytes = (bytes) => (Number(bytes) / 1e6).toFixed(1);
    $('download-rate').textContent = ingest.bytesRead > 0
      ? `${megabytes(ingest.bytesRead)}${ingest.bytesTotal > 0 ? ` of ${megabytes(ingest.bytesTotal)}` : ''} MB`
        + (ingest.megabytesPerSecond > 0 ? `, ${Number(ingest.megabytesPerSecond).toFixed(1)} MB/s` : '')
      : '—';

    renderReasons($('rejected-reasons'), ingest.rejectedByReason);
    renderReasons($('dead-letter-reasons'), status.consumer && status.consumer.deadLetteredByReason);
    showMessage($('ingest-error'), ingest.error ? `Ingest failed: ${ingest.error}` : '');
    const snapshotError = status.snapshot && status.snapshot.lastError;
    showMessage($('snapshot-error'), snapshotError ? `Last snapshot failed: ${snapshotError}` : '');

    const store = status.store || {};
    $('global-mean').textContent = store.globalMeanRating == null ? '—'
      : `${Number(store.globalMeanRating).toFixed(2)}${store.globalMeanAuto ? ' (auto)' : ''}`;
    $('updated-at').textContent = new Date().toLocaleTimeString();
  }

  // ---- genre chart and filter ----------------------------------------------------------------

  function renderChart() {
    const box = $('genre-chart');
    const genres = state.genres;
    if (genres.length === 0) {
      box.replaceChildren(cell('p', 'No movies in the store yet.', 'muted'));
      return;
    }
    const width = Math.max(300, Math.floor(box.clientWidth));
    state.chartWidth = width;
    const rowHeight = 24, barHeight = 16, labelWidth = 112, countWidth = 52;
    const plotWidth = width - labelWidth - countWidth;
    const max = Math.max(1, ...genres.map((g) => g.movieCount));
    const chart = svg('svg', {
      width, height: genres.length * rowHeight, viewBox: `0 0 ${width} ${genres.length * rowHeight}`,
      role: 'group', 'aria-label': 'Movies per genre',
    });
    genres.forEach((g, i) => {
      const y = i * rowHeight;
      const barWidth = Math.max(2, (g.movieCount / max) * plotWidth);
      const group = svg('g', {
        class: 'bar', tabindex: 0, role: 'button',
        'aria-label': `${g.genre}: ${g.movieCount} movies; show top ${g.genre} movies`,
      });
      const label = svg('text', { x: labelWidth - 8, y: y + rowHeight / 2, class: 'bar-label' });
      label.textContent = g.genre;
      const rect = svg('rect', {
        x: labelWidth, y: y + (rowHeight - barHeight) / 2, width: barWidth, height: barHeight, rx: 3,
        'data-genre': g.genre,
      });
      const count = svg('text', { x: labelWidth + barWidth + 6, y: y + rowHeight / 2, class: 'bar-count' });
      count.textContent = intFormat.format(g.movieCount);
      group.append(label, rect, count);
      group.addEventListener('click', () => selectGenre(g.genre));
      group.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          selectGenre(g.genre);
        }
      });
      chart.append(group);
    });
    box.replaceChildren(chart);
    markSelectedBar();
  }

  function markSelectedBar() {
    const selected = $('genre-filter').value;
    for (const rect of $('genre-chart').querySelectorAll('rect[data-genre]')) {
      rect.parentNode.classList.toggle('selected', rect.getAttribute('data-genre') === selected);
    }
  }

  /** Rebuilds the genre options; returns true if the selected genre no longer exists. */
  function renderGenreOptions() {
    const select = $('genre-filter');
    const current = select.value;
    const options = [new Option('All genres', '')];
    for (const g of state.genres) options.push(new Option(`${g.genre} (${intFormat.format(g.movieCount)})`, g.genre));
    select.replaceChildren(...options);
    const stillThere = current === '' || state.genres.some((g) => g.genre === current);
    select.value = stillThere ? current : '';
    return !stillThere;
  }

  function selectGenre(genre) {
    const select = $('genre-filter');
    select.value = select.value === genre ? '' : genre; // clicking the selected bar clears the filter
    markSelectedBar();
    loadTable();
  }

  async function loadGenres() {
    try {
      const genres = await getJson('/genres');
      state.genres = Array.isArray(genres) ? genres : [];
      showMessage($('genre-error'), '');
    } catch (e) {
      showMessage($('genre-error'), `Could not load genres: ${e.message}`);
      return;
    }
    renderGenreOptions();
    renderChart();
  }

  // ---- top movies table ----------------------------------------------------------------------

  function movieRow(movie, index) {
    const row = document.createElement('tr');
    row.dataset.tconst = movie.tconst;
    row.tabIndex = 0;
    row.addEventListener('click', () => showMovie(movie.tconst));
    row.addEventListener('keydown', (event) => { if (event.key === 'Enter') showMovie(movie.tconst); });
    const title = cell('th', movie.title || movie.tconst, 'title');
    title.scope = 'row';
    if (movie.originalTitle && movie.originalTitle !== movie.title) title.title = `Original title: ${movie.originalTitle}`;
    if (movie.year != null) title.append(cell('span', ` (${movie.year})`, 'year'));
    const number = (value, digits) => (value == null ? '—' : Number(value).toFixed(digits));
    row.append(
      cell('td', String(state.pageStart + index + 1), 'num rank'),
      title,
      cell('td', (movie.genres || []).join(', ') || '—', 'genres'),
      cell('td', number(movie.averageRating, 1), 'num'),
      cell('td', movie.numVotes == null ? '—' : intFormat.format(movie.numVotes), 'num'),
      cell('td', number(movie.weightedScore, 3), 'num score'),
    );
    return row;
  }

  /** Loads page {page} of the table (0 = first); the filters start over at page 0. */
  async function loadTable(page = 0) {
    if (page === 0) state.pages = [null];
    const request = ++state.tableRequest; // answers to older requests are dropped
    const table = $('top-movies');
    const minVotes = $('min-votes');
    if (minVotes.validity.badInput) {
      showMessage($('table-error'), 'Minimum votes must be a whole number.');
      return;
    }
    const params = new URLSearchParams({ limit: $('limit').value });
    if ($('genre-filter').value) params.set('genre', $('genre-filter').value);
    if (minVotes.value.trim()) params.set('minVotes', minVotes.value.trim());
    if (state.pages[page]) params.set('after', state.pages[page]);
    table.setAttribute('aria-busy', 'true');
    try {
      const { body: movies, next } = await getPage(`/movies/top?${params}`);
      if (request !== state.tableRequest) return;
      state.page = page;
      state.pageStart = page * Number($('limit').value);
      state.pages[page + 1] = next;
      $('next-page').disabled = !next;
      $('prev-page').disabled = page === 0;
      $('page-label').textContent = `Page ${page + 1}`;
      table.tBodies[0].replaceChildren(...movies.map(movieRow));
      $('table-empty').hidden = movies.length > 0;
      showMessage($('table-error'), '');
    } catch (e) {
      if (request !== state.tableRequest) return;
      table.tBodies[0].replaceChildren();
      $('table-empty').hidden = true;
      showMessage($('table-error'), `Could not load top movies: ${e.message}`);
    } finally {
      if (request === state.tableRequest) table.removeAttribute('aria-busy');
    }
  }

  // ---- search and detail ---------------------------------------------------------------------

  async function search() {
    const request = ++state.searchRequest;
    const text = $('search-box').value.trim();
    const list = $('search-results');
    if (!text) {
      list.replaceChildren();
      showMessage($('search-error'), '');
      return;
    }
    try {
      const movies = await getJson(`/movies/search?${new URLSearchParams({ q: text, limit: 10 })}`);
      if (request !== state.searchRequest) return;
      list.replaceChildren(...movies.map((movie) => {
        const item = document.createElement('li');
        const button = document.createElement('button');
        button.type = 'button';
        button.textContent = `${movie.title || movie.tconst}${movie.year != null ? ` (${movie.year})` : ''}`;
        if (movie.originalTitle && movie.originalTitle !== movie.title) button.title = movie.originalTitle;
        button.addEventListener('click', () => showMovie(movie.tconst));
        item.append(button, cell('span', movie.numVotes == null ? ' unrated'
          : ` ${Number(movie.averageRating).toFixed(1)} · ${intFormat.format(movie.numVotes)} votes`, 'muted'));
        return item;
      }));
      if (movies.length === 0) list.replaceChildren(cell('li', 'No title matches.', 'muted'));
      showMessage($('search-error'), '');
    } catch (e) {
      if (request === state.searchRequest) showMessage($('search-error'), `Search failed: ${e.message}`);
    }
  }

  async function showMovie(tconst) {
    const panel = $('movie-detail');
    try {
      const movie = await getJson(`/movies/${encodeURIComponent(tconst)}`);
      $('detail-title').textContent = `${movie.title || movie.tconst}${movie.year != null ? ` (${movie.year})` : ''}`;
      $('detail-original').textContent = movie.originalTitle && movie.originalTitle !== movie.title
        ? `Original title: ${movie.originalTitle}` : '';
      const fields = [
        ['IMDb id', movie.tconst], ['Runtime', movie.runtimeMinutes == null ? '—' : `${movie.runtimeMinutes} min`],
        ['Genres', (movie.genres || []).join(', ') || '—'],
        ['Rating', movie.averageRating == null ? 'unrated' : Number(movie.averageRating).toFixed(1)],
        ['Votes', movie.numVotes == null ? '—' : intFormat.format(movie.numVotes)],
        ['Weighted score', movie.weightedScore == null ? '—' : Number(movie.weightedScore).toFixed(3)],
        ['Rank', movie.rank == null ? '—' : `#${intFormat.format(movie.rank)}`],
      ];
      $('detail-fields').replaceChildren(...fields.map(([name, value]) => {
        const row = document.createElement('div');
        row.append(cell('dt', name), cell('dd', String(value)));
        return row;
      }));
      const x = movie.explain;
      $('detail-explain').textContent = x
        ? `WR = v/(v+m)·R + m/(v+m)·C = ${(x.weightOfRating * 100).toFixed(1)}% of its own rating R = ${x.R}`
          + ` (v = ${intFormat.format(x.v)} votes) + ${(x.weightOfPrior * 100).toFixed(1)}% of the prior C = ${x.C}`
          + ` (m = ${intFormat.format(x.m)})`
        : 'Unrated: not ranked.';
      const ranks = Object.entries(movie.genreRanks || {});
      $('detail-genre-ranks').replaceChildren(...ranks.map(([genre, rank]) => {
        const item = cell('li', `${genre}: `);
        item.append(cell('strong', `#${intFormat.format(rank)}`));
        return item;
      }));
      $('detail-genre-ranks').hidden = ranks.length === 0;
      panel.hidden = false;
      panel.scrollIntoView({ block: 'nearest' });
    } catch (e) {
      showMessage($('search-error'), `Could not load ${tconst}: ${e.message}`);
    }
  }

  // ---- polling and wiring --------------------------------------------------------------------

  function setConnection(text, failing) {
    const element = $('connection');
    element.textContent = text;
    element.classList.toggle('failing', failing);
  }

  async function poll() {
    let delay = SLOW_POLL_MS;
    try {
      const status = await getJson('/status');
      renderStatus(status);
      if (status.ingest && status.ingest.state === 'RUNNING') delay = FAST_POLL_MS;
      const movies = status.store ? status.store.movies : null;
      if (movies !== state.movies) {
        state.movies = movies;
        await loadGenres();
        await loadTable(state.page);
      }
      setConnection(`Live · refreshing every ${delay / 1000} s`, false);
    } catch (e) {
      setConnection(`Status unavailable (${e.message}); retrying in ${delay / 1000} s`, true);
    }
    setTimeout(poll, delay);
  }

  function init() {
    let debounce;
    $('filters').addEventListener('submit', (event) => {
      event.preventDefault();
      loadTable();
    });
    $('genre-filter').addEventListener('change', () => {
      markSelectedBar();
      loadTable();
    });
    $('limit').addEventListener('change', () => loadTable());
    $('next-page').addEventListener('click', () => loadTable(state.page + 1));
    $('prev-page').addEventListener('click', () => loadTable(Math.max(0, state.page - 1)));
    $('search-box').addEventListener('input', () => {
      clearTimeout(state.searchDebounce);
      state.searchDebounce = setTimeout(search, 250);
    });
    $('detail-close').addEventListener('click', () => { $('movie-detail').hidden = true; });
    $('min-votes').addEventListener('input', () => {
      clearTimeout(debounce);
      debounce = setTimeout(loadTable, 400);
    });
    if (typeof ResizeObserver === 'function') {
      new ResizeObserver(() => {
        const width = Math.floor($('genre-chart').clientWidth);
        if (state.genres.length > 0 && Math.abs(width - state.chartWidth) > 4) renderChart();
      }).observe($('genre-chart'));
    }
    poll();
  }

  init();
})();
