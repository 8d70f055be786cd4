// OpenTelemetry tracing, off unless OTEL_EXPORTER_OTLP_ENDPOINT is set. When off this module is
// never even imported (boot loads it on demand) and the request path only tests for `undefined`:
// no context manager, no spans, no Prisma hook — nothing to pay for.
//
// When on, the spans are explicit rather than monkey-patched (instrumentation-http needs ESM
// loader hooks): app.ts opens a SERVER span per HTTP request, continuing the caller's trace from
// its W3C `traceparent`, and a GraphQL operation span inside it, which the Apollo plugin below
// names and annotates, with child spans for parse, validate and execute. Database queries are
// traced by Prisma itself (@prisma/instrumentation, which works with driver adapters and the
// query compiler: it emits prisma:client:operation and prisma:client:db_query spans under the
// active context). The response carries `traceparent` so a caller can find its trace.
//
// WARNING: the context manager and Prisma's tracing hook are process-wide. One process runs one
// service, so that is fine; tests that run several traced services in one process see every
// Prisma span go to the most recently started one.
import type { IncomingMessage } from 'node:http';
import { context, defaultTextMapGetter, defaultTextMapSetter, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Span, type Tracer } from '@opentelemetry/api';
import type { ApolloServerPlugin } from '@apollo/server';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, ParentBasedSampler, SimpleSpanProcessor, TraceIdRatioBasedSampler, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { ATTR_HTTP_REQUEST_METHOD, ATTR_HTTP_RESPONSE_STATUS_CODE, ATTR_HTTP_ROUTE, ATTR_SERVICE_NAME, ATTR_URL_PATH } from '@opentelemetry/semantic-conventions';
import { PrismaInstrumentation } from '@prisma/instrumentation';
import type { TracingConfig } from '../config.js';
import type { Context } from '../context.js';
import type { Logger } from '../logger.js';

export interface Tracing {
  /** Opens the SERVER span of one request (a child of the caller's `traceparent`, if valid). */
  startRequest(req: IncomingMessage, pathname: string, route: string | undefined, requestId: string): RequestTrace;
  /** Names and annotates the operation span; adds parse, validate and execute spans. */
  plugin(): ApolloServerPlugin<Context>;
  /** Sends the spans still buffered. */
  shutdown(): Promise<void>;
}

export interface RequestTrace {
  traceId: string;
  /** The request span as a W3C traceparent, for the response header. */
  traceparent: string;
  /** Runs `fn` with the request span active. */
  run<T>(fn: () => T): T;
  /** Runs `fn` (Apollo's execution) inside a GraphQL operation span, a child of the request span. */
  runOperation<T>(fn: () => Promise<T>): Promise<T>;
  /** Ends the request span; status undefined = the client left before an answer. */
  end(status: number | undefined): void;
}

export interface TracingOptions {
  config: TracingConfig;
  logger: Logger;
  /** Tests: spans go here (synchronously, as each ends) instead of OTLP. */
  exporter?: SpanExporter | undefined;
}

const propagator = new W3CTraceContextPropagator();
/** Prisma's hook currently installed, so that a later service's stop does not remove another's. */
let installedPrisma: PrismaInstrumentation | undefined;

export async function startTracing({ config, logger, exporter }: TracingOptions): Promise<Tracing> {
  // Registers only if no other context manager is (a second service in the process reuses it).
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  let processor;
  if (exporter) {
    processor = new SimpleSpanProcessor(exporter);
  } else {
    const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-proto');
    // Headers, timeout and compression come from the standard OTEL_EXPORTER_OTLP_* variables.
    processor = new BatchSpanProcessor(new OTLPTraceExporter({ url: config.otlpTracesUrl }));
  }
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: config.serviceName }),
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(config.sampleRatio) }),
    spanProcessors: [processor],
  });
  const tracer: Tracer = provider.getTracer('gongkai');

  // Prisma checks a global hook on every query; enabled only once our provider is set on it.
  const prisma = new PrismaInstrumentation({ enabled: false });
  prisma.setTracerProvider(provider);
  prisma.enable();
  installedPrisma = prisma;
  logger.info({ otlp: exporter ? 'in-memory' : config.otlpTracesUrl, sampleRatio: config.sampleRatio }, 'tracing: on');

  return {
    startRequest(req, pathname, route, requestId) {
      const parent = propagator.extract(ROOT_CONTEXT, req.headers, defaultTextMapGetter);
      const method = (req.method ?? 'GET').toUpperCase();
      const span = tracer.startSpan(
        route ? `${method} ${route}` : method,
        {
          kind: SpanKind.SERVER,
          // The path only: a query string may carry a GraphQL document and its variables.
          attributes: { [ATTR_HTTP_REQUEST_METHOD]: method, [ATTR_URL_PATH]: pathname.slice(0, 200), 'gongkai.request_id': requestId, ...(route ? { [ATTR_HTTP_ROUTE]: route } : {}) },
        },
        parent,
      );
      const active = trace.setSpan(parent, span);
      const carrier: Record<string, string> = {};
      propagator.inject(active, carrier, defaultTextMapSetter);
      return {
        traceId: span.spanContext().traceId,
        traceparent: carrier.traceparent ?? '',
        run: (fn) => context.with(active, fn),
        runOperation(fn) {
          const operation = tracer.startSpan('graphql', { kind: SpanKind.INTERNAL }, active);
          return context.with(trace.setSpan(active, operation), fn).finally(() => operation.end());
        },
        end(status) {
          if (status === undefined) {
            span.setAttribute('gongkai.aborted', true);
          } else {
            span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, status);
            // Server spans: only 5xx are the server's failures (4xx are the client's).
            if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
          }
          span.end();
        },
      };
    },
    plugin: () => tracingPlugin(tracer),
    async shutdown() {
      if (installedPrisma === prisma) {
        prisma.disable();
        installedPrisma = undefined;
      }
      await provider.shutdown().catch((error: unknown) => logger.warn({ error: (error as Error).message }, 'tracing: could not send the last spans'));
    },
  };
}

function tracingPlugin(tracer: Tracer): ApolloServerPlugin<Context> {
  /** A child of the operation span, for one phase. */
  const phase = (operation: Span, name: string) => tracer.startSpan(name, {}, trace.setSpan(context.active(), operation));
  const ended = (span: Span) => async (error?: unknown) => {
    if (error) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  };
  return {
    async requestDidStart() {
      // app.ts made the operation span active around Apollo's whole handling of the request.
      const operation = trace.getActiveSpan();
      if (!operation) return {};
      return {
        async parsingDidStart() {
          return ended(phase(operation, 'graphql.parse'));
        },
        async validationDidStart() {
          const span = phase(operation, 'graphql.validate');
          return async (errors?: readonly Error[]) => {
            if (errors?.length) span.setStatus({ code: SpanStatusCode.ERROR });
            span.end();
          };
        },
        async didResolveOperation({ operation: document, operationName }) {
          if (!document) return;
          const kind = document.operation;
          // Semantic conventions: "{graphql.operation.type} {graphql.operation.name}". Never the
          // document itself: its literals may hold personal data.
          operation.updateName(operationName ? `${kind} ${operationName}` : kind);
          operation.setAttributes({ 'graphql.operation.type': kind, ...(operationName ? { 'graphql.operation.name': operationName } : {}) });
        },
        async executionDidStart() {
          const span = phase(operation, 'graphql.execute');
          return { executionDidEnd: ended(span) };
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single' || !response.body.singleResult.errors?.length) return;
          const codes = [...new Set(response.body.singleResult.errors.map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR')))];
          operation.setAttribute('gongkai.error_codes', codes);
          operation.setStatus({ code: SpanStatusCode.ERROR, message: codes.join(', ') });
        },
      };
    },
  };
}
