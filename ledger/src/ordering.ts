// SPDX-License-Identifier: Apache-2.0
//
// The embedded ordering service: endorsed transactions wait per channel and are cut into a block
// at the end of the current tick (or when a block is full); the block is validated (validation.ts),
// appended to the channel, each submitter gets its commit status, and event listeners their events.
import type { ChaincodeEvent, CommitStatus, EventStream, ValidationCode } from '@productivist/ledger-api';

import type { BlockRecord, Channel, TransactionRecord } from './channel.js';
import type { EventListener } from './events.js';
import { deliverEvents, EventQueue } from './events.js';
import type { OrderedTransaction } from './validation.js';
import { validateAndCommit } from './validation.js';

interface PendingCommit {
    readonly tx: OrderedTransaction;
    readonly resolve: (status: CommitStatus) => void;
}

export class OrderingService {
    private readonly pending = new Map<string, PendingCommit[]>();
    private readonly scheduled = new Set<string>();
    private readonly listeners = new Map<string, Set<EventListener>>();

    constructor(private readonly maxTransactionsPerBlock: number) {}

    addChannel(name: string): void {
        this.pending.set(name, []);
        this.listeners.set(name, new Set());
    }

    /** Queues a transaction for the channel's next block; resolves with its commit status. */
    order(channel: Channel, tx: OrderedTransaction): Promise<CommitStatus> {
        return new Promise((resolve) => {
            const queue = this.pending.get(channel.name) as PendingCommit[];
            queue.push({ tx, resolve });
            if (queue.length >= this.maxTransactionsPerBlock) {
                this.cut(channel);
            } else if (!this.scheduled.has(channel.name)) {
                this.scheduled.add(channel.name);
                setImmediate(() => {
                    this.scheduled.delete(channel.name);
                    this.cut(channel);
                });
            }
        });
    }

    /** Cuts a block from the transactions waiting on `channel`, validates and commits it. */
    cut(channel: Channel): void {
        const queue = this.pending.get(channel.name) as PendingCommit[];
        if (queue.length === 0) return;
        const batch = queue.splice(0, queue.length);
        const number = channel.blocks.length;
        const seen = new Set<string>();
        const records: TransactionRecord[] = [];
        const statuses: CommitStatus[] = [];
        batch.forEach(({ tx }, index) => {
            const code: ValidationCode = validateAndCommit(channel, tx, { block: number, tx: index }, seen);
            if (code !== 'DUPLICATE_TXID') channel.transactionIds.add(tx.txId);
            records.push({
                transactionId: tx.txId,
                chaincodeName: tx.chaincodeName,
                transactionName: tx.transactionName,
                creatorMspId: tx.creatorMspId,
                endorsers: tx.endorsers.map((peer) => peer.name),
                code,
                event: code === 'VALID' ? tx.event : undefined,
            });
            const status = { transactionId: tx.txId, blockNumber: BigInt(number), code, successful: code === 'VALID' };
            if (code !== 'DUPLICATE_TXID') channel.commitStatuses.set(tx.txId, status);
            // A resubmitted transaction is marked DUPLICATE_TXID in its block, but its submitter is
            // told the status of the first one, as the gateway looks commit statuses up by id.
            statuses.push(code === 'DUPLICATE_TXID' ? (channel.commitStatuses.get(tx.txId) ?? status) : status);
        });
        const block: BlockRecord = { number, transactions: records };
        channel.blocks.push(block);
        batch.forEach(({ resolve }, index) => {
            resolve(statuses[index] as CommitStatus);
        });
        for (const listener of this.listeners.get(channel.name) ?? []) deliverEvents(block, listener);
    }

    /** Events of `chaincode` on `channel` after commit; from `startBlock` when given. */
    subscribe(channel: Channel, chaincode: string, startBlock?: bigint): EventStream<ChaincodeEvent> {
        const listeners = this.listeners.get(channel.name) as Set<EventListener>;
        const listener: EventListener = {
            chaincode,
            queue: new EventQueue<ChaincodeEvent>(() => listeners.delete(listener)),
        };
        if (startBlock !== undefined) {
            for (const block of channel.blocks.slice(Number(startBlock))) deliverEvents(block, listener);
        }
        listeners.add(listener);
        return listener.queue;
    }
}
