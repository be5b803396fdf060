// imdb-etl dashboard: polls /status, draws /genres as an SVG bar chart and lists /movies/top.
// Plain ES2020, no dependencies. All data reaches the page through textContent or setAttribute.
'use strict';

(() => {
  const FAST_POLL_MS = 1000; // while an ingest is RUNNING
  const SLOW_POLL_MS = 5000; // otherwise, and after an error
  const SVG_NS = 'http://www.w3.org/2000/svg';

  const $ = (id) => document.getElementById(id);
  const intFormat = new Intl.NumberFormat();
  const state = { movies: undefined, genres: [], tableRequest: 0, chartWidth: 0 };

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
    const title = cell('th', movie.title || movie.tconst, 'title');
    title.scope = 'row';
    if (movie.originalTitle && movie.originalTitle !== movie.title) title.title = `Original title: ${movie.originalTitle}`;
    if (movie.year != null) title.append(cell('span', ` (${movie.year})`, 'year'));
    const number = (value, digits) => (value == null ? '—' : Number(value).toFixed(digits));
    row.append(
      cell('td', String(index + 1), 'num rank'),
      title,
      cell('td', (movie.genres || []).join(', ') || '—', 'genres'),
      cell('td', number(movie.averageRating, 1), 'num'),
      cell('td', movie.numVotes == null ? '—' : intFormat.format(movie.numVotes), 'num'),
      cell('td', number(movie.weightedScore, 3), 'num score'),
    );
    return row;
  }

  async function loadTable() {
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
    table.setAttribute('aria-busy', 'true');
    try {
      const movies = await getJson(`/movies/top?${params}`);
      if (request !== state.tableRequest) return;
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
        await loadTable();
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
    $('limit').addEventListener('change', loadTable);
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
