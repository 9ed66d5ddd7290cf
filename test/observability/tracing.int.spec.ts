import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { useTracerProvider } from '../../src/observability/otel.js';
import { storeCases } from '../support/stores.js';
import { client, type CustomersApp, openCustomersApp, sleep, uniqueName } from '../api/routes/customersApp.js';
import { archiveBody } from '../api/routes/customersFixtures.js';

/** One trace from the HTTP request through the use case to the append; the projection batch that applies it links to the append. */
describe.each(storeCases)('tracing a registration on $name', ({ open }) => {
  const exporter = new InMemorySpanExporter();
  let shutdown: () => Promise<void>;
  let c: CustomersApp;

  beforeAll(async () => {
    shutdown = useTracerProvider([new SimpleSpanProcessor({ exporter })]);
    c = await openCustomersApp(open);
  });
  afterAll(async () => {
    await c.close();
    await shutdown();
  });

  const idOf = (s: ReadableSpan) => s.spanContext().spanId;
  const parentOf = (s: ReadableSpan) => s.parentSpanContext?.spanId;

  test('request → use case → append in one trace, and the view\'s batch applying it linked to the append', async () => {
    exporter.reset();
    const clerk = await c.token(['archiveClerk'], 'clerk-trace');
    const res = await client(c.app)(clerk).post('/customers').send(archiveBody(uniqueName('追踪客户')));
    expect(res.status, JSON.stringify(res.body)).toBe(201);

    const spans = () => exporter.getFinishedSpans();
    const request = spans().find((s) => s.name === 'POST /customers')!;
    expect(request, spans().map((s) => s.name).join(', ')).toBeDefined();
    expect(request.kind).toBe(SpanKind.SERVER);
    expect(request.attributes['http.response.status_code']).toBe(201);
    const trace = request.spanContext().traceId;

    const useCase = spans().find((s) => s.name === 'usecase POST /customers')!;
    expect(useCase).toBeDefined();
    expect(useCase.spanContext().traceId).toBe(trace);
    expect(parentOf(useCase)).toBe(idOf(request));

    const appends = spans().filter((s) => s.name === 'ledger.append' && s.spanContext().traceId === trace);
    expect(appends).toHaveLength(1);
    const append = appends[0]!;
    expect(parentOf(append)).toBe(idOf(useCase));
    const position = append.attributes['ledger.position'];
    expect(position).toBeGreaterThan(0);

    // The views' batches run in the engine, outside the request: each is a trace of its own, linked to the append.
    const deadline = Date.now() + 10_000;
    const linked = () => spans().filter((s) => s.name === 'ledger.projection.batch' && s.links.some((l) => l.context.spanId === idOf(append) && l.context.traceId === trace));
    while (linked().length === 0 && Date.now() < deadline) await sleep(50);
    const views = new Set(linked().map((s) => s.attributes['ledger.view']));
    expect([...views]).toEqual(['customers']); // of the app's three views, the one that consumes CustomerRegistered
    for (const batch of linked()) {
      expect(batch.spanContext().traceId).not.toBe(trace);
      expect(batch.attributes['ledger.position']).toBeGreaterThanOrEqual(position as number);
    }
  });

  test('a refused request still ends its spans, the use case without an append', async () => {
    exporter.reset();
    const clerk = await c.token(['archiveClerk'], 'clerk-trace');
    const res = await client(c.app)(clerk).post('/customers').send({ name: '' });
    expect(res.status).toBe(400);
    const request = exporter.getFinishedSpans().find((s) => s.name === 'POST /customers')!;
    expect(request.attributes['http.response.status_code']).toBe(400);
    expect(exporter.getFinishedSpans().filter((s) => s.name === 'ledger.append')).toHaveLength(0);
  });
});
