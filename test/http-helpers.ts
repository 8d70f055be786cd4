// HTTP helpers of the caching tests: GETs as curl or a CDN sends them, and /metrics samples.
import { anonymous, authorizationOf, httpRequest, type Caller, type HttpResult } from './actors.js';
import type { TestService } from './harness.js';

/** Services of the caching tests serve /metrics on their main port with this token. */
export const METRICS_TOKEN = 'metrics-token-for-http-caching-tests';

/** /graphql?query=…&variables=… (and any other parameters given). */
export function getPath(query: string, variables?: Record<string, unknown>, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ query, ...(variables ? { variables: JSON.stringify(variables) } : {}), ...extra });
  return `/graphql?${params}`;
}

/** A GET the way curl or a CDN sends it: no custom header, unless given. */
export function get(service: TestService, path: string, headers: Record<string, string> = {}, caller: Caller = anonymous): Promise<HttpResult> {
  const auth = authorizationOf(caller);
  return httpRequest(service, { method: 'GET', path, headers: { ...(auth ? { authorization: auth } : {}), ...headers } });
}

/** The value of a counter sample of the service's /metrics (0 when absent). */
export async function metric(service: TestService, name: string, labels: Record<string, string>): Promise<number> {
  const text = await (await fetch(`${service.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && want.every((w) => l.includes(w)));
  return line ? Number(line.split(' ').pop()) : 0;
}
