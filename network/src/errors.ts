// SPDX-License-Identifier: Apache-2.0
import { KitError } from '@productivist/common';
import type { KitErrorOptions } from '@productivist/common';

/** Base error of the network package. */
export class NetworkError extends KitError {
    constructor(message: string, options: Readonly<KitErrorOptions>) {
        super(message, options);
        this.name = 'NetworkError';
    }
}

/** A binary that exited non-zero, could not start, or timed out. */
export class CommandFailedError extends NetworkError {
    readonly command: string;
    readonly exitCode: number;
    readonly stderrTail: string;

    constructor(
        command: string,
        exitCodeOfProcess: number | undefined,
        stderrTail: string,
        problem: string,
        cause?: unknown,
    ) {
        super(`${command} ${problem}`, {
            code: 'COMMAND_FAILED',
            exit: 'environment',
            details: stderrTail === '' ? [] : stderrTail.split('\n').map((line) => `  | ${line}`),
            hint: 'the lines above are the end of its error output',
            cause,
        });
        this.name = 'CommandFailedError';
        this.command = command;
        this.exitCode = exitCodeOfProcess ?? -1;
        this.stderrTail = stderrTail;
    }
}
