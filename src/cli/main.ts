#!/usr/bin/env node
import { describeFailure } from './failure.js';
import { buildProgram } from './program.js';

try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  const failure = describeFailure(error, process.argv.includes('--debug'));
  for (const line of failure.lines) console.error(line);
  process.exitCode = failure.exitCode;
}
