// Owns the open movie's rating history chart (an SVG of two step lines, rating and votes) and the
// summary line under it. The detail view hands it the points; the latest refresh comes from the store.

import { $, onWidthChange, svg } from '../dom.js';
import { formatAsOf, formatDelta, intFormat, toDate, utcDay } from '../format.js';
import * as store from '../store.js';

const HEIGHT = 190;
const MARGIN = { top: 14, right: 62, bottom: 26, left: 36 };
const INSET = 12; // keeps the first and last markers off the axes
const compactFormat = new Intl.NumberFormat(undefined, { notation: 'compact', maximumSignificantDigits: 4 });

// points: the history drawn (null when there is none to draw); width: the width it was drawn at.
const state = { points: null, width: 0 };

export function init() {
  const box = $('history-chart');
  onWidthChange(box, () => (state.points && state.points.length > 0 ? state.width : 0), render);
}

/** Draws a movie's history points (as GET /movies/{tconst}/history lists them, oldest first). */
export function show(points) {
  state.points = points;
  render();
}

/** No chart, only {message} in the summary line. */
export function showMessage(message) {
  state.points = [];
  $('history-chart').replaceChildren();
  $('history-summary').textContent = message;
}

/**
 * The history as two step lines (a value holds until the next point changes it): rating on a 0-10 axis
 * at the left, votes on their own axis at the right, time along the bottom. One group per point
 * (g.point) with its markers; a REMOVED point is a cross on the time axis.
 */
function render() {
  const box = $('history-chart');
  const points = (state.points || [])
    .map((p) => ({ ...p, time: toDate(p.asOf).getTime() }))
    .filter((p) => !Number.isNaN(p.time));
  const times = points.map((p) => p.time);
  const start = Math.min(...times);
  const { latestAsOf } = store.get('history');
  const latest = latestAsOf == null ? NaN : toDate(latestAsOf).getTime();
  const lastPoint = points[points.length - 1];
  // A value still holds at the latest refresh unless the movie was removed.
  const end = Math.max(...times, lastPoint && lastPoint.event !== 'REMOVED' && latest > start ? latest : -Infinity);
  const span = end - start;
  // Daily refreshes are told apart by their day; refreshes closer than that by their time of day.
  const withTime = new Set(times.map(utcDay)).size < new Set(times).size;
  const summary = historySummary(points, withTime);
  $('history-summary').textContent = summary;
  if (points.length === 0) {
    box.replaceChildren();
    return;
  }

  const width = Math.max(300, Math.floor(box.clientWidth));
  state.width = width;
  const m = MARGIN;
  const plotW = width - m.left - m.right;
  const plotH = HEIGHT - m.top - m.bottom;
  const x = (t) => (span === 0 ? m.left + plotW / 2 : m.left + INSET + ((t - start) / span) * (plotW - 2 * INSET));
  const yRating = (r) => m.top + (1 - r / 10) * plotH;
  const votes = points.filter((p) => p.numVotes != null).map((p) => p.numVotes);
  // A little room above and below, so the votes line does not run along the time axis.
  const [fewest, most] = [Math.min(...votes), Math.max(...votes)];
  const voteAxis = votes.length
    ? niceTicks(Math.max(0, fewest - (most - fewest) * 0.1), most + (most - fewest) * 0.1, 4) : niceTicks(0, 10, 4);
  const yVotes = (v) => m.top + (1 - (v - voteAxis.lo) / (voteAxis.hi - voteAxis.lo)) * plotH;
  const chart = svg('svg', {
    width, height: HEIGHT, viewBox: `0 0 ${width} ${HEIGHT}`, role: 'img', 'aria-label': summary,
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
    text += `: rating ${Number(a.averageRating).toFixed(1)} → ${Number(b.averageRating).toFixed(1)},`
      + ` votes ${intFormat.format(a.numVotes)} → ${intFormat.format(b.numVotes)}`
      + ` (${formatDelta(b.numVotes - a.numVotes)})`;
  } else if (rated.length === 1) {
    text += `: rated once, ${Number(rated[0].averageRating).toFixed(1)} with ${intFormat.format(rated[0].numVotes)} votes`;
  } else {
    text += ': never rated';
  }
  return `${text}.${last.event === 'REMOVED' ? ' Then removed from the data.' : ''}`;
}
