// SPDX-License-Identifier: Apache-2.0
//
// `productivist console [--network <dir> | --state <dir>] [--port <n>]`: serves the web console until
// interrupted. The real network's ledger comes from the factory the CLI composition root injects.
import { resolve } from 'node:path';

import type { CliIo, CommandRegistrar } from '@productivist/common';
import { KitError } from '@productivist/common';
import { LocalLedger, parseInteger } from '@productivist/clients';
import type { Command } from 'commander';

import type { ConsoleBackend, NetworkLedgerFactory } from './backend.js';
import { embeddedBackend, networkBackend } from './backend.js';
import { startConsole } from './server.js';

export interface ConsoleCommandOptions {
    /** Opens a real network's ledger (the gateway); without it the console shows that network read-only. */
    readonly openNetworkLedger?: NetworkLedgerFactory;
    /** Resolves when the console should stop; SIGINT or SIGTERM by default. */
    readonly until?: () => Promise<void>;
}

const portKind = { what: '--port', min: 0n, max: 65535n, unit: 'a TCP port (0 picks a free one)' };

function interrupted(): Promise<void> {
    return new Promise((done) => {
        const stop = (): void => {
            process.off('SIGINT', stop);
            process.off('SIGTERM', stop);
            done();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
    });
}

export function consoleCommand(options: Readonly<ConsoleCommandOptions> = {}): CommandRegistrar {
    return (program: Command, io: CliIo) => {
        program
            .command('console')
            .description(
                'Serve the web console on 127.0.0.1 (a one-time login address is printed): the network, wallets, models, orders, quality checks',
            )
            .option('--state <dir>', 'the embedded world of this state directory (made by demo --state)')
            .option('--network <dir>', 'the state directory of a network started by network up')
            .option(
                '--updates <dir>',
                'with --network: the folder of pending onboarding updates and signature files (default: <network>/updates)',
            )
            .option('--port <n>', 'port to serve on (default: a free one)', (value) =>
                parseInteger(value, portKind).toString(),
            )
            .action(async (flags: { state?: string; network?: string; updates?: string; port?: string }) => {
                if (flags.state !== undefined && flags.network !== undefined) {
                    throw new KitError('--state and --network were both given', {
                        code: 'INVALID_ARGUMENT',
                        exit: 'usage',
                        hint: 'give --state <dir> for an embedded world, or --network <dir> for a network started by network up',
                    });
                }
                if (flags.updates !== undefined && flags.network === undefined) {
                    throw new KitError('--updates needs --network: the embedded world has no channel configuration', {
                        code: 'INVALID_ARGUMENT',
                        exit: 'usage',
                        hint: 'give --network <dir> of a network started by network up, with --updates <folder of update files>',
                    });
                }
                let backend: ConsoleBackend;
                if (flags.network !== undefined) {
                    backend = await networkBackend(
                        resolve(io.cwd, flags.network),
                        flags.network,
                        options.openNetworkLedger,
                        flags.updates === undefined ? undefined : resolve(io.cwd, flags.updates),
                    );
                } else {
                    const label = flags.state ?? '.productivist/state';
                    const ledger = await LocalLedger.open(resolve(io.cwd, label), { label });
                    backend = embeddedBackend(ledger, label);
                }
                try {
                    const running = await startConsole({
                        backend,
                        port: flags.port === undefined ? 0 : Number(flags.port),
                    });
                    io.out(
                        `Productivist console on ${backend.kind === 'embedded' ? 'the embedded world' : 'the network'} in ${backend.label}`,
                    );
                    io.out(`  open ${running.loginUrl}`);
                    io.out('  the address logs in once; Ctrl-C stops the console');
                    if (backend.kind === 'embedded') {
                        io.out(`  while it runs it holds ${backend.label}: other commands on it wait for it to stop`);
                    }
                    await (options.until ?? interrupted)();
                    await running.close();
                } finally {
                    await backend.close();
                }
            });
    };
}
