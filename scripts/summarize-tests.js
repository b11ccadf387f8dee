#!/usr/bin/env node
/*
 * Prints the final `N passed, N failed` line of scripts/test.sh from the JSON reports in the
 * results folder (Jest's `--json` format, Playwright's JSON reporter and the scripts' own
 * `{ tool, passed, failed }`), adding one failure per failed check (type check,
 * lint, ...). Exits non-zero when anything failed or no test ran.
 */
const fs = require('node:fs');
const path = require('node:path');

const [dir, failedChecksArg = '0'] = process.argv.slice(2);
let passed = 0;
let failed = Number(failedChecksArg);

for (const file of fs.readdirSync(dir).filter(f => f.endsWith('.json'))) {
  const report = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  if (report.stats && 'expected' in report.stats) {
    // Playwright's JSON reporter; skipped journeys count as failures, flaky ones as passed.
    passed += report.stats.expected + report.stats.flaky;
    failed += report.stats.unexpected + report.stats.skipped;
    continue;
  }
  if (report.tool) {
    // A script's own checks (e.g. scripts/production-smoke.js): `{ tool, passed, failed }`.
    passed += report.passed;
    failed += report.failed;
    continue;
  }
  passed += report.numPassedTests ?? 0;
  failed +=
    (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0);
  // Skipped and todo tests are not allowed to linger: count them as failures.
  failed += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
}

if (passed === 0 && failed === 0) {
  console.log('no test results were found');
  failed = 1;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
