// SPDX-License-Identifier: Apache-2.0
//
// The long steps before the tests (Fabric CA binaries, TypeScript build, the console's bundle and
// browser, lint, format check), run with progress (progress.mjs): a live line on a terminal, plain
// lines every 15 s otherwise (CI).
import { realpathSync } from 'node:fs';
import { join } from 'node:path';

import { runSteps } from './progress.mjs';

const root = join(import.meta.dirname, '..');
const node = process.execPath;
/** The script behind a tool of node_modules/.bin, run with this node. */
const bin = (name) => realpathSync(join(root, 'node_modules', '.bin', name));

/** [title, command, args, filter of output lines worth showing as progress] */
const steps = [
    [
        'Fabric and Fabric CA binaries (built with Go on the first run, then cached in ~/.cache/productivist)',
        'bash',
        ['scripts/install-fabric.sh'],
        () => true,
    ],
    [
        'Docker engine for the Docker runtime tests (docker.io installed once when dockerd is missing, as root)',
        'bash',
        ['scripts/install-docker.sh'],
        () => true,
    ],
    [
        'TypeScript build of every package (tsc -b)',
        node,
        [bin('tsc'), '-b', '--verbose'],
        (line) => /Building project/.test(line),
    ],
    [
        'console front end (esbuild bundle of console/src/web into console/dist/web)',
        node,
        ['console/scripts/bundle.mjs'],
        () => false,
    ],
    [
        "Chromium for the console's browser test (Debian's package; installed when missing and root)",
        'bash',
        ['scripts/install-chromium.sh'],
        () => true,
    ],
    ['lint (eslint, type-checked rules)', node, [bin('eslint'), '--max-warnings', '0', '.'], () => false],
    ['format check (prettier)', node, [bin('prettier'), '--check', '.'], () => false],
];

await runSteps(steps, root);
