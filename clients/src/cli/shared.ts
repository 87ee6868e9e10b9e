// SPDX-License-Identifier: Apache-2.0
//
// What the flow command groups share: the group options (--as, --state), opening the local world
// for an action, and hashing a file argument.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

import type { CliIo } from '@productivist/common';
import { KitError } from '@productivist/common';
import type { Command } from 'commander';

import { LocalLedger } from '../local/LocalLedger.js';
import { worldMembers } from '../world.js';

export const defaultState = '.productivist/state';

interface GroupOptions {
    readonly as: string;
    readonly state: string;
    readonly create?: boolean;
    readonly json?: boolean;
}

/** What a command prints: a line for people, and the raw value for `--json`. */
export class Printed {
    constructor(
        readonly text: string,
        readonly json: unknown,
    ) {}
}

/** A file's SHA-256, or the argument itself when it already is one. */
export function hashOf(io: CliIo, fileOrHash: string): string {
    if (/^[0-9a-f]{64}$/.test(fileOrHash)) return fileOrHash;
    const path = resolve(io.cwd, fileOrHash);
    if (!existsSync(path)) {
        throw new KitError(`file '${fileOrHash}' does not exist`, {
            code: 'NOT_FOUND',
            exit: 'notFound',
            hint: 'give a path to the file, or its SHA-256 in hex',
        });
    }
    if (!statSync(path).isFile()) {
        throw new KitError(`'${fileOrHash}' is a directory, not a file`, {
            code: 'INVALID_ARGUMENT',
            hint: 'give the model or report file itself (only its SHA-256 goes on-chain), or its SHA-256 in hex',
        });
    }
    return createHash('sha256').update(readFileSync(path)).digest('hex');
}

export function group(program: Command, name: string, description: string): Command {
    return program
        .command(name)
        .description(description)
        .requiredOption('--as <member>', `(required) member to act as: ${Object.keys(worldMembers).join(', ')}`)
        .option('--state <dir>', 'state directory of the local embedded ledger (must exist)', defaultState)
        .option('--create', 'start an empty world in --state when it does not exist yet')
        .option('--json', 'print raw JSON (amounts in the smallest unit)');
}

/** Adds a subcommand whose action gets the opened ledger and the acting member. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- A types each command's own arguments
export function action<A extends unknown[]>(
    io: CliIo,
    run: (ledger: LocalLedger, member: string, ...args: A) => Promise<unknown>,
): (...args: unknown[]) => Promise<void> {
    return async (...args: unknown[]) => {
        const command = args[args.length - 1] as Command;
        const options = command.optsWithGlobals<GroupOptions>();
        if (!(options.as in worldMembers)) {
            throw new KitError(`there is no member '${options.as}' in the local world`, {
                code: 'NOT_FOUND',
                exit: 'notFound',
                hint: `act as one of: ${Object.keys(worldMembers).join(', ')}`,
            });
        }
        const ledger = await LocalLedger.open(resolve(io.cwd, options.state), {
            create: options.create === true,
            label: options.state,
        });
        let result: unknown;
        try {
            result = await run(ledger, options.as, ...(args.slice(0, -1) as A));
        } finally {
            ledger.close();
        }
        if (result instanceof Printed)
            io.out(options.json === true ? JSON.stringify(result.json, null, 2) : result.text);
        else if (result !== undefined) io.out(typeof result === 'string' ? result : JSON.stringify(result, null, 2));
    };
}
