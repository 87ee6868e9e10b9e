// SPDX-License-Identifier: Apache-2.0
//
// productoken: the ProducToken ledger. Thin transactions: each checks its input, calls one
// operation, and emits one event carrying every token movement. See SPEC.md.
import { Contract, Info } from 'fabric-contract-api';
import type { Context } from 'fabric-contract-api';

import type { Caller } from '../shared/caller.js';
import { parseAccount, requireMember } from '../shared/caller.js';
import type { Operation } from '../shared/contract.js';
import { defineTransactions } from '../shared/contract.js';
import type { TransactionDescription } from '../transactions.js';
import { productokenTransactions } from '../transactions.js';
import { accountInfo, openAccount } from './accounts.js';
import { consolidate, readSupply, TxBook } from './balances.js';
import { callerOf, changeRole, initialize, readConfig, readRegistry } from './config.js';
import { createHold, expireHold, readHold, refundHold, releaseHold, requireHoldReader } from './holds.js';
import type { Hold } from './holds.js';
import type { Movement } from './movements.js';
import { setTokenEvent } from './movements.js';
import { once } from './requests.js';
import { activity, balance, burn, creditsOf, holdsOf, mint, transfer, transferByReference } from './token.js';

/** What a money-moving transaction returns: the movements it made (and the hold, for hold commands). */
export interface TokenResult {
    readonly transactionId: string;
    readonly movements: readonly Movement[];
    readonly hold?: Hold;
}

function emit(book: TxBook, action: string): void {
    setTokenEvent(book.ctx, action, book.movements);
}

function result(book: TxBook, hold?: Hold): string {
    return JSON.stringify({
        transactionId: book.ctx.stub.getTxID(),
        movements: book.movements,
        ...(hold ? { hold } : {}),
    } satisfies TokenResult);
}

/**
 * Runs a money-moving command once per request id of `account` (a replay returns the first result),
 * and emits its movements when it ran.
 */
async function moveOnce(
    ctx: Context,
    command: string,
    account: string,
    request: { readonly id: string; readonly args: readonly string[] },
    /** Moves the tokens; a hold command resolves to its hold, the others to nothing. */
    move: (book: TxBook) => Promise<unknown>,
): Promise<string> {
    const book = new TxBook(ctx);
    const run = await once(ctx, account, request.id, command, request.args, async () =>
        result(book, (await move(book)) as Hold | undefined),
    );
    if (!run.replayed) emit(book, command);
    return run.result;
}

/** The three ways a hold ends, each an operation of holds.ts. */
const settlements = { ReleaseHold: releaseHold, RefundHold: refundHold, ExpireHold: expireHold } as const;

/** Releases, refunds or expires a hold as the caller, and emits the movements. */
function settle(action: keyof typeof settlements): Operation<TransactionDescription<readonly ['holdId']>, void> {
    return async (ctx, _, { holdId }) => {
        const { caller } = await callerOf(ctx);
        const book = new TxBook(ctx);
        const hold = await settlements[action](book, caller, holdId);
        emit(book, action);
        return result(book, hold);
    };
}

/** A page of the caller's view of an account (holds, credits or activity). */
type PageQuery = (
    ctx: Context,
    caller: Caller,
    account: string,
    pageSize: number,
    bookmark: string,
) => Promise<unknown>;

function page(query: PageQuery): Operation<TransactionDescription<readonly ['account', 'pageSize', 'bookmark']>, void> {
    return async (ctx, _, { account, pageSize, bookmark }) =>
        JSON.stringify(await query(ctx, (await callerOf(ctx)).caller, account, pageSize, bookmark));
}

/** productoken resolves its callers itself: it holds the configuration and the role registry. */
async function noCaller(): Promise<void> {}

@Info({ title: 'productoken', description: 'ProducToken: a fiat-pegged service token with holds and split payouts' })
export class ProductokenContract extends Contract {
    constructor() {
        super('productoken');
    }
}

defineTransactions(ProductokenContract, productokenTransactions, noCaller, {
    /** Sets token metadata, supply cap, platform fee and the initial role registry (once; Productivist admin). */
    Initialize: async (ctx, _, { config }) => JSON.stringify(await initialize(ctx, config)),
    GrantRole: async (ctx, _, { mspId, role }) => JSON.stringify(await changeRole(ctx, mspId, role, true)),
    RevokeRole: async (ctx, _, { mspId, role }) => JSON.stringify(await changeRole(ctx, mspId, role, false)),
    Mint: async (ctx, _, { to, amount, requestId }) => {
        const { config, caller } = await callerOf(ctx);
        const request = { id: requestId, args: [to, amount] };
        return moveOnce(ctx, 'Mint', caller.account ?? caller.mspId, request, (book) =>
            mint(book, config, caller, to, amount),
        );
    },
    Burn: async (ctx, _, { amount, requestId }) => {
        const { config, caller } = await callerOf(ctx);
        const request = { id: requestId, args: [amount] };
        return moveOnce(ctx, 'Burn', caller.account ?? caller.mspId, request, (book) =>
            burn(book, config, caller, amount),
        );
    },
    Transfer: async (ctx, _, { to, amount, reference, requestId }) => {
        const { config, caller } = await callerOf(ctx);
        const from = requireMember(caller, 'transfer tokens');
        return moveOnce(ctx, 'Transfer', from, { id: requestId, args: [to, amount, reference] }, (book) =>
            transfer(book, config, caller, to, amount, reference),
        );
    },
    /**
     * Merges chosen credit entries (ids from CreditsOf, a JSON list) into the caller's base balance,
     * reading each by key: payments arriving meanwhile cannot make it fail.
     */
    Consolidate: async (ctx, _, { credits }) => {
        const { caller } = await callerOf(ctx);
        const account = requireMember(caller, 'consolidate credits');
        return JSON.stringify(await consolidate(ctx, account, credits));
    },
    /** Moves the caller's tokens into a hold with its release and refund rules (directly, or through a core contract). */
    CreateHold: async (ctx, _, { holdId, amount, rules, requestId }) => {
        const { config, caller } = await callerOf(ctx);
        const payer = requireMember(caller, 'create a hold');
        return moveOnce(ctx, 'CreateHold', payer, { id: requestId, args: [holdId, amount, rules] }, (book) =>
            createHold(book, config, caller, holdId, amount, rules),
        );
    },
    ReleaseHold: settle('ReleaseHold'),
    RefundHold: settle('RefundHold'),
    ExpireHold: settle('ExpireHold'),
    TokenInfo: async (ctx) => JSON.stringify(await readConfig(ctx)),
    TotalSupply: async (ctx) => {
        await readConfig(ctx);
        return (await readSupply(ctx)).toString();
    },
    RolesOf: async (ctx, _, { mspId }) => {
        await readConfig(ctx);
        return JSON.stringify((await readRegistry(ctx))[mspId] ?? []);
    },
    /** MSP ids of the organizations holding a role (sorted). */
    MspsWithRole: async (ctx, _, { role }) => {
        await readConfig(ctx);
        const registry = await readRegistry(ctx);
        return JSON.stringify(
            Object.entries(registry)
                .filter(([, held]) => held.includes(role as never))
                .map(([mspId]) => mspId)
                .sort(),
        );
    },
    /** How productoken sees the caller: account, roles, device binding. Other core contracts call it. */
    WhoAmI: async (ctx) => JSON.stringify((await callerOf(ctx)).caller),
    BalanceOf: async (ctx, _, { account }) => {
        const { caller } = await callerOf(ctx);
        return JSON.stringify(await balance(ctx, caller, account));
    },
    GetHold: async (ctx, _, { holdId }) => {
        const { caller } = await callerOf(ctx);
        const hold = await readHold(ctx, holdId);
        requireHoldReader(caller, hold);
        return JSON.stringify(hold);
    },
    HoldsOf: page(holdsOf),
    CreditsOf: page(creditsOf),
    Activity: page(activity),
    TransferByReference: async (ctx, _, { payer, reference }) => {
        const { caller } = await callerOf(ctx);
        return JSON.stringify(await transferByReference(ctx, caller, payer, reference));
    },
    /** Opens the caller's wallet account (or adds the caller's organization to it); nothing changes when open. */
    OpenAccount: async (ctx) => JSON.stringify(await openAccount(ctx, (await callerOf(ctx)).caller)),
    /** An existing account and the roles its organizations hold (prodcontrol checks producers with it). */
    AccountInfo: async (ctx, _, { account }) => {
        await readConfig(ctx);
        return JSON.stringify(await accountInfo(ctx, parseAccount(account)));
    },
});
