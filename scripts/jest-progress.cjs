// SPDX-License-Identifier: Apache-2.0
// A jest reporter that says how far a run is when not on a terminal (CI): "[12/60] PASS path (3.1 s)".
// On a terminal jest's own reporter shows a live progress bar, so this one stays quiet there.
const { relative } = require('node:path');

class ProgressReporter {
    constructor(globalConfig) {
        this.rootDir = globalConfig.rootDir;
        this.quiet = process.stderr.isTTY === true && process.env.CI === undefined;
        this.done = 0;
        this.total = 0;
        this.start = Date.now();
    }

    onRunStart(results) {
        this.total = results.numTotalTestSuites;
        this.start = Date.now();
        if (!this.quiet) process.stderr.write(`jest: ${this.total} test files\n`);
    }

    onTestResult(test, result) {
        this.done += 1;
        if (this.quiet) return;
        const status = result.numFailingTests > 0 || result.testExecError ? 'FAIL' : 'PASS';
        const seconds = ((result.perfStats.end - result.perfStats.start) / 1000).toFixed(1);
        const elapsed = Math.round((Date.now() - this.start) / 1000);
        process.stderr.write(
            `jest: [${this.done}/${this.total}] ${status} ${relative(this.rootDir, test.path)} (${seconds} s; ${elapsed} s so far)\n`,
        );
    }
}

module.exports = ProgressReporter;
