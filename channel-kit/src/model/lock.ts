// SPDX-License-Identifier: Apache-2.0
//
// Port and consenter-id assignments that survive regeneration. The lock file lives in the output
// folder (productivist.lock.json): an assignment is made once, the first time a process appears,
// and kept from then on, so adding an organization renumbers nothing.
import { ChannelKitError } from '../errors.js';
import type { Lock } from './types.js';

/** An empty lock, for a first generation. */
export const emptyLock: Lock = { version: 1, ports: {}, consenterIds: {} };

/** Reads a lock file's text; throws a {@link ChannelKitError} naming the file when it is not one. */
export function parseLock(text: string, file: string): Lock {
    const fail = (problem: string): ChannelKitError =>
        new ChannelKitError(`lock file ${file} ${problem}`, {
            code: 'LOCK_INVALID',
            hint: 'restore it from version control, or delete it to assign every port anew',
        });
    let value: unknown;
    try {
        value = JSON.parse(text);
    } catch (error) {
        throw fail(`is not JSON (${error instanceof Error ? error.message : String(error)})`);
    }
    const record = value as Partial<Record<keyof Lock, unknown>> | null;
    if (typeof record !== 'object' || record === null || record.version !== 1) throw fail('is not a version 1 lock');
    const numbers = (key: 'ports' | 'consenterIds'): Record<string, number> => {
        const entries = record[key];
        if (typeof entries !== 'object' || entries === null) throw fail(`has no '${key}' mapping`);
        const out: Record<string, number> = {};
        for (const [name, number] of Object.entries(entries)) {
            if (!Number.isInteger(number) || (number as number) < 1 || (number as number) > 65535) {
                throw fail(`has an invalid ${key} entry '${name}'`);
            }
            out[name] = number as number;
        }
        return out;
    };
    return { version: 1, ports: numbers('ports'), consenterIds: numbers('consenterIds') };
}

/** The lock file's text: sorted keys, two-space JSON, final newline. */
export function printLock(lock: Lock): string {
    const sorted = (record: Readonly<Record<string, number>>): Record<string, number> =>
        Object.fromEntries(
            Object.keys(record)
                .sort()
                .map((key) => [key, record[key] ?? 0]),
        );
    return `${JSON.stringify({ version: 1, ports: sorted(lock.ports), consenterIds: sorted(lock.consenterIds) }, null, 2)}\n`;
}

/** Hands out ports and consenter ids, reusing the lock's and recording new ones. */
export class Assigner {
    private readonly ports = new Map<string, number>();
    private readonly consenters = new Map<string, number>();
    private readonly taken = new Set<number>();
    private nextPort: number;
    private nextConsenter: number;

    constructor(
        private readonly previous: Lock,
        base: number,
        reserved: Iterable<number>,
    ) {
        for (const port of reserved) this.taken.add(port);
        for (const port of Object.values(previous.ports)) this.taken.add(port);
        this.nextPort = base;
        this.nextConsenter = Math.max(0, ...Object.values(previous.consenterIds)) + 1;
    }

    /** The port of `key` (`process:purpose`): the fixed one, the locked one, or the next free one. */
    port(key: string, fixed?: number): number {
        const known = this.ports.get(key);
        if (known !== undefined) return known;
        let port = fixed ?? this.previous.ports[key];
        if (port === undefined) {
            while (this.taken.has(this.nextPort)) this.nextPort++;
            if (this.nextPort > 65535) {
                throw new ChannelKitError('no free port left above ports.base', {
                    code: 'PORTS_EXHAUSTED',
                    hint: 'lower ports.base',
                });
            }
            port = this.nextPort;
        }
        this.taken.add(port);
        this.ports.set(key, port);
        return port;
    }

    /** The BFT consenter id of an orderer. */
    consenterId(key: string): number {
        const known = this.consenters.get(key) ?? this.previous.consenterIds[key];
        if (known !== undefined) {
            this.consenters.set(key, known);
            return known;
        }
        const id = this.nextConsenter++;
        this.consenters.set(key, id);
        return id;
    }

    /** The assignments in use now (entries of processes that are gone are dropped). */
    lock(): Lock {
        return {
            version: 1,
            ports: Object.fromEntries(this.ports),
            consenterIds: Object.fromEntries(this.consenters),
        };
    }
}
