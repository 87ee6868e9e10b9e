// SPDX-License-Identifier: Apache-2.0
//
// Token amounts: non-negative integers in the smallest unit, carried as canonical decimal strings
// and computed with BigInt — never floats, never parseInt (which reads "10abc" as 10).
import { invalid } from './errors.js';

const canonical = /^(0|[1-9][0-9]*)$/;
/** Longer strings are refused before BigInt sees them (BigInt of a huge string is slow). */
const maxDigits = 40;

/**
 * Parses an amount argument. Refuses everything but a canonical decimal integer: "1.9", "10abc",
 * "-5", "1e3", " 5", "", "007", and values above `cap` when one is given.
 */
export function parseAmount(
    value: string,
    what: string,
    options: { readonly positive?: boolean; readonly cap?: bigint } = {},
): bigint {
    if (value.length > maxDigits || !canonical.test(value)) {
        throw invalid(`${what} '${value}' is not a whole number of the smallest unit; write digits only, such as 1500`);
    }
    const amount = BigInt(value);
    if (options.positive === true && amount === 0n) throw invalid(`${what} must be greater than 0`);
    if (options.cap !== undefined && amount > options.cap) {
        throw invalid(`${what} ${value} is above the supply cap ${options.cap.toString()}`);
    }
    return amount;
}

/** Basis points: 10000 = 100 %. */
export const totalBasisPoints = 10_000n;

/** One payee's share of a payout. */
export interface Share {
    readonly account: string;
    readonly bps: number;
}

/**
 * Splits `amount` by basis points. Rounding rule: every share is rounded down
 * (floor(amount × bps / 10000)); the remainder left by rounding — less than one unit per share —
 * goes to the first share. The parts always add up to `amount` exactly.
 */
export function splitByBasisPoints(amount: bigint, shares: readonly Share[]): { account: string; amount: bigint }[] {
    const parts = shares.map((share) => ({
        account: share.account,
        amount: (amount * BigInt(share.bps)) / totalBasisPoints,
    }));
    const remainder = amount - parts.reduce((sum, part) => sum + part.amount, 0n);
    const first = parts[0];
    if (first !== undefined) first.amount += remainder;
    return parts;
}
