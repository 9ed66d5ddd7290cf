// Reads vitest's JSON report: prints the closing count, and fails the run when the
// PostgreSQL tests did not run (CI must exercise the server, never skip it).
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const tests = report.testResults.flatMap((f) => f.assertionResults);
const count = (status) => tests.filter((t) => t.status === status).length;
const onPostgres = tests.filter((t) => /postgres/i.test(t.fullName) && t.status === 'passed').length;
console.log(`PostgreSQL tests run: ${onPostgres}`);
console.log(`tests: ${count('passed')} passed, ${count('failed')} failed, ${count('skipped') + count('pending') + count('todo')} skipped`);
if (count('failed') > 0 || count('passed') === 0) process.exit(1);
if (process.env.CI === 'true' && onPostgres === 0) {
  console.error('CI=true but no PostgreSQL test ran');
  process.exit(1);
}
