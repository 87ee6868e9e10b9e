// SPDX-License-Identifier: Apache-2.0
//
// CLI command groups of the core contracts, over the embedded world kept in a state directory:
//   productivist demo | wallet ... | model ... | order ... | qc ...
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import type { CliIo, CommandRegistrar } from '@productivist/common';
import { KitError } from '@productivist/common';
import type { Command } from 'commander';

import { Controller, Modeler, Validator, Wallet } from './clients/clients.js';
import { CredentialStore } from './clients/CredentialStore.js';
import { runDemo } from './demo.js';
import { LocalLedger } from './local/LocalLedger.js';
import { worldMembers } from './world.js';

const defaultState = '.productivist/state';

interface GroupOptions {
    readonly as: string;
    readonly state: string;
}

/** A file's SHA-256, or the argument itself when it already is one. */
function hashOf(io: CliIo, fileOrHash: string): string {
    if (/^[0-9a-f]{64}$/.test(fileOrHash)) return fileOrHash;
    const path = resolve(io.cwd, fileOrHash);
    if (!existsSync(path)) {
        throw new KitError(`file '${fileOrHash}' does not exist`, {
            code: 'NOT_FOUND',
            exit: 'notFound',
            hint: 'give a path to the file, or its SHA-256 in hex',
        });
    }
    return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function group(program: Command, name: string, description: string): Command {
    return program
        .command(name)
        .description(description)
        .requiredOption('--as <member>', `member to act as (${Object.keys(worldMembers).join(', ')})`)
        .option('--state <dir>', 'state directory of the local embedded ledger', defaultState);
}

/** Adds a subcommand whose action gets the opened ledger and the acting member. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- A types each command's own arguments
function action<A extends unknown[]>(
    io: CliIo,
    run: (ledger: LocalLedger, member: string, ...args: A) => Promise<unknown>,
): (...args: unknown[]) => Promise<void> {
    return async (...args: unknown[]) => {
        const command = args[args.length - 1] as Command;
        const options = command.optsWithGlobals<GroupOptions>();
        const ledger = await LocalLedger.open(resolve(io.cwd, options.state));
        const result = await run(ledger, options.as, ...(args.slice(0, -1) as A));
        if (result !== undefined) io.out(typeof result === 'string' ? result : JSON.stringify(result, null, 2));
    };
}

export const registerFlowCommands: CommandRegistrar = (program: Command, io: CliIo) => {
    program
        .command('demo')
        .description(
            'Run the whole production flow on the embedded ledger and print balances, reputation and a timeline',
        )
        .option(
            '--state <dir>',
            'keep the resulting world in this (new or empty) directory, to explore it with the other commands',
        )
        .action(async (options: { state?: string }) => {
            const state = options.state === undefined ? undefined : resolve(io.cwd, options.state);
            if (state !== undefined && existsSync(state) && readdirSync(state).length > 0) {
                throw new KitError(`state directory ${options.state ?? ''} is not empty`, {
                    code: 'CONFLICT',
                    hint: 'remove it, or choose a new directory: the demo starts from a fresh world',
                });
            }
            await runDemo(await LocalLedger.open(state), io.out);
        });

    const wallet = group(program, 'wallet', 'ProducToken wallet: balances, transfers, holds, activity, credentials');
    wallet
        .command('whoami')
        .description('How productoken sees you')
        .action(action(io, (l, m) => new Wallet(l, m).whoAmI()));
    wallet
        .command('balance')
        .description('Available and held tokens of an account (yours by default)')
        .argument('[account]')
        .action(action(io, (l, m, account?: string) => new Wallet(l, m).balance(account)));
    wallet
        .command('transfer')
        .description('Transfer tokens (amount in the smallest unit, e.g. cents)')
        .argument('<to>')
        .argument('<amount>')
        .requiredOption('--request <id>', 'request id: a retry with the same id changes nothing')
        .option('--reference <text>', 'reference the payment can be found by', '')
        .action(
            action(io, async (l, m, to: string, amount: string, options: { request: string; reference: string }) => {
                const result = await new Wallet(l, m).transfer(to, amount, options.reference, options.request);
                return `transferred: ${JSON.stringify(result.movements)}`;
            }),
        );
    wallet
        .command('holds')
        .argument('[account]')
        .description('Holds (escrow) paid by an account')
        .action(action(io, (l, m, a?: string) => new Wallet(l, m).holds(a)));
    wallet
        .command('activity')
        .argument('[account]')
        .description('Token movements of an account')
        .action(action(io, (l, m, a?: string) => new Wallet(l, m).activity(a)));
    wallet
        .command('identities')
        .description(
            "Save the member's identities (one per role organization) to a credential store and list them; keys are never printed",
        )
        .requiredOption('--store <dir>', 'credential store directory')
        .action(
            action(io, async (l, member, options: { store: string }) => {
                const store = new CredentialStore(resolve(io.cwd, options.store));
                const account = (worldMembers as Record<string, { attributes: Record<string, string> } | undefined>)[
                    member
                ]?.attributes['productivist.member'];
                for (const [name, info] of Object.entries(worldMembers)) {
                    if (
                        name === member ||
                        (account !== undefined &&
                            (info.attributes as Record<string, string>)['productivist.member'] === account)
                    ) {
                        store.save({ name, ...(await l.network.exportIdentity(name)) });
                    }
                }
                return store.list();
            }),
        );

    const model = group(program, 'model', 'Models: register, certify, reject, revoke, acknowledge, show');
    model
        .command('register')
        .argument('<modelId>')
        .argument('<title>')
        .argument('<file>', 'the model file (hashed locally; only the hash goes on-chain), or its SHA-256')
        .option('--royalty <bps>', 'designer royalty in basis points', '1000')
        .option('--limit <prints>', 'print limit (default: unlimited)')
        .option('--producers <accounts>', 'comma-separated producers allowed (default: any)')
        .option('--previous <modelId>', 'the version this one follows', '')
        .description('Register a model by content hash with licence terms')
        .action(
            action(
                io,
                (
                    l,
                    m,
                    id: string,
                    title: string,
                    file: string,
                    o: { royalty: string; limit?: string; producers?: string; previous: string },
                ) =>
                    new Modeler(l, m).register(
                        id,
                        title,
                        hashOf(io, file),
                        {
                            royaltyBps: Number(o.royalty),
                            printLimit: o.limit === undefined ? null : Number(o.limit),
                            allowedProducers: o.producers === undefined ? null : o.producers.split(','),
                        },
                        o.previous,
                    ),
            ),
        );
    for (const decision of ['certify', 'reject', 'revoke'] as const) {
        model
            .command(decision)
            .argument('<modelId>')
            .argument('<report>', 'the expert report file, or its SHA-256')
            .description(`${decision[0]?.toUpperCase() ?? ''}${decision.slice(1)} a model (experts)`)
            .action(
                action(io, (l, m, id: string, report: string) => new Modeler(l, m)[decision](id, hashOf(io, report))),
            );
    }
    model
        .command('acknowledge')
        .argument('<modelId>')
        .description('Acknowledge a model (customers)')
        .action(action(io, (l, m, id: string) => new Modeler(l, m).acknowledge(id)));
    model
        .command('show')
        .argument('<modelId>')
        .description('A model and its certification')
        .action(action(io, (l, m, id: string) => new Modeler(l, m).get(id)));

    const order = group(program, 'order', 'Orders and production');
    order
        .command('create')
        .argument('<orderId>')
        .argument('<modelId>')
        .argument('<quantity>')
        .argument('<price>', 'total price in the smallest unit')
        .requiredOption('--spec <text>', 'the specification (kept in a private collection)')
        .option('--producer <account>', 'assign a producer (the price is escrowed now)', '')
        .description('Order objects of a certified model')
        .action(
            action(
                io,
                (
                    l,
                    m,
                    id: string,
                    modelId: string,
                    quantity: string,
                    price: string,
                    o: { spec: string; producer: string },
                ) => new Controller(l, m).order(id, modelId, Number(quantity), price, o.producer, o.spec),
            ),
        );
    const steps = { accept: 'accept', fund: 'fund', start: 'start', produced: 'produced', cancel: 'cancel' } as const;
    for (const [name, method] of Object.entries(steps)) {
        order
            .command(name)
            .argument('<orderId>')
            .description(`${name} an order`)
            .action(action(io, (l, m, id: string) => new Controller(l, m)[method](id)));
    }
    order
        .command('progress')
        .argument('<orderId>')
        .argument('<step>')
        .argument('[note]', '', '')
        .description('Report production progress (controller devices)')
        .action(
            action(io, (l, m, id: string, step: string, note: string) => new Controller(l, m).report(id, step, note)),
        );
    order
        .command('show')
        .argument('<orderId>')
        .description('An order and its progress')
        .action(
            action(io, async (l, m, id: string) => {
                const controller = new Controller(l, m);
                return { order: await controller.get(id), progress: await controller.progress(id) };
            }),
        );

    const qc = group(program, 'qc', 'Quality checks: campaigns, results, verdicts, reputation');
    qc.command('open')
        .argument('<campaignId>')
        .argument('<orderId>')
        .description('Open a test campaign on a produced order')
        .action(action(io, (l, m, id: string, orderId: string) => new Validator(l, m).open(id, orderId)));
    qc.command('result')
        .argument('<campaignId>')
        .argument('<name>')
        .argument('<value>')
        .argument('<unit>')
        .argument('<report>', 'the measurement report file, or its SHA-256')
        .description('Record a measurement')
        .action(
            action(io, (l, m, id: string, name: string, value: string, unit: string, report: string) =>
                new Validator(l, m).record(id, name, value, unit, hashOf(io, report)),
            ),
        );
    qc.command('verdict')
        .argument('<campaignId>')
        .argument('<outcome>', 'pass, refund or rework')
        .argument('<report>', 'the report file, or its SHA-256')
        .description('Give the verdict: pass releases the escrow, refund returns it, rework sends the order back')
        .action(
            action(io, (l, m, id: string, outcome: string, report: string) =>
                new Validator(l, m).verdict(id, outcome as 'pass', hashOf(io, report)),
            ),
        );
    qc.command('reputation')
        .argument('<account>')
        .description('Reputation of an account')
        .action(action(io, (l, m, a: string) => new Validator(l, m).reputation(a)));
    qc.command('ranking')
        .argument('<role>', 'producer or designer')
        .description('Ranking by quality outcomes')
        .action(action(io, (l, m, role: string) => new Validator(l, m).ranking(role as 'producer')));
};
