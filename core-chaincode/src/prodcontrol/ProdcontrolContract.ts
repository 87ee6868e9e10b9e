// SPDX-License-Identifier: Apache-2.0
//
// prodcontrol: orders and production. See SPEC.md.
import { Context, Contract, Info, Transaction } from 'fabric-contract-api';

import { tokenEventName, tokenEventPayload } from '../productoken/movements.js';
import { whoAmI } from '../shared/calls.js';
import type { OrderResult } from './orders.js';
import {
    accept,
    arbitrate,
    cancel,
    declareOverdue,
    fund,
    markProduced,
    ordersOf,
    placeOrder,
    progressOf,
    readOrder,
    recordVerdict,
    reportProgress,
    requireOrderParty,
    specOf,
    startProduction,
} from './orders.js';

/** One event per transaction: the order's new state and the token movements (productoken's own event is dropped). */
function emit(ctx: Context, action: string, result: OrderResult): string {
    ctx.stub.setEvent(
        tokenEventName,
        tokenEventPayload({
            action,
            transactionId: ctx.stub.getTxID(),
            movements: result.movements,
            context: { orderId: result.order.id, status: result.order.status },
        }),
    );
    return JSON.stringify(result);
}

@Info({ title: 'prodcontrol', description: 'Orders, escrow and production progress' })
export class ProdcontrolContract extends Contract {
    constructor() {
        super('prodcontrol');
    }

    /** Orders `quantity` objects of a certified model for `price`; the specification travels as transient field `spec`. */
    @Transaction()
    async Order(
        ctx: Context,
        orderId: string,
        modelId: string,
        quantity: string,
        price: string,
        producer: string,
    ): Promise<string> {
        const result = await placeOrder(ctx, await whoAmI(ctx), { id: orderId, modelId, quantity, price, producer });
        return emit(ctx, 'Order', result);
    }

    @Transaction()
    async Accept(ctx: Context, orderId: string): Promise<string> {
        return emit(ctx, 'Accept', await accept(ctx, await whoAmI(ctx), orderId));
    }

    @Transaction()
    async Fund(ctx: Context, orderId: string): Promise<string> {
        return emit(ctx, 'Fund', await fund(ctx, await whoAmI(ctx), orderId));
    }

    @Transaction()
    async StartProduction(ctx: Context, orderId: string): Promise<string> {
        return emit(ctx, 'StartProduction', await startProduction(ctx, await whoAmI(ctx), orderId));
    }

    @Transaction()
    async ReportProgress(ctx: Context, orderId: string, step: string, note: string): Promise<string> {
        const entry = await reportProgress(ctx, await whoAmI(ctx), orderId, step, note);
        ctx.stub.setEvent('Progress', Buffer.from(JSON.stringify(entry)));
        return JSON.stringify(entry);
    }

    @Transaction()
    async MarkProduced(ctx: Context, orderId: string): Promise<string> {
        return emit(ctx, 'MarkProduced', await markProduced(ctx, await whoAmI(ctx), orderId));
    }

    @Transaction()
    async Cancel(ctx: Context, orderId: string): Promise<string> {
        return emit(ctx, 'Cancel', await cancel(ctx, await whoAmI(ctx), orderId));
    }

    /** Finds production past its deadline (treasury or Productivist admin); the customer may then cancel. */
    @Transaction()
    async DeclareOverdue(ctx: Context, orderId: string): Promise<string> {
        return emit(ctx, 'DeclareOverdue', await declareOverdue(ctx, await whoAmI(ctx), orderId));
    }

    /** A Productivist admin settles the escrow: decision refund or release, with a reason recorded on the order. */
    @Transaction()
    async Arbitrate(ctx: Context, orderId: string, decision: string, reason: string): Promise<string> {
        const result = await arbitrate(ctx, await whoAmI(ctx), orderId, decision, reason);
        ctx.stub.setEvent(
            tokenEventName,
            tokenEventPayload({
                action: 'Arbitrate',
                transactionId: ctx.stub.getTxID(),
                movements: result.movements,
                context: { orderId: result.order.id, status: result.order.status, decision, reason },
            }),
        );
        return JSON.stringify(result);
    }

    /** Called by qualitycheck (checked from the signed proposal) to record a verdict. */
    @Transaction()
    async RecordVerdict(ctx: Context, orderId: string, verdict: string): Promise<string> {
        return JSON.stringify(await recordVerdict(ctx, await whoAmI(ctx), orderId, verdict));
    }

    @Transaction(false)
    async GetOrder(ctx: Context, orderId: string): Promise<string> {
        const caller = await whoAmI(ctx);
        const order = await readOrder(ctx, orderId);
        requireOrderParty(caller, order, 'read');
        return JSON.stringify(order);
    }

    @Transaction(false)
    async GetSpec(ctx: Context, orderId: string): Promise<string> {
        return JSON.stringify(await specOf(ctx, await whoAmI(ctx), orderId));
    }

    @Transaction(false)
    async Progress(ctx: Context, orderId: string): Promise<string> {
        return JSON.stringify(await progressOf(ctx, await whoAmI(ctx), orderId));
    }

    @Transaction(false)
    async OrdersOfCustomer(ctx: Context, customer: string, pageSize: number, bookmark: string): Promise<string> {
        return JSON.stringify(await ordersOf(ctx, await whoAmI(ctx), 'customer', customer, pageSize, bookmark));
    }

    @Transaction(false)
    async OrdersOfProducer(ctx: Context, producer: string, pageSize: number, bookmark: string): Promise<string> {
        return JSON.stringify(await ordersOf(ctx, await whoAmI(ctx), 'producer', producer, pageSize, bookmark));
    }
}
