// Owns the location hash: which movie is open and which genre filters the top list, so that a link can
// be shared and the browser's back and forward buttons step through what was opened.
//
// Scheme: "#/" followed by zero or more "key/value" pairs, keys in the order they were defined, each
// value encoded with encodeURIComponent (so a "/" inside a value cannot split it):
//   #/                                  the overview: no genre filter, no movie open
//   #/genre/Drama                       the top list filtered by Drama
//   #/movie/tt0068646                   that movie's detail and rating history open
//   #/genre/Drama/movie/tt0068646       both
// An empty hash is the overview. Unknown keys and keys without a value are dropped, and the hash is
// rewritten to its canonical form in place (no new history entry).
//
// A view joins the scheme with define(key, apply): apply(value, again) is called with the key's value
// (null when absent) on start and whenever that value changes; again is true when something asked to
// navigate to the value already there (a click on the movie already open), so the view can show it again.
// A later view (series, person, feed) is one more define() in main.js.

const keys = [];
const appliers = new Map();
let applied = new Map();

export function define(key, apply) {
  if (appliers.has(key)) throw new Error(`route key ${key} defined twice`);
  keys.push(key);
  appliers.set(key, apply);
}

/** The route in the location hash, as {key: value or null} for every defined key. */
export function current() {
  return parse(window.location.hash);
}

/**
 * Goes to the current route with {changes} applied (a null value removes the key): a new history
 * entry, or with {replace} a correction of the current one.
 */
export function navigate(changes, { replace = false } = {}) {
  const hash = toHash({ ...current(), ...changes });
  if (hash === toHash(current())) {
    apply(Object.keys(changes)); // nothing to record; the views concerned show their value again
  } else if (replace) {
    window.history.replaceState(window.history.state, '', hash);
    apply([]);
  } else {
    window.location.hash = hash; // the hashchange listener applies it
  }
}

/** Applies the route in the hash now, and again on every change of the hash (links, back, forward). */
export function start() {
  window.addEventListener('hashchange', () => apply([]));
  apply([]);
}

function apply(again) {
  const route = current();
  if (window.location.hash && window.location.hash !== toHash(route)) {
    window.history.replaceState(window.history.state, '', toHash(route));
  }
  const previous = applied;
  applied = new Map(Object.entries(route));
  for (const key of keys) {
    const repeated = again.includes(key);
    if (repeated || !previous.has(key) || previous.get(key) !== route[key]) appliers.get(key)(route[key], repeated);
  }
}

function parse(hash) {
  const route = Object.fromEntries(keys.map((key) => [key, null]));
  const segments = hash.replace(/^#\/?/, '').split('/');
  for (let i = 0; i + 1 < segments.length; i += 2) {
    const [key, value] = [segments[i], decode(segments[i + 1])];
    if (appliers.has(key) && value) route[key] = value;
  }
  return route;
}

function toHash(route) {
  const path = keys.filter((key) => route[key] != null && route[key] !== '')
    .map((key) => `${key}/${encodeURIComponent(route[key])}`).join('/');
  return `#/${path}`;
}

function decode(segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return ''; // a malformed escape: the pair is dropped like an unknown one
  }
}
