// SPDX-License-Identifier: Apache-2.0
//
// Versioned key-value stores. Every write is kept with its version (block, transaction), so a
// simulation reads the state as of the block height it started at, however many blocks commit
// meanwhile, and history queries come for free.
import { compareKeys, lowerBound } from './keys.js';

/** Fabric's height of a write: block number and index of the transaction in the block. */
export interface Version {
    readonly block: number;
    readonly tx: number;
}

export function sameVersion(a: Version | undefined, b: Version | undefined): boolean {
    return a === b || (a !== undefined && b !== undefined && a.block === b.block && a.tx === b.tx);
}

/** One committed write of a key. */
export interface Entry {
    readonly version: Version;
    /** Undefined for a delete. */
    readonly value: Buffer | undefined;
    readonly metadata: ReadonlyMap<string, Buffer>;
    readonly txId: string;
    readonly timestamp: { readonly seconds: number; readonly nanos: number };
}

const noMetadata: ReadonlyMap<string, Buffer> = new Map();

/** The committed writes of one namespace (or of one collection). */
export class VersionedStore {
    private readonly entries = new Map<string, Entry[]>();
    /** Every key ever written, in Fabric's order. */
    private readonly sortedKeys: string[] = [];

    /** The entry visible at `height` (it may be a delete), or undefined when the key never existed then. */
    get(key: string, height: number): Entry | undefined {
        const list = this.entries.get(key);
        if (list === undefined) return undefined;
        for (let i = list.length - 1; i >= 0; i--) {
            const entry = list[i] as Entry;
            if (entry.version.block <= height) return entry;
        }
        return undefined;
    }

    /** The live value at `height`: the visible entry unless it is a delete. */
    live(key: string, height: number): Entry | undefined {
        const entry = this.get(key, height);
        return entry?.value === undefined ? undefined : entry;
    }

    /** Appends a committed write. */
    append(key: string, entry: Entry): void {
        let list = this.entries.get(key);
        if (list === undefined) {
            list = [];
            this.entries.set(key, list);
            this.sortedKeys.splice(lowerBound(this.sortedKeys, key), 0, key);
        }
        list.push(entry);
    }

    /** Writes a value keeping the key's metadata, as Fabric does when a write carries no metadata. */
    put(
        key: string,
        value: Buffer,
        version: Version,
        txId: string,
        timestamp: Entry['timestamp'],
        metadata?: ReadonlyMap<string, Buffer>,
    ): void {
        const previous = this.live(key, Number.MAX_SAFE_INTEGER);
        this.append(key, { version, value, metadata: metadata ?? previous?.metadata ?? noMetadata, txId, timestamp });
    }

    /** Deletes a key (and its metadata). */
    delete(key: string, version: Version, txId: string, timestamp: Entry['timestamp']): void {
        if (this.live(key, Number.MAX_SAFE_INTEGER) === undefined) return;
        this.append(key, { version, value: undefined, metadata: noMetadata, txId, timestamp });
    }

    /** Live keys in [start, end) at `height`, in order; `end` undefined means no upper bound. */
    *range(start: string, end: string | undefined, height: number): Generator<[string, Entry]> {
        for (let i = lowerBound(this.sortedKeys, start); i < this.sortedKeys.length; i++) {
            const key = this.sortedKeys[i] as string;
            if (end !== undefined && compareKeys(key, end) >= 0) return;
            const entry = this.live(key, height);
            if (entry !== undefined) yield [key, entry];
        }
    }

    /** Committed writes of a key up to `height`, newest first. */
    history(key: string, height: number): Entry[] {
        return (this.entries.get(key) ?? []).filter((entry) => entry.version.block <= height).reverse();
    }

    /** Every live key and value at `height`, for state hashes in tests. */
    snapshot(height: number): [string, Entry][] {
        return [...this.range('', undefined, height)];
    }
}
