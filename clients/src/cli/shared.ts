// SPDX-License-Identifier: Apache-2.0
//
// What the flow command groups share: the group options (--as, --state, --network), opening the
// ledger for an action (the local embedded world, or a Fabric network through the opener the CLI
// package injects: clients never import the network package), and hashing a file argument.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

import type { CliIo } from '@productivist/common';
import { KitError } from '@productivist/common';
import type { Ledger } from '@productivist/ledger-api';
import type { Command } from 'commander';
import { Option } from 'commander';

import { LocalLedger } from '../local/LocalLedger.js';
import { worldMembers } from '../world.js';

export const defaultState = '.productivist/state';

/** The environment variable that selects a network when `--network` is not given. */
export const networkEnvironmentVariable = 'PRODUCTIVIST_NETWORK';

/** A ledger on a Fabric network, opened from the network's state folder, and how to let it go. */
export interface OpenedNetworkLedger {
    readonly ledger: Ledger;
    close(): void | Promise<void>;
}

/** Opens the ledger of the network whose state folder is `directory` (`network up --state`). */
export type NetworkLedgerOpener = (directory: string, label: string) => Promise<OpenedNetworkLedger>;

/** What the flow command groups get: the CLI's io and, from the composition root, the network opener. */
export interface FlowIo extends CliIo {
    readonly openNetwork?: NetworkLedgerOpener;
}

interface GroupOptions {
    readonly as: string;
    readonly state: string;
    readonly network?: string;
    readonly create?: boolean;
    readonly json?: boolean;
}

/** The `--network <dir>` option, also read from PRODUCTIVIST_NETWORK. */
export function networkOption(): Option {
    return new Option(
        '--network <dir>',
        `run on the Fabric network whose state folder this is (from 'network up --state'), through the gateway, instead of the embedded world`,
    ).env(networkEnvironmentVariable);
}

/** Opens the network `directory` names with the injected opener, or says why it cannot. */
export async function openNetwork(io: FlowIo, directory: string): Promise<OpenedNetworkLedger> {
    if (io.openNetwork === undefined) {
        throw new KitError('this build of the commands has no Fabric network support', {
            code: 'NO_NETWORK_SUPPORT',
            exit: 'environment',
            hint: 'run them through the productivist binary, which composes the network package',
        });
    }
    return io.openNetwork(resolve(io.cwd, directory), directory);
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
        .addOption(networkOption())
        .option('--create', 'start an empty world in --state when it does not exist yet')
        .option('--json', 'print raw JSON (amounts in the smallest unit)');
}

/** Adds a subcommand whose action gets the opened ledger (embedded or network) and the acting member. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- A types each command's own arguments
export function action<A extends unknown[]>(
    io: FlowIo,
    run: (ledger: Ledger, member: string, ...args: A) => Promise<unknown>,
): (...args: unknown[]) => Promise<void> {
    return async (...args: unknown[]) => {
        const command = args[args.length - 1] as Command;
        const options = command.optsWithGlobals<GroupOptions>();
        const opened = await openFor(io, options);
        let result: unknown;
        try {
            result = await run(opened.ledger, options.as, ...(args.slice(0, -1) as A));
        } finally {
            await opened.close();
        }
        if (result instanceof Printed)
            io.out(options.json === true ? JSON.stringify(result.json, null, 2) : result.text);
        else if (result !== undefined) io.out(typeof result === 'string' ? result : JSON.stringify(result, null, 2));
    };
}

/** The ledger the group options select: `--network` (or PRODUCTIVIST_NETWORK), else the world in `--state`. */
async function openFor(io: FlowIo, options: GroupOptions): Promise<OpenedNetworkLedger> {
    if (options.network !== undefined) {
        if (options.create === true) {
            throw new KitError('--create starts an embedded world; it does not go with --network', {
                code: 'INVALID_ARGUMENT',
                exit: 'usage',
                hint: `drop --create (a network is made by 'productivist network up'), or drop --network and unset ${networkEnvironmentVariable}`,
            });
        }
        return openNetwork(io, options.network);
    }
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
    return {
        ledger,
        close: () => {
            ledger.close();
        },
    };
}

/** The embedded world behind a command, for the commands that exist only there. */
export function localOnly(ledger: Ledger, what: string): LocalLedger {
    if (ledger instanceof LocalLedger) return ledger;
    throw new KitError(`${what} works on the embedded world only`, {
        code: 'EMBEDDED_ONLY',
        exit: 'usage',
        hint: "on a network, members' credentials are enrolled by 'network up' into <state>/credentials; drop --network",
    });
}
