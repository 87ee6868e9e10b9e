// SPDX-License-Identifier: Apache-2.0
//
// prodcontrol: orders and production. See SPEC.md.
import { Contract, Info } from 'fabric-contract-api';
import type { Context } from 'fabric-contract-api';

import { setTokenEvent } from '../productoken/movements.js';
import type { Caller } from '../shared/caller.js';
import { whoAmI } from '../shared/calls.js';
import type { Operation } from '../shared/contract.js';
import { announce, defineTransactions } from '../shared/contract.js';
import type { TransactionDescription } from '../transactions.js';
import { prodcontrolTransactions } from '../transactions.js';
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
    printsOf,
    progressOf,
    readOrder,
    recordVerdict,
    reportProgress,
    requireOrderParty,
    specOf,
    startProduction,
} from './orders.js';

/** One event per transaction: the order's new state and the token movements (productoken's own event is dropped). */
function emit(ctx: Context, action: string, result: OrderResult, more: Readonly<Record<string, string>> = {}): string {
    setTokenEvent(ctx, action, result.movements, { orderId: result.order.id, status: result.order.status, ...more });
    return JSON.stringify(result);
}

/** An order command of orders.ts: its result is the transaction's event and result. */
type OrderCommand = (ctx: Context, caller: Caller, orderId: string) => Promise<OrderResult>;

/** The transaction of an order command (the event's action is the transaction's name). */
function orderStep(command: OrderCommand): Operation<TransactionDescription<readonly ['orderId']>, Caller> {
    return async (ctx, caller, { orderId }, name) => emit(ctx, name, await command(ctx, caller, orderId));
}

@Info({ title: 'prodcontrol', description: 'Orders, escrow and production progress' })
export class ProdcontrolContract extends Contract {
    constructor() {
        super('prodcontrol');
    }
}

defineTransactions(ProdcontrolContract, prodcontrolTransactions, whoAmI, {
    /** Orders `quantity` objects of a certified model for `price`; the specification travels as transient field `spec`. */
    Order: async (ctx, caller, { orderId, modelId, quantity, price, producer }) =>
        emit(ctx, 'Order', await placeOrder(ctx, caller, { id: orderId, modelId, quantity, price, producer })),
    Accept: orderStep(accept),
    Fund: orderStep(fund),
    StartProduction: orderStep(startProduction),
    ReportProgress: async (ctx, caller, { orderId, step, note }) =>
        announce(ctx, 'Progress', await reportProgress(ctx, caller, orderId, step, note)),
    MarkProduced: orderStep(markProduced),
    Cancel: orderStep(cancel),
    /** Finds production past its deadline (treasury or Productivist admin); the customer may then cancel. */
    DeclareOverdue: orderStep(declareOverdue),
    /** A Productivist admin settles the escrow: decision refund or release, with a reason recorded on the order. */
    Arbitrate: async (ctx, caller, { orderId, decision, reason }) => {
        const result = await arbitrate(ctx, caller, orderId, decision, reason);
        return emit(ctx, 'Arbitrate', result, { decision, reason });
    },
    /** Called by qualitycheck (checked from the signed proposal) to record a verdict. */
    RecordVerdict: async (ctx, caller, { orderId, verdict }) =>
        JSON.stringify(await recordVerdict(ctx, caller, orderId, verdict)),
    GetOrder: async (ctx, caller, { orderId }) => {
        const order = await readOrder(ctx, orderId);
        requireOrderParty(caller, order, 'read');
        return JSON.stringify(order);
    },
    GetSpec: async (ctx, caller, { orderId }) => JSON.stringify(await specOf(ctx, caller, orderId)),
    Progress: async (ctx, caller, { orderId }) => JSON.stringify(await progressOf(ctx, caller, orderId)),
    OrdersOfCustomer: async (ctx, caller, { customer, pageSize, bookmark }) =>
        JSON.stringify(await ordersOf(ctx, caller, 'customer', customer, pageSize, bookmark)),
    OrdersOfProducer: async (ctx, caller, { producer, pageSize, bookmark }) =>
        JSON.stringify(await ordersOf(ctx, caller, 'producer', producer, pageSize, bookmark)),
    /** A model's print usage under its licence: limit, prints used by live orders, remaining. */
    PrintsOf: async (ctx, caller, { modelId }) => JSON.stringify(await printsOf(ctx, caller, modelId)),
});
