// Work the service does on its own account — jobs, the webhook dispatcher's wake-up, periodic
// flushes — runs inside this scope, so whatever watches the statements of a request (the tests'
// statement counts, for one) can tell them from the background's, which share the client.
import { AsyncLocalStorage } from 'node:async_hooks';

const scope = new AsyncLocalStorage<string>();

/** Runs `fn` as background work named `what`. */
export function inBackground<T>(what: string, fn: () => T): T {
  return scope.run(what, fn);
}

/** The background work the current code runs for, if any. */
export function backgroundWork(): string | undefined {
  return scope.getStore();
}
