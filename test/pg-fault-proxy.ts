// A TCP proxy in front of a PostgreSQL (the real server or the embedded one) that can make the
// database misbehave the ways production databases do: every connection cut at once, backends
// terminated with a FATAL error (what pg_terminate_backend and a failover send), new connections
// refused with a given SQLSTATE ("too many clients", "the database system is starting up" …),
// reset, or left hanging (pool timeouts). It frames the server's messages, so an error is
// injected between two messages exactly as a backend would send it.
import net from 'node:net';

export type ProxyMode =
  | { kind: 'pass' }
  /** New connections get an ErrorResponse with this SQLSTATE instead of a session. */
  | { kind: 'refuse'; code: string; message: string }
  /** New connections are reset at once (ECONNRESET). */
  | { kind: 'reset' }
  /** New connections are accepted and never answered (the client's connect timeout fires). */
  | { kind: 'hang' };

/** A backend ErrorResponse message: severity, SQLSTATE and text. */
export function errorResponse(severity: 'FATAL' | 'ERROR', code: string, message: string): Buffer {
  const fields = Buffer.concat([
    ...[['S', severity], ['V', severity], ['C', code], ['M', message]].map(([k, v]) => Buffer.from(`${k}${v}\0`, 'utf8')),
    Buffer.from([0]),
  ]);
  const header = Buffer.alloc(5);
  header.write('E', 0, 'latin1');
  header.writeInt32BE(fields.length + 4, 1);
  return Buffer.concat([header, fields]);
}

interface Link {
  client: net.Socket;
  upstream: net.Socket;
  /** Server bytes not yet forwarded because they do not complete a message. */
  pending: Buffer;
}

export class PgFaultProxy {
  private server: net.Server | null = null;
  private readonly links = new Set<Link>();
  private readonly strays = new Set<net.Socket>();
  private mode: ProxyMode = { kind: 'pass' };
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  /** A proxy for the server of `url`; `proxiedUrl(url)` then points a client through it. */
  static forUrl(url: string): PgFaultProxy {
    const u = new URL(url);
    return new PgFaultProxy({ host: u.hostname, port: Number(u.port || 5432) });
  }

  proxiedUrl(url: string): string {
    const u = new URL(url);
    u.host = `127.0.0.1:${this.port}`;
    return u.toString();
  }

  setMode(mode: ProxyMode): void {
    this.mode = mode;
  }

  /** How many client connections are being proxied now. */
  get connections(): number {
    return this.links.size;
  }

  async up(): Promise<void> {
    if (this.server) return;
    this.server = net.createServer((client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  /** Stops listening and cuts every connection (as a network failure would). */
  async down(): Promise<void> {
    if (!this.server) return;
    const server = this.server;
    this.server = null;
    // Stop accepting first: a client reconnecting meanwhile would keep close() waiting.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    this.cutAll();
    await closed;
  }

  /** Cuts every open connection without a word; new ones are still accepted. */
  cutAll(): void {
    for (const link of this.links) this.drop(link);
    for (const s of this.strays) s.destroy();
  }

  /**
   * Every open connection goes silent, both ways, without being closed: a NAT or firewall that
   * dropped it, a failover that moved the address. New connections are served as usual.
   */
  freezeAll(): void {
    for (const link of this.links) {
      link.client.unpipe(link.upstream);
      link.client.pause();
      link.upstream.pause();
      this.links.delete(link);
      this.strays.add(link.client);
      link.client.on('close', () => this.strays.delete(link.client));
    }
  }

  /**
   * Sends every client a FATAL ErrorResponse (57P01 by default, "terminating connection due to
   * administrator command") at the next message boundary, then closes it: pg_terminate_backend.
   */
  terminateAll(code = '57P01', message = 'terminating connection due to administrator command'): void {
    for (const link of this.links) {
      link.client.write(errorResponse('FATAL', code, message));
      this.drop(link, true);
    }
  }

  private drop(link: Link, graceful = false): void {
    this.links.delete(link);
    link.upstream.destroy();
    if (!graceful) {
      link.client.destroy();
      return;
    }
    // Half-closed after the error, as a backend leaves it; still cut by cutAll() and down().
    this.strays.add(link.client);
    link.client.on('close', () => this.strays.delete(link.client));
    link.client.end();
  }

  private accept(client: net.Socket): void {
    client.on('error', () => {});
    const mode = this.mode;
    if (mode.kind !== 'pass') {
      this.strays.add(client);
      client.on('close', () => this.strays.delete(client));
      if (mode.kind === 'reset') client.resetAndDestroy();
      // A refusal comes after the client's startup message, as from a real server.
      if (mode.kind === 'refuse') client.once('data', () => client.end(errorResponse('FATAL', mode.code, mode.message)));
      return;
    }
    const upstream = net.connect(this.target);
    upstream.on('error', () => client.destroy());
    const link: Link = { client, upstream, pending: Buffer.alloc(0) };
    this.links.add(link);
    client.on('close', () => {
      this.links.delete(link);
      upstream.destroy();
    });
    upstream.on('close', () => {
      if (this.links.delete(link)) client.destroy();
    });
    client.pipe(upstream);
    // Server → client, whole messages only, so an injected error never splits one.
    upstream.on('data', (chunk: Buffer) => {
      const buf = link.pending.length ? Buffer.concat([link.pending, chunk]) : chunk;
      let end = 0;
      while (buf.length - end >= 5) {
        const size = 1 + buf.readInt32BE(end + 1);
        if (buf.length - end < size) break;
        end += size;
      }
      if (end > 0 && this.links.has(link)) client.write(buf.subarray(0, end));
      link.pending = buf.subarray(end);
    });
  }
}
