// Drives the dashboard in headless Chromium and checks it against the REST API it shows.
// Usage: node dashboard-check.mjs <baseUrl> <screenshotPath>
// Exit 0 when every check passes; otherwise prints the reason and exits 1.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
const WAIT_MS = 30_000; // per wait
const OVERALL_MS = 120_000; // whole run, as a last resort
const UNKNOWN_GENRE = '(unknown)';

const [baseArg, screenshotPath] = process.argv.slice(2);
if (!baseArg || !screenshotPath) {
  console.error('usage: node dashboard-check.mjs <baseUrl> <screenshotPath>');
  process.exit(2);
}
const baseUrl = baseArg.replace(/\/+$/, '');
const origin = new URL(baseUrl).origin;

class CheckFailed extends Error {}
const fail = (reason) => { throw new CheckFailed(reason); };
const log = (message) => console.log(`[dashboard-check] ${message}`);

async function api(path) {
  const response = await fetch(baseUrl + path, { headers: { Accept: 'application/json' } });
  if (!response.ok) fail(`GET ${path} answered HTTP ${response.status}`);
  return response.json();
}

/** Retries check() until it returns a truthy value; fails with describe() after WAIT_MS. */
async function waitFor(what, check, describe) {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const result = await check();
    if (result) return result;
    if (Date.now() > deadline) fail(`timed out after ${WAIT_MS / 1000} s waiting for ${what}: ${await describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The table as the page shows it: one entry per tbody row. */
const readTable = (page) => page.$$eval('#top-movies tbody tr', (rows) => rows.map((row) => ({
  tconst: row.dataset.tconst,
  title: row.querySelector('th')?.textContent.trim() ?? '',
  genres: (row.querySelector('td.genres')?.textContent ?? '').split(',').map((g) => g.trim()),
})));

async function run(page, problems) {
  log(`opening ${baseUrl}/`);
  const response = await page.goto(`${baseUrl}/`, { waitUntil: 'load', timeout: WAIT_MS });
  if (!response || !response.ok()) fail(`GET / answered ${response ? response.status() : 'nothing'}`);

  // 1. One bar per genre that GET /genres lists.
  let genres = [];
  await waitFor('one chart bar per genre', async () => {
    genres = await api('/genres');
    const bars = await page.locator('#genre-chart rect[data-genre]').count();
    return genres.length > 0 && bars === genres.length;
  }, async () => `${await page.locator('#genre-chart rect[data-genre]').count()} bars, /genres has ${genres.length}`);
  const barNames = await page.$$eval('#genre-chart rect[data-genre]', (rects) => rects.map((r) => r.getAttribute('data-genre')));
  const missing = genres.map((g) => g.genre).filter((name) => !barNames.includes(name));
  if (missing.length > 0) fail(`chart has no bar for ${missing.join(', ')}`);
  log(`chart: ${barNames.length} bars`);

  // 2. The unfiltered table is filled.
  await waitFor('top-movies rows', async () => (await readTable(page)).length > 0, async () => 'table is empty');
  const before = await readTable(page);
  log(`table: ${before.length} rows, first "${before[0].title}"`);

  // 3. Filter by a small genre that still has rated movies, and compare with the API.
  const limit = await page.inputValue('#limit');
  const minVotes = (await page.inputValue('#min-votes')).trim();
  const topFor = (genre) => api(`/movies/top?${new URLSearchParams({ genre, limit, ...(minVotes ? { minVotes } : {}) })}`);
  let genre = null;
  let expected = [];
  for (const candidate of [...genres].reverse().filter((g) => g.genre !== UNKNOWN_GENRE)) {
    expected = await topFor(candidate.genre);
    if (expected.length > 0) {
      genre = candidate.genre;
      break;
    }
  }
  if (!genre) fail('no genre has rated movies to filter by');
  const expectedRows = Math.min(Number(limit), expected.length);
  log(`filtering by "${genre}" (limit ${limit}): expecting ${expectedRows} rows`);
  await page.selectOption('#genre-filter', genre);

  await waitFor(`the table filtered by "${genre}"`, async () => {
    const rows = await readTable(page);
    return rows.length === expectedRows
      && rows.every((row, i) => row.genres.includes(genre) && row.tconst === expected[i].tconst);
  }, async () => {
    const rows = await readTable(page);
    const error = (await page.textContent('#table-error'))?.trim();
    return `${rows.length} rows (want ${expectedRows}); first "${rows[0]?.title ?? '-'}" with genres `
      + `[${rows[0]?.genres.join(', ') ?? ''}]${error ? `; error shown: ${error}` : ''}`;
  });
  const after = await readTable(page);
  const bad = after.filter((row) => !row.genres.includes(genre));
  if (bad.length > 0) fail(`${bad.length} rows lack genre "${genre}", e.g. "${bad[0].title}"`);
  if (after.length === before.length && after.every((row, i) => row.tconst === before[i].tconst)) {
    fail(`the table did not change after selecting "${genre}"`);
  }
  log(`filtered table: ${after.length} rows, first "${after[0].title}"`);

  // 4. No stray requests, no uncaught page errors, and a screenshot to look at.
  await page.screenshot({ path: screenshotPath, fullPage: true });
  log(`screenshot written to ${screenshotPath}`);
  if (problems.length > 0) fail(problems.join('; '));
}

async function main() {
  const profile = await mkdtemp(join(tmpdir(), 'dashboard-check-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1280, height: 900 },
      timeout: WAIT_MS,
    });
    const problems = [];
    // Everything must be served by the service itself: no CDN, no external fonts.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(origin) || url.startsWith('data:')) return route.continue();
      problems.push(`page requested an external resource: ${url}`);
      return route.abort();
    });
    const page = context.pages()[0] ?? await context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    page.on('pageerror', (error) => problems.push(`uncaught error in the page: ${error.message}`));
    page.on('console', (message) => log(`console.${message.type()}: ${message.text()}`));
    await run(page, problems);
    log('OK');
    return 0;
  } catch (error) {
    console.error(`[dashboard-check] FAILED: ${error instanceof CheckFailed ? error.message : error.stack || error}`);
    return 1;
  } finally {
    await context?.close().catch(() => {});
    await rm(profile, { recursive: true, force: true }).catch(() => {});
  }
}

const watchdog = setTimeout(() => {
  console.error(`[dashboard-check] FAILED: no result after ${OVERALL_MS / 1000} s`);
  process.exit(1);
}, OVERALL_MS);
watchdog.unref();
process.exit(await main());
