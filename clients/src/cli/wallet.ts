// SPDX-License-Identifier: Apache-2.0
//
// `productivist wallet ...`: productoken balances, transfers, holds, activity and credentials.
import { resolve } from 'node:path';

import { CredentialStore } from '@productivist/common';
import type { Command } from 'commander';

import { Wallet } from '../clients.js';
import { worldMembers } from '../world.js';
import { tokens } from '../demo.js';
import { amountKind, integerArgument } from './integers.js';
import type { FlowIo } from './shared.js';
import { action, group, localOnly, Printed } from './shared.js';

export function registerWalletCommands(program: Command, io: FlowIo): void {
    const wallet = group(program, 'wallet', 'ProducToken wallet: balances, transfers, holds, activity, credentials');
    wallet
        .command('whoami')
        .description('How productoken sees you')
        .action(action(io, (l, m) => new Wallet(l, m).whoAmI()));
    wallet
        .command('balance')
        .description('Available and held tokens of an account (yours by default)')
        .argument('[account]')
        .action(
            action(io, async (l, m, account?: string) => {
                const balance = await new Wallet(l, m).balance(account);
                return new Printed(
                    `${balance.account}: ${tokens(balance.available)} available, ${tokens(balance.held)} held`,
                    balance,
                );
            }),
        );
    wallet
        .command('transfer')
        .description('Transfer tokens to an existing account')
        .argument('<to>', 'the account to pay')
        .argument('<amount>', 'in the smallest unit: 1500 = 15.00 PDT', integerArgument(amountKind('amount')))
        .requiredOption('--request <id>', '(required) request id: a retry with the same id changes nothing')
        .option('--reference <text>', 'reference the payment can be found by', '')
        .action(
            action(io, async (l, m, to: string, amount: string, options: { request: string; reference: string }) => {
                const result = await new Wallet(l, m).transfer(to, amount, options.reference, options.request);
                const moved = result.movements
                    .map((movement) => `${tokens(movement.amount)} from ${movement.from} to ${movement.to}`)
                    .join(', ');
                return new Printed(
                    result.replayed
                        ? `replayed: request ${options.request} was already done by transaction ${result.transactionId} (${moved}); nothing changed`
                        : `transferred ${moved} (transaction ${result.transactionId})`,
                    result,
                );
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
        .requiredOption('--store <dir>', '(required) credential store directory')
        .action(
            action(io, async (l, member, options: { store: string }) => {
                const local = localOnly(l, 'wallet identities');
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
                        store.save({ name, ...(await local.network.exportIdentity(name)) });
                    }
                }
                return store.list();
            }),
        );
}
