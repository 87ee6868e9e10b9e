// SPDX-License-Identifier: Apache-2.0
import { KitError } from '@productivist/common';
import type { KitErrorOptions } from '@productivist/common';

import type { Problem } from './validate/problems.js';
import { formatProblem } from './validate/problems.js';

/** Base error of the channel kit. */
export class ChannelKitError extends KitError {
    constructor(message: string, options: Readonly<KitErrorOptions>) {
        super(message, options);
        this.name = 'ChannelKitError';
    }
}

/**
 * An ecosystem file that cannot be used: every problem found (errors and warnings), each with its
 * file, line and column. Nothing is written when this is thrown.
 */
export class EcosystemInvalidError extends ChannelKitError {
    readonly problems: readonly Problem[];

    constructor(file: string, problems: readonly Problem[]) {
        const errors = problems.filter((problem) => problem.severity === 'error').length;
        const warnings = problems.length - errors;
        super(`${file} has ${plural(errors, 'error')} and ${plural(warnings, 'warning')}; nothing was written`, {
            code: 'ECOSYSTEM_INVALID',
            exit: 'invalidInput',
            details: problems.map((problem) => `  ${formatProblem(problem)}`),
            hint: 'fix each problem at the line and column shown, then run the command again',
        });
        this.name = 'EcosystemInvalidError';
        this.problems = problems;
    }
}

/** `1 error`, `2 errors`. */
export function plural(count: number, noun: string): string {
    return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
