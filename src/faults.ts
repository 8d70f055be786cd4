// Fault injection for tests of atomicity: a test arms a named checkpoint, the next code path
// passing it throws, and the surrounding transaction must leave nothing half-done.
// WARNING: test hook. In production nothing arms a checkpoint; passing one is a Map lookup.

const armed = new Map<string, Error>();

export function armFault(point: string, error: Error = new Error(`injected fault at ${point}`)): void {
  armed.set(point, error);
}

export function disarmFaults(): void {
  armed.clear();
}

/** Throws the armed error once when `point` is armed. */
export function checkpoint(point: string): void {
  const error = armed.get(point);
  if (error) {
    armed.delete(point);
    throw error;
  }
}
