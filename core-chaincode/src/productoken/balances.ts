// SPDX-License-Identifier: Apache-2.0
//
// Balances without hot keys. An account's balance is its base value plus its credit entries.
// Money paid *into* an account is a new credit entry keyed by the paying transaction, so any
// number of concurrent payments to one producer (or to the fee account) write different keys and
// never conflict. Money paid *out* comes from the base value when it suffices (one key only the
// owner's spending touches); otherwise the owner's credit entries are merged into the base, in
// key order, and deleted — a deterministic merge that only the owner's own spending triggers.
import type { Context } from 'fabric-contract-api';

import { ContractError } from '../shared/errors.js';
import { scan, toText } from '../shared/state.js';
import { keys } from './keys.js';
import type { Movement } from './movements.js';

/** Per-transaction bookkeeping: a sequence for the keys it creates and the movements it made. */
export class TxBook {
    private sequence = 0;
    readonly movements: Movement[] = [];

    constructor(readonly ctx: Context) {}

    /** A key suffix unique within the ledger: the transaction id and a counter. */
    nextId(): [string, string] {
        this.sequence += 1;
        return [this.ctx.stub.getTxID(), String(this.sequence).padStart(4, '0')];
    }

    /** Sortable time of the transaction (client-set: used for ordering listings only, never for money). */
    time(): string {
        const timestamp = this.ctx.stub.getTxTimestamp();
        return `${timestamp.seconds.toString().padStart(12, '0')}.${String(timestamp.nanos).padStart(9, '0')}`;
    }
}

async function readBase(ctx: Context, account: string): Promise<bigint> {
    const bytes = await ctx.stub.getState(ctx.stub.createCompositeKey(keys.balance, [account]));
    return bytes.length === 0 ? 0n : BigInt(toText(bytes));
}

async function readCredits(ctx: Context, account: string): Promise<{ key: string; amount: bigint }[]> {
    return (await scan(ctx, keys.credit, [account])).map((entry) => ({
        key: entry.key,
        amount: BigInt(toText(entry.value)),
    }));
}

/** The spendable balance: base plus credit entries (holds are not part of it). */
export async function balanceOf(ctx: Context, account: string): Promise<bigint> {
    const credits = await readCredits(ctx, account);
    return credits.reduce((sum, credit) => sum + credit.amount, await readBase(ctx, account));
}

/** Pays `amount` into an account as a new credit entry. */
export async function credit(book: TxBook, account: string, amount: bigint): Promise<void> {
    if (amount === 0n) return;
    await book.ctx.stub.putState(
        book.ctx.stub.createCompositeKey(keys.credit, [account, ...book.nextId()]),
        Buffer.from(amount.toString()),
    );
}

/** Takes `amount` out of an account, or fails with INSUFFICIENT_FUNDS; nothing is written then. */
export async function debit(book: TxBook, account: string, amount: bigint): Promise<void> {
    const { ctx } = book;
    const baseKey = ctx.stub.createCompositeKey(keys.balance, [account]);
    const base = await readBase(ctx, account);
    if (base >= amount) {
        await ctx.stub.putState(baseKey, Buffer.from((base - amount).toString()));
        return;
    }
    const credits = await readCredits(ctx, account);
    const total = credits.reduce((sum, entry) => sum + entry.amount, base);
    if (total < amount) {
        throw new ContractError(
            'INSUFFICIENT_FUNDS',
            `account '${account}' has ${total.toString()} available and cannot pay ${amount.toString()}`,
        );
    }
    for (const entry of credits) await ctx.stub.deleteState(entry.key);
    await ctx.stub.putState(baseKey, Buffer.from((total - amount).toString()));
}

/** Records a movement in the activity listing of each account it touches. */
export async function record(book: TxBook, movement: Movement): Promise<void> {
    book.movements.push(movement);
    const time = book.time();
    for (const account of new Set([movement.from, movement.to])) {
        if (account === '' || account.startsWith('hold:')) continue;
        const key = book.ctx.stub.createCompositeKey(keys.activity, [account, time, ...book.nextId()]);
        await book.ctx.stub.putState(
            key,
            Buffer.from(JSON.stringify({ ...movement, transactionId: book.ctx.stub.getTxID() })),
        );
    }
}

/** Total supply: minted minus burned. Only the treasury's mints and burns write it. */
export async function readSupply(ctx: Context): Promise<bigint> {
    const bytes = await ctx.stub.getState(ctx.stub.createCompositeKey(keys.supply, []));
    return bytes.length === 0 ? 0n : BigInt(toText(bytes));
}

export async function writeSupply(ctx: Context, supply: bigint): Promise<void> {
    await ctx.stub.putState(ctx.stub.createCompositeKey(keys.supply, []), Buffer.from(supply.toString()));
}
