// Renders release bodies (sanitize + text + summary) on a small pool of worker threads, so a
// maximal body costs its author the wait and nobody else. The pool starts on first use and its
// idle threads exit on their own.
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { BodyRenditions } from './content.service.js';

let pool: Piscina | undefined;

function renderPool(): Piscina {
  const workerUrl = new URL(`./body-render.worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);
  pool ??= new Piscina({
    filename: workerUrl.href,
    minThreads: 0,
    maxThreads: Math.max(1, Math.min(2, availableParallelism() - 1)),
    idleTimeout: 30_000,
    // Running from TypeScript sources (npm start, tests): the workers need the same loader.
    execArgv: import.meta.url.endsWith('.ts') ? ['--import', 'tsx'] : [],
  });
  return pool;
}

/**
 * The stored renditions of a body and an optional hand-written summary, computed off the event
 * loop; null when the sanitized body would be longer than MAX_BODY_CHARS.
 */
export function renderBodyOffThread(html: string, summary: string | null | undefined): Promise<BodyRenditions | null> {
  return renderPool().run({ html, summary: summary ?? null });
}
