// Outbound webhook requests that cannot be turned against the server's own network (SSRF).
//
// - Only http: and https: URLs.
// - The host name is resolved once, every address it resolves to is checked, and the connection
//   is made to that checked address (a `lookup` that returns it): a name that resolves to a
//   public address for the check and to 127.0.0.1 for the connection (DNS rebinding) cannot
//   happen, because there is no second resolution. The same check runs again inside the
//   connect-time lookup.
// - Refused: loopback, private (RFC 1918, ULA), link-local (cloud metadata 169.254.169.254),
//   CGNAT, multicast, unspecified, reserved and documentation ranges, in IPv4 and IPv6; the
//   IPv4-compatible (::/96, deprecated) and SIIT (::ffff:0:0:0/96) ranges outright; and IPv6 forms
//   that embed an IPv4 address (::ffff:a.b.c.d, NAT64, 6to4) by the embedded address.
//   WEBHOOK_ALLOWED_HOSTS names hosts, addresses or CIDR ranges allowed anyway.
// - Redirects are never followed (a 3xx is a failed attempt); a connect timeout, an overall
//   timeout that starts before the name is resolved (a slow DNS answer counts against it, so an
//   attempt never outlives the delivery's claim lease), and at most `maxResponseBytes` of the
//   answer are read (then the socket is dropped).
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';

export interface OutboundPolicy {
  /** Lower-case host names, IP addresses and CIDR ranges (WEBHOOK_ALLOWED_HOSTS). */
  allowedHosts: readonly string[];
  connectTimeoutMs: number;
  timeoutMs: number;
  maxResponseBytes: number;
  /** Resolves a host name to every address (default: the system resolver, `dns.promises.lookup`). */
  lookup?: HostLookup | undefined;
}

export type HostLookup = (host: string) => Promise<{ address: string; family: number }[]>;

const systemLookup: HostLookup = (host) => dns.promises.lookup(host, { all: true, verbatim: true });

/** A URL or address that may not be delivered to (never retried into success by itself). */
export class RefusedAddressError extends Error {
  override name = 'RefusedAddressError';
}

// ---- address classification -------------------------------------------------------------------

const forbidden = new net.BlockList();
for (const [net4, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24],
  ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) forbidden.addSubnet(net4, prefix, 'ipv4');
for (const [net6, prefix] of [
  // ::/96 (IPv4-compatible, deprecated; holds :: and ::1) and ::ffff:0:0:0/96 (SIIT) are refused
  // whatever address they carry: nothing legitimate is reached through them.
  ['::', 96], ['::ffff:0:0:0', 96], ['64:ff9b:1::', 48], ['100::', 64], ['2001::', 23], ['2001:db8::', 32],
  ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8],
] as const) forbidden.addSubnet(net6, prefix, 'ipv6');

/** The 16 bytes of an IPv6 address (net.isIPv6 already true). */
function ipv6Bytes(address: string): Buffer {
  let text = address.split('%')[0]!;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4[1]!.split('.').map(Number) as [number, number, number, number];
    text = text.slice(0, -v4[1]!.length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  const bytes = Buffer.alloc(16);
  groups.forEach((g, i) => bytes.writeUInt16BE(parseInt(g || '0', 16), i * 2));
  return bytes;
}

/** The IPv4 address an IPv6 address stands for (mapped, NAT64, 6to4), if any. */
export function embeddedIPv4(address: string): string | undefined {
  const b = ipv6Bytes(address);
  const v4 = (o: number) => `${b[o]}.${b[o + 1]}.${b[o + 2]}.${b[o + 3]}`;
  const zero = (from: number, to: number) => b.subarray(from, to).every((x) => x === 0);
  if (zero(0, 10) && b[10] === 0xff && b[11] === 0xff) return v4(12); // ::ffff:a.b.c.d
  if (b.readUInt32BE(0) === 0x0064ff9b && zero(4, 12)) return v4(12); // 64:ff9b::/96
  if (b.readUInt16BE(0) === 0x2002) return v4(2); // 6to4
  return undefined;
}

function inAllowList(address: string, allowed: readonly string[]): boolean {
  const family = net.isIPv6(address) ? 'ipv6' : 'ipv4';
  for (const entry of allowed) {
    const [base, bits] = entry.split('/');
    if (!base || !net.isIP(base)) continue;
    const list = new net.BlockList();
    const baseFamily = net.isIPv6(base) ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(base, baseFamily);
    else list.addSubnet(base, Number(bits), baseFamily);
    if (list.check(address, family)) return true;
  }
  return false;
}

/** Why an address may not be delivered to, or undefined when it may. */
export function refusedBecause(address: string, allowed: readonly string[] = []): string | undefined {
  if (inAllowList(address, allowed)) return undefined;
  if (net.isIPv4(address)) return forbidden.check(address, 'ipv4') ? `${address} is a private, loopback, link-local or reserved address` : undefined;
  if (!net.isIPv6(address)) return `${address} is not an IP address`;
  if (forbidden.check(address, 'ipv6') && embeddedIPv4(address) === undefined) return `${address} is a private, loopback, link-local or reserved address`;
  const v4 = embeddedIPv4(address);
  if (v4 !== undefined) return refusedBecause(v4, allowed) ? `${address} embeds the non-public IPv4 address ${v4}` : undefined;
  return forbidden.check(address, 'ipv6') ? `${address} is a private, loopback, link-local or reserved address` : undefined;
}

// ---- URL check and resolution -------------------------------------------------------------------

/** The URL's protocol and host, checked (no resolution): throws RefusedAddressError. */
export function parseWebhookUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new RefusedAddressError(`地址无效 — '${raw.slice(0, 100)}' is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new RefusedAddressError(`只支持 http/https — a webhook URL must be http:// or https://, not ${url.protocol}`);
  if (url.username || url.password) throw new RefusedAddressError('地址不能含用户名或密码 — a webhook URL must not carry credentials');
  return url;
}

const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, '').toLowerCase();

/** `promise`, or a rejection with `message` once `deadline` (performance.now() milliseconds) has passed. */
function beforeDeadline<T>(promise: Promise<T>, deadline: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(message)), Math.max(0, deadline - performance.now()));
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

/**
 * The addresses to connect to for `url`, each allowed by the policy; throws RefusedAddressError
 * when the host is refused (or resolves to any refused address), a plain Error when it does not
 * resolve or the resolution is not done by `deadline` (performance.now() milliseconds).
 */
export async function resolveAllowed(
  url: URL,
  allowedHosts: readonly string[],
  { deadline, timeoutMs, lookup = systemLookup }: { deadline: number; timeoutMs: number; lookup?: HostLookup | undefined },
): Promise<{ address: string; family: number }[]> {
  const host = hostOf(url);
  const hostAllowed = allowedHosts.includes(host);
  const addresses = net.isIP(host)
    ? [{ address: host, family: net.isIP(host) }]
    : await beforeDeadline(lookup(host), deadline, `timed out after ${timeoutMs} ms (resolving ${host})`);
  if (addresses.length === 0) throw new Error(`${host} does not resolve`);
  if (!hostAllowed) {
    for (const a of addresses) {
      const why = refusedBecause(a.address, allowedHosts);
      if (why) throw new RefusedAddressError(`不允许的地址 — ${host === a.address ? '' : `${host} resolves to `}${why}; add it to WEBHOOK_ALLOWED_HOSTS to allow it`);
    }
  }
  return addresses;
}

// ---- the request ---------------------------------------------------------------------------------

export interface OutboundResult {
  status: number;
  latencyMs: number;
  /** Bytes of the answer read (at most the cap). */
  bytesRead: number;
}

/** POSTs `body` to `rawUrl`; resolves with the status of any answer, rejects on refusal, timeout or network error. */
export async function postJson(rawUrl: string, headers: Record<string, string>, body: string, policy: OutboundPolicy): Promise<OutboundResult> {
  // The overall deadline starts here: resolving the name is part of the attempt.
  const started = performance.now();
  const deadline = started + policy.timeoutMs;
  const url = parseWebhookUrl(rawUrl);
  const [pinned] = await resolveAllowed(url, policy.allowedHosts, { deadline, timeoutMs: policy.timeoutMs, lookup: policy.lookup });
  const hostAllowed = policy.allowedHosts.includes(hostOf(url));
  const lookup: net.LookupFunction = (_hostname, options, callback) => {
    // Connect-time check of the one address resolved above (no second DNS query).
    const why = hostAllowed ? undefined : refusedBecause(pinned!.address, policy.allowedHosts);
    if (why) return callback(new RefusedAddressError(why), '', 4);
    if ((options as dns.LookupOptions).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, [pinned!]);
    callback(null, pinned!.address, pinned!.family);
  };
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<OutboundResult>((resolve, reject) => {
    let settled = false;
    const finish = (error: Error | undefined, result?: OutboundResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(overall);
      clearTimeout(connectTimer);
      req.destroy();
      if (error) reject(error);
      else resolve(result!);
    };
    const req = client.request(url, {
      method: 'POST',
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      lookup,
      agent: false,
      ...(url.protocol === 'https:' ? { servername: net.isIP(hostOf(url)) ? undefined : hostOf(url) } : {}),
    });
    const overall = setTimeout(() => finish(new Error(`timed out after ${policy.timeoutMs} ms`)), Math.max(0, deadline - performance.now()));
    const connectTimer = setTimeout(() => finish(new Error(`connect timed out after ${policy.connectTimeoutMs} ms`)), policy.connectTimeoutMs);
    req.on('socket', (socket) => {
      const connected = () => clearTimeout(connectTimer);
      if (!socket.connecting) connected();
      socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', connected);
    });
    req.on('error', (error) => finish(error));
    req.on('response', (res) => {
      let bytesRead = 0;
      const done = () => finish(undefined, { status: res.statusCode ?? 0, latencyMs: Math.round(performance.now() - started), bytesRead });
      res.on('data', (chunk: Buffer) => {
        bytesRead += chunk.length;
        if (bytesRead >= policy.maxResponseBytes) {
          bytesRead = Math.min(bytesRead, policy.maxResponseBytes);
          done();
        }
      });
      res.on('end', done);
      res.on('error', (error) => finish(error));
    });
    req.end(body);
  });
}
