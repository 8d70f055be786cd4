// Which address the login throttle and the audit log count a request against.
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddressOf } from '../src/http/app.js';

const request = (peer: string, forwarded?: string) =>
  ({ socket: { remoteAddress: peer }, headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded } }) as unknown as IncomingMessage;

describe('Client address', () => {
  it('is the socket peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientAddressOf(request('10.0.0.7', '1.2.3.4'), 0)).toBe('10.0.0.7');
  });

  it('is the entry the trusted proxy appended, never one the client wrote further left', () => {
    // The client claims 6.6.6.6; the proxy appended the address it saw, 203.0.113.9.
    expect(clientAddressOf(request('10.0.0.2', '6.6.6.6, 203.0.113.9'), 1)).toBe('203.0.113.9');
    // Two proxies: the outer one's entry is second from the right.
    expect(clientAddressOf(request('10.0.0.2', '6.6.6.6, 203.0.113.9, 10.0.0.1'), 2)).toBe('203.0.113.9');
  });

  it('falls back to the socket peer when the header has fewer entries than trusted proxies', () => {
    expect(clientAddressOf(request('10.0.0.2'), 1)).toBe('10.0.0.2');
    expect(clientAddressOf(request('10.0.0.2', '203.0.113.9'), 2)).toBe('10.0.0.2');
  });
});
