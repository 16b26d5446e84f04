/**
 * DNS-rebinding and cross-site protection for the local review server. A page on another site can
 * make the browser send requests to 127.0.0.1 (through a rebound DNS name or a cross-site form), but
 * it cannot make the Host header name our address, nor forge the Origin header. Pure.
 */
export interface RequestHeaders {
  host?: string;
  origin?: string;
  'sec-fetch-site'?: string;
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/** The Host header values that name this server: its bound address, and the loopback names when bound to loopback. */
export function allowedHosts(boundHost: string, port: number): Set<string> {
  const host = boundHost.includes(':') && !boundHost.startsWith('[') ? `[${boundHost}]` : boundHost;
  const names = LOOPBACK_NAMES.includes(host) || host === '[::1]' ? [...LOOPBACK_NAMES, host] : [host];
  return new Set(names.map((n) => `${n.toLowerCase()}:${port}`));
}

/** Why a request must be refused, or null when it is the server's own page talking to it. */
export function refusalReason(headers: RequestHeaders, allowed: ReadonlySet<string>, method: string): string | null {
  const host = headers.host?.toLowerCase();
  if (!host || !allowed.has(host)) return `Host "${headers.host ?? ''}" is not this server`;
  if (headers.origin !== undefined) {
    let originHost: string | null = null;
    try {
      const url = new URL(headers.origin);
      // URL drops the default port; the Host header we compare with always carries one
      originHost = url.protocol === 'http:' ? `${url.hostname.toLowerCase()}:${url.port || '80'}` : null;
    } catch {
      originHost = null;
    }
    if (originHost === null || !allowed.has(originHost)) return `Origin "${headers.origin}" is not this server`;
  }
  const unsafe = method !== 'GET' && method !== 'HEAD';
  if (unsafe && headers['sec-fetch-site'] !== undefined && headers['sec-fetch-site'] !== 'same-origin') {
    return `cross-site ${method} refused (Sec-Fetch-Site: ${headers['sec-fetch-site']})`;
  }
  return null;
}
