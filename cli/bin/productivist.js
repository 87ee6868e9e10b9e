#!/usr/bin/env node
// SPDX-License-Identifier: Apache-2.0
//
// The committed entry of the `productivist` binary. npm links it on `npm ci`, before anything is
// built; it runs the compiled CLI, or says how to build it when dist/ is missing.
'use strict';

const { existsSync } = require('node:fs');
const { join } = require('node:path');

const main = join(__dirname, '..', 'dist', 'main.js');
if (existsSync(main)) {
    require(main);
} else {
    process.stderr.write(
        'productivist: the kit is not built yet (cli/dist/main.js is missing)\n' +
            "hint: run 'npm run build' in the repository root once, then run this command again\n",
    );
    process.exitCode = 4;
}
