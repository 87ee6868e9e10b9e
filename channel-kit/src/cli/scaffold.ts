// SPDX-License-Identifier: Apache-2.0
//
// `productivist scaffold contract <name>` and `productivist scaffold app <name>`.
import { relative, resolve } from 'node:path';

import type { CliIo, CommandRegistrar } from '@productivist/common';
import type { Command } from 'commander';

import { scaffoldApp } from '../scaffold/app.js';
import { scaffoldContract } from '../scaffold/contract.js';
import { defaultPublicNetwork, publicOption } from './ecosystem.js';

function shown(io: CliIo, path: string): string {
    const text = relative(io.cwd, path);
    return text === '' ? '.' : text.startsWith('..') ? path : text;
}

/** Registers the `scaffold` group. */
export const registerScaffoldCommands: CommandRegistrar = (program: Command, io: CliIo) => {
    const scaffold = program
        .command('scaffold')
        .description('write a contract project that pays with productoken, or an app that runs its example flow');
    scaffold
        .command('contract')
        .description(
            'write a TypeScript chaincode project (tests on the embedded ledger, SPEC.md, lint and format config) and add it to the ecosystem file',
        )
        .argument('<name>', "chaincode name: lowercase letters, digits, '-' or '_', starting with a letter")
        .requiredOption('--ecosystem <file>', '(required) ecosystem YAML file the chaincode is added to')
        .requiredOption('--channel <channel>', '(required) channel of the ecosystem it runs on (public or private)')
        .option('--out <dir>', 'project folder (default: ./<name>)')
        .option(...publicOption)
        .option('--force', 'overwrite files you edited in the project folder')
        .action(
            (
                name: string,
                flags: { ecosystem: string; channel: string; out?: string; public?: string; force?: boolean },
            ) => {
                const out = resolve(io.cwd, flags.out ?? name);
                const ecosystem = resolve(io.cwd, flags.ecosystem);
                const result = scaffoldContract({
                    name,
                    ecosystem,
                    channel: flags.channel,
                    publicNetwork: resolve(io.cwd, flags.public ?? defaultPublicNetwork),
                    out,
                    force: flags.force === true,
                });
                const { data } = result;
                io.out(
                    `${name}: ${result.tree.size} files in ${shown(io, out)} (${data.channelKind} channel ${data.channel}, ${data.private ? `pays on ${data.publicChannel}, proves on ${data.channel}` : 'pays through productoken on the same channel'})`,
                );
                io.out(
                    result.ecosystemChanged
                        ? `${shown(io, ecosystem)}: ${name} added to channel ${data.channel} (endorsement: ${data.endorsementText}; uses: [productoken])`
                        : `${shown(io, ecosystem)}: declares ${name} on ${data.channel} already; unchanged`,
                );
                io.out(`next: cd ${shown(io, out)} && npm install && npm test`);
            },
        );
    scaffold
        .command('app')
        .description('write a TypeScript client of a scaffolded contract with a command running its example flow')
        .argument('<name>', "app name: lowercase letters, digits, '-' or '_', starting with a letter")
        .requiredOption(
            '--contract <dir-or-name>',
            '(required) the contract scaffold folder, or a chaincode name with --ecosystem',
        )
        .option('--ecosystem <file>', 'ecosystem file declaring the chaincode (when --contract is a name)')
        .option('--out <dir>', 'project folder (default: ./<name>)')
        .option('--force', 'overwrite files you edited in the project folder')
        .action((name: string, flags: { contract: string; ecosystem?: string; out?: string; force?: boolean }) => {
            const out = resolve(io.cwd, flags.out ?? name);
            const { tree, data } = scaffoldApp({
                name,
                contract: flags.contract,
                ...(flags.ecosystem === undefined ? {} : { ecosystem: flags.ecosystem }),
                out,
                force: flags.force === true,
                cwd: io.cwd,
            });
            io.out(`${name}: ${tree.size} files in ${shown(io, out)} (a client of ${data.name} on ${data.channel})`);
            io.out(
                `next: cd ${shown(io, out)} && npm install && npm run build && node dist/main.js flow --network <state folder> ...`,
            );
        });
};
