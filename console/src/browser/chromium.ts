// SPDX-License-Identifier: Apache-2.0
//
// Where the browser test finds Chromium: PRODUCTIVIST_CHROMIUM, or Debian's package on PATH
// (scripts/install-chromium.sh installs it; npm test runs that script before the tests).
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

import { KitError } from '@productivist/common';

export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
    const given = env.PRODUCTIVIST_CHROMIUM;
    const candidates =
        given !== undefined && given !== ''
            ? [given]
            : (env.PATH ?? '')
                  .split(delimiter)
                  .filter((dir) => dir !== '')
                  .flatMap((dir) => [join(dir, 'chromium'), join(dir, 'chromium-browser')]);
    for (const candidate of candidates) {
        try {
            accessSync(candidate, constants.X_OK);
            return candidate;
        } catch {
            // not this one
        }
    }
    throw new KitError(
        given !== undefined && given !== ''
            ? `PRODUCTIVIST_CHROMIUM=${given} is not an executable file`
            : 'no chromium on PATH for the console browser test',
        {
            code: 'NO_BROWSER',
            exit: 'environment',
            hint: 'run bash scripts/install-chromium.sh (as root it installs Debian’s chromium package), or set PRODUCTIVIST_CHROMIUM',
        },
    );
}
