// A TCP relay in front of PostgreSQL that counts the bytes the database sends: what a server
// reads from PostgreSQL per request, measured on the wire rather than estimated.
import net from 'node:net';

export interface ByteCounter {
  /** `databaseUrl` with its host and port replaced by the relay's. */
  url: string;
  /** Bytes sent by PostgreSQL since the last reset. */
  bytes(): number;
  reset(): void;
  close(): Promise<void>;
}

export async function countBytesFrom(databaseUrl: string): Promise<ByteCounter> {
  const target = new URL(databaseUrl);
  let received = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    upstream.on('data', (chunk: Buffer) => (received += chunk.length));
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const relayed = new URL(databaseUrl);
  relayed.hostname = '127.0.0.1';
  relayed.port = String((server.address() as net.AddressInfo).port);
  return {
    url: relayed.toString(),
    bytes: () => received,
    reset: () => (received = 0),
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
