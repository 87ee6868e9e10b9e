// SPDX-License-Identifier: Apache-2.0
//
// Choosing the credit entries a spend consumes. productoken takes a spend from the payer's base
// balance; when the base is short it uses only the credit entries named in the transient field
// `credits` (read by key, so payments arriving meanwhile cannot make the spend fail) and never
// reads credits by range. The client picks them: it lists its credits with CreditsOf (evaluations),
// and when the base does not cover the amount it names enough of them, largest first (ties by id),
// so the same state always gives the same choice.
import type { Caller, TransactionDescription } from '@productivist/core-chaincode';
import type { Ledger, LedgerContract } from '@productivist/ledger-api';

/** One credit entry as CreditsOf lists it. */
export interface CreditEntry {
    readonly id: string;
    readonly amount: string;
}

/** At most this many credits can be named in one spend or one Consolidate. */
export const maxCreditsPerSpend = 100;

/** The page size the client lists credits with. */
const pageSize = 100;

/** Whether a transaction spends from the caller's account (its description lists transient `credits`). */
export function spends(description: TransactionDescription | undefined): boolean {
    return description?.transient.includes('credits') ?? false;
}

/**
 * The credits to name so that `base` plus them covers `amount`: largest first, ties by id, at most
 * {@link maxCreditsPerSpend}. Empty when the base suffices; all it can name when they do not suffice.
 */
export function chooseCredits(base: bigint, credits: readonly CreditEntry[], amount: bigint): string[] {
    if (base >= amount) return [];
    const ordered = [...credits].sort((a, b) => {
        const difference = BigInt(b.amount) - BigInt(a.amount);
        if (difference !== 0n) return difference > 0n ? 1 : -1;
        return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    });
    const chosen: string[] = [];
    let covered = base;
    for (const entry of ordered) {
        if (covered >= amount || chosen.length === maxCreditsPerSpend) break;
        chosen.push(entry.id);
        covered += BigInt(entry.amount);
    }
    return chosen;
}

function parse(bytes: Uint8Array): unknown {
    return JSON.parse(Buffer.from(bytes).toString());
}

/** Every credit entry of `account`, page by page (evaluations only). */
export async function listCredits(token: LedgerContract, account: string): Promise<CreditEntry[]> {
    const credits: CreditEntry[] = [];
    let bookmark = '';
    do {
        const page = parse(await token.evaluate('CreditsOf', { arguments: [account, String(pageSize), bookmark] })) as {
            items: CreditEntry[];
            bookmark: string;
        };
        credits.push(...page.items);
        bookmark = page.bookmark;
    } while (bookmark !== '');
    return credits;
}

/**
 * The transient data a spend of `amount` by the member behind `token` (productoken, as that member)
 * needs: `{ credits }` naming enough credit entries when its base is short, nothing when the base
 * suffices or the caller has no account (the contract then refuses the call itself). When more than
 * {@link maxCreditsPerSpend} credits would be needed, it first merges the largest ones into the
 * base with Consolidate, as many times as it takes.
 */
export async function creditsForSpend(
    token: LedgerContract,
    amount: bigint,
): Promise<Readonly<Record<string, string>> | undefined> {
    let caller: Caller;
    try {
        caller = parse(await token.evaluate('WhoAmI')) as Caller;
    } catch {
        return undefined; // not initialized: the spend itself says so
    }
    const account = caller.account;
    if (account === undefined || caller.deviceOf !== undefined) return undefined;
    for (;;) {
        // The balance first: a credit paid in between the two reads then only makes the base look smaller.
        const { available } = parse(await token.evaluate('BalanceOf', { arguments: [account] })) as {
            available: string;
        };
        const credits = await listCredits(token, account);
        const base = credits.reduce((sum, entry) => sum - BigInt(entry.amount), BigInt(available));
        const chosen = chooseCredits(base, credits, amount);
        if (chosen.length === 0) return undefined;
        const covered = credits
            .filter((entry) => chosen.includes(entry.id))
            .reduce((sum, entry) => sum + BigInt(entry.amount), base);
        if (covered >= amount || credits.length <= maxCreditsPerSpend) return { credits: JSON.stringify(chosen) };
        await token.submit('Consolidate', { arguments: [JSON.stringify(chosen)] });
    }
}

/**
 * How much a spending call takes from its caller: its `amount` argument, prodcontrol `Order`'s
 * `price` (an order naming its producer is escrowed at once), or for `Fund` the order's price.
 */
async function amountOf(
    ledger: Pick<Ledger, 'contract'>,
    member: string,
    description: TransactionDescription,
    named: Readonly<Record<string, string>>,
): Promise<bigint | undefined> {
    let amount = named['amount'] ?? named['price'];
    if (amount === undefined && description.chaincode === 'prodcontrol' && named['orderId'] !== undefined) {
        try {
            const order = parse(
                await ledger.contract(member, 'prodcontrol').evaluate('GetOrder', { arguments: [named['orderId']] }),
            ) as { price: string };
            amount = order.price;
        } catch {
            return undefined; // unknown or unreadable order: the spend itself says why
        }
    }
    return amount !== undefined && /^[0-9]{1,30}$/.test(amount) ? BigInt(amount) : undefined;
}

/**
 * The transient data to add to a call: for a spending transaction (see {@link spends}), the
 * credits {@link creditsForSpend} chooses; nothing otherwise, or when the amount is not a valid one
 * (the contract refuses it).
 */
export async function spendTransient(
    ledger: Pick<Ledger, 'contract'>,
    member: string,
    description: TransactionDescription | undefined,
    named: Readonly<Record<string, string>>,
): Promise<Readonly<Record<string, string>> | undefined> {
    if (description === undefined || !spends(description)) return undefined;
    const amount = await amountOf(ledger, member, description, named);
    if (amount === undefined || amount === 0n) return undefined;
    return creditsForSpend(ledger.contract(member, 'productoken'), amount);
}
