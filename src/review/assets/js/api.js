// The review server's JSON API. Every call resolves to { status, data }; a server that does not
// answer is status 0 with an error in words.

export async function api(method, url, body) {
  const init = { method, headers: {} };
  if (body !== undefined) {
    init.headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(url, init);
  } catch (err) {
    return { status: 0, data: { error: `the review server does not answer (${err.message})` } };
  }
  const data = await res.json().catch(() => ({ error: `HTTP ${res.status}` }));
  return { status: res.status, data };
}

export const fetchState = (query) => api('GET', `/api/state?${query}`);
export const fetchContext = (id) => api('GET', `/api/records/${encodeURIComponent(id)}/context`);
export const fetchPlaces = (q) => api('GET', `/api/places?q=${encodeURIComponent(q)}`);
export const postDecision = (body) => api('POST', '/api/decisions', body);
export const postSkip = (body) => api('POST', '/api/skip', body);
export const postBulkAccept = (body) => api('POST', '/api/bulk-accept', body);
export const postApply = (body) => api('POST', '/api/apply-to-article', body);
/** Sent as the page goes away (keepalive outlives the page), so its records go back to the others at once. */
export function releaseOnLeave(session) {
  void fetch('/api/release', { method: 'POST', keepalive: true, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ session }) }).catch(() => {});
}
