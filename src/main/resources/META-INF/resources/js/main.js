// Owns the wiring: which view shows which route key, and the /status poll that tells the views when
// their data changed. Entry module of the dashboard (index.html loads it); plain ES modules, no build step.
//
// A new view is a module under views/ with an init() and a load() or show(); it joins here with
// router.define() for its route key and, if the poll is what tells it to reload, a line in poll().

import { getJson } from './api.js';
import * as router from './router.js';
import * as store from './store.js';
import { choice, isMovies, isSeries, MOVIES } from './title-types.js';
import * as detail from './views/detail.js';
import * as genres from './views/genres.js';
import * as movers from './views/movers.js';
import * as search from './views/search.js';
import * as seriesPage from './views/series-page.js';
import * as status from './views/status.js';
import * as titleDetail from './views/title-detail.js';
import * as topList from './views/top-list.js';
import * as typeSwitch from './views/type-switch.js';

const FAST_POLL_MS = 1000; // while an ingest is RUNNING
const SLOW_POLL_MS = 5000; // otherwise, and after an error

// ranking: the store's movies and ranking version the genres and table were loaded for; catalogue: the
// catalogue's counts and last refresh, which the other types' lists and the title panels were loaded for.
// historySeen / historyLoaded: the last history seen in /status, and the one the movers and detail show.
const poller = { ranking: undefined, catalogue: undefined, historySeen: undefined, historyLoaded: undefined };

// One panel of each kind at a time: opening a title closes the panels of the other kinds, but an episode
// opened from its series' grid keeps the series page open.
const openMovie = (tconst) => router.navigate({ movie: tconst, series: null, title: null });
const openSeries = (tconst) => router.navigate({ movie: null, series: tconst, title: null });
const openTitle = (tconst) => router.navigate({ movie: null, series: null, title: tconst });
const openEpisode = (tconst) => router.navigate({ movie: null, title: tconst });

/** A title of the top list opens where its type is shown: a movie's detail, a series' page, the title panel. */
function openListed(tconst, titleType) {
  if (titleType === 'movie') openMovie(tconst);
  else if (isSeries(titleType)) openSeries(tconst);
  else openTitle(tconst);
}

/**
 * Loads what changed since the last poll, then polls again: fast while an ingest runs, slow otherwise.
 * The genres come before the table, so that the table's genre is one the genres view knows.
 */
async function poll() {
  let delay = SLOW_POLL_MS;
  try {
    const answer = await getJson('/status');
    status.render(answer);
    if (answer.ingest && answer.ingest.state === 'RUNNING') delay = FAST_POLL_MS;
    // The ranking's version, not just the count: a refresh that only re-rates movies changes the table too.
    const ranking = answer.store ? `${answer.store.movies}|${answer.store.rankingVersion}` : null;
    const catalogue = catalogueVersion(answer.catalogue);
    const first = poller.ranking === undefined;
    const listed = isMovies(store.get('type')) ? ranking !== poller.ranking : catalogue !== poller.catalogue;
    const panels = catalogue !== poller.catalogue && !first;
    poller.ranking = ranking;
    poller.catalogue = catalogue;
    if (first || listed) {
      await genres.load();
      await topList.reload();
    }
    if (panels) {
      await seriesPage.reload();
      await titleDetail.reload();
    }
    if (answer.history) await followHistory(answer);
    status.showConnection(`Live · refreshing every ${delay / 1000} s`, false);
  } catch (e) {
    status.showConnection(`Status unavailable (${e.message}); retrying in ${delay / 1000} s`, true);
  }
  setTimeout(poll, delay);
}

/** The catalogue's titles, rated titles and last refresh: a refresh that only re-rates ends at a new time. */
function catalogueVersion(catalogue) {
  if (!catalogue) return null;
  const refresh = catalogue.refresh || {};
  return `${catalogue.titles}|${catalogue.ratedTitles}|${refresh.state}|${refresh.finishedAt}`;
}

/**
 * Movers and the open detail follow the history, but not batch by batch while a refresh is consumed:
 * they are loaded once the history stopped changing for one poll and no ingest runs here (and right
 * away on the first poll). An instance that only reads the history topic never runs an ingest.
 */
async function followHistory(answer) {
  const history = answer.history;
  const seen = `${history.refreshes}|${history.latestAsOf}|${history.recordsConsumed}`;
  const current = store.get('history');
  const refreshes = Number(history.refreshes) || 0;
  if (current.refreshes !== refreshes || current.latestAsOf !== history.latestAsOf) {
    store.set('history', { refreshes, latestAsOf: history.latestAsOf });
  }
  const running = answer.ingest && answer.ingest.state === 'RUNNING';
  const settled = (seen === poller.historySeen && !running) || poller.historyLoaded === undefined;
  poller.historySeen = seen;
  if (!settled || seen === poller.historyLoaded) return;
  poller.historyLoaded = seen;
  await movers.load();
  await detail.reload();
}

function init() {
  // Movies, the default, stay out of the route, so that every link from before the switch still reads the same.
  typeSwitch.init({ select: (selected) => router.navigate({ type: selected === MOVIES ? null : selected.key }) });
  genres.init({ select: (genre, options) => router.navigate({ genre }, options) });
  topList.init({ openTitle: openListed });
  search.init({ openMovie });
  movers.init({ openMovie });
  detail.init({ close: () => router.navigate({ movie: null }), reportError: search.showError });
  seriesPage.init({
    close: () => router.navigate({ series: null }), openEpisode, reportError: search.showError,
    notASeries: (tconst) => router.navigate({ series: null, title: tconst }, { replace: true }),
  });
  titleDetail.init({
    close: () => router.navigate({ title: null }), openSeries, reportError: search.showError,
    isASeries: (tconst) => router.navigate({ series: tconst, title: null }, { replace: true }),
  });

  // Route keys, in the order they appear in the hash.
  router.define('type', (key) => store.set('type', choice(key))); // an unknown type reads as movies
  router.define('genre', (genre) => store.set('genre', genre));
  router.define('movie', (tconst) => detail.show(tconst));
  router.define('series', (tconst) => seriesPage.show(tconst));
  router.define('title', (tconst) => titleDetail.show(tconst));
  router.start();
  poll();
}

init();
