// Owns the little state that several views share; everything else stays in the view that uses it.
//
// Keys:
//   type    - the type switch's choice (title-types.js CHOICES), set from the route; the genres and the top
//             list show the titles of its types.
//   genre   - the genre the top list is filtered by, or null; set from the route, shown by the genres view.
//   history - {refreshes, latestAsOf} of the rating history, from /status; read by the movers and the history chart.
// A listener is called with the new value whenever a key changes (compared with Object.is).

import { MOVIES } from './title-types.js';

const values = new Map([['type', MOVIES], ['genre', null], ['history', { refreshes: 0, latestAsOf: null }]]);
const listeners = new Map();

export function get(key) {
  if (!values.has(key)) throw new Error(`unknown store key ${key}`);
  return values.get(key);
}

export function set(key, value) {
  if (Object.is(get(key), value)) return;
  values.set(key, value);
  for (const listener of listeners.get(key) || []) listener(value);
}

export function subscribe(key, listener) {
  get(key); // fails on a misspelt key
  if (!listeners.has(key)) listeners.set(key, []);
  listeners.get(key).push(listener);
}
