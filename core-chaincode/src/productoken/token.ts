// SPDX-License-Identifier: Apache-2.0
import type { Context } from 'fabric-contract-api';

import { parseAmount } from '../shared/amount.js';
import type { Caller } from '../shared/caller.js';
import { parseAccount, requireMember, requireTreasury } from '../shared/caller.js';
import { conflict, ContractError, forbidden, invalid, notFound } from '../shared/errors.js';
import type { Page } from '../shared/state.js';
import { page, readJson, toText, writeJson } from '../shared/state.js';
import { requireAccount } from './accounts.js';
import type { TxBook } from './balances.js';
import { balanceOf, credit, creditId, debit, readSupply, record, writeSupply } from './balances.js';
import type { TokenConfig } from './config.js';
import type { Hold } from './holds.js';
import { keys } from './keys.js';
import type { Movement } from './movements.js';

/** The treasury creates tokens for fiat received, into a member's account. */
export async function mint(
    book: TxBook,
    config: TokenConfig,
    caller: Caller,
    toArg: string,
    amountArg: string,
): Promise<void> {
    requireTreasury(caller, 'mint');
    const to = parseAccount(toArg, 'recipient');
    await requireAccount(book.ctx, to, 'recipient');
    const cap = BigInt(config.supplyCap);
    const amount = parseAmount(amountArg, 'mint amount', { positive: true, cap });
    const supply = await readSupply(book.ctx);
    if (supply + amount > cap) {
        throw new ContractError(
            'LIMIT_EXCEEDED',
            `minting ${amount.toString()} would take the supply from ${supply.toString()} above the cap ${config.supplyCap}`,
        );
    }
    await writeSupply(book.ctx, supply + amount);
    await credit(book, to, amount);
    await record(book, { kind: 'mint', from: '', to, amount: amount.toString() });
}

/** The treasury destroys tokens it holds (redemption: members transfer to the treasury, which burns). */
export async function burn(book: TxBook, config: TokenConfig, caller: Caller, amountArg: string): Promise<void> {
    const treasury = requireTreasury(caller, 'burn');
    const amount = parseAmount(amountArg, 'burn amount', { positive: true, cap: BigInt(config.supplyCap) });
    await debit(book, treasury, amount);
    await writeSupply(book.ctx, (await readSupply(book.ctx)) - amount);
    await record(book, { kind: 'burn', from: treasury, to: '', amount: amount.toString() });
}

/** A transfer record, findable by its payer and reference (a contract on another channel proves a payment by it). */
export interface TransferRecord {
    readonly transactionId: string;
    readonly from: string;
    readonly to: string;
    readonly amount: string;
    readonly reference: string;
}

/** The longest reference a payer may give a transfer (references are unique per payer). */
const maxReferenceLength = 128;

export async function transfer(
    book: TxBook,
    config: TokenConfig,
    caller: Caller,
    toArg: string,
    amountArg: string,
    reference: string,
): Promise<void> {
    const from = requireMember(caller, 'transfer tokens');
    const to = parseAccount(toArg, 'recipient');
    if (to === from) throw invalid(`cannot transfer from '${from}' to itself`);
    await requireAccount(book.ctx, to, 'recipient');
    const amount = parseAmount(amountArg, 'transfer amount', { positive: true, cap: BigInt(config.supplyCap) });
    if (reference.length > maxReferenceLength)
        throw invalid(`reference must be at most ${String(maxReferenceLength)} characters`);
    if (reference !== '') {
        const key = book.ctx.stub.createCompositeKey(keys.reference, [from, reference]);
        if ((await book.ctx.stub.getState(key)).length > 0)
            throw conflict(`'${from}' already used reference '${reference}'; references are unique per payer`);
        await writeJson(book.ctx, key, {
            transactionId: book.ctx.stub.getTxID(),
            from,
            to,
            amount: amount.toString(),
            reference,
        } satisfies TransferRecord);
    }
    await debit(book, from, amount);
    await credit(book, to, amount);
    await record(book, {
        kind: 'transfer',
        from,
        to,
        amount: amount.toString(),
        ...(reference === '' ? {} : { reference }),
    });
}

function requireOwnerOrTreasury(caller: Caller, account: string, what: string): void {
    const own = requireMember(caller, `read ${what}`);
    if (own !== account && !caller.treasury)
        throw forbidden(`'${own}' may not read the ${what} of '${account}'; only its owner and the treasury may`);
}

export async function balance(
    ctx: Context,
    caller: Caller,
    accountArg: string,
): Promise<{ account: string; available: string; held: string }> {
    const account = parseAccount(accountArg);
    requireOwnerOrTreasury(caller, account, 'balance');
    let held = 0n;
    for await (const entry of ctx.stub.getStateByPartialCompositeKey(keys.holdOf, [account])) {
        const hold = await readJson<Hold>(ctx, ctx.stub.createCompositeKey(keys.hold, [toText(entry.value)]));
        if (hold?.status === 'OPEN') held += BigInt(hold.amount);
    }
    return { account, available: (await balanceOf(ctx, account)).toString(), held: held.toString() };
}

export async function holdsOf(
    ctx: Context,
    caller: Caller,
    accountArg: string,
    pageSize: number,
    bookmark: string,
): Promise<Page<Hold>> {
    const account = parseAccount(accountArg);
    requireOwnerOrTreasury(caller, account, 'holds');
    const ids = await page(ctx, keys.holdOf, [account], pageSize, bookmark, (_key, value) => toText(value));
    const items: Hold[] = [];
    for (const id of ids.items) {
        const hold = await readJson<Hold>(ctx, ctx.stub.createCompositeKey(keys.hold, [id]));
        if (hold !== undefined) items.push(hold);
    }
    return { items, bookmark: ids.bookmark };
}

/** The credit entries of an account, page by page: what a client picks from to spend or consolidate. */
export async function creditsOf(
    ctx: Context,
    caller: Caller,
    accountArg: string,
    pageSize: number,
    bookmark: string,
): Promise<Page<{ id: string; amount: string }>> {
    const account = parseAccount(accountArg);
    requireOwnerOrTreasury(caller, account, 'credits');
    return page(ctx, keys.credit, [account], pageSize, bookmark, (key, value) => ({
        id: creditId(ctx, key),
        amount: toText(value),
    }));
}

export async function activity(
    ctx: Context,
    caller: Caller,
    accountArg: string,
    pageSize: number,
    bookmark: string,
): Promise<Page<Movement & { transactionId: string }>> {
    const account = parseAccount(accountArg);
    requireOwnerOrTreasury(caller, account, 'activity');
    return page(
        ctx,
        keys.activity,
        [account],
        pageSize,
        bookmark,
        (_key, value) => JSON.parse(toText(value)) as Movement & { transactionId: string },
    );
}

export async function transferByReference(
    ctx: Context,
    caller: Caller,
    payerArg: string,
    reference: string,
): Promise<TransferRecord> {
    requireMember(caller, 'look up transfers');
    const payer = parseAccount(payerArg, 'payer');
    if (reference === '' || reference.length > maxReferenceLength)
        throw invalid(
            `reference must be 1 to ${String(maxReferenceLength)} characters: the reference the payer gave its transfer`,
        );
    const found = await readJson<TransferRecord>(ctx, ctx.stub.createCompositeKey(keys.reference, [payer, reference]));
    if (found === undefined) throw notFound(`no transfer by '${payer}' with reference '${reference}'`);
    return found;
}
