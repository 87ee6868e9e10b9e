// SPDX-License-Identifier: Apache-2.0
//
// Transaction simulation as a Fabric peer does it: reads come from the committed state at the
// height the proposal started at (a transaction never sees its own writes), writes are buffered
// in the read-write set, range queries are recorded for phantom checks, and the peer's rules on
// paginated and private-data queries apply. Error messages are Fabric's.
import { ledger, peer } from '@hyperledger/fabric-protos';
import { Timestamp } from 'google-protobuf/google/protobuf/timestamp_pb';

import type { Channel, CollectionDefinition, Peer } from './channel.js';
import { sha256 } from './keys.js';
import type { RangeQueryInfo, RwSet } from './rwset.js';
import { collectionOf, namespaceOf } from './rwset.js';
import type { Entry, Version } from './worldState.js';

/** Fabric's peer hands out query results in batches of this size (core.yaml totalQueryLimit default is larger). */
const batchSize = 100;
const validationParameter = 'VALIDATION_PARAMETER';

/** Who runs the simulation, on which peer, as of which block. */
export interface SimulationScope {
    readonly channel: Channel;
    readonly height: number;
    readonly txId: string;
    readonly peer: Peer;
    readonly creatorMspId: string;
}

interface ServerIterator {
    readonly results: Buffer[];
    readonly keys: string[];
    readonly versions: Version[];
    position: number;
    /** How many results the peer has read from the state so far (recorded as read by the range query). */
    read: number;
    readonly info: RangeQueryInfo | undefined;
    /** A paginated query sets itrExhausted itself, from whether the page reached the end. */
    readonly paginated: boolean;
}

function versionOf(entry: Entry | undefined): Version | null {
    return entry === undefined ? null : entry.version;
}

/** A simulation's state access on one channel. */
export class TxSimulator {
    readonly rwset: RwSet = new Map();
    private writePerformed = false;
    private paginatedQueriesPerformed = false;
    private pvtdataQueriesPerformed = false;
    private readonly iterators = new Map<string, ServerIterator>();
    private nextIteratorId = 0;

    constructor(
        readonly scope: SimulationScope,
        /** A cross-channel call: its reads are not recorded and its writes are discarded, as Fabric does. */
        readonly readOnly = false,
    ) {}

    private fail(message: string): never {
        throw new Error(`txid [${this.scope.txId}]: ${message}`);
    }

    private checkWrite(): void {
        if (this.pvtdataQueriesPerformed) {
            this.fail(
                'unsuppored transaction. Transaction has already performed queries on pvt data. Writes are not allowed',
            );
        }
        if (this.paginatedQueriesPerformed) {
            this.fail(
                'unsuppored transaction. Transaction has already performed a paginated query. Writes are not allowed',
            );
        }
        this.writePerformed = true;
    }

    // ---- public state ----

    getState(ns: string, key: string): Buffer {
        const entry = this.scope.channel.state(ns).live(key, this.scope.height);
        if (!this.readOnly) namespaceOf(this.rwset, ns).reads.set(key, versionOf(entry));
        return entry?.value ?? Buffer.alloc(0);
    }

    putState(ns: string, key: string, value: Buffer | null): void {
        this.checkWrite();
        namespaceOf(this.rwset, ns).writes.set(key, value);
    }

    getStateMetadata(ns: string, key: string): Map<string, Buffer> {
        const entry = this.scope.channel.state(ns).live(key, this.scope.height);
        if (!this.readOnly) namespaceOf(this.rwset, ns).reads.set(key, versionOf(entry));
        return new Map(entry?.metadata ?? []);
    }

    putStateMetadata(ns: string, key: string, metakey: string, value: Buffer): void {
        this.checkWrite();
        namespaceOf(this.rwset, ns).metadataWrites.set(key, new Map([[metakey, value]]));
    }

    rangeQuery(
        ns: string,
        startKey: string,
        endKey: string,
        pagination: { pageSize: number; bookmark: string } | undefined,
    ): peer.QueryResponse {
        if (pagination !== undefined) {
            if (this.writePerformed) {
                this.fail('unsuppored transaction. Paginated queries are supported only in a read-only transaction');
            }
            this.paginatedQueriesPerformed = true;
        }
        const start = pagination !== undefined && pagination.bookmark !== '' ? pagination.bookmark : startKey;
        const all = [
            ...this.scope.channel.state(ns).range(start, endKey === '' ? undefined : endKey, this.scope.height),
        ];
        const page = pagination === undefined ? all : all.slice(0, Math.max(0, pagination.pageSize));
        const info: RangeQueryInfo | undefined = this.readOnly
            ? undefined
            : { startKey: start, endKey, itrExhausted: false, reads: [] };
        if (info !== undefined) namespaceOf(this.rwset, ns).rangeQueries.push(info);
        const iterator = this.openIterator(
            page.map(([key, entry]) => {
                const kv = new ledger.queryresult.KV();
                kv.setNamespace(ns);
                kv.setKey(key);
                kv.setValue(entry.value ?? Buffer.alloc(0));
                return { key, version: entry.version, bytes: Buffer.from(kv.serializeBinary()) };
            }),
            info,
            pagination !== undefined,
        );
        const response = this.batch(iterator.id);
        if (pagination !== undefined) {
            // Fabric's bookmark is the first key after the page, or '' when the range is done.
            const next = all[page.length];
            const metadata = new peer.QueryResponseMetadata();
            metadata.setFetchedRecordsCount(page.length);
            metadata.setBookmark(next === undefined ? '' : next[0]);
            response.setMetadata(metadata.serializeBinary());
            if (info !== undefined) info.itrExhausted = next === undefined;
        }
        return response;
    }

    history(ns: string, key: string): peer.QueryResponse {
        const entries = this.scope.channel.state(ns).history(key, this.scope.height);
        const iterator = this.openIterator(
            entries.map((entry) => {
                const modification = new ledger.queryresult.KeyModification();
                modification.setTxId(entry.txId);
                modification.setValue(entry.value ?? Buffer.alloc(0));
                modification.setIsDelete(entry.value === undefined);
                const timestamp = new Timestamp();
                timestamp.setSeconds(entry.timestamp.seconds);
                timestamp.setNanos(entry.timestamp.nanos);
                modification.setTimestamp(timestamp);
                return { key, version: entry.version, bytes: Buffer.from(modification.serializeBinary()) };
            }),
            undefined,
            false,
        );
        return this.batch(iterator.id);
    }

    private openIterator(
        results: { key: string; version: Version; bytes: Buffer }[],
        info: RangeQueryInfo | undefined,
        paginated: boolean,
    ): { id: string } {
        const id = `itr-${this.nextIteratorId++}`;
        this.iterators.set(id, {
            results: results.map((result) => result.bytes),
            keys: results.map((result) => result.key),
            versions: results.map((result) => result.version),
            position: 0,
            read: 0,
            info,
            paginated,
        });
        return { id };
    }

    /** The next batch of an iterator; the keys it hands out are recorded as read by the range query. */
    batch(id: string): peer.QueryResponse {
        const iterator = this.iterators.get(id);
        if (iterator === undefined) this.fail(`query iterator ${id} not found`);
        const end = Math.min(iterator.results.length, iterator.position + batchSize);
        const response = new peer.QueryResponse();
        response.setId(id);
        response.setResultsList(
            iterator.results.slice(iterator.position, end).map((bytes) => {
                const result = new peer.QueryResultBytes();
                result.setResultbytes(bytes);
                return result;
            }),
        );
        const more = end < iterator.results.length;
        // The peer reads one result ahead before it hands out a full batch (to know there are more:
        // core/chaincode's query response builder), and that read counts for validation too.
        const read = more ? end + 1 : end;
        if (iterator.info !== undefined) {
            for (let i = iterator.read; i < read; i++) {
                iterator.info.reads.push([iterator.keys[i] as string, iterator.versions[i] as Version]);
            }
        }
        iterator.read = Math.max(iterator.read, read);
        iterator.position = end;
        response.setHasMore(more);
        if (!more && iterator.info !== undefined && !iterator.paginated) {
            // Every key of the range was handed out: validation re-checks the whole range.
            iterator.info.itrExhausted = true;
        }
        return response;
    }

    close(id: string): peer.QueryResponse {
        this.iterators.delete(id);
        const response = new peer.QueryResponse();
        response.setId(id);
        return response;
    }

    // ---- private data ----

    /**
     * A collection of the chaincode. The peer's permission check, which comes first for every private
     * request but a hash read, names the channel; the ledger, which answers a hash read, the chaincode.
     */
    private collection(ns: string, name: string, request: 'value' | 'hash' = 'value'): CollectionDefinition {
        const collection = this.scope.channel.chaincodes.get(ns)?.collections.get(name);
        if (collection === undefined) {
            throw new Error(
                request === 'hash'
                    ? `collection [${name}] not defined in the collection config for chaincode [${ns}]`
                    : `collection ${this.scope.channel.name}/${ns}/${name} could not be found`,
            );
        }
        return collection;
    }

    private visible(collection: CollectionDefinition, entry: Entry | undefined): Entry | undefined {
        if (entry === undefined || collection.blockToLive === 0) return entry;
        return this.scope.height <= entry.version.block + collection.blockToLive ? entry : undefined;
    }

    private hashedEntry(ns: string, collection: CollectionDefinition, key: string): Entry | undefined {
        const keyHash = sha256(key).toString('hex');
        const entry = this.visible(
            collection,
            this.scope.channel.hashedState(ns, collection.name).live(keyHash, this.scope.height),
        );
        if (!this.readOnly) collectionOf(this.rwset, ns, collection.name).hashedReads.set(keyHash, versionOf(entry));
        return entry;
    }

    /** The peer's check before it reads a collection's values: a member-only-read collection refuses other creators. */
    private readable(ns: string, name: string): CollectionDefinition {
        const collection = this.collection(ns, name);
        if (collection.memberOnlyRead && !collection.members.includes(this.scope.creatorMspId)) {
            throw new Error(
                `tx creator does not have read access permission on privatedata in chaincodeName:${ns} collectionName: ${name}`,
            );
        }
        return collection;
    }

    getPrivateData(ns: string, name: string, key: string): Buffer {
        const collection = this.readable(ns, name);
        const hashed = this.hashedEntry(ns, collection, key);
        if (hashed === undefined) return Buffer.alloc(0);
        if (!collection.members.includes(this.scope.peer.mspId)) {
            throw new Error(
                `private data matching public hash version is not available. Public hash version = {BlockNum: ${hashed.version.block}, TxNum: ${hashed.version.tx}}, Private data version = <nil>`,
            );
        }
        const entry = this.scope.channel.privateState(ns, name).live(key, this.scope.height);
        return entry?.value ?? Buffer.alloc(0);
    }

    getPrivateDataHash(ns: string, name: string, key: string): Buffer {
        const collection = this.collection(ns, name, 'hash');
        return this.hashedEntry(ns, collection, key)?.value ?? Buffer.alloc(0);
    }

    /** The peer's check before any private write (value, delete, purge, metadata): member-only write. */
    private writable(ns: string, name: string): void {
        const collection = this.collection(ns, name);
        if (collection.memberOnlyWrite && !collection.members.includes(this.scope.creatorMspId)) {
            throw new Error(
                `tx creator does not have write access permission on privatedata in chaincodeName:${ns} collectionName: ${name}`,
            );
        }
        this.checkWrite();
    }

    putPrivateData(ns: string, name: string, key: string, value: Buffer | null): void {
        this.writable(ns, name);
        collectionOf(this.rwset, ns, name).writes.set(key, value);
    }

    getPrivateDataMetadata(ns: string, name: string, key: string): Map<string, Buffer> {
        const collection = this.readable(ns, name);
        return new Map(this.hashedEntry(ns, collection, key)?.metadata ?? []);
    }

    putPrivateDataMetadata(ns: string, name: string, key: string, metakey: string, value: Buffer): void {
        this.writable(ns, name);
        collectionOf(this.rwset, ns, name).metadataWrites.set(key, new Map([[metakey, value]]));
    }

    privateRangeQuery(ns: string, name: string, startKey: string, endKey: string): peer.QueryResponse {
        const collection = this.readable(ns, name);
        if (this.writePerformed) {
            this.fail('unsuppored transaction. Queries on pvt data is supported only in a read-only transaction');
        }
        this.pvtdataQueriesPerformed = true;
        // A peer outside the collection stores none of its values: its range lists nothing.
        const stored = collection.members.includes(this.scope.peer.mspId)
            ? [
                  ...this.scope.channel
                      .privateState(ns, name)
                      .range(startKey, endKey === '' ? undefined : endKey, this.scope.height),
              ]
            : [];
        const results = stored
            .filter(([, entry]) => this.visible(collection, entry) !== undefined)
            .map(([key, entry]) => {
                const kv = new ledger.queryresult.KV();
                kv.setNamespace(ns);
                kv.setKey(key);
                kv.setValue(entry.value ?? Buffer.alloc(0));
                return { key, version: entry.version, bytes: Buffer.from(kv.serializeBinary()) };
            });
        return this.batch(this.openIterator(results, undefined, false).id);
    }
}

export { validationParameter };
