// Owns the status panels (ingest progress and rejects, the IMDb data and its refreshes, consumer and
// store), the connection line in the header and the "Updated" time in the footer; all from GET /status.

import { $, cell, showMessage } from '../dom.js';
import { format, humanize, intFormat, toDate } from '../format.js';

const PANELS = ['ingest-panel', 'dataset-panel', 'pipeline-panel'];

const pick = (obj, path) => path.split('.').reduce((o, key) => (o == null ? undefined : o[key]), obj);
const megabytes = (bytes) => (Number(bytes) / 1e6).toFixed(1);

/** Shows a /status answer. Every element with a data-field shows that path of it, as its data-format says. */
export function render(status) {
  for (const panel of PANELS) {
    for (const element of $(panel).querySelectorAll('[data-field]')) {
      const value = pick(status, element.dataset.field);
      element.textContent = format(value, element.dataset.format);
      if (element.dataset.format === 'time') {
        const date = value == null ? null : toDate(value);
        element.title = date && !Number.isNaN(date.getTime()) ? date.toISOString() : '';
      }
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

/** The header's connection line; {failing} shows it as an error. */
export function showConnection(text, failing) {
  const element = $('connection');
  element.textContent = text;
  element.classList.toggle('failing', failing);
}

/** One chip per reason with a count above zero; the list is hidden when there is none. */
function renderReasons(list, counts) {
  const entries = Object.entries(counts || {}).filter(([, n]) => n > 0);
  list.replaceChildren(...entries.map(([reason, n]) => {
    const item = cell('li', `${humanize(reason)}: `);
    item.append(cell('strong', intFormat.format(n)));
    return item;
  }));
  list.hidden = entries.length === 0;
}
