// Reads a request body with a hard size limit; the limit is enforced while streaming so an
// oversized body is never buffered whole.
import type { IncomingMessage } from 'node:http';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const tooLarge = (limit: number) => new HttpError(413, `请求过大 — the request body exceeds ${limit} bytes (MAX_BODY_BYTES).`, 'PAYLOAD_TOO_LARGE');

export async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    throw tooLarge(limit);
  }
  // Decoded chunk by chunk as it arrives: decoding megabytes of CJK text at once takes tens of
  // milliseconds, which would stall every other request; per chunk it is a fraction of one.
  const decoder = new TextDecoder('utf-8');
  let text = '';
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw tooLarge(limit);
    text += decoder.decode(chunk as Buffer, { stream: true });
  }
  return text + decoder.decode();
}

/**
 * Drops the body of a request answered without it (a throttled address, a full queue): drained
 * up to four times the body limit, so a client still sending an oversized body reads its answer
 * instead of a reset connection; past that the connection ends.
 */
export function drainRefusedBody(req: IncomingMessage, bodyLimit: number): void {
  discardBody(req, 4 * bodyLimit);
}

/** Reads and drops a request body without decoding it; past `limit` bytes the connection ends. */
export function discardBody(req: IncomingMessage, limit: number): void {
  let seen = 0;
  req.on('data', (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > limit) req.socket.destroy();
  });
}

/** Parses a JSON body; a syntax error is the client's fault (400), not ours. */
export function parseJsonBody(raw: string): unknown {
  if (raw === '') return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    throw new HttpError(400, '请求体不是有效的 JSON — the body is not valid JSON.', 'BAD_REQUEST');
  }
}
