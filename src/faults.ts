// Fault injection for tests of atomicity: a test arms a named checkpoint, the next code path
// passing it throws, and the surrounding transaction must leave nothing half-done. A pause point
// holds a code path instead, so a test can break something underneath it at that moment.
// WARNING: test hook. In production nothing arms a checkpoint; passing one is a Map lookup.

const armed = new Map<string, Error>();
const pauses = new Map<string, { reached: () => void; released: Promise<void> }>();

export function armFault(point: string, error: Error = new Error(`injected fault at ${point}`)): void {
  armed.set(point, error);
}

export function disarmFaults(): void {
  armed.clear();
  pauses.clear();
}

/** Throws the armed error once when `point` is armed. */
export function checkpoint(point: string): void {
  const error = armed.get(point);
  if (error) {
    armed.delete(point);
    throw error;
  }
}


/**
 * Arms a pause: the next code path awaiting `pausePoint(point)` stops there until `release()`.
 * `reached` resolves when it has stopped, so a test can act at exactly that moment.
 */
export function armPause(point: string): { reached: Promise<void>; release: () => void } {
  let reached!: () => void;
  let release!: () => void;
  const reachedPromise = new Promise<void>((resolve) => (reached = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  pauses.set(point, { reached, released });
  return { reached: reachedPromise, release };
}

/** Waits here once when a test armed a pause at `point`; otherwise returns at once. */
export async function pausePoint(point: string): Promise<void> {
  const pause = pauses.get(point);
  if (!pause) return;
  pauses.delete(point);
  pause.reached();
  await pause.released;
}
