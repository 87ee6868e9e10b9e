// SPDX-License-Identifier: Apache-2.0
//
// Token movements and the per-transaction writer that records them. Fabric keeps only the
// outermost chaincode's last event, so productoken returns the movements it made in its result,
// and a contract that called it puts them in its own event with tokenEventPayload.
import type { Context } from 'fabric-contract-api';

export type MovementKind = 'mint' | 'burn' | 'transfer' | 'hold' | 'release' | 'fee' | 'refund' | 'expire';

/** One movement of tokens; `from`/`to` are accounts, `hold:<id>` for escrow. */
export interface Movement {
    readonly kind: MovementKind;
    readonly from: string;
    readonly to: string;
    readonly amount: string;
    readonly holdId?: string;
    readonly reference?: string;
}

/** The event name productoken and the contracts that call it use for token movements. */
export const tokenEventName = 'ProducToken';

/** The payload of a token event: what happened and every movement, for listeners to apply. */
export interface TokenEvent {
    readonly action: string;
    readonly transactionId: string;
    readonly movements: readonly Movement[];
    /** What the calling contract adds (order id, campaign id...). */
    readonly context?: Readonly<Record<string, string>>;
}

/** Builds a token event payload; callers of productoken use it to describe the movements in their own event. */
export function tokenEventPayload(event: TokenEvent): Buffer {
    return Buffer.from(JSON.stringify(event));
}

/**
 * Sets the transaction's token event: `action`, the transaction id, the movements and (for a
 * contract that called productoken) what they were for.
 */
export function setTokenEvent(
    ctx: Context,
    action: string,
    movements: readonly Movement[],
    context?: TokenEvent['context'],
): void {
    ctx.stub.setEvent(
        tokenEventName,
        tokenEventPayload({ action, transactionId: ctx.stub.getTxID(), movements, context }),
    );
}

/** The escrow pseudo-account of a hold. */
export function holdAccount(holdId: string): string {
    return `hold:${holdId}`;
}
