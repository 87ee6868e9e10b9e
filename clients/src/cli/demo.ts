// SPDX-License-Identifier: Apache-2.0
//
// `productivist demo`: the whole flow on a fresh embedded world, or on a Fabric network (`--network`).
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';

import { KitError } from '@productivist/common';
import type { Command } from 'commander';

import type { DemoSummary } from '../demo.js';
import { runDemo } from '../demo.js';
import { LocalLedger } from '../local/LocalLedger.js';
import type { FlowIo } from './shared.js';
import { networkEnvironmentVariable, networkOption, openNetwork } from './shared.js';

interface DemoOptions {
    readonly state?: string;
    readonly network?: string;
    readonly json?: boolean;
}

export function registerDemoCommand(program: Command, io: FlowIo): void {
    program
        .command('demo')
        .description(
            'Run the whole production flow on the embedded ledger (or a network) and print balances, reputation and a timeline',
        )
        .option(
            '--state <dir>',
            'keep the resulting world in this (new or empty) directory, to explore it with the other commands',
        )
        .addOption(networkOption())
        .option('--json', 'print the final balances, reputation and timeline as JSON instead of the report')
        .action(async (options: DemoOptions) => {
            const out = options.json === true ? () => undefined : io.out;
            const summary =
                options.network === undefined
                    ? await embeddedDemo(io, options, out)
                    : await networkDemo(io, options, options.network, out);
            if (options.json === true) io.out(JSON.stringify(summary, null, 2));
        });
}

async function embeddedDemo(io: FlowIo, options: DemoOptions, out: (line: string) => void): Promise<DemoSummary> {
    const state = options.state === undefined ? undefined : resolve(io.cwd, options.state);
    if (state !== undefined && existsSync(state) && readdirSync(state).length > 0) {
        throw new KitError(`state directory ${options.state ?? ''} is not empty`, {
            code: 'CONFLICT',
            hint: 'remove it, or choose a new directory: the demo starts from a fresh world',
        });
    }
    const ledger = await LocalLedger.open(state, { create: true, label: options.state ?? '' });
    try {
        return await runDemo(ledger, out);
    } finally {
        ledger.close();
    }
}

async function networkDemo(
    io: FlowIo,
    options: DemoOptions,
    network: string,
    out: (line: string) => void,
): Promise<DemoSummary> {
    if (options.state !== undefined) {
        throw new KitError('--state keeps an embedded world; it does not go with --network', {
            code: 'INVALID_ARGUMENT',
            exit: 'usage',
            hint: `drop --state to run on the network, or drop --network (and unset ${networkEnvironmentVariable}) to run embedded`,
        });
    }
    const opened = await openNetwork(io, network);
    try {
        return await runDemo(opened.ledger, out, {
            where: `the Fabric network in ${network}`,
            freshHint: `the demo runs once per network (fixed ids): start a fresh one with 'productivist network up --fresh --state ${network}'`,
        });
    } finally {
        await opened.close();
    }
}
