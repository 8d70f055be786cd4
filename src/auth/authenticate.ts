// Turns request credentials into a Viewer. No credentials: anonymous.
import type { IncomingHttpHeaders } from 'node:http';
import { unauthenticated } from '../graphql/errors.js';
import { anonymousViewer, type Viewer } from './viewer.js';

export type Authenticator = (headers: IncomingHttpHeaders) => Promise<Viewer>;

export function createAuthenticator(): Authenticator {
  return async (headers) => {
    if (headers.authorization === undefined) return anonymousViewer;
    throw unauthenticated();
  };
}
