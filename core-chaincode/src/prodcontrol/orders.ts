// SPDX-License-Identifier: Apache-2.0
//
// prodcontrol operations: orders of objects from certified models, escrow through productoken,
// production progress from the producer's controller device, licence limits.
import { createHash } from 'node:crypto';

import type { Context } from 'fabric-contract-api';

import type { Certification, Model } from '../modelcert/model.js';
import type { TokenConfig } from '../productoken/config.js';
import type { TokenResult } from '../productoken/ProductokenContract.js';
import { parseAmount } from '../shared/amount.js';
import type { Caller } from '../shared/caller.js';
import { entryChaincode, parseAccount, requireMember, requireRole } from '../shared/caller.js';
import { callJson } from '../shared/calls.js';
import { sameParty } from '../shared/parties.js';
import { conflict, ContractError, forbidden, invalid, notFound } from '../shared/errors.js';
import type { Page } from '../shared/state.js';
import { compositeKey, page, parseId, readJson, scan, toText, writeJson } from '../shared/state.js';
import type { Movement } from '../productoken/movements.js';

export const orderKeys = {
    order: 'pc.order',
    byCustomer: 'pc.byCustomer',
    byProducer: 'pc.byProducer',
    print: 'pc.print',
    progress: 'pc.progress',
} as const;

/** The private data collection holding order specifications (customer and producer organizations). */
export const specCollection = 'orderSpecs';

export type OrderStatus =
    | 'OPEN'
    | 'ASSIGNED'
    | 'AWAITING_FUNDS'
    | 'ACCEPTED'
    | 'IN_PRODUCTION'
    | 'PRODUCED'
    | 'REWORK'
    | 'PASSED'
    | 'REFUNDED'
    | 'CANCELLED';

export interface Order {
    readonly id: string;
    readonly customer: string;
    readonly modelId: string;
    readonly designer: string;
    readonly quantity: number;
    /** Total price, in the smallest unit. */
    readonly price: string;
    readonly producer: string | null;
    readonly status: OrderStatus;
    /** SHA-256 of the specification kept in the private collection. */
    readonly specHash: string;
    /** The payout split fixed at order time. */
    readonly split: { readonly producerBps: number; readonly designerBps: number; readonly feeBps: number };
    readonly holdId: string | null;
    /**
     * Deadlines, in transaction time. `productionDueAt` is set when production starts (or restarts
     * after a rework verdict), `qualityDueAt` when the order is marked produced; each `*ClockAt` is
     * the instant its clock started. See SPEC.md, "Every escrow has an exit".
     */
    readonly deadlines?: {
        readonly productionClockAt: string | null;
        readonly productionDueAt: string | null;
        readonly qualityClockAt: string | null;
        readonly qualityDueAt: string | null;
        /** When a neutral party (treasury or Productivist admin) found production overdue. */
        readonly overdueSince: string | null;
    };
    /** A Productivist admin's settlement, with its reason. */
    readonly arbitration?: { readonly decision: Arbitration; readonly reason: string; readonly transactionId: string };
    readonly createdIn: string;
    readonly updatedIn: string;
}

export type Arbitration = 'refund' | 'release';

/** How long production may take once started, and quality checking once produced. */
export const productionWindowMs = 30 * 24 * 3600 * 1000;
export const qualityWindowMs = 14 * 24 * 3600 * 1000;

const noDeadlines = {
    productionClockAt: null,
    productionDueAt: null,
    qualityClockAt: null,
    qualityDueAt: null,
    overdueSince: null,
} as const;

/** The transaction's timestamp as an ISO instant (client-set: see SPEC.md on who may decide by it). */
export function txTime(ctx: Context): string {
    return ctx.stub.getDateTimestamp().toISOString();
}

function later(instant: string, ms: number): string {
    return new Date(Date.parse(instant) + ms).toISOString();
}

/**
 * Has a deadline passed, judged by `now` — the timestamp of a party that does not profit from the
 * answer? A clock that started after `now` was started with a forward-dated timestamp by the party
 * that profits from a late deadline: it counts as missed.
 */
export function deadlinePassed(now: string, clockAt: string | null, dueAt: string | null): boolean {
    if (clockAt === null || dueAt === null) return false;
    return now >= dueAt || now < clockAt;
}

export interface ProgressEntry {
    readonly orderId: string;
    readonly device: string;
    readonly step: string;
    readonly note: string;
    readonly transactionId: string;
}

/** What order commands return: the order and the token movements they caused. */
export interface OrderResult {
    readonly order: Order;
    readonly movements: readonly Movement[];
}

export async function readOrder(ctx: Context, idArg: string): Promise<Order> {
    const id = parseId(idArg, 'order id');
    const order = await readJson<Order>(ctx, compositeKey(ctx, orderKeys.order, [id]));
    if (order === undefined) throw notFound(`order '${id}' does not exist`);
    return order;
}

async function save(ctx: Context, order: Order): Promise<Order> {
    const saved = { ...order, updatedIn: ctx.stub.getTxID() };
    await writeJson(ctx, compositeKey(ctx, orderKeys.order, [order.id]), saved);
    return saved;
}

function requireStatus(order: Order, allowed: readonly OrderStatus[], action: string): void {
    if (!allowed.includes(order.status))
        throw conflict(`order '${order.id}' is ${order.status}; ${action} needs ${allowed.join(' or ')}`);
}

async function certifiedModel(ctx: Context, modelId: string): Promise<Model> {
    const { model, certification } = await callJson<{ model: Model; certification: Certification }>(ctx, 'modelcert', [
        'GetModel',
        modelId,
    ]);
    if (certification.status !== 'CERTIFIED')
        throw conflict(`model '${model.id}' is ${certification.status}, not CERTIFIED; it cannot be produced`);
    return model;
}

function checkProducerAllowed(model: Model, producer: string): void {
    const allowed = model.licence.allowedProducers;
    if (allowed !== null && !allowed.includes(producer)) {
        throw forbidden(
            `the licence of model '${model.id}' does not allow producer '${producer}'; allowed: ${allowed.join(', ')}`,
        );
    }
}

/** Reserves prints under the licence. A limited licence reads every print of the model (so concurrent orders conflict rather than exceed it); an unlimited one reads nothing (no hot key). */
async function reservePrints(ctx: Context, model: Model, orderId: string, quantity: number): Promise<void> {
    if (model.licence.printLimit !== null) {
        const used = (await scan(ctx, orderKeys.print, [model.id])).reduce(
            (sum, entry) => sum + Number(toText(entry.value)),
            0,
        );
        if (used + quantity > model.licence.printLimit) {
            throw new ContractError(
                'LIMIT_EXCEEDED',
                `model '${model.id}' allows ${model.licence.printLimit} prints; ${used} are ordered, ${quantity} more would exceed it`,
            );
        }
    }
    await ctx.stub.putState(compositeKey(ctx, orderKeys.print, [model.id, orderId]), Buffer.from(String(quantity)));
}

async function escrow(ctx: Context, order: Order): Promise<{ holdId: string; movements: readonly Movement[] }> {
    // productoken files it as `prodcontrol:order:<id>`: only a prodcontrol transaction can create it.
    const localId = `order:${order.id}`;
    const producer = order.producer as string;
    const rules = {
        payees: [
            { account: producer, bps: order.split.producerBps },
            { account: order.designer, bps: order.split.designerBps },
        ].filter((payee) => payee.bps > 0), // the producer's share is never 0 (Order refuses that split)
        release: [
            { entryChaincode: 'qualitycheck', parties: [{ role: 'expert' }] },
            { entryChaincode: 'prodcontrol', parties: ['admin'] },
        ],
        refund: [
            { entryChaincode: 'prodcontrol', parties: ['payer', 'admin'] },
            { entryChaincode: 'qualitycheck', parties: [{ role: 'expert' }] },
        ],
        reference: localId,
    };
    const result = await callJson<TokenResult>(ctx, 'productoken', [
        'CreateHold',
        localId,
        order.price,
        JSON.stringify(rules),
        localId,
    ]);
    if (result.hold === undefined) throw new Error('productoken returned no hold');
    return { holdId: result.hold.id, movements: result.movements };
}

export interface OrderInput {
    readonly id: string;
    readonly modelId: string;
    readonly quantity: string;
    readonly price: string;
    readonly producer: string;
}

export async function placeOrder(ctx: Context, caller: Caller, input: OrderInput): Promise<OrderResult> {
    const customer = requireRole(caller, 'customer', 'order objects');
    const id = parseId(input.id, 'order id');
    if (!/^[1-9][0-9]{0,5}$/.test(input.quantity))
        throw invalid(`quantity '${input.quantity}' must be a whole number from 1 to 999999`);
    const quantity = Number(input.quantity);
    const price = parseAmount(input.price, 'price', { positive: true });
    const producer = input.producer === '' ? null : parseAccount(input.producer, 'producer');
    const existing = await readJson<Order>(ctx, compositeKey(ctx, orderKeys.order, [id]));
    if (existing !== undefined) throw conflict(`order '${id}' already exists; choose another order id`);
    const spec = ctx.stub.getTransient().get('spec');
    if (spec === undefined || spec.length === 0)
        throw invalid('the order specification must be passed as transient field "spec"');
    if (producer !== null) requireTwoParties(customer, producer);
    const model = await certifiedModel(ctx, input.modelId);
    if (producer !== null) {
        checkProducerAllowed(model, producer);
        const info = await callJson<{ roles: readonly string[] }>(ctx, 'productoken', ['AccountInfo', producer]);
        if (!info.roles.includes('producer')) {
            throw invalid(
                `account '${producer}' does not hold the producer role; assign the order to a producer, or leave --producer out for any producer to accept`,
            );
        }
    }
    const token = await callJson<TokenConfig>(ctx, 'productoken', ['TokenInfo']);
    const designerBps = model.licence.royaltyBps;
    const producerBps = 10_000 - designerBps - token.platformFeeBps;
    if (producerBps <= 0)
        throw conflict(
            `royalty ${designerBps} bps and platform fee ${token.platformFeeBps} bps leave nothing for the producer`,
        );
    await reservePrints(ctx, model, id, quantity);
    await ctx.stub.putPrivateData(specCollection, id, spec);
    let order: Order = {
        id,
        customer,
        modelId: model.id,
        designer: model.designer,
        quantity,
        price: price.toString(),
        producer,
        status: producer === null ? 'OPEN' : 'ASSIGNED',
        specHash: createHash('sha256').update(spec).digest('hex'),
        split: { producerBps, designerBps, feeBps: token.platformFeeBps },
        holdId: null,
        deadlines: noDeadlines,
        createdIn: ctx.stub.getTxID(),
        updatedIn: ctx.stub.getTxID(),
    };
    let movements: readonly Movement[] = [];
    if (producer !== null) {
        const held = await escrow(ctx, order);
        order = { ...order, holdId: held.holdId };
        movements = held.movements;
        await ctx.stub.putState(compositeKey(ctx, orderKeys.byProducer, [producer, id]), Buffer.from(id));
    }
    await ctx.stub.putState(compositeKey(ctx, orderKeys.byCustomer, [customer, id]), Buffer.from(id));
    return { order: await save(ctx, order), movements };
}

export async function accept(ctx: Context, caller: Caller, idArg: string): Promise<OrderResult> {
    const producer = requireRole(caller, 'producer', 'accept orders');
    const order = await readOrder(ctx, idArg);
    if (order.status === 'ASSIGNED') {
        if (order.producer !== producer)
            throw forbidden(`order '${order.id}' is assigned to '${order.producer ?? ''}', not to '${producer}'`);
        return { order: await save(ctx, { ...order, status: 'ACCEPTED' }), movements: [] };
    }
    requireStatus(order, ['OPEN'], 'accepting');
    requireTwoParties(order.customer, producer);
    const { model } = await callJson<{ model: Model }>(ctx, 'modelcert', ['GetModel', order.modelId]);
    checkProducerAllowed(model, producer);
    await ctx.stub.putState(compositeKey(ctx, orderKeys.byProducer, [producer, order.id]), Buffer.from(order.id));
    return { order: await save(ctx, { ...order, producer, status: 'AWAITING_FUNDS' }), movements: [] };
}

/** A customer cannot be its own producer (for other orgs: no identity of the customer's organization). */
function requireTwoParties(customer: string, producer: string): void {
    if (sameParty(customer, producer))
        throw forbidden(`customer '${customer}' and producer '${producer}' are one party; an order needs two`);
}

function requireCustomer(caller: Caller, order: Order, action: string): void {
    const account = requireMember(caller, action);
    if (account !== order.customer)
        throw forbidden(`only the customer '${order.customer}' may ${action} order '${order.id}'`);
}

function requireProducer(caller: Caller, order: Order, action: string): void {
    const account = requireRole(caller, 'producer', action);
    if (account !== order.producer)
        throw forbidden(`only the producer '${order.producer ?? '(none yet)'}' may ${action} order '${order.id}'`);
}

export async function fund(ctx: Context, caller: Caller, idArg: string): Promise<OrderResult> {
    const order = await readOrder(ctx, idArg);
    requireCustomer(caller, order, 'fund');
    requireStatus(order, ['AWAITING_FUNDS'], 'funding');
    const held = await escrow(ctx, order);
    return { order: await save(ctx, { ...order, holdId: held.holdId, status: 'ACCEPTED' }), movements: held.movements };
}

/**
 * Starts production. Documented behaviour for a model revoked after the order: production cannot
 * start (CONFLICT), and the customer may cancel for a refund; an order already in production
 * completes, since the object is made from the version certified when it started.
 */
export async function startProduction(ctx: Context, caller: Caller, idArg: string): Promise<OrderResult> {
    const order = await readOrder(ctx, idArg);
    requireProducer(caller, order, 'start');
    requireStatus(order, ['ACCEPTED'], 'starting production');
    await certifiedModel(ctx, order.modelId);
    const now = txTime(ctx);
    const deadlines = {
        ...(order.deadlines ?? noDeadlines),
        productionClockAt: now,
        productionDueAt: later(now, productionWindowMs),
    };
    return { order: await save(ctx, { ...order, status: 'IN_PRODUCTION', deadlines }), movements: [] };
}

export async function reportProgress(
    ctx: Context,
    caller: Caller,
    idArg: string,
    step: string,
    note: string,
): Promise<ProgressEntry> {
    const order = await readOrder(ctx, idArg);
    if (caller.deviceOf === undefined || caller.deviceOf !== order.producer) {
        throw forbidden(
            `only a controller device bound to producer '${order.producer ?? '(none)'}' may report progress on order '${order.id}'`,
        );
    }
    requireStatus(order, ['IN_PRODUCTION', 'REWORK'], 'reporting progress');
    if (!/^[a-z][a-z0-9-]{0,31}$/.test(step))
        throw invalid(`step '${step}' must be a lowercase word such as printing or post-processing`);
    if (note.length > 500) throw invalid('note must be at most 500 characters');
    const entry: ProgressEntry = {
        orderId: order.id,
        device: ctx.clientIdentity.getID(),
        step,
        note,
        transactionId: ctx.stub.getTxID(),
    };
    const timestamp = ctx.stub.getTxTimestamp();
    const time = `${timestamp.seconds.toString().padStart(12, '0')}.${String(timestamp.nanos).padStart(9, '0')}`;
    // Append-only: each report is a new key, never an update.
    await writeJson(ctx, compositeKey(ctx, orderKeys.progress, [order.id, time, ctx.stub.getTxID()]), entry);
    return entry;
}

export async function markProduced(ctx: Context, caller: Caller, idArg: string): Promise<OrderResult> {
    const order = await readOrder(ctx, idArg);
    requireProducer(caller, order, 'mark as produced');
    requireStatus(order, ['IN_PRODUCTION', 'REWORK'], 'marking produced');
    const now = txTime(ctx);
    const deadlines = {
        ...(order.deadlines ?? noDeadlines),
        qualityClockAt: now,
        qualityDueAt: later(now, qualityWindowMs),
        overdueSince: null,
    };
    return { order: await save(ctx, { ...order, status: 'PRODUCED', deadlines }), movements: [] };
}

export async function cancel(ctx: Context, caller: Caller, idArg: string): Promise<OrderResult> {
    const order = await readOrder(ctx, idArg);
    requireCustomer(caller, order, 'cancel');
    const overdue = order.deadlines?.overdueSince ?? null;
    if (overdue === null || !['IN_PRODUCTION', 'REWORK'].includes(order.status)) {
        // In production, only once the treasury or a Productivist admin declared it overdue.
        requireStatus(order, ['OPEN', 'ASSIGNED', 'AWAITING_FUNDS', 'ACCEPTED'], 'cancelling');
    }
    let movements: readonly Movement[] = [];
    if (order.holdId !== null)
        movements = (await callJson<TokenResult>(ctx, 'productoken', ['RefundHold', order.holdId])).movements;
    await ctx.stub.deleteState(compositeKey(ctx, orderKeys.print, [order.modelId, order.id]));
    return { order: await save(ctx, { ...order, status: 'CANCELLED' }), movements };
}

export type Verdict = 'PASSED' | 'REFUNDED' | 'REWORK';

/** Records a quality-check verdict: only in a transaction submitted to qualitycheck by an expert. */
export async function recordVerdict(ctx: Context, caller: Caller, idArg: string, verdict: string): Promise<Order> {
    if (entryChaincode(ctx) !== 'qualitycheck') throw forbidden('verdicts are recorded only through qualitycheck');
    requireRole(caller, 'expert', 'record verdicts');
    if (!['PASSED', 'REFUNDED', 'REWORK'].includes(verdict))
        throw invalid(`verdict '${verdict}' is not PASSED, REFUNDED or REWORK`);
    const order = await readOrder(ctx, idArg);
    requireStatus(order, ['PRODUCED'], 'a verdict');
    if (verdict === 'REFUNDED')
        await ctx.stub.deleteState(compositeKey(ctx, orderKeys.print, [order.modelId, order.id]));
    if (verdict === 'REWORK') {
        // The expert's timestamp restarts the production clock: the expert gains nothing either way.
        const now = txTime(ctx);
        const deadlines = {
            ...(order.deadlines ?? noDeadlines),
            productionClockAt: now,
            productionDueAt: later(now, productionWindowMs),
            qualityClockAt: null,
            qualityDueAt: null,
            overdueSince: null,
        };
        return save(ctx, { ...order, status: 'REWORK', deadlines });
    }
    return save(ctx, { ...order, status: verdict as Verdict });
}

/**
 * Finds production overdue, which opens the customer's cancellation. Decided by the treasury's or
 * a Productivist admin's timestamp: the customer, who profits, cannot decide it by its own.
 */
export async function declareOverdue(ctx: Context, caller: Caller, idArg: string): Promise<OrderResult> {
    if ((!caller.treasury || caller.deviceOf !== undefined) && !caller.productivistAdmin) {
        throw forbidden('only the Productivist treasury or a Productivist admin may declare an order overdue');
    }
    const order = await readOrder(ctx, idArg);
    requireStatus(order, ['IN_PRODUCTION', 'REWORK'], 'declaring it overdue');
    const deadlines = order.deadlines ?? noDeadlines;
    const now = txTime(ctx);
    if (!deadlinePassed(now, deadlines.productionClockAt, deadlines.productionDueAt)) {
        throw conflict(`order '${order.id}' is due at ${deadlines.productionDueAt ?? '(no deadline)'}, not before`);
    }
    if (deadlines.overdueSince !== null) throw conflict(`order '${order.id}' is already overdue`);
    return { order: await save(ctx, { ...order, deadlines: { ...deadlines, overdueSince: now } }), movements: [] };
}

/** Settles an order's escrow by a Productivist admin's decision, with the reason on the order. */
export async function arbitrate(
    ctx: Context,
    caller: Caller,
    idArg: string,
    decisionArg: string,
    reason: string,
): Promise<OrderResult> {
    if (!caller.productivistAdmin) throw forbidden('only an admin of ProductivistMSP may arbitrate orders');
    if (decisionArg !== 'refund' && decisionArg !== 'release')
        throw invalid(`decision '${decisionArg}' must be refund or release`);
    if (reason.trim() === '' || reason.length > 500) throw invalid('reason must be 1 to 500 characters');
    const order = await readOrder(ctx, idArg);
    requireStatus(order, ['ASSIGNED', 'ACCEPTED', 'IN_PRODUCTION', 'PRODUCED', 'REWORK'], 'arbitration');
    if (order.holdId === null) throw conflict(`order '${order.id}' has no escrow to settle`);
    const command = decisionArg === 'refund' ? 'RefundHold' : 'ReleaseHold';
    const { movements } = await callJson<TokenResult>(ctx, 'productoken', [command, order.holdId]);
    if (decisionArg === 'refund')
        await ctx.stub.deleteState(compositeKey(ctx, orderKeys.print, [order.modelId, order.id]));
    const arbitration = { decision: decisionArg, reason, transactionId: ctx.stub.getTxID() } as const;
    const status = decisionArg === 'refund' ? 'REFUNDED' : 'PASSED';
    return { order: await save(ctx, { ...order, status, arbitration }), movements };
}

export function requireOrderParty(caller: Caller, order: Order, action: string): void {
    if (caller.deviceOf !== undefined && caller.deviceOf === order.producer) return;
    const account = requireMember(caller, `${action} order '${order.id}'`);
    if (account === order.customer || account === order.producer || caller.treasury || caller.roles.includes('expert'))
        return;
    throw forbidden(`'${account}' is not a party to order '${order.id}' and may not ${action} it`);
}

export async function progressOf(ctx: Context, caller: Caller, idArg: string): Promise<ProgressEntry[]> {
    const order = await readOrder(ctx, idArg);
    requireOrderParty(caller, order, 'read the progress of');
    return (await scan(ctx, orderKeys.progress, [order.id])).map(
        (entry) => JSON.parse(toText(entry.value)) as ProgressEntry,
    );
}

/** One order's prints of a model, as PrintsOf lists them. */
export interface PrintEntry {
    readonly orderId: string;
    readonly quantity: number;
}

/** A model's print usage under its licence, as PrintsOf returns it. */
export interface PrintUsage {
    readonly modelId: string;
    readonly designer: string;
    /** The licence's limit; null: unlimited. */
    readonly printLimit: number | null;
    /** Prints reserved by orders that are not cancelled or refunded. */
    readonly used: number;
    /** `printLimit - used`; null when unlimited. */
    readonly remaining: number | null;
    /** The orders behind `used` that the caller may see: all for the designer and admins, its own for a producer. */
    readonly orders: readonly PrintEntry[];
}

/**
 * A model's print usage: read by the model's designer, a producer of one of the orders it counts,
 * and Productivist admins (who govern licences); refused to everyone else, devices included.
 */
export async function printsOf(ctx: Context, caller: Caller, modelIdArg: string): Promise<PrintUsage> {
    const modelId = parseId(modelIdArg, 'model id');
    const account = caller.deviceOf === undefined ? caller.account : undefined;
    const refuse = (): ContractError =>
        forbidden(
            `${account === undefined ? `identity of ${caller.mspId}` : `'${account}'`} may not read the print usage of model '${modelId}': its designer, the producers of its orders and Productivist admins may`,
        );
    if (account === undefined && !caller.productivistAdmin) throw refuse();
    const { model } = await callJson<{ model: Model }>(ctx, 'modelcert', ['GetModel', modelId]);
    const entries: (PrintEntry & { producer: string | null })[] = [];
    for (const entry of await scan(ctx, orderKeys.print, [model.id])) {
        const orderId = ctx.stub.splitCompositeKey(entry.key).attributes[1] ?? '';
        const order = await readOrder(ctx, orderId);
        entries.push({ orderId, quantity: Number(toText(entry.value)), producer: order.producer });
    }
    const whole = caller.productivistAdmin || account === model.designer;
    const sees = (entry: { producer: string | null }): boolean => whole || entry.producer === account;
    if (!whole && !entries.some(sees)) throw refuse();
    const used = entries.reduce((sum, entry) => sum + entry.quantity, 0);
    const limit = model.licence.printLimit;
    return {
        modelId: model.id,
        designer: model.designer,
        printLimit: limit,
        used,
        remaining: limit === null ? null : limit - used,
        orders: entries.filter(sees).map(({ orderId, quantity }) => ({ orderId, quantity })),
    };
}

export async function specOf(ctx: Context, caller: Caller, idArg: string): Promise<{ spec: string; specHash: string }> {
    const order = await readOrder(ctx, idArg);
    const account = requireMember(caller, 'read specifications');
    if (account !== order.customer && account !== order.producer) {
        throw forbidden(`only the customer and the producer of order '${order.id}' may read its specification`);
    }
    const spec = toText(await ctx.stub.getPrivateData(specCollection, order.id));
    return { spec, specHash: order.specHash };
}

export async function ordersOf(
    ctx: Context,
    caller: Caller,
    index: 'customer' | 'producer',
    accountArg: string,
    pageSize: number,
    bookmark: string,
): Promise<Page<Order>> {
    const account = parseAccount(accountArg);
    const own = requireMember(caller, 'list orders');
    if (own !== account && !caller.treasury) throw forbidden(`'${own}' may not list the orders of '${account}'`);
    const ids = await page(
        ctx,
        index === 'customer' ? orderKeys.byCustomer : orderKeys.byProducer,
        [account],
        pageSize,
        bookmark,
        (_k, v) => toText(v),
    );
    const items: Order[] = [];
    for (const id of ids.items) items.push(await readOrder(ctx, id));
    return { items, bookmark: ids.bookmark };
}
