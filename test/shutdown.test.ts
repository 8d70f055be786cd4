// Graceful stop (hardening issue, row 13): during the pre-stop delay /readyz answers 503
// "draining" while requests are still served — each with `Connection: close`, so a keep-alive
// client moves to another instance instead of being reset — then the server stops accepting,
// closes idle keep-alive sockets cleanly (FIN, not RST) and exits. A pause point holds the delay
// open for exactly as long as the test needs, however busy the machine.
import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { armPause } from '../src/faults.js';
import { loadConfig } from '../src/config.js';
import { startTestService, type TestService } from './harness.js';

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService();
});
afterAll(async () => {
  await svc?.stop();
});

function get(agent: http.Agent | false, path: string, port: number): Promise<{ status: number; connection: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, agent }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body }));
      })
      .on('error', reject);
  });
}

/** A raw keep-alive connection that made one request and now sits idle; records how it ended. */
async function idleKeepAliveSocket(port: number): Promise<{ ended: Promise<{ reset: boolean }> }> {
  const socket = net.connect(port, '127.0.0.1');
  let reset = false;
  socket.on('error', (e: NodeJS.ErrnoException) => (reset = e.code === 'ECONNRESET'));
  const ended = new Promise<{ reset: boolean }>((resolve) => socket.on('close', () => resolve({ reset })));
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n');
  await new Promise<void>((resolve) => socket.once('data', () => resolve()));
  return { ended };
}

describe('Graceful stop with a pre-stop delay', () => {
  it('defaults to 5 s in production and none in development; SHUTDOWN_DELAY_MS sets it', () => {
    const secret = { JWT_SECRET: 'x'.repeat(32) };
    expect(loadConfig({ ...secret, NODE_ENV: 'production' }).shutdownDelayMs).toBe(5_000);
    expect(loadConfig({ ...secret, NODE_ENV: 'development' }).shutdownDelayMs).toBe(0);
    expect(loadConfig({ ...secret, SHUTDOWN_DELAY_MS: '15000' }).shutdownDelayMs).toBe(15_000);
  });

  it('reports draining while serving requests with Connection: close, then closes idle keep-alive sockets cleanly and refuses new connections', async () => {
    const port = Number(new URL(svc.url).port);
    const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 1 });
    expect((await get(keepAlive, '/healthz', port)).connection).toBe('keep-alive');
    const idle = await idleKeepAliveSocket(port);

    const pause = armPause('app.stop.draining');
    const stopping = svc.service.stop();
    await pause.reached;

    const ready = await get(false, '/readyz', port);
    expect(ready.status).toBe(503);
    expect(JSON.parse(ready.body)).toEqual({ status: 'draining' });
    // Still served, on the existing keep-alive connection, which is then closed by the server.
    const served = await new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path: '/graphql', method: 'POST', agent: keepAlive, headers: { 'content-type': 'application/json' } }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
      });
      req.on('error', reject);
      req.end(JSON.stringify({ query: '{ domains { totalCount } }' }));
    });
    expect(served).toEqual({ status: 200, connection: 'close' });

    pause.release();
    await stopping;
    expect(await idle.ended).toEqual({ reset: false });
    await expect(get(false, '/healthz', port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    keepAlive.destroy();
  });
});
