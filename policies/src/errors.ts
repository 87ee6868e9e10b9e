// SPDX-License-Identifier: Apache-2.0
import { KitError } from '@productivist/common';
import type { KitErrorOptions } from '@productivist/common';

/** Base error of the policies package. */
export class PolicyError extends KitError {
    constructor(message: string, options: Readonly<KitErrorOptions>) {
        super(message, options);
        this.name = 'PolicyError';
    }
}

/** A signature-policy string that does not parse; `column` is 1-based. */
export class PolicySyntaxError extends PolicyError {
    readonly column: number;
    readonly source: string;

    constructor(source: string, column: number, problem: string, hint: string) {
        super(`policy syntax error at column ${column}: ${problem}`, {
            code: 'POLICY_SYNTAX',
            hint,
            details: [`  ${source}`, `  ${' '.repeat(Math.max(0, column - 1))}^`],
        });
        this.name = 'PolicySyntaxError';
        this.column = column;
        this.source = source;
    }
}
