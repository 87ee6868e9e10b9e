// SPDX-License-Identifier: Apache-2.0
//
// Live updates: the console listens to the four core chaincodes' events (from block 0, so it also
// learns what happened before it started), keeps the ids they name — orders, campaigns, models — for
// the views that have no listing query of their own, and passes every event on to the open pages.
import type { ChaincodeEvent, EventStream, Ledger } from '@productivist/ledger-api';

/** An event as the pages receive it. */
export interface ConsoleEvent {
    readonly block: string;
    readonly transactionId: string;
    readonly chaincode: string;
    readonly name: string;
    readonly payload: unknown;
}

const chaincodes = ['productoken', 'modelcert', 'prodcontrol', 'qualitycheck'] as const;

function parse(payload: Uint8Array): unknown {
    const text = Buffer.from(payload).toString();
    try {
        return JSON.parse(text) as unknown;
    } catch {
        return text;
    }
}

function field(value: unknown, ...path: string[]): string | undefined {
    let current = value;
    for (const key of path) {
        if (typeof current !== 'object' || current === null) return undefined;
        current = (current as Record<string, unknown>)[key];
    }
    return typeof current === 'string' ? current : undefined;
}

export class EventHub {
    /** Order ids named by prodcontrol and qualitycheck events, in the order first seen. */
    readonly orders = new Set<string>();
    /** Model ids named by modelcert events, in the order first seen. */
    readonly models = new Set<string>();
    /** The most recent events, newest last. */
    readonly recent: ConsoleEvent[] = [];
    private readonly listeners = new Set<(event: ConsoleEvent) => void>();
    private readonly streams: EventStream<ChaincodeEvent>[] = [];

    /** Starts listening as `member` (any identity of the channel may read events). */
    constructor(ledger: Ledger, member: string) {
        for (const chaincode of chaincodes) {
            const stream = ledger.chaincodeEvents(member, chaincode, { startBlock: 0n });
            this.streams.push(stream);
            void this.pump(stream);
        }
    }

    private async pump(stream: EventStream<ChaincodeEvent>): Promise<void> {
        try {
            for await (const event of stream) this.accept(event);
        } catch {
            // A closed stream ends the loop; the console goes on without live updates from it.
        }
    }

    private accept(raw: ChaincodeEvent): void {
        const payload = parse(raw.payload);
        const event: ConsoleEvent = {
            block: raw.blockNumber.toString(),
            transactionId: raw.transactionId,
            chaincode: raw.chaincodeName,
            name: raw.eventName,
            payload,
        };
        // Token events carry the ids in their context; the others name them at the top or in a record.
        const orderId =
            field(payload, 'context', 'orderId') ??
            field(payload, 'orderId') ??
            field(payload, 'order', 'id') ??
            field(payload, 'campaign', 'orderId');
        if (orderId !== undefined) this.orders.add(orderId);
        // A model record (registered, updated) names itself `id`; a certification or acknowledgement, `modelId`.
        const modelId =
            raw.chaincodeName === 'modelcert' ? (field(payload, 'modelId') ?? field(payload, 'id')) : undefined;
        if (modelId !== undefined) this.models.add(modelId);
        this.recent.push(event);
        if (this.recent.length > 200) this.recent.shift();
        for (const listener of this.listeners) listener(event);
    }

    /** Calls `listener` with every event from now on; returns the unsubscribe. */
    subscribe(listener: (event: ConsoleEvent) => void): () => void {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
    }

    close(): void {
        for (const stream of this.streams) stream.close();
        this.listeners.clear();
    }
}
