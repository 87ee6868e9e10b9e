#!/usr/bin/env node
// SPDX-License-Identifier: Apache-2.0
import './quiet.js';

import { runCli } from './run.js';

runCli(process.argv.slice(2), {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    cwd: process.cwd(),
}).then(
    (code) => {
        process.exitCode = code;
    },
    (error: unknown) => {
        process.stderr.write(`productivist: internal error: ${String(error)}\n`);
        process.exitCode = 1;
    },
);
