// SPDX-License-Identifier: Apache-2.0
//
// `productivist validate <file>` and `productivist generate <file> --out <dir>`.
import { dirname, relative, resolve } from 'node:path';

import type { CliIo, CommandRegistrar } from '@productivist/common';
import type { Command } from 'commander';

import { EcosystemInvalidError, plural } from '../errors.js';
import { generateEcosystem, readUserFile } from '../generate.js';
import type { EcosystemInput } from '../model/input.generated.js';
import { formatProblem } from '../validate/problems.js';
import { validateEcosystem } from '../validate/validate.js';

function summary(input: EcosystemInput): string {
    const chaincodes = input.channels.reduce((count, channel) => count + (channel.chaincodes ?? []).length, 0);
    const imported = (input.importedOrganizations ?? []).length;
    return [
        plural(input.organizations.length, 'organization'),
        `${imported} imported`,
        plural(input.channels.length, 'channel'),
        plural(chaincodes, 'chaincode'),
        `${input.ordering.type} ordering by ${input.ordering.organization}`,
    ].join(', ');
}

function display(io: CliIo, file: string): { readonly path: string; readonly display: string } {
    const path = resolve(io.cwd, file);
    const shown = relative(io.cwd, path);
    return { path, display: shown === '' || shown.startsWith('..') ? file : shown };
}

/** Default state folder of `network up`: where an industrial ecosystem finds the public network's bundle. */
export const defaultPublicNetwork = '.productivist/network';

export const publicOption = [
    '--public <dir>',
    `state folder of the public network whose bundle (published/public-network.json) the file's publicNetwork links to (default: ${defaultPublicNetwork})`,
] as const;

/** Registers `validate` and `generate`. */
export const registerEcosystemCommands: CommandRegistrar = (program: Command, io: CliIo) => {
    program
        .command('validate')
        .description('check an ecosystem file: schema and cross-field rules, every problem with its line and column')
        .argument('<file>', 'ecosystem YAML file')
        .option('--json', 'print the result and every problem as JSON')
        .option(...publicOption)
        .action((file: string, options: { json?: boolean; public?: string }) => {
            const { path, display: shown } = display(io, file);
            const report = validateEcosystem(readUserFile(path, shown), {
                file: shown,
                baseDir: dirname(path),
                publicNetwork: resolve(io.cwd, options.public ?? defaultPublicNetwork),
            });
            if (options.json === true) {
                io.out(
                    JSON.stringify(
                        {
                            file: shown,
                            valid: report.input !== undefined,
                            ...(report.input === undefined ? {} : { summary: summary(report.input) }),
                            problems: report.problems,
                        },
                        null,
                        2,
                    ),
                );
            }
            if (report.input === undefined) throw new EcosystemInvalidError(shown, report.problems);
            if (options.json === true) return;
            for (const problem of report.problems) io.err(formatProblem(problem));
            io.out(`${shown}: valid (${summary(report.input)}); ${plural(report.problems.length, 'warning')}`);
        });
    program
        .command('generate')
        .description('generate every Fabric artifact of an ecosystem file into a folder')
        .argument('<file>', 'ecosystem YAML file')
        .requiredOption('-o, --out <dir>', '(required) output folder (new, empty, or a previous generation)')
        .option(
            '--lock <file>',
            'lock file of port and consenter-id assignments (default: <out>/productivist.lock.json)',
        )
        .option('--force', "replace a folder that holds another ecosystem's generation")
        .option('--json', 'print what was written as JSON')
        .option(...publicOption)
        .action(
            (
                file: string,
                options: { out: string; lock?: string; force?: boolean; json?: boolean; public?: string },
            ) => {
                const { path, display: shown } = display(io, file);
                const outDir = resolve(io.cwd, options.out);
                const result = generateEcosystem({
                    path,
                    display: shown,
                    outDir,
                    force: options.force === true,
                    publicNetwork: resolve(io.cwd, options.public ?? defaultPublicNetwork),
                    ...(options.lock === undefined ? {} : { lockFile: resolve(io.cwd, options.lock) }),
                });
                if (options.json === true) {
                    const { written, removed: stale } = result.written;
                    io.out(
                        JSON.stringify(
                            { file: shown, out: options.out, written, removed: stale, warnings: result.warnings },
                            null,
                            2,
                        ),
                    );
                    return;
                }
                for (const problem of result.warnings) io.err(formatProblem(problem));
                const removed = result.written.removed.length;
                io.out(
                    `${shown}: wrote ${plural(result.written.written, 'file')} to ${options.out}${removed > 0 ? `, removed ${removed} stale` : ''}`,
                );
            },
        );
};
