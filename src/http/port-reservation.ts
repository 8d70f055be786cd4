// The listening ports, taken at the very start: a port another process holds is reported in a
// moment, naming the setting to change, instead of after the database has been opened, migrated
// and seeded. The ports stay taken (by a bare TCP listener that accepts nothing) until the HTTP
// servers are about to listen on them, so a second instance starting meanwhile is refused too.
import net from 'node:net';
import { ConfigError } from '../config.js';

export interface PortReservation {
  /** Lets go of the ports (right before the servers listen on them). Safe to call twice. */
  release(): Promise<void>;
}

function explain(error: NodeJS.ErrnoException, port: number, host: string, setting: string): Error {
  switch (error.code) {
    case 'EADDRINUSE':
      return new ConfigError(`config: port ${port} is in use (on ${host}) — set ${setting} to a free port (or stop the other process)`);
    case 'EACCES':
      return new ConfigError(`config: port ${port} needs privileges this process does not have — set ${setting} to 1024 or above`);
    case 'EADDRNOTAVAIL':
      return new ConfigError(`config: ${host} is not an address of this machine, so port ${port} cannot be listened on — set HOST`);
    default:
      return error;
  }
}

function hold(port: number, host: string, setting: string): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    // Backlog 0 and no handler: a connection arriving meanwhile is simply not served.
    const server = net.createServer((socket) => socket.destroy());
    // Never what keeps a process alive.
    server.unref();
    server.once('error', (error: NodeJS.ErrnoException) => reject(explain(error, port, host, setting)));
    server.listen({ port, host, exclusive: true }, () => resolve(server));
  });
}

/**
 * Takes each `{ port, host, setting }` (port 0 — any free port — needs no check and is skipped),
 * or throws a ConfigError naming the setting of the first port that cannot be had.
 */
export async function reservePorts(ports: readonly { port: number | undefined; host: string; setting: string }[]): Promise<PortReservation> {
  const held: net.Server[] = [];
  const release = async () => {
    const servers = held.splice(0);
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  };
  try {
    for (const { port, host, setting } of ports) {
      if (port) held.push(await hold(port, host, setting));
    }
  } catch (error) {
    await release();
    throw error;
  }
  return { release };
}
