#!/usr/bin/env node
import { describeFailure } from './failure.js';
import { buildProgram } from './program.js';

try {
  // The tracing SDK is loaded only when a collector is configured (OTEL_EXPORTER_OTLP_ENDPOINT).
  if (process.env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim()) await (await import('../observability/otel.js')).startTracing();
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  const failure = describeFailure(error, process.argv.includes('--debug'));
  for (const line of failure.lines) console.error(line);
  process.exitCode = failure.exitCode;
}
