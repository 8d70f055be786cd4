// OpenTelemetry tracing, on (spans go to an in-memory exporter): a request continues its
// caller's W3C trace — HTTP server span → GraphQL operation span → Prisma's database spans — and
// the response names the trace. Tracing off is covered in observability.test.ts (its own process:
// Prisma's tracing hook is process-wide).
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseLabel, startTestService, type TestService } from './harness.js';
import { pollUntil } from './workflow-helpers.js';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT_SPAN_ID = '00f067aa0ba902b7';

const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

/** Whether `span` descends from `ancestor` through the spans exported so far. */
function descendsFrom(span: ReadableSpan, ancestor: ReadableSpan, all: ReadableSpan[]): boolean {
  const byId = new Map(all.map((s) => [s.spanContext().spanId, s]));
  for (let current: ReadableSpan | undefined = span; current; current = byId.get(parentOf(current) ?? '')) {
    if (parentOf(current) === ancestor.spanContext().spanId) return true;
  }
  return false;
}

describe(`Tracing (${databaseLabel})`, () => {
  const exporter = new InMemorySpanExporter();
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService({ captureLogs: true, spanExporter: exporter });
  });
  afterAll(async () => {
    await service?.stop();
  });

  it("continues the caller's traceparent: HTTP span → GraphQL operation span → database query spans", async () => {
    exporter.reset();
    const res = await fetch(`${service.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: `00-${TRACE_ID}-${PARENT_SPAN_ID}-01` },
      body: JSON.stringify({ query: 'query TracedList { releases(first: 2) { totalCount edges { node { title } } } }' }),
    });
    expect(res.status).toBe(200);
    await res.json();
    // The response names the trace and the server span, so the caller can find them.
    const traceparent = res.headers.get('traceparent')!;
    expect(traceparent).toMatch(new RegExp(`^00-${TRACE_ID}-[0-9a-f]{16}-01$`));
    const serverSpanId = traceparent.split('-')[2];

    // The HTTP span ends when the response has closed: wait for it.
    const http = await pollUntil('the HTTP span', async () => exporter.getFinishedSpans().find((s) => s.kind === SpanKind.SERVER && s.spanContext().traceId === TRACE_ID));
    const spans = exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === TRACE_ID);
    expect(http.name).toBe('POST /graphql');
    expect(http.spanContext().spanId).toBe(serverSpanId);
    expect(parentOf(http)).toBe(PARENT_SPAN_ID);
    expect(http.attributes).toMatchObject({ 'http.request.method': 'POST', 'http.route': '/graphql', 'http.response.status_code': 200 });
    expect(http.attributes['gongkai.request_id']).toBe(res.headers.get('x-request-id'));

    const operation = spans.find((s) => s.name === 'query TracedList');
    expect(operation, spans.map((s) => s.name).join(', ')).toBeDefined();
    expect(parentOf(operation!)).toBe(serverSpanId);
    expect(operation!.attributes).toMatchObject({ 'graphql.operation.type': 'query', 'graphql.operation.name': 'TracedList' });
    for (const phase of ['graphql.parse', 'graphql.validate', 'graphql.execute']) {
      expect(spans.find((s) => s.name === phase && parentOf(s) === operation!.spanContext().spanId), phase).toBeDefined();
    }

    const queries = spans.filter((s) => s.name === 'prisma:client:db_query');
    expect(queries.length).toBeGreaterThan(0);
    for (const q of queries) {
      expect(descendsFrom(q, operation!, spans)).toBe(true);
      expect(q.kind).toBe(SpanKind.CLIENT);
      expect(String(q.attributes['db.query.text'])).toMatch(/SELECT/i);
    }

    // The access-log line carries the trace id too.
    const line = await pollUntil('access-log line', async () => service.logs.find((l) => l.msg === 'http: request' && l.requestId === res.headers.get('x-request-id')));
    expect(line.traceId).toBe(TRACE_ID);
  });

  it('starts a new trace without a traceparent, marks errors, and traces refusals that never reach GraphQL', async () => {
    exporter.reset();
    const res = await fetch(`${service.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'query Broken { noSuchField }' }) });
    expect(res.status).toBe(400);
    const traceId = res.headers.get('traceparent')!.split('-')[1]!;
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(traceId).not.toBe(TRACE_ID);
    const http = await pollUntil('the HTTP span', async () => exporter.getFinishedSpans().find((s) => s.kind === SpanKind.SERVER && s.spanContext().traceId === traceId));
    expect(parentOf(http)).toBeUndefined();
    expect(http.attributes['http.response.status_code']).toBe(400);
    const operation = exporter.getFinishedSpans().find((s) => s.spanContext().traceId === traceId && parentOf(s) === http.spanContext().spanId);
    expect(operation?.attributes['gongkai.error_codes']).toEqual(['GRAPHQL_VALIDATION_FAILED']);

    const missing = await fetch(`${service.url}/nowhere`, { headers: { traceparent: `00-${TRACE_ID}-${PARENT_SPAN_ID}-01` } });
    expect(missing.status).toBe(404);
    const notFound = await pollUntil('the 404 span', async () => exporter.getFinishedSpans().find((s) => s.kind === SpanKind.SERVER && s.spanContext().traceId === TRACE_ID));
    expect(notFound.name).toBe('GET');
    expect(notFound.attributes['http.response.status_code']).toBe(404);
    expect(notFound.attributes['url.path']).toBe('/nowhere');
  });

  it('ignores a malformed traceparent', async () => {
    exporter.reset();
    const res = await fetch(`${service.url}/healthz`, { headers: { traceparent: '00-not-a-trace-01' } });
    expect(res.status).toBe(200);
    const traceId = res.headers.get('traceparent')!.split('-')[1]!;
    const http = await pollUntil('the HTTP span', async () => exporter.getFinishedSpans().find((s) => s.spanContext().traceId === traceId));
    expect(parentOf(http)).toBeUndefined();
    expect(http.name).toBe('GET /healthz');
  });
});
