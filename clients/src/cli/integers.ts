// SPDX-License-Identifier: Apache-2.0
//
// The one parser of whole-number options and arguments of the CLI (amounts, basis points, limits,
// quantities): decimal digits only, no sign, no leading zeros, within the range the contracts accept.
// Number() and parseInt() are never used: they read '0x10' as 16, '' as 0 and 'abc' as NaN.
import { KitError } from '@productivist/common';

/** The range of one kind of whole number. */
export interface IntegerKind {
    /** What the value is, as a message names it: `--royalty`, `amount`. */
    readonly what: string;
    readonly min: bigint;
    readonly max: bigint;
    /** What the unit is, for the hint: `basis points (10000 = 100 %)`. */
    readonly unit: string;
}

/** Longest accepted input: longer strings are refused before BigInt sees them. */
const maxDigits = 40;

function refuse(kind: IntegerKind, message: string): KitError {
    return new KitError(message, {
        code: 'INVALID_ARGUMENT',
        exit: 'usage',
        hint: `write ${kind.what} as decimal digits in ${kind.unit}, from ${kind.min.toString()} to ${kind.max.toString()}`,
    });
}

/** Parses `text` as a whole number of `kind`, or throws a usage error that says what is wrong. */
export function parseInteger(text: string, kind: IntegerKind): bigint {
    const shown = text.length > 60 ? `${text.slice(0, 57)}...` : text;
    if (text.trim() === '') throw refuse(kind, `${kind.what} is empty`);
    if (/^[+-]?0[xob]/i.test(text.trim())) {
        throw refuse(kind, `${kind.what} '${shown}' is written in another base; only decimal digits are accepted`);
    }
    if (/^-\d+$/.test(text)) throw refuse(kind, `${kind.what} '${shown}' is negative`);
    if (!/^\d+$/.test(text)) throw refuse(kind, `${kind.what} '${shown}' is not a whole number`);
    if (text.length > 1 && text.startsWith('0')) {
        throw refuse(kind, `${kind.what} '${shown}' has leading zeros; write ${text.replace(/^0+(?=\d)/, '')}`);
    }
    if (text.length > maxDigits || BigInt(text) > kind.max) {
        throw refuse(kind, `${kind.what} ${shown} is too large; the largest is ${kind.max.toString()}`);
    }
    const value = BigInt(text);
    if (value < kind.min)
        throw refuse(kind, `${kind.what} ${text} is too small; the smallest is ${kind.min.toString()}`);
    return value;
}

/**
 * A commander argument or option parser for `kind`: the value is checked as the command line is
 * parsed (before any ledger is opened) and handed on as its canonical decimal string.
 */
export function integerArgument(kind: IntegerKind): (value: string) => string {
    return (value: string) => parseInteger(value, kind).toString();
}

/** Token amounts in the smallest unit (cents of PDT). */
export const amountKind = (what: string): IntegerKind => ({
    what,
    min: 1n,
    max: 10n ** 30n,
    unit: 'the smallest unit (cents: 1500 = 15.00 PDT)',
});

/** Designer royalty in basis points. */
export const royaltyKind: IntegerKind = {
    what: '--royalty',
    min: 0n,
    max: 5000n,
    unit: 'basis points (100 = 1 %)',
};

/** Print limit of a licence. */
export const printLimitKind: IntegerKind = { what: '--limit', min: 1n, max: 1_000_000_000n, unit: 'prints' };

/** Quantity of an order. */
export const quantityKind: IntegerKind = { what: 'quantity', min: 1n, max: 999_999n, unit: 'objects' };

/** Number of entries a listing shows. */
export const listLimitKind: IntegerKind = { what: '--limit', min: 1n, max: 100n, unit: 'entries' };
