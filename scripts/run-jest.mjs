// SPDX-License-Identifier: Apache-2.0
// Runs jest over the workspace and ends with one plain line: "N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const root = join(import.meta.dirname, '..');
const outDir = join(root, '.productivist');
const outFile = join(outDir, 'jest-results.json');
mkdirSync(outDir, { recursive: true });
rmSync(outFile, { force: true });

const jestBin = require.resolve('jest/bin/jest');
const result = spawnSync(process.execPath, [jestBin, '--json', `--outputFile=${outFile}`, ...process.argv.slice(2)], {
    cwd: root,
    stdio: 'inherit',
});

let summary;
try {
    const report = JSON.parse(readFileSync(outFile, 'utf8'));
    summary = {
        passed: report.numPassedTests,
        failed: report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0),
        skipped: report.numPendingTests + report.numTodoTests,
    };
} catch {
    summary = { passed: 0, failed: 1, skipped: 0 };
}
console.log(`${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped`);
process.exit(result.status ?? 1);
