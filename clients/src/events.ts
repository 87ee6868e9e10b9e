// SPDX-License-Identifier: Apache-2.0
//
// Following a chaincode's events with a checkpoint, on any Ledger: after each event is handled the
// checkpointer records (block, transaction id); a follower started again from that checkpoint
// replays from that block and skips what it had already handled, so a restarted listener neither
// misses nor repeats an event. Events of one block arrive in transaction order on both ledgers,
// which is what makes "skip up to the recorded transaction" exact.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

import { KitError } from '@productivist/common';
import type { ChaincodeEvent, Ledger } from '@productivist/ledger-api';

/** Where a listener got to: the block of the last handled event and its transaction. */
export interface EventCheckpoint {
    readonly blockNumber: bigint;
    readonly transactionId: string;
}

/** Keeps a listener's checkpoint between runs. */
export interface Checkpointer {
    load(): EventCheckpoint | undefined;
    save(checkpoint: EventCheckpoint): void;
}

/** A checkpointer in one JSON file, replaced atomically after each event. */
export class FileCheckpointer implements Checkpointer {
    constructor(readonly path: string) {}

    load(): EventCheckpoint | undefined {
        if (!existsSync(this.path)) return undefined;
        let parsed: unknown;
        try {
            parsed = JSON.parse(readFileSync(this.path, 'utf8'));
        } catch (error) {
            throw this.damaged(String(error));
        }
        const { blockNumber, transactionId } = (parsed ?? {}) as { blockNumber?: unknown; transactionId?: unknown };
        if (typeof blockNumber !== 'string' || !/^\d+$/.test(blockNumber) || typeof transactionId !== 'string') {
            throw this.damaged('it needs "blockNumber" (decimal string) and "transactionId"');
        }
        return { blockNumber: BigInt(blockNumber), transactionId };
    }

    save(checkpoint: EventCheckpoint): void {
        const temporary = `${this.path}.tmp`;
        writeFileSync(
            temporary,
            `${JSON.stringify({ blockNumber: checkpoint.blockNumber.toString(), transactionId: checkpoint.transactionId })}\n`,
        );
        renameSync(temporary, this.path);
    }

    private damaged(why: string): KitError {
        return new KitError(`event checkpoint ${this.path} is damaged: ${why}`, {
            code: 'CHECKPOINT_DAMAGED',
            hint: 'delete it to follow the events from now on, or restore it from a copy',
        });
    }
}

/** Options of {@link followEvents}. */
export interface FollowOptions {
    readonly channel?: string;
    /** Where to start when the checkpointer has no checkpoint yet (by default: events after now). */
    readonly startBlock?: bigint;
}

/** A running follower: `stop()` ends it; `done` settles when it has stopped (rejects if the handler threw). */
export interface EventFollower {
    stop(): void;
    readonly done: Promise<void>;
}

/**
 * Calls `handle` for each event of `chaincodeName` after the checkpoint (or from `startBlock`), then
 * saves the checkpoint. An event whose handler throws is not checkpointed: the follower stops, and
 * the next one started from the same checkpointer gets that event again.
 */
export function followEvents(
    ledger: Ledger,
    member: string,
    chaincodeName: string,
    checkpointer: Checkpointer,
    handle: (event: ChaincodeEvent) => void | Promise<void>,
    options: Readonly<FollowOptions> = {},
): EventFollower {
    const checkpoint = checkpointer.load();
    const startBlock = checkpoint?.blockNumber ?? options.startBlock;
    const stream = ledger.chaincodeEvents(member, chaincodeName, {
        ...(startBlock === undefined ? {} : { startBlock }),
        ...(options.channel === undefined ? {} : { channel: options.channel }),
    });
    // Events of the checkpoint's block up to and including its transaction were handled already.
    let skipping = checkpoint !== undefined;
    let stopped = false;
    const run = async (): Promise<void> => {
        try {
            for await (const event of stream) {
                if (stopped) break;
                if (skipping && checkpoint !== undefined) {
                    if (event.blockNumber === checkpoint.blockNumber) {
                        if (event.transactionId === checkpoint.transactionId) skipping = false;
                        continue;
                    }
                    skipping = false;
                }
                await handle(event);
                checkpointer.save({ blockNumber: event.blockNumber, transactionId: event.transactionId });
            }
        } catch (error) {
            // A stream closed by stop() may end with a cancellation error on the gateway: that is the stop.
            if (!stopped) throw error;
        } finally {
            stream.close();
        }
    };
    return {
        stop: () => {
            stopped = true;
            stream.close();
        },
        done: run(),
    };
}
