// SPDX-License-Identifier: Apache-2.0
//
// Chaincode events of the embedded ledger: a queue per listener, fed by the ordering service after
// each block commits (only valid transactions' events, the outermost chaincode's last one).
import type { ChaincodeEvent, EventStream } from '@productivist/ledger-api';

import type { BlockRecord } from './channel.js';

/** An async-iterable queue of events; `close()` ends the iteration. */
export class EventQueue<T> implements EventStream<T> {
    private readonly buffered: T[] = [];
    private waiting: ((result: IteratorResult<T>) => void) | undefined;
    private closed = false;

    constructor(private readonly onClose: () => void) {}

    push(value: T): void {
        if (this.closed) return;
        if (this.waiting !== undefined) {
            const resolve = this.waiting;
            this.waiting = undefined;
            resolve({ value, done: false });
        } else {
            this.buffered.push(value);
        }
    }

    close(): void {
        if (this.closed) return;
        this.closed = true;
        this.onClose();
        if (this.waiting !== undefined) this.waiting({ value: undefined, done: true });
    }

    [Symbol.asyncIterator](): AsyncIterator<T> {
        return {
            next: () => {
                const value = this.buffered.shift();
                if (value !== undefined) return Promise.resolve({ value, done: false });
                if (this.closed) return Promise.resolve({ value: undefined, done: true });
                return new Promise((resolve) => (this.waiting = resolve));
            },
            return: () => {
                this.close();
                return Promise.resolve({ value: undefined, done: true });
            },
        };
    }
}

/** A listener to one chaincode's events on one channel. */
export interface EventListener {
    readonly chaincode: string;
    readonly queue: EventQueue<ChaincodeEvent>;
}

/** Pushes the events of `block` that `listener` listens to. */
export function deliverEvents(block: BlockRecord, listener: EventListener): void {
    for (const tx of block.transactions) {
        if (tx.event !== undefined && tx.chaincodeName === listener.chaincode) {
            listener.queue.push({
                blockNumber: BigInt(block.number),
                transactionId: tx.transactionId,
                chaincodeName: tx.chaincodeName,
                eventName: tx.event.name,
                payload: tx.event.payload,
            });
        }
    }
}
