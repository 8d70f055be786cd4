// Worker-thread entry of the body renderer: sanitizing a large body takes seconds of CPU,
// which must not block the event loop that serves every other request.
import { renderBody, type BodyRenditions } from './content.service.js';

export default function render({ html, summary }: { html: string; summary: string | null }): BodyRenditions {
  return renderBody(html, summary);
}
