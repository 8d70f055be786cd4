// Rendered feeds and sitemaps kept in this process: a feed costs a few queries, a sitemap file up
// to 50,000 rows, a multi-megabyte string and its compression; anyone may ask for them, without
// credentials, as often as they like. Each document is rendered once and kept — bytes, ETag,
// brotli and gzip — until the next change the ChangeBus announces (a commit in any process), and
// at most RESPONSE_CACHE_SECONDS (the catalog, org units and the calendar change without an
// announcement), in an LRU bounded in bytes (RESPONSE_CACHE_MAX_BYTES, its own budget besides
// the public response cache's).
//
// Concurrent misses for one key render once: later requests wait for the render in flight
// (single-flight). A render that began before a change was announced is still answered to those
// who asked, but neither kept nor joined by requests that arrive after the announcement. With
// read replicas, renders begun in the first seconds after a change are not kept either: the
// replica may not have replayed it yet.
import type { ChangeBus } from '../modules/changes/change-bus.js';
import { byteBoundedLru, renderedAnswerOffLoop, type RenderedAnswer } from './rendered-answer.js';

export interface CachedDocument extends RenderedAnswer {
  contentType: string;
}

export interface DocumentCacheOptions {
  /** Bytes kept (bodies and renditions); 0 keeps nothing (renders are still shared while in flight). */
  maxBytes: number;
  ttlSeconds: number;
  changes: ChangeBus;
  /** With read replicas: documents rendered this soon after a change are not kept (replication delay). */
  settleAfterChangeMs?: number;
}

export class DocumentCache {
  private readonly lru;
  private readonly inflight = new Map<string, Promise<CachedDocument>>();
  private generation = 0;
  private lastChangeAt = 0;
  private readonly unsubscribe: () => void;
  /** Renders started (tests and metrics: a hit or a joined render starts none). */
  renders = 0;

  constructor(private readonly options: DocumentCacheOptions) {
    this.lru = byteBoundedLru<CachedDocument>(options.maxBytes, options.ttlSeconds * 1000);
    this.unsubscribe = options.changes.subscribe(() => this.purge());
  }

  /** The document under `key`: kept, being rendered, or rendered now by `render`. */
  get(key: string, render: () => Promise<{ contentType: string; body: Buffer }>): Promise<CachedDocument> {
    const kept = this.lru?.get(key);
    if (kept) return Promise.resolve(kept);
    const running = this.inflight.get(key);
    if (running) return running;
    const generation = this.generation;
    const startedAt = Date.now();
    this.renders++;
    const promise = (async () => {
      const { contentType, body } = await render();
      const document: CachedDocument = { ...(await renderedAnswerOffLoop(body)), contentType };
      const settle = this.options.settleAfterChangeMs ?? 0;
      if (generation === this.generation && !(settle > 0 && startedAt - this.lastChangeAt < settle)) this.lru?.set(key, document);
      return document;
    })().finally(() => {
      if (this.inflight.get(key) === promise) this.inflight.delete(key);
    });
    this.inflight.set(key, promise);
    return promise;
  }

  /** Everything kept is stale: public content changed. */
  purge(): void {
    this.generation++;
    this.lastChangeAt = Date.now();
    this.lru?.clear();
    this.inflight.clear();
  }

  /** Documents kept (tests and metrics). */
  get size(): number {
    return this.lru?.size ?? 0;
  }

  stop(): void {
    this.unsubscribe();
    this.purge();
  }
}
