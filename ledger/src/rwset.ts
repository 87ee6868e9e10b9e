// SPDX-License-Identifier: Apache-2.0
//
// Read-write sets as a simulation builds them: per namespace, the version of every key read, the
// range queries with the keys they returned, the writes, metadata writes, and per private-data
// collection the hashed reads and the writes (whose values only member peers keep).
import { sha256 } from './keys.js';
import type { Version } from './worldState.js';

export interface RangeQueryInfo {
    readonly startKey: string;
    /** Exclusive; '' means no upper bound. */
    readonly endKey: string;
    /** True when the chaincode read to the end of the range; otherwise validation re-checks up to the last key read. */
    itrExhausted: boolean;
    readonly reads: [string, Version][];
}

export interface CollectionRwSet {
    /** Hex SHA-256 of the key → version read (null: absent). */
    readonly hashedReads: Map<string, Version | null>;
    /** Key → value, null for a delete. */
    readonly writes: Map<string, Buffer | null>;
    readonly metadataWrites: Map<string, Map<string, Buffer>>;
}

export interface NamespaceRwSet {
    readonly reads: Map<string, Version | null>;
    readonly rangeQueries: RangeQueryInfo[];
    readonly writes: Map<string, Buffer | null>;
    readonly metadataWrites: Map<string, Map<string, Buffer>>;
    readonly collections: Map<string, CollectionRwSet>;
}

export type RwSet = Map<string, NamespaceRwSet>;

export function namespaceOf(rwset: RwSet, ns: string): NamespaceRwSet {
    let entry = rwset.get(ns);
    if (entry === undefined) {
        entry = {
            reads: new Map(),
            rangeQueries: [],
            writes: new Map(),
            metadataWrites: new Map(),
            collections: new Map(),
        };
        rwset.set(ns, entry);
    }
    return entry;
}

export function collectionOf(rwset: RwSet, ns: string, collection: string): CollectionRwSet {
    const namespace = namespaceOf(rwset, ns);
    let entry = namespace.collections.get(collection);
    if (entry === undefined) {
        entry = { hashedReads: new Map(), writes: new Map(), metadataWrites: new Map() };
        namespace.collections.set(collection, entry);
    }
    return entry;
}

/** True when the namespace writes anything: values, metadata, or private data. */
export function writesTo(namespace: NamespaceRwSet): boolean {
    if (namespace.writes.size > 0 || namespace.metadataWrites.size > 0) return true;
    for (const collection of namespace.collections.values()) {
        if (collection.writes.size > 0 || collection.metadataWrites.size > 0) return true;
    }
    return false;
}

const version = (v: Version | null): string => (v === null ? '-' : `${v.block}:${v.tx}`);
const bytes = (b: Buffer | null): string => (b === null ? 'DELETE' : b.toString('base64'));
const sorted = <V>(map: ReadonlyMap<string, V>): [string, V][] =>
    [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
const metadata = (map: ReadonlyMap<string, Map<string, Buffer>>): unknown =>
    sorted(map).map(([key, entries]) => [
        key,
        sorted(entries).map(([name, value]) => [name, value.toString('base64')]),
    ]);

/**
 * A canonical text of what endorsing peers must agree on: the public read-write set and the
 * hashes of private writes (peers compare the hashed read-write set; private values stay out).
 */
export function fingerprint(rwset: RwSet): string {
    return JSON.stringify(
        sorted(rwset).map(([ns, set]) => [
            ns,
            sorted(set.reads).map(([key, v]) => [key, version(v)]),
            set.rangeQueries.map((q) => [
                q.startKey,
                q.endKey,
                q.itrExhausted,
                q.reads.map(([key, v]) => [key, version(v)]),
            ]),
            sorted(set.writes).map(([key, value]) => [key, bytes(value)]),
            metadata(set.metadataWrites),
            sorted(set.collections).map(([name, coll]) => [
                name,
                sorted(coll.hashedReads).map(([key, v]) => [key, version(v)]),
                sorted(coll.writes).map(([key, value]) => [
                    sha256(key).toString('hex'),
                    value === null ? 'DELETE' : sha256(value).toString('hex'),
                ]),
                metadata(coll.metadataWrites),
            ]),
        ]),
    );
}
