import { type Context, context, type Link, type Span, SpanStatusCode, trace, TraceFlags } from '@opentelemetry/api';

/**
 * The code speaks only `@opentelemetry/api`: without a registered SDK every span is a
 * no-op. `otel.ts` registers one when OTEL_EXPORTER_OTLP_ENDPOINT is set; tests
 * register one with an in-memory exporter (`useTracerProvider`).
 */
// Asked for at each use, not kept: a provider registered later (or again) is the one used.
export const tracer = () => trace.getTracer('customer-ledger');

let linking = false;
let flush: () => Promise<void> = () => Promise.resolve();

/** Exports the spans still buffered: a process calls it before it exits. */
export const flushTracing = (): Promise<void> => flush();
export const setTracingFlush = (f: () => Promise<void>): void => {
  flush = f;
};

/**
 * Whether spans are recorded in this process: only then do appends store their trace
 * context in the event metadata and projection batches read it back for their links.
 */
export const tracingEnabled = (): boolean => linking;
export const setTracingEnabled = (on: boolean): void => {
  linking = on;
};

/** Runs `fn` in a new active span; a throw marks the span as an error; the span always ends. */
export const inSpan = async <A>(name: string, fn: (span: Span) => Promise<A>, options: { links?: Link[] } = {}): Promise<A> =>
  tracer().startActiveSpan(name, options, async (span) => {
    try {
      return await fn(span);
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  });

/** The active span as a W3C `traceparent` (kept in an event's metadata), or undefined when none records. */
export const activeTraceparent = (ctx: Context = context.active()): string | undefined => {
  const span = trace.getSpan(ctx);
  if (!span?.isRecording()) return undefined;
  const { traceId, spanId, traceFlags } = span.spanContext();
  return `00-${traceId}-${spanId}-${traceFlags.toString(16).padStart(2, '0')}`;
};

const traceparentPattern = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** A link to the span a `traceparent` names (the append that wrote an event). */
export const linkTo = (traceparent: string | undefined): Link | null => {
  const m = traceparent === undefined ? null : traceparentPattern.exec(traceparent);
  if (!m) return null;
  return { context: { traceId: m[1]!, spanId: m[2]!, traceFlags: Number.parseInt(m[3]!, 16) & TraceFlags.SAMPLED, isRemote: true } };
};
