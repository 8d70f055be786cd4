// A webhook receiver in 20 lines (node:http, no dependencies): verifies the Standard Webhooks
// signature with WEBHOOK_SECRET (the whsec_… shown once at registration) and prints the event.
//   WEBHOOK_SECRET=whsec_… PORT=8787 node examples/webhook-receiver.mjs
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';

const key = Buffer.from(process.env.WEBHOOK_SECRET.replace(/^whsec_/, ''), 'base64');
const seen = new Set(); // webhook-id: the same on retries and replays, so handle each once

http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c)).on('end', () => {
    const [id, ts] = [req.headers['webhook-id'], req.headers['webhook-timestamp']];
    const expected = createHmac('sha256', key).update(`${id}.${ts}.${body}`).digest();
    const ok = Math.abs(Date.now() / 1000 - Number(ts)) < 300 && String(req.headers['webhook-signature']).split(' ')
      .some((s) => { const sig = Buffer.from(s.slice(3), 'base64'); return s.startsWith('v1,') && sig.length === expected.length && timingSafeEqual(sig, expected); });
    if (!ok) return res.writeHead(401).end('bad signature');
    if (!seen.has(id)) { seen.add(id); const event = JSON.parse(body); console.log(JSON.stringify({ id, type: event.type, data: event.data })); }
    res.writeHead(204).end();
  });
}).listen(Number(process.env.PORT ?? 8787), '127.0.0.1', () => console.error(`listening on ${process.env.PORT ?? 8787}`));
