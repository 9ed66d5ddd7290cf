import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { defaultResource, detectResources, envDetector, type Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor, type SpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { setTracingEnabled, setTracingFlush } from './tracing.js';

let provider: TracerProvider | null = null;

/**
 * Registers a tracer provider with these span processors and the async context manager
 * (a span follows the async calls made in it), process-wide. Returns its shutdown,
 * which flushes what is not exported yet.
 */
export const useTracerProvider = (processors: SpanProcessor[], resource?: Resource): (() => Promise<void>) => {
  const manager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(manager);
  provider = new TracerProvider({ spanProcessors: processors, ...(resource ? { resource } : {}) });
  trace.setGlobalTracerProvider(provider);
  setTracingEnabled(true);
  const mine = provider;
  setTracingFlush(() => mine.forceFlush());
  return async () => {
    await mine.shutdown();
    setTracingEnabled(false);
    setTracingFlush(() => Promise.resolve());
    trace.disable();
    context.disable();
    if (provider === mine) provider = null;
  };
};

/**
 * With OTEL_EXPORTER_OTLP_ENDPOINT set, spans go to that collector over OTLP/HTTP (the
 * exporter reads the standard OTEL_* variables itself: protocol, headers, timeouts). Unset, nothing is registered and every span is a no-op.
 */
export const startTracing = async (env: NodeJS.ProcessEnv = process.env): Promise<void> => {
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || provider) return;
  const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
  // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES name this process in the collector.
  const resource = defaultResource().merge(detectResources({ detectors: [envDetector] }));
  useTracerProvider([new BatchSpanProcessor({ exporter: new OTLPTraceExporter() })], resource);
};
