// SPDX-License-Identifier: Apache-2.0
//
// Balances without hot keys. An account's balance is its base value plus its credit entries.
// Money paid *into* an account is a new credit entry keyed by the paying transaction, so any
// number of concurrent payments to one producer (or to the fee account) write different keys and
// never conflict. Money paid *out* comes from the base value when it suffices (one key only the
// owner's spending touches); otherwise only with the credit entries the owner names (transient
// field `credits`, read by key), merged into the base and deleted. A spend never reads credits by
// range, so payments arriving meanwhile (dust, one unit per block) cannot make it fail.
import type { Context } from 'fabric-contract-api';

import { conflict, ContractError, invalid } from '../shared/errors.js';
import { parseJsonArgument, scan, toText } from '../shared/state.js';
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

/**
 * The spendable balance: base plus credit entries (holds are not part of it). Reads the credits by
 * range: for the BalanceOf query only, never in a spend.
 */
export async function balanceOf(ctx: Context, account: string): Promise<bigint> {
    const credits = await scan(ctx, keys.credit, [account]);
    return credits.reduce((sum, entry) => sum + BigInt(toText(entry.value)), await readBase(ctx, account));
}

/** Pays `amount` into an account as a new credit entry. */
export async function credit(book: TxBook, account: string, amount: bigint): Promise<void> {
    if (amount === 0n) return;
    await book.ctx.stub.putState(
        book.ctx.stub.createCompositeKey(keys.credit, [account, ...book.nextId()]),
        Buffer.from(amount.toString()),
    );
}

/** A credit entry's id as clients see it: `<transaction id>:<sequence>`. */
export function creditId(ctx: Context, key: string): string {
    const { attributes } = ctx.stub.splitCompositeKey(key);
    return `${attributes[1] ?? ''}:${attributes[2] ?? ''}`;
}

/** Parses a list of credit ids (JSON array, 1 to 100). */
export function parseCreditIds(json: string, what: string): string[] {
    const value = parseJsonArgument(json, what);
    if (!Array.isArray(value) || value.length === 0 || value.length > 100)
        throw invalid(`${what} must be a JSON list of 1 to 100 credit ids`);
    const ids = value.map((id: unknown) => {
        if (typeof id !== 'string' || !/^[0-9A-Za-z._-]{1,128}:[0-9]{4}$/.test(id))
            throw invalid(`${what} has '${String(id)}', which is not a credit id <transaction id>:<sequence>`);
        return id;
    });
    return [...new Set(ids)];
}

/**
 * Reads the chosen credit entries of `account` by key. The key is built from the account, so a
 * credit of anyone else cannot be named; a credit already spent or unknown is a CONFLICT. Point
 * reads: new credits paid in meanwhile cannot make this transaction fail.
 */
export async function readChosenCredits(
    ctx: Context,
    account: string,
    ids: readonly string[],
): Promise<{ key: string; amount: bigint }[]> {
    const credits = [];
    for (const id of ids) {
        const colon = id.lastIndexOf(':');
        const key = ctx.stub.createCompositeKey(keys.credit, [account, id.slice(0, colon), id.slice(colon + 1)]);
        const bytes = await ctx.stub.getState(key);
        if (bytes.length === 0) throw conflict(`credit '${id}' of '${account}' does not exist or was already spent`);
        credits.push({ key, amount: BigInt(toText(bytes)) });
    }
    return credits;
}

/** The credit ids a client chose for this transaction's spend (transient field `credits`); none when absent. */
function chosenCreditIds(ctx: Context): string[] {
    const bytes = ctx.stub.getTransient().get('credits');
    return bytes === undefined || bytes.length === 0 ? [] : parseCreditIds(toText(bytes), 'transient credits');
}

/**
 * Takes `amount` out of an account, or fails with INSUFFICIENT_FUNDS; nothing is written then.
 * From the base balance when it suffices; otherwise with the base and the credit entries the client
 * named (transient field `credits`, read by key), merged into the base. Credits are never read by
 * range here: a payment arriving meanwhile cannot make the spend fail.
 */
export async function debit(book: TxBook, account: string, amount: bigint): Promise<void> {
    const { ctx } = book;
    const baseKey = ctx.stub.createCompositeKey(keys.balance, [account]);
    const base = await readBase(ctx, account);
    if (base >= amount) {
        await ctx.stub.putState(baseKey, Buffer.from((base - amount).toString()));
        return;
    }
    const credits = await readChosenCredits(ctx, account, chosenCreditIds(ctx));
    const named = credits.reduce((sum, entry) => sum + entry.amount, 0n);
    const total = base + named;
    if (total < amount) {
        throw new ContractError(
            'INSUFFICIENT_FUNDS',
            `account '${account}' has ${total.toString()} available and cannot pay ${amount.toString()} ` +
                `(base ${base.toString()}, named credits ${named.toString()}; ` +
                `credits not named are not read: name them from CreditsOf in transient field 'credits', ` +
                `or merge them into the base with Consolidate)`,
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

/** Merges chosen credit entries of the caller's account into its base balance (read by key, never by range). */
export async function consolidate(
    ctx: Context,
    account: string,
    creditsJson: string,
): Promise<{ account: string; merged: number; base: string }> {
    const credits = await readChosenCredits(ctx, account, parseCreditIds(creditsJson, 'credits'));
    const base = credits.reduce((sum, entry) => sum + entry.amount, await readBase(ctx, account));
    for (const entry of credits) await ctx.stub.deleteState(entry.key);
    await ctx.stub.putState(ctx.stub.createCompositeKey(keys.balance, [account]), Buffer.from(base.toString()));
    return { account, merged: credits.length, base: base.toString() };
}
