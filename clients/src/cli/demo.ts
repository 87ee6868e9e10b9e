// SPDX-License-Identifier: Apache-2.0
//
// `productivist demo`: the whole flow on a fresh embedded world.
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';

import type { CliIo } from '@productivist/common';
import { KitError } from '@productivist/common';
import type { Command } from 'commander';

import { runDemo } from '../demo.js';
import { LocalLedger } from '../local/LocalLedger.js';

export function registerDemoCommand(program: Command, io: CliIo): void {
    program
        .command('demo')
        .description(
            'Run the whole production flow on the embedded ledger and print balances, reputation and a timeline',
        )
        .option(
            '--state <dir>',
            'keep the resulting world in this (new or empty) directory, to explore it with the other commands',
        )
        .option('--json', 'print the final balances, reputation and timeline as JSON instead of the report')
        .action(async (options: { state?: string; json?: boolean }) => {
            const state = options.state === undefined ? undefined : resolve(io.cwd, options.state);
            if (state !== undefined && existsSync(state) && readdirSync(state).length > 0) {
                throw new KitError(`state directory ${options.state ?? ''} is not empty`, {
                    code: 'CONFLICT',
                    hint: 'remove it, or choose a new directory: the demo starts from a fresh world',
                });
            }
            const ledger = await LocalLedger.open(state, { create: true, label: options.state ?? '' });
            try {
                const summary = await runDemo(ledger, options.json === true ? () => undefined : io.out);
                if (options.json === true) io.out(JSON.stringify(summary, null, 2));
            } finally {
                ledger.close();
            }
        });
}
