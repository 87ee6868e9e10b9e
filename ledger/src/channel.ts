// SPDX-License-Identifier: Apache-2.0
import type { ApplicationPolicy, PolicyGroup } from '@productivist/policies';
import { implicitMeta, parseSignaturePolicy } from '@productivist/policies';

import type { CommitStatus, ValidationCode } from '@productivist/ledger-api';
import { VersionedStore } from './worldState.js';

/** A peer: its name (also its identity for endorsement) and organization. */
export interface Peer {
    readonly name: string;
    readonly mspId: string;
}

/** A private data collection, as in a collection config. */
export interface CollectionDefinition {
    readonly name: string;
    /** MSP ids of the member organizations (the collection's member policy is OR of their members). */
    readonly members: readonly string[];
    readonly requiredPeerCount: number;
    readonly maxPeerCount: number;
    /** Blocks after which the private data is purged; 0 keeps it forever. */
    readonly blockToLive: number;
    readonly memberOnlyRead: boolean;
    readonly memberOnlyWrite: boolean;
    /** Replaces the chaincode policy for writes to this collection. */
    readonly endorsementPolicy?: ApplicationPolicy;
}

/** Something that runs a chaincode invocation on a fabric-shim stub, as the shim's ChaincodeFromContract does. */
export interface ChaincodeRouter {
    Invoke(stub: unknown): Promise<{ status: number; message?: string; payload?: Uint8Array }>;
}

/** A chaincode as committed on a channel. */
export interface ChaincodeDefinition {
    readonly name: string;
    readonly router: ChaincodeRouter;
    readonly endorsementPolicy: ApplicationPolicy;
    readonly collections: ReadonlyMap<string, CollectionDefinition>;
}

/** One validated transaction, as a block records it. */
export interface TransactionRecord {
    readonly transactionId: string;
    readonly chaincodeName: string;
    readonly transactionName: string;
    readonly creatorMspId: string;
    readonly endorsers: readonly string[];
    readonly code: ValidationCode;
    readonly event: { readonly name: string; readonly payload: Buffer } | undefined;
}

export interface BlockRecord {
    readonly number: number;
    readonly transactions: readonly TransactionRecord[];
}

/** One channel's configuration, chaincodes, state and blocks. */
export class Channel {
    readonly chaincodes = new Map<string, ChaincodeDefinition>();
    readonly blocks: BlockRecord[] = [{ number: 0, transactions: [] }];
    readonly transactionIds = new Set<string>();
    /** The commit status of each transaction id's first occurrence: what a resubmission reports. */
    readonly commitStatuses = new Map<string, CommitStatus>();
    private readonly stores = new Map<string, VersionedStore>();

    constructor(
        readonly name: string,
        /** MSP ids of the application organizations of the channel. */
        readonly orgs: readonly string[],
    ) {}

    /** Number of the last committed block: simulations read the state as of this height. */
    get height(): number {
        return this.blocks.length - 1;
    }

    /**
     * The channel's policy tree: each org's Endorsement is `OR('<org>.peer')`, and the Application
     * group has `Endorsement: MAJORITY Endorsement`, `AnyEndorsement` and `AllEndorsement`.
     */
    get policyRoot(): PolicyGroup {
        const groups: Record<string, PolicyGroup> = {};
        for (const mspId of this.orgs) {
            groups[mspId] = {
                policies: { Endorsement: parseSignaturePolicy(`OR('${mspId}.peer')`) },
                groups: {},
            };
        }
        return {
            policies: {},
            groups: {
                Application: {
                    policies: {
                        Endorsement: implicitMeta('MAJORITY', 'Endorsement'),
                        AnyEndorsement: implicitMeta('ANY', 'Endorsement'),
                        AllEndorsement: implicitMeta('ALL', 'Endorsement'),
                    },
                    groups,
                },
            },
        };
    }

    private storeFor(id: string): VersionedStore {
        let store = this.stores.get(id);
        if (store === undefined) {
            store = new VersionedStore();
            this.stores.set(id, store);
        }
        return store;
    }

    /** Public state of a namespace. */
    state(ns: string): VersionedStore {
        return this.storeFor(`public\u0000${ns}`);
    }

    /** Private values of a collection (kept by member peers). */
    privateState(ns: string, collection: string): VersionedStore {
        return this.storeFor(`private\u0000${ns}\u0000${collection}`);
    }

    /** Hashes of a collection's keys and values (on every peer), keyed by the hex hash of the key. */
    hashedState(ns: string, collection: string): VersionedStore {
        return this.storeFor(`hashed\u0000${ns}\u0000${collection}`);
    }

    /** Every store, for state hashes. */
    allStores(): [string, VersionedStore][] {
        return [...this.stores.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    }
}
