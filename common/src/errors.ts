// SPDX-License-Identifier: Apache-2.0

/**
 * Process exit codes used by the `productivist` CLI. Each failure class has its own code so that
 * scripts can branch on it.
 */
export const ExitCode = {
    /** The command did what was asked. */
    success: 0,
    /** A bug: an unexpected error, printed with its stack. */
    internal: 1,
    /** The input (a file, an argument, a policy) is invalid; nothing was written. */
    invalidInput: 2,
    /** A named thing (file, organization, identity) does not exist. */
    notFound: 3,
    /** The machine lacks something the command needs (a binary, a free port, Go). */
    environment: 4,
    /** A network or ledger operation was refused or failed. */
    ledger: 5,
    /** The command line itself is wrong: unknown command or option, missing argument. */
    usage: 64,
} as const;

export type ExitCodeName = keyof typeof ExitCode;

const brand = Symbol.for('productivist.KitError');

/** Options of {@link KitError}. */
export interface KitErrorOptions {
    /** Stable machine-readable code, such as `INVALID_ARGUMENT` or `POLICY_SYNTAX`. */
    readonly code: string;
    /** Which exit code the CLI uses for this error; defaults to `invalidInput`. */
    readonly exit?: ExitCodeName;
    /** How to fix it, printed on its own line after the message. */
    readonly hint?: string;
    /** Extra lines printed under the message (for example a caret under a column). */
    readonly details?: readonly string[];
    readonly cause?: unknown;
}

/**
 * Base of every error the kit raises on purpose. Each package derives its own class from it;
 * the CLI prints these without a stack trace.
 */
export class KitError extends Error {
    readonly code: string;
    readonly exitCode: number;
    readonly hint: string | undefined;
    readonly details: readonly string[];

    constructor(message: string, options: Readonly<KitErrorOptions>) {
        super(message, options.cause === undefined ? undefined : { cause: options.cause });
        this.name = 'KitError';
        this.code = options.code;
        this.exitCode = ExitCode[options.exit ?? 'invalidInput'];
        this.hint = options.hint;
        this.details = options.details ?? [];
        Object.defineProperty(this, brand, { value: true });
    }
}

/** True for a {@link KitError}, also one created by another copy of this package. */
export function isKitError(value: unknown): value is KitError {
    return value instanceof KitError || (value instanceof Error && brand in value);
}

/**
 * Runs `act` and returns what it threw; fails when it throws nothing. Tests use it to assert an
 * error's class, code and message together.
 */
export function catchError(act: () => unknown): unknown {
    try {
        act();
    } catch (error) {
        return error;
    }
    throw new Error('expected an error, but none was thrown');
}
