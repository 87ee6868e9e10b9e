// SPDX-License-Identifier: Apache-2.0
import { catchError, ExitCode, KitError } from '@productivist/common';

import { amountKind, parseInteger, royaltyKind } from './integers.js';

describe('parseInteger, the one whole-number parser of the CLI', () => {
    it.each([
        ['0x10', "--royalty '0x10' is written in another base; only decimal digits are accepted"],
        ['', '--royalty is empty'],
        ['   ', '--royalty is empty'],
        ['abc', "--royalty 'abc' is not a whole number"],
        ['1.5', "--royalty '1.5' is not a whole number"],
        ['1e3', "--royalty '1e3' is not a whole number"],
        [' 5', "--royalty ' 5' is not a whole number"],
        ['-5', "--royalty '-5' is negative"],
        ['007', "--royalty '007' has leading zeros; write 7"],
        ['5001', '--royalty 5001 is too large; the largest is 5000'],
        [
            (2n ** 256n).toString(),
            `--royalty ${(2n ** 256n).toString().slice(0, 57)}... is too large; the largest is 5000`,
        ],
    ])('refuses %j with a message that says what is wrong', (text, message) => {
        const error = catchError(() => parseInteger(text, royaltyKind));
        expect(error).toBeInstanceOf(KitError);
        expect(error).toMatchObject({ message, code: 'INVALID_ARGUMENT', exitCode: ExitCode.usage });
        expect((error as KitError).hint).toBe(
            'write --royalty as decimal digits in basis points (100 = 1 %), from 0 to 5000',
        );
    });

    it('accepts canonical decimal numbers in range', () => {
        expect(parseInteger('0', royaltyKind)).toBe(0n);
        expect(parseInteger('5000', royaltyKind)).toBe(5000n);
        expect(parseInteger('1500', amountKind('amount'))).toBe(1500n);
        expect(() => parseInteger('0', amountKind('amount'))).toThrow('amount 0 is too small; the smallest is 1');
    });
});
