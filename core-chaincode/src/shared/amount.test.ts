// SPDX-License-Identifier: Apache-2.0
import fc from 'fast-check';

import { parseAmount, splitByBasisPoints } from './amount.js';
import { ContractError } from './errors.js';

describe('parseAmount', () => {
    it.each(['0', '1', '1500', '999999999999999999999999999999'])('accepts %j', (value) => {
        expect(parseAmount(value, 'amount').toString()).toBe(value);
    });

    it.each([
        ['1.9', "amount '1.9' is not a whole number of the smallest unit; write digits only, such as 1500"],
        ['10abc', "amount '10abc' is not a whole number of the smallest unit; write digits only, such as 1500"],
        ['-5', "amount '-5' is not a whole number of the smallest unit; write digits only, such as 1500"],
        ['1e3', "amount '1e3' is not a whole number of the smallest unit; write digits only, such as 1500"],
        [' 5', "amount ' 5' is not a whole number of the smallest unit; write digits only, such as 1500"],
        ['5 ', "amount '5 ' is not a whole number of the smallest unit; write digits only, such as 1500"],
        ['', "amount '' is not a whole number of the smallest unit; write digits only, such as 1500"],
        ['007', "amount '007' is not a whole number of the smallest unit; write digits only, such as 1500"],
        ['0x10', "amount '0x10' is not a whole number of the smallest unit; write digits only, such as 1500"],
        ['١٢', "amount '١٢' is not a whole number of the smallest unit; write digits only, such as 1500"],
        [
            '9'.repeat(41),
            `amount '${'9'.repeat(41)}' is not a whole number of the smallest unit; write digits only, such as 1500`,
        ],
    ])('refuses %j', (value, message) => {
        expect(() => parseAmount(value, 'amount')).toThrow(new ContractError('INVALID_ARGUMENT', message));
    });

    it('refuses zero where a positive amount is needed, and amounts above the cap', () => {
        expect(() => parseAmount('0', 'amount', { positive: true })).toThrow(
            'INVALID_ARGUMENT: amount must be greater than 0',
        );
        expect(() => parseAmount('101', 'amount', { cap: 100n })).toThrow(
            'INVALID_ARGUMENT: amount 101 is above the supply cap 100',
        );
        expect(parseAmount('100', 'amount', { cap: 100n })).toBe(100n);
    });
});

describe('splitByBasisPoints', () => {
    it('rounds every share down and gives the remainder to the first share', () => {
        // 1001 × 8500/10000 = 850.85 → 850; × 1000 = 100.1 → 100; × 500 = 50.05 → 50; remainder 1 → first
        expect(
            splitByBasisPoints(1001n, [
                { account: 'producer', bps: 8500 },
                { account: 'designer', bps: 1000 },
                { account: 'fees', bps: 500 },
            ]),
        ).toEqual([
            { account: 'producer', amount: 851n },
            { account: 'designer', amount: 100n },
            { account: 'fees', amount: 50n },
        ]);
    });

    it('always adds up to the amount, and no share is negative', () => {
        fc.assert(
            fc.property(
                fc.bigInt({ min: 0n, max: 10n ** 24n }),
                fc.array(fc.nat({ max: 10_000 }), { minLength: 1, maxLength: 6 }).map((parts) => {
                    // scale to exactly 10000 bps
                    const total = parts.reduce((a, b) => a + b, 0) || 1;
                    const bps = parts.map((p) => Math.floor((p * 10_000) / total));
                    bps[0] = (bps[0] ?? 0) + 10_000 - bps.reduce((a, b) => a + b, 0);
                    return bps;
                }),
                (amount, bps) => {
                    const parts = splitByBasisPoints(
                        amount,
                        bps.map((b, i) => ({ account: `a${i}`, bps: b })),
                    );
                    expect(parts.reduce((sum, part) => sum + part.amount, 0n)).toBe(amount);
                    expect(parts.every((part) => part.amount >= 0n)).toBe(true);
                },
            ),
            { numRuns: 500 },
        );
    });
});
