// Owns the service calls: GET with JSON, the API's own error messages, and the Link header's next cursor.

const JSON_REQUEST = { headers: { Accept: 'application/json' }, cache: 'no-store' };

/** Fetches JSON; rejects with the API's own error message on a non-2xx answer (its status in {status}). */
export async function getJson(path) {
  return (await request(path)).body;
}

/** Fetches a JSON page; {next} is the cursor of the rel="next" Link header, or null on the last page. */
export async function getPage(path) {
  const { body, response } = await request(path);
  const link = response.headers.get('Link') || '';
  const match = /<([^>]+)>;\s*rel="next"/.exec(link);
  const next = match ? new URL(match[1], window.location.href).searchParams.get('after') : null;
  return { body, next };
}

/**
 * Fetches every page of {path} (a path without after), up to {maxPages}: {items} all pages' items in order,
 * {complete} false when pages were left. The next page is asked for with the Link header's cursor on this
 * origin rather than by the Link's own URL, which a public base URL may put on another origin the CSP refuses.
 */
export async function getAllPages(path, maxPages) {
  const items = [];
  let after = null;
  for (let page = 0; page < maxPages; page++) {
    const separator = path.includes('?') ? '&' : '?';
    const { body, next } = await getPage(after ? `${path}${separator}after=${encodeURIComponent(after)}` : path);
    if (Array.isArray(body)) items.push(...body);
    if (!next) return { items, complete: true };
    after = next;
  }
  return { items, complete: false };
}

async function request(path) {
  let response;
  try {
    response = await fetch(path, JSON_REQUEST);
  } catch (e) {
    throw new Error(`network error (${e.message})`);
  }
  let body = null;
  try {
    body = await response.json();
  } catch {
    // not JSON; the status text below stands in for the message
  }
  if (!response.ok) {
    const detail = body && typeof body.message === 'string' ? body.message : response.statusText;
    throw Object.assign(new Error(`HTTP ${response.status}: ${detail}`), { status: response.status });
  }
  return { body, response };
}
