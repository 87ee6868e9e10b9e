// SPDX-License-Identifier: Apache-2.0
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { CliIo, CommandRegistrar } from '@productivist/common';
import {
    ecosystemEditor,
    generateEcosystem,
    registerEcosystemCommands,
    registerScaffoldCommands,
} from '@productivist/channel-kit';
import { flowCommands } from '@productivist/clients';
import { consoleCommand } from '@productivist/console';
import { networkCommands, networkCredentials, openNetworkExplorer, openNetworkLedger } from '@productivist/network';
import { registerPolicyCommands } from '@productivist/policies/cli';
import { Command } from 'commander';

import { registerCompletionCommand } from './completion.js';

/** Every package's command group, in the order `--help` lists them. */
const registrars: readonly CommandRegistrar[] = [
    // The clients never import the network package: `--network <dir>` is served from here.
    flowCommands({
        openNetwork: (directory) => {
            const ledger = openNetworkLedger({ state: directory });
            return Promise.resolve({
                ledger,
                close: () => {
                    ledger.close();
                },
            });
        },
    }),
    registerEcosystemCommands,
    registerScaffoldCommands,
    registerPolicyCommands,
    // The network runtime reads generated trees; it gets the generator from here (it never imports it).
    networkCommands({
        generate: (file, outDir, publicNetwork) => {
            generateEcosystem({ path: file, display: file, outDir, publicNetwork });
        },
        editor: ecosystemEditor,
    }),
    // The web console; on a real network it acts through the gateway ledger over the credentials `network up` wrote.
    consoleCommand({
        openNetworkLedger: (state) => {
            const ledger = openNetworkLedger({ state });
            const members = networkCredentials(state)
                .list()
                .map((credential) => ({ name: credential.name, mspId: credential.mspId, note: '' }));
            // The Network view reads every channel's blocks and chaincode definitions from its peers, as the treasury
            // where its organization has a peer on the channel (any channel member may).
            const explorer = openNetworkExplorer(state);
            return Promise.resolve({
                ledger,
                members,
                explorer,
                close: () => {
                    explorer.close();
                    ledger.close();
                    return Promise.resolve();
                },
            });
        },
    }),
];

/** The kit's version, from this package's package.json. */
export function kitVersion(): string {
    const manifest = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as {
        version: string;
    };
    return manifest.version;
}

/**
 * Builds the `productivist` program. Output goes through `io`; commander's own exits are turned
 * into thrown CommanderErrors (exitOverride) so that one handler decides every exit code.
 */
export function buildProgram(io: CliIo): Command {
    const program = new Command('productivist');
    program
        .description('Productivist platform kit: Hyperledger Fabric networks for distributed manufacturing')
        .version(kitVersion(), '-V, --version', 'print the kit version')
        .helpOption('-h, --help', 'show help for a command')
        .showSuggestionAfterError(true)
        .exitOverride()
        .configureOutput({
            writeOut: (text) => {
                io.out(text.replace(/\n$/, ''));
            },
            writeErr: (text) => {
                io.err(text.replace(/\n$/, ''));
            },
            // Errors are printed by the top-level handler, in one line with a hint.
            outputError: () => undefined,
        });
    for (const register of registrars) register(program, io);
    registerCompletionCommand(program, io);
    return program;
}
