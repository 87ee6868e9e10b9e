// SPDX-License-Identifier: Apache-2.0
//
// productoken: the ProducToken ledger. Thin transactions: each checks its input, calls one
// operation, and emits one event carrying every token movement. See SPEC.md.
import { Context, Contract, Info, Transaction } from 'fabric-contract-api';

import { parseAccount, requireMember } from '../shared/caller.js';
import { accountInfo, openAccount } from './accounts.js';
import { consolidate, readSupply, TxBook } from './balances.js';
import { callerOf, changeRole, initialize, readConfig, readRegistry } from './config.js';
import { createHold, expireHold, readHold, refundHold, releaseHold, requireHoldReader } from './holds.js';
import type { Hold } from './holds.js';
import type { Movement } from './movements.js';
import { tokenEventName, tokenEventPayload } from './movements.js';
import { once } from './requests.js';
import { activity, balance, burn, creditsOf, holdsOf, mint, transfer, transferByReference } from './token.js';

/** What a money-moving transaction returns: the movements it made (and the hold, for hold commands). */
export interface TokenResult {
    readonly transactionId: string;
    readonly movements: readonly Movement[];
    readonly hold?: Hold;
}

function emit(book: TxBook, action: string): void {
    book.ctx.stub.setEvent(
        tokenEventName,
        tokenEventPayload({ action, transactionId: book.ctx.stub.getTxID(), movements: book.movements }),
    );
}

function result(book: TxBook, hold?: Hold): string {
    return JSON.stringify({
        transactionId: book.ctx.stub.getTxID(),
        movements: book.movements,
        ...(hold ? { hold } : {}),
    } satisfies TokenResult);
}

/** The three ways a hold ends, each an operation of holds.ts. */
const settlements = { ReleaseHold: releaseHold, RefundHold: refundHold, ExpireHold: expireHold } as const;

/** Releases, refunds or expires a hold as the caller, and emits the movements. */
async function settle(ctx: Context, action: keyof typeof settlements, holdId: string): Promise<string> {
    const { caller } = await callerOf(ctx);
    const book = new TxBook(ctx);
    const hold = await settlements[action](book, caller, holdId);
    emit(book, action);
    return result(book, hold);
}

@Info({ title: 'productoken', description: 'ProducToken: a fiat-pegged service token with holds and split payouts' })
export class ProductokenContract extends Contract {
    constructor() {
        super('productoken');
    }

    /** Sets token metadata, supply cap, platform fee and the initial role registry (once; Productivist admin). */
    @Transaction()
    async Initialize(ctx: Context, config: string): Promise<string> {
        return JSON.stringify(await initialize(ctx, config));
    }

    @Transaction()
    async GrantRole(ctx: Context, mspId: string, role: string): Promise<string> {
        return JSON.stringify(await changeRole(ctx, mspId, role, true));
    }

    @Transaction()
    async RevokeRole(ctx: Context, mspId: string, role: string): Promise<string> {
        return JSON.stringify(await changeRole(ctx, mspId, role, false));
    }

    @Transaction()
    async Mint(ctx: Context, to: string, amount: string, requestId: string): Promise<string> {
        const { config, caller } = await callerOf(ctx);
        const book = new TxBook(ctx);
        const account = caller.account ?? caller.mspId;
        const run = await once(ctx, account, requestId, 'Mint', [to, amount], async () => {
            await mint(book, config, caller, to, amount);
            return result(book);
        });
        if (!run.replayed) emit(book, 'Mint');
        return run.result;
    }

    @Transaction()
    async Burn(ctx: Context, amount: string, requestId: string): Promise<string> {
        const { config, caller } = await callerOf(ctx);
        const book = new TxBook(ctx);
        const run = await once(ctx, caller.account ?? caller.mspId, requestId, 'Burn', [amount], async () => {
            await burn(book, config, caller, amount);
            return result(book);
        });
        if (!run.replayed) emit(book, 'Burn');
        return run.result;
    }

    @Transaction()
    async Transfer(ctx: Context, to: string, amount: string, reference: string, requestId: string): Promise<string> {
        const { config, caller } = await callerOf(ctx);
        const from = requireMember(caller, 'transfer tokens');
        const book = new TxBook(ctx);
        const run = await once(ctx, from, requestId, 'Transfer', [to, amount, reference], async () => {
            await transfer(book, config, caller, to, amount, reference);
            return result(book);
        });
        if (!run.replayed) emit(book, 'Transfer');
        return run.result;
    }

    /**
     * Merges chosen credit entries (ids from CreditsOf, a JSON list) into the caller's base balance,
     * reading each by key: payments arriving meanwhile cannot make it fail.
     */
    @Transaction()
    async Consolidate(ctx: Context, credits: string): Promise<string> {
        const { caller } = await callerOf(ctx);
        const account = requireMember(caller, 'consolidate credits');
        return JSON.stringify(await consolidate(ctx, account, credits));
    }

    /** Moves the caller's tokens into a hold with its release and refund rules (directly, or through a core contract). */
    @Transaction()
    async CreateHold(ctx: Context, holdId: string, amount: string, rules: string, requestId: string): Promise<string> {
        const { config, caller } = await callerOf(ctx);
        const payer = requireMember(caller, 'create a hold');
        const book = new TxBook(ctx);
        const run = await once(ctx, payer, requestId, 'CreateHold', [holdId, amount, rules], async () => {
            const hold = await createHold(book, config, caller, holdId, amount, rules);
            return result(book, hold);
        });
        if (!run.replayed) emit(book, 'CreateHold');
        return run.result;
    }

    @Transaction()
    async ReleaseHold(ctx: Context, holdId: string): Promise<string> {
        return settle(ctx, 'ReleaseHold', holdId);
    }

    @Transaction()
    async RefundHold(ctx: Context, holdId: string): Promise<string> {
        return settle(ctx, 'RefundHold', holdId);
    }

    @Transaction()
    async ExpireHold(ctx: Context, holdId: string): Promise<string> {
        return settle(ctx, 'ExpireHold', holdId);
    }

    @Transaction(false)
    async TokenInfo(ctx: Context): Promise<string> {
        return JSON.stringify(await readConfig(ctx));
    }

    @Transaction(false)
    async TotalSupply(ctx: Context): Promise<string> {
        await readConfig(ctx);
        return (await readSupply(ctx)).toString();
    }

    @Transaction(false)
    async RolesOf(ctx: Context, mspId: string): Promise<string> {
        await readConfig(ctx);
        return JSON.stringify((await readRegistry(ctx))[mspId] ?? []);
    }

    /** MSP ids of the organizations holding a role (sorted). */
    @Transaction(false)
    async MspsWithRole(ctx: Context, role: string): Promise<string> {
        await readConfig(ctx);
        const registry = await readRegistry(ctx);
        return JSON.stringify(
            Object.keys(registry)
                .filter((mspId) => (registry[mspId] ?? []).includes(role as never))
                .sort(),
        );
    }

    /** How productoken sees the caller: account, roles, device binding. Other core contracts call it. */
    @Transaction(false)
    async WhoAmI(ctx: Context): Promise<string> {
        const { caller } = await callerOf(ctx);
        return JSON.stringify(caller);
    }

    @Transaction(false)
    async BalanceOf(ctx: Context, account: string): Promise<string> {
        const { caller } = await callerOf(ctx);
        return JSON.stringify(await balance(ctx, caller, account));
    }

    @Transaction(false)
    async GetHold(ctx: Context, holdId: string): Promise<string> {
        const { caller } = await callerOf(ctx);
        const hold = await readHold(ctx, holdId);
        requireHoldReader(caller, hold);
        return JSON.stringify(hold);
    }

    @Transaction(false)
    async HoldsOf(ctx: Context, account: string, pageSize: number, bookmark: string): Promise<string> {
        const { caller } = await callerOf(ctx);
        return JSON.stringify(await holdsOf(ctx, caller, account, pageSize, bookmark));
    }

    @Transaction(false)
    async CreditsOf(ctx: Context, account: string, pageSize: number, bookmark: string): Promise<string> {
        const { caller } = await callerOf(ctx);
        return JSON.stringify(await creditsOf(ctx, caller, account, pageSize, bookmark));
    }

    @Transaction(false)
    async Activity(ctx: Context, account: string, pageSize: number, bookmark: string): Promise<string> {
        const { caller } = await callerOf(ctx);
        return JSON.stringify(await activity(ctx, caller, account, pageSize, bookmark));
    }

    @Transaction(false)
    async TransferByReference(ctx: Context, payer: string, reference: string): Promise<string> {
        const { caller } = await callerOf(ctx);
        return JSON.stringify(await transferByReference(ctx, caller, payer, reference));
    }

    /** Opens the caller's wallet account (or adds the caller's organization to it); nothing changes when open. */
    @Transaction()
    async OpenAccount(ctx: Context): Promise<string> {
        const { caller } = await callerOf(ctx);
        return JSON.stringify(await openAccount(ctx, caller));
    }

    /** An existing account and the roles its organizations hold (prodcontrol checks producers with it). */
    @Transaction(false)
    async AccountInfo(ctx: Context, account: string): Promise<string> {
        await readConfig(ctx);
        return JSON.stringify(await accountInfo(ctx, parseAccount(account)));
    }
}
