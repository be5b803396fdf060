// imdb-etl dashboard: polls /status, draws /genres as an SVG bar chart, lists /movies/top and the movers,
// and charts a clicked movie's history.
// Plain ES2020, no dependencies. All data reaches the page through textContent or setAttribute.
'use strict';

(() => {
  const FAST_POLL_MS = 1000; // while an ingest is RUNNING
  const SLOW_POLL_MS = 5000; // otherwise, and after an error
  const SVG_NS = 'http://www.w3.org/2000/svg';
  const MOVERS_LIMIT = 10;

  const $ = (id) => document.getElementById(id);
  const intFormat = new Intl.NumberFormat();
  const state = {
    movies: undefined, genres: [], tableRequest: 0, chartWidth: 0,
    pages: [null], page: 0, pageStart: 0, searchRequest: 0, searchDebounce: undefined,
    // history: the last /status history seen, the one the movers and the open detail were loaded for
    historySeen: undefined, historyLoaded: undefined, refreshes: 0, latestAsOf: null,
    detail: null, detailRequest: 0, detailPoints: null, historyWidth: 0,
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
      throw Object.assign(new Error(`HTTP ${response.status}: ${detail}`), { status: response.status });
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

  function renderDetail(movie) {
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
  }

  /**
   * Opens the detail panel of a movie with its history. {reload}: the panel is already open on it and a
   * refresh changed the history; a movie the refresh removed keeps its panel, marked removed.
   */
  async function showMovie(tconst, reload = false) {
    const request = ++state.detailRequest; // answers to an older click are dropped
    const id = encodeURIComponent(tconst);
    const [movie, history] = await Promise.allSettled([getJson(`/movies/${id}`), getJson(`/movies/${id}/history`)]);
    if (request !== state.detailRequest) return;
    const points = history.status === 'fulfilled' && Array.isArray(history.value) ? history.value : null;
    const last = points && points.length > 0 ? points[points.length - 1] : null;
    if (movie.status === 'fulfilled') {
      renderDetail(movie.value);
      showMessage($('detail-removed'), '');
    } else if (movie.reason.status === 404 && last && last.event === 'REMOVED') {
      // Its rank and score are gone with it: the fields keep its last values, from the history.
      if (state.detail !== tconst) {
        $('detail-title').textContent = tconst;
        $('detail-original').textContent = '';
      }
      const rated = points.filter((p) => p.numVotes != null);
      const lastRated = rated[rated.length - 1];
      const fields = [['IMDb id', tconst],
        ['Last rating', lastRated ? Number(lastRated.averageRating).toFixed(1) : '—'],
        ['Last votes', lastRated ? intFormat.format(lastRated.numVotes) : '—']];
      $('detail-fields').replaceChildren(...fields.map(([name, value]) => {
        const row = document.createElement('div');
        row.append(cell('dt', name), cell('dd', value));
        return row;
      }));
      $('detail-genre-ranks').hidden = true;
      $('detail-explain').textContent = '';
      showMessage($('detail-removed'), `Removed from the IMDb data as of ${formatAsOf(last.asOf, true)}; its history is kept.`);
    } else {
      if (!reload) showMessage($('search-error'), `Could not load ${tconst}: ${movie.reason.message}`);
      return;
    }
    state.detail = tconst;
    state.detailPoints = points;
    if (points) {
      renderHistory();
    } else {
      state.detailPoints = [];
      $('history-chart').replaceChildren();
      $('history-summary').textContent = history.status === 'rejected' && history.reason.status === 404
        ? 'No history yet: no refresh has recorded this movie.'
        : `Could not load the history: ${history.status === 'rejected' ? history.reason.message : 'not a list'}`;
    }
    const panel = $('movie-detail');
    panel.hidden = false;
    if (!reload) panel.scrollIntoView({ block: 'nearest' });
  }

  // ---- history chart -------------------------------------------------------------------------

  // asOf is a dataset version, dated in UTC like the movers' since parameter.
  const dayFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const fullDayFormat = new Intl.DateTimeFormat(undefined,
    { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  const minuteFormat = new Intl.DateTimeFormat(undefined,
    { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short' });
  const utcDay = (time) => new Date(time).toISOString().slice(0, 10);
  const compactFormat = new Intl.NumberFormat(undefined, { notation: 'compact', maximumSignificantDigits: 4 });

  /** The UTC day of an asOf, with its year if {withYear}; with {withTime} the day and the time of day. */
  function formatAsOf(value, withYear, withTime = false) {
    const date = toDate(value);
    if (Number.isNaN(date.getTime())) return String(value);
    if (withTime) return minuteFormat.format(date);
    return (withYear ? fullDayFormat : dayFormat).format(date);
  }

  /** Round ticks (1, 2 or 5 times a power of ten) over [min, max], about {count} of them. */
  function niceTicks(min, max, count) {
    if (min === max) {
      const pad = Math.max(1, Math.abs(min) * 0.05);
      min = Math.max(0, min - pad);
      max += pad;
    }
    const raw = (max - min) / count;
    const magnitude = 10 ** Math.floor(Math.log10(raw));
    const step = [1, 2, 5, 10].map((f) => f * magnitude).find((s) => s >= raw * 0.999);
    const lo = Math.floor(min / step) * step;
    const hi = Math.ceil(max / step) * step;
    const ticks = [];
    for (let i = 0; lo + i * step <= hi + step / 2; i += 1) ticks.push(lo + i * step);
    return { lo, hi, ticks };
  }

  /** Labels for vote ticks: compact (1.2M) unless that would show two ticks alike. */
  function voteLabels(ticks) {
    const compact = ticks.map((t) => compactFormat.format(t));
    return new Set(compact).size === compact.length ? compact : ticks.map((t) => intFormat.format(t));
  }

  function describePoint(point) {
    const values = [];
    if (point.averageRating != null) values.push(`rating ${Number(point.averageRating).toFixed(1)}`);
    if (point.numVotes != null) values.push(`${intFormat.format(point.numVotes)} votes`);
    if (point.weightedScore != null) values.push(`weighted ${Number(point.weightedScore).toFixed(3)}`);
    const event = { NEW: 'new', CHANGED: 'changed', REMOVED: 'removed' }[point.event] || String(point.event).toLowerCase();
    return `${event}${values.length ? `: ${values.join(', ')}` : point.event === 'REMOVED' ? '' : ': unrated'}`;
  }

  function historySummary(points, withTime) {
    if (points.length === 0) return 'No history yet.';
    const first = points[0];
    const last = points[points.length - 1];
    if (points.length === 1) {
      return `One point so far, ${formatAsOf(first.asOf, true, withTime)}: ${describePoint(first)}.`
        + ' A point is added by every refresh that changes this movie.';
    }
    const rated = points.filter((p) => p.averageRating != null && p.numVotes != null);
    let text = `${points.length} points from ${formatAsOf(first.asOf, true, withTime)}`
      + ` to ${formatAsOf(last.asOf, true, withTime)}`;
    if (rated.length > 1) {
      const a = rated[0];
      const b = rated[rated.length - 1];
      const gained = b.numVotes - a.numVotes;
      text += `: rating ${Number(a.averageRating).toFixed(1)} → ${Number(b.averageRating).toFixed(1)},`
        + ` votes ${intFormat.format(a.numVotes)} → ${intFormat.format(b.numVotes)}`
        + ` (${gained >= 0 ? '+' : '−'}${intFormat.format(Math.abs(gained))})`;
    } else if (rated.length === 1) {
      text += `: rated once, ${Number(rated[0].averageRating).toFixed(1)} with ${intFormat.format(rated[0].numVotes)} votes`;
    } else {
      text += ': never rated';
    }
    return `${text}.${last.event === 'REMOVED' ? ' Then removed from the data.' : ''}`;
  }

  /**
   * The open movie's history as two step lines (a value holds until the next point changes it): rating
   * on a 0-10 axis at the left, votes on their own axis at the right, time along the bottom. One group
   * per point (g.point) with its markers; a REMOVED point is a cross on the time axis.
   */
  function renderHistory() {
    const box = $('history-chart');
    const points = (state.detailPoints || [])
      .map((p) => ({ ...p, time: toDate(p.asOf).getTime() }))
      .filter((p) => !Number.isNaN(p.time));
    const times = points.map((p) => p.time);
    const start = Math.min(...times);
    const latest = state.latestAsOf == null ? NaN : toDate(state.latestAsOf).getTime();
    const lastPoint = points[points.length - 1];
    // A value still holds at the latest refresh unless the movie was removed.
    const end = Math.max(...times, lastPoint && lastPoint.event !== 'REMOVED' && latest > start ? latest : -Infinity);
    const span = end - start;
    // Daily refreshes are told apart by their day; refreshes closer than that by their time of day.
    const withTime = new Set(times.map(utcDay)).size < new Set(times).size;
    $('history-summary').textContent = historySummary(points, withTime);
    if (points.length === 0) {
      box.replaceChildren();
      return;
    }

    const width = Math.max(300, Math.floor(box.clientWidth));
    state.historyWidth = width;
    const height = 190;
    const m = { top: 14, right: 62, bottom: 26, left: 36 };
    const inset = 12; // keeps the first and last markers off the axes
    const plotW = width - m.left - m.right;
    const plotH = height - m.top - m.bottom;
    const x = (t) => (span === 0 ? m.left + plotW / 2 : m.left + inset + ((t - start) / span) * (plotW - 2 * inset));
    const yRating = (r) => m.top + (1 - r / 10) * plotH;
    const votes = points.filter((p) => p.numVotes != null).map((p) => p.numVotes);
    // A little room above and below, so the votes line does not run along the time axis.
    const [fewest, most] = [Math.min(...votes), Math.max(...votes)];
    const voteAxis = votes.length
      ? niceTicks(Math.max(0, fewest - (most - fewest) * 0.1), most + (most - fewest) * 0.1, 4) : niceTicks(0, 10, 4);
    const yVotes = (v) => m.top + (1 - (v - voteAxis.lo) / (voteAxis.hi - voteAxis.lo)) * plotH;
    const chart = svg('svg', {
      width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': $('history-summary').textContent,
    });

    // axes and grid
    const axes = svg('g', { class: 'axes' });
    for (const r of [0, 2, 4, 6, 8, 10]) {
      axes.append(svg('line', { x1: m.left, x2: m.left + plotW, y1: yRating(r), y2: yRating(r), class: 'grid' }));
      const label = svg('text', { x: m.left - 6, y: yRating(r), class: 'axis-rating' });
      label.textContent = String(r);
      axes.append(label);
    }
    if (votes.length === 0) voteAxis.ticks = [];
    voteLabels(voteAxis.ticks).forEach((text, i) => {
      const label = svg('text', { x: m.left + plotW + 6, y: yVotes(voteAxis.ticks[i]), class: 'axis-votes' });
      label.textContent = text;
      axes.append(label);
    });
    axes.append(svg('line', { x1: m.left, x2: m.left + plotW, y1: m.top + plotH, y2: m.top + plotH, class: 'baseline' }));
    // Dates at the points when they fit, else evenly over the span; a label too close to the last is skipped.
    const gap = withTime ? 140 : 90;
    const slots = Math.max(2, Math.floor(plotW / gap));
    const distinct = [...new Set(times)];
    const tickTimes = span === 0 ? [start]
      : distinct.length <= slots ? distinct : Array.from({ length: slots }, (_, i) => start + (i * span) / (slots - 1));
    const withYear = span === 0 || utcDay(start).slice(0, 4) !== utcDay(end).slice(0, 4);
    let lastX = -Infinity;
    let lastText = '';
    for (const t of tickTimes) {
      const text = formatAsOf(t / 1000, withYear, withTime);
      if (x(t) - lastX < gap - 10 || text === lastText) continue;
      // Labels at the ends lean inwards instead of being cut off.
      const anchor = x(t) < gap / 2 ? 'start' : x(t) > width - gap / 2 ? 'end' : 'middle';
      const label = svg('text', { x: x(t), y: m.top + plotH + 16, class: 'axis-time', 'text-anchor': anchor });
      label.textContent = text;
      axes.append(label);
      axes.append(svg('line', { x1: x(t), x2: x(t), y1: m.top + plotH, y2: m.top + plotH + 4, class: 'baseline' }));
      lastX = x(t);
      lastText = text;
    }
    chart.append(axes);

    // step lines, broken where a point has no value (removed, unrated)
    for (const [key, y, className] of [['averageRating', yRating, 'line-rating'], ['numVotes', yVotes, 'line-votes']]) {
      let d = '';
      let down = false;
      for (const p of points) {
        if (down) d += ` H${x(p.time).toFixed(1)}`;
        if (p[key] == null) {
          down = false;
        } else {
          d += down ? ` V${y(p[key]).toFixed(1)}` : ` M${x(p.time).toFixed(1)} ${y(p[key]).toFixed(1)}`;
          down = true;
        }
      }
      if (down && end > lastPoint.time) d += ` H${x(end).toFixed(1)}`;
      if (d) chart.append(svg('path', { d: d.trim(), class: className }));
    }

    // one group per point, with a tooltip
    const size = points.length > 60 ? 1.6 : points.length === 1 ? 5 : 4;
    for (const p of points) {
      const group = svg('g', { class: `point ${p.event === 'REMOVED' ? 'removed' : ''}`.trim(), 'data-event': p.event,
        'data-as-of': p.asOf });
      const title = svg('title', {});
      title.textContent = `${formatAsOf(p.asOf, true, true)}: ${describePoint(p)}`;
      group.append(title);
      const cx = x(p.time);
      if (p.averageRating != null) group.append(svg('circle', { cx, cy: yRating(p.averageRating), r: size, class: 'mark-rating' }));
      if (p.numVotes != null) {
        group.append(svg('rect', { x: cx - size, y: yVotes(p.numVotes) - size, width: 2 * size, height: 2 * size,
          class: 'mark-votes' }));
      }
      if (p.event === 'REMOVED') {
        const c = Math.max(size, 4);
        const y0 = m.top + plotH;
        group.append(svg('path', { d: `M${cx - c} ${y0 - c} L${cx + c} ${y0 + c} M${cx - c} ${y0 + c} L${cx + c} ${y0 - c}`,
          class: 'mark-removed' }));
      } else if (p.averageRating == null && p.numVotes == null) {
        group.append(svg('circle', { cx, cy: m.top + plotH, r: size, class: 'mark-unrated' }));
      }
      // A lone point has no line to read it from: its values go beside it, the upper one above its
      // marker and the lower one below, so the two never overlap.
      if (points.length === 1) {
        const labels = [];
        if (p.averageRating != null) labels.push([yRating(p.averageRating), `rating ${Number(p.averageRating).toFixed(1)}`]);
        if (p.numVotes != null) labels.push([yVotes(p.numVotes), `${intFormat.format(p.numVotes)} votes`]);
        labels.sort((a, b) => a[0] - b[0]).forEach(([y, text], i) => {
          const label = svg('text', { x: cx + 8, y: i === 0 ? y - 10 : y + 12, class: 'value-label' });
          label.textContent = text;
          group.append(label);
        });
      }
      chart.append(group);
    }
    box.replaceChildren(chart);
  }

  // ---- movers --------------------------------------------------------------------------------

  function moverRow(mover, index) {
    const row = document.createElement('tr');
    row.dataset.tconst = mover.tconst;
    row.dataset.delta = String(mover.delta);
    row.tabIndex = 0;
    row.title = `${intFormat.format(mover.from)} votes as of ${formatAsOf(mover.fromAsOf, true)},`
      + ` ${intFormat.format(mover.to)} as of ${formatAsOf(mover.toAsOf, true)}`;
    row.addEventListener('click', () => showMovie(mover.tconst));
    row.addEventListener('keydown', (event) => { if (event.key === 'Enter') showMovie(mover.tconst); });
    const title = cell('th', mover.title || mover.tconst, 'title');
    title.scope = 'row';
    if (mover.year != null) title.append(cell('span', ` (${mover.year})`, 'year'));
    row.append(
      cell('td', String(index + 1), 'num rank'),
      title,
      cell('td', intFormat.format(mover.from), 'num'),
      cell('td', intFormat.format(mover.to), 'num'),
      cell('td', `${mover.delta >= 0 ? '+' : '−'}${intFormat.format(Math.abs(mover.delta))}`, 'num gain'),
    );
    return row;
  }

  async function loadMovers() {
    const table = $('movers');
    try {
      const movers = await getJson(`/movies/movers?${new URLSearchParams({ by: 'votes', limit: MOVERS_LIMIT })}`);
      table.tBodies[0].replaceChildren(...movers.map(moverRow));
      table.hidden = movers.length === 0;
      const refreshes = state.refreshes;
      showMessage($('movers-empty'), movers.length > 0 ? ''
        : refreshes < 2
          ? `No movers yet: movers need two refreshes to compare (the latest and the one before), and the service`
            + ` has seen ${refreshes === 1 ? 'one' : 'none'} so far. They appear after the next refresh that changes votes.`
          : 'No movie gained votes in the latest refresh.');
      $('movers-caption').textContent = movers.length > 0 && state.latestAsOf != null
        ? `Top climbers by votes gained since the previous refresh, as of ${formatAsOf(state.latestAsOf, true)}.`
        : 'Top climbers by votes since the previous refresh.';
      showMessage($('movers-error'), '');
    } catch (e) {
      showMessage($('movers-error'), `Could not load movers: ${e.message}`);
    }
  }

  /**
   * Movers and the open detail follow the history, but not batch by batch while a refresh is consumed:
   * they are loaded once the history stopped changing for one poll and no ingest runs here (and right
   * away on the first poll). An instance that only reads the history topic never runs an ingest.
   */
  async function followHistory(status) {
    const history = status.history;
    const seen = `${history.refreshes}|${history.latestAsOf}|${history.recordsConsumed}`;
    state.refreshes = Number(history.refreshes) || 0;
    state.latestAsOf = history.latestAsOf;
    const running = status.ingest && status.ingest.state === 'RUNNING';
    const settled = (seen === state.historySeen && !running) || state.historyLoaded === undefined;
    state.historySeen = seen;
    if (!settled || seen === state.historyLoaded) return;
    state.historyLoaded = seen;
    await loadMovers();
    if (state.detail && !$('movie-detail').hidden) await showMovie(state.detail, true);
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
      // The ranking's version, not just the count: a refresh that only re-rates movies changes the table too.
      const movies = status.store ? `${status.store.movies}|${status.store.rankingVersion}` : null;
      if (movies !== state.movies) {
        state.movies = movies;
        await loadGenres();
        await loadTable(state.page);
      }
      if (status.history) await followHistory(status);
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
    $('detail-close').addEventListener('click', () => {
      $('movie-detail').hidden = true;
      state.detail = null;
      state.detailRequest += 1; // a load still under way must not reopen it
    });
    $('min-votes').addEventListener('input', () => {
      clearTimeout(debounce);
      debounce = setTimeout(loadTable, 400);
    });
    if (typeof ResizeObserver === 'function') {
      new ResizeObserver(() => {
        const width = Math.floor($('genre-chart').clientWidth);
        if (state.genres.length > 0 && Math.abs(width - state.chartWidth) > 4) renderChart();
      }).observe($('genre-chart'));
      new ResizeObserver(() => {
        const width = Math.floor($('history-chart').clientWidth);
        if (state.detailPoints && state.detailPoints.length > 0 && Math.abs(width - state.historyWidth) > 4) renderHistory();
      }).observe($('history-chart'));
    }
    poll();
  }

  init();
})();
