// Owns how values read: numbers, instants and dataset versions (asOf), the same in every view.

export const intFormat = new Intl.NumberFormat();

// asOf is a dataset version, dated in UTC like the movers' since parameter.
const dayFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });
const fullDayFormat = new Intl.DateTimeFormat(undefined,
  { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const minuteFormat = new Intl.DateTimeFormat(undefined,
  { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short' });

/** A whole number with the reader's digit grouping. */
export const formatInt = (value) => intFormat.format(Math.round(Number(value)));

/** A signed count: + or − (a real minus sign) and the grouped magnitude. */
export const formatDelta = (value) => `${value >= 0 ? '+' : '−'}${intFormat.format(Math.abs(value))}`;

/** A value with a fixed number of decimals, or — when there is none. */
export const fixed = (value, digits) => (value == null ? '—' : Number(value).toFixed(digits));

// Jackson writes an Instant either as an ISO string or as (fractional) epoch seconds.
export const toDate = (value) => (typeof value === 'number' ? new Date(value * 1000) : new Date(value));

/** The UTC day (yyyy-mm-dd) of a time in milliseconds. */
export const utcDay = (time) => new Date(time).toISOString().slice(0, 10);

/** Time of day for today, short date and time otherwise. */
export function formatTime(value) {
  const date = toDate(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return date.toDateString() === new Date().toDateString()
    ? date.toLocaleTimeString()
    : date.toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' });
}

/** A value as a data-format attribute asks for: int, bool, time, or as it is; — when absent. */
export function format(value, kind) {
  if (value === null || value === undefined || value === '') return '—';
  if (kind === 'int') return formatInt(value);
  if (kind === 'bool') return value ? 'yes' : 'no';
  if (kind === 'time') return formatTime(value);
  return String(value);
}

/** The UTC day of an asOf, with its year if {withYear}; with {withTime} the day and the time of day. */
export function formatAsOf(value, withYear, withTime = false) {
  const date = toDate(value);
  if (Number.isNaN(date.getTime())) return String(value);
  if (withTime) return minuteFormat.format(date);
  return (withYear ? fullDayFormat : dayFormat).format(date);
}

/** An enum name as words: NOT_A_MOVIE -> not a movie. */
export const humanize = (reason) => reason.toLowerCase().replace(/_/g, ' ');

/**
 * The years a title ran: 2008–2013, "2011–" for a series with no end year yet (still running), or its one
 * year; '' when IMDb has no year.
 */
export function yearSpan(year, endYear, series = false) {
  if (year == null) return '';
  if (endYear != null && endYear !== year) return `${year}–${endYear}`;
  return series && endYear == null ? `${year}–` : String(year);
}

/** The weighted score's terms ({R, v, m, C, weightOfRating, weightOfPrior} of the API) as one sentence. */
export function explainScore(x) {
  return x
    ? `WR = v/(v+m)·R + m/(v+m)·C = ${(x.weightOfRating * 100).toFixed(1)}% of its own rating R = ${x.R}`
      + ` (v = ${intFormat.format(x.v)} votes) + ${(x.weightOfPrior * 100).toFixed(1)}% of the prior C = ${x.C}`
      + ` (m = ${intFormat.format(x.m)})`
    : 'Unrated: not ranked.';
}
