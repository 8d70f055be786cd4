// Worker-thread entry of the body renderer: sanitizing a large body takes seconds of CPU,
// which must not block the event loop that serves every other request.
import { setPriority } from 'node:os';
import { renderBody, type BodyRenditions } from './content.service.js';

// On Linux the nice value is per thread: this lowers only the renderer's. On a small machine
// a flood of maximal bodies then takes the CPU that requests, the database and the load
// balancer's probes leave over — not the other way round.
try {
  setPriority(19);
} catch {
  // Not permitted on this system: the renderer runs at normal priority.
}

export default function render({ html, summary }: { html: string; summary: string | null }): BodyRenditions | null {
  return renderBody(html, summary);
}
