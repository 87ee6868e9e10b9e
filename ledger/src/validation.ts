// SPDX-License-Identifier: Apache-2.0
//
// Block validation and commit, in Fabric's order: duplicate transaction id, endorsement policy of
// every namespace written (key-level and collection policies included), MVCC of every key read,
// phantom reads of every range query. Each transaction is checked against the state as left by the
// valid transactions before it in the same block; only valid ones change state and history.
import type { ValidationCode } from '@productivist/ledger-api';
import type { Channel } from './channel.js';
import { endorserIdentity, requirements } from './endorsement.js';
import type { Peer } from './channel.js';
import { sha256 } from './keys.js';
import type { RwSet } from './rwset.js';
import type { Entry, Version } from './worldState.js';
import { sameVersion } from './worldState.js';

/** An endorsed transaction as it is ordered. */
export interface OrderedTransaction {
    readonly txId: string;
    readonly chaincodeName: string;
    readonly transactionName: string;
    readonly creatorMspId: string;
    readonly endorsers: readonly Peer[];
    readonly rwset: RwSet;
    readonly event: { readonly name: string; readonly payload: Buffer } | undefined;
    readonly timestamp: Date;
}

const latest = Number.MAX_SAFE_INTEGER;

function versionOf(entry: Entry | undefined): Version | undefined {
    return entry?.version;
}

function checkReads(channel: Channel, rwset: RwSet): ValidationCode {
    for (const [ns, set] of rwset) {
        const store = channel.state(ns);
        for (const [key, version] of set.reads) {
            if (!sameVersion(versionOf(store.live(key, latest)), version ?? undefined)) return 'MVCC_READ_CONFLICT';
        }
        for (const [name, collection] of set.collections) {
            const hashed = channel.hashedState(ns, name);
            for (const [keyHash, version] of collection.hashedReads) {
                if (!sameVersion(versionOf(hashed.live(keyHash, latest)), version ?? undefined))
                    return 'MVCC_READ_CONFLICT';
            }
        }
    }
    for (const [ns, set] of rwset) {
        const store = channel.state(ns);
        for (const query of set.rangeQueries) {
            const last = query.reads[query.reads.length - 1];
            // A range read to its end is re-run whole; one abandoned early is re-run up to the last key read.
            const end = query.itrExhausted
                ? query.endKey === ''
                    ? undefined
                    : query.endKey
                : last === undefined
                  ? query.startKey
                  : `${last[0]}\u0000`;
            const now = [...store.range(query.startKey, end, latest)];
            if (now.length !== query.reads.length) return 'PHANTOM_READ_CONFLICT';
            for (let i = 0; i < now.length; i++) {
                const [key, entry] = now[i] as [string, Entry];
                const [readKey, readVersion] = query.reads[i] as [string, Version];
                if (key !== readKey || !sameVersion(entry.version, readVersion)) return 'PHANTOM_READ_CONFLICT';
            }
        }
    }
    return 'VALID';
}

function apply(channel: Channel, tx: OrderedTransaction, version: Version): void {
    const millis = tx.timestamp.getTime();
    const timestamp = { seconds: Math.floor(millis / 1000), nanos: (millis % 1000) * 1_000_000 };
    for (const [ns, set] of tx.rwset) {
        const store = channel.state(ns);
        for (const [key, value] of set.writes) {
            if (value === null) store.delete(key, version, tx.txId, timestamp);
            else store.put(key, value, version, tx.txId, timestamp, set.metadataWrites.get(key));
        }
        for (const [key, metadata] of set.metadataWrites) {
            if (set.writes.has(key)) continue;
            const current = store.live(key, latest);
            // Metadata of a key that does not exist is ignored, as in Fabric.
            if (current !== undefined) store.append(key, { ...current, version, metadata, txId: tx.txId, timestamp });
        }
        for (const [name, collection] of set.collections) {
            const values = channel.privateState(ns, name);
            const hashes = channel.hashedState(ns, name);
            for (const [key, value] of collection.writes) {
                const keyHash = sha256(key).toString('hex');
                if (value === null) {
                    values.delete(key, version, tx.txId, timestamp);
                    hashes.delete(keyHash, version, tx.txId, timestamp);
                } else {
                    values.put(key, value, version, tx.txId, timestamp);
                    hashes.put(keyHash, sha256(value), version, tx.txId, timestamp, collection.metadataWrites.get(key));
                }
            }
            for (const [key, metadata] of collection.metadataWrites) {
                if (collection.writes.has(key)) continue;
                const keyHash = sha256(key).toString('hex');
                const current = hashes.live(keyHash, latest);
                if (current !== undefined)
                    hashes.append(keyHash, { ...current, version, metadata, txId: tx.txId, timestamp });
            }
        }
    }
}

/** Validates one transaction against the current state and, when valid, commits it at `version`. */
export function validateAndCommit(
    channel: Channel,
    tx: OrderedTransaction,
    version: Version,
    seenInBlock: Set<string>,
): ValidationCode {
    if (channel.transactionIds.has(tx.txId) || seenInBlock.has(tx.txId)) return 'DUPLICATE_TXID';
    seenInBlock.add(tx.txId);
    const endorsers = tx.endorsers.map(endorserIdentity);
    const needed = requirements(channel, tx.rwset, new Set(), 'validate', latest);
    if (!needed.every((requirement) => requirement.satisfiedBy(endorsers))) return 'ENDORSEMENT_POLICY_FAILURE';
    const code = checkReads(channel, tx.rwset);
    if (code === 'VALID') apply(channel, tx, version);
    return code;
}
