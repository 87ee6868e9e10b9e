// SPDX-License-Identifier: Apache-2.0
//
// Bundles the console's front end (console/src/web) into console/dist/web: app.js and app.css, no
// source maps, no CDN. Run by `npm run build` and by the pre-test steps, after tsc has type-checked it.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { build } from 'esbuild';

const root = join(import.meta.dirname, '..');
const out = join(root, 'dist', 'web');
mkdirSync(out, { recursive: true });
await build({
    entryPoints: [join(root, 'src', 'web', 'main.tsx')],
    outfile: join(out, 'app.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'none',
    logLevel: 'warning',
});
copyFileSync(join(root, 'src', 'web', 'app.css'), join(out, 'app.css'));
