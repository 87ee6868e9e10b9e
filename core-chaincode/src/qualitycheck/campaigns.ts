// SPDX-License-Identifier: Apache-2.0
//
// qualitycheck operations: test campaigns on produced orders, verdicts that release or refund the
// escrow or send the order back to production, and reputation stored as facts and aggregated on read.
import type { Context } from 'fabric-contract-api';

import type { Order } from '../prodcontrol/orders.js';
import { deadlinePassed, txTime } from '../prodcontrol/orders.js';
import type { Movement } from '../productoken/movements.js';
import type { TokenResult } from '../productoken/ProductokenContract.js';
import type { Caller } from '../shared/caller.js';
import { parseAccount, requireMember, requireRole } from '../shared/caller.js';
import { call, callJson } from '../shared/calls.js';
import { sameParty } from '../shared/parties.js';
import { conflict, forbidden, invalid, notFound } from '../shared/errors.js';
import { compositeKey, parseId, readJson, scan, toText, writeJson } from '../shared/state.js';

export const campaignKeys = {
    campaign: 'qc.campaign',
    byOrder: 'qc.byOrder',
    result: 'qc.result',
    fact: 'qc.fact',
} as const;

export type Outcome = 'pass' | 'refund' | 'rework';
export const outcomes: readonly Outcome[] = ['pass', 'refund', 'rework'];

export interface Campaign {
    readonly id: string;
    readonly orderId: string;
    readonly expert: string;
    readonly expertMsp: string;
    readonly status: 'OPEN' | 'CLOSED';
    readonly outcome: Outcome | null;
    readonly reportHash: string | null;
    readonly openedIn: string;
    readonly closedIn: string | null;
    /** Experts (account and organization) the campaign was taken from after a missed deadline. */
    readonly reassignedFrom?: readonly { readonly expert: string; readonly expertMsp: string; readonly in: string }[];
}

export interface TestResult {
    readonly campaignId: string;
    readonly name: string;
    readonly value: string;
    readonly unit: string;
    readonly reportHash: string;
    readonly transactionId: string;
}

/** A reputation fact: one outcome for one account in one role. */
export interface Fact {
    readonly subject: string;
    readonly role: 'producer' | 'designer' | 'expert';
    readonly outcome: 'pass' | 'fail' | 'verdict';
    readonly orderId: string;
    readonly campaignId: string;
}

export async function readCampaign(ctx: Context, idArg: string): Promise<Campaign> {
    const id = parseId(idArg, 'campaign id');
    const campaign = await readJson<Campaign>(ctx, compositeKey(ctx, campaignKeys.campaign, [id]));
    if (campaign === undefined) throw notFound(`campaign '${id}' does not exist`);
    return campaign;
}

function parseHash(value: string): string {
    if (!/^[0-9a-f]{64}$/.test(value))
        throw invalid('reportHash must be a SHA-256 hash in lowercase hex (64 characters)');
    return value;
}

export async function openCampaign(ctx: Context, caller: Caller, idArg: string, orderId: string): Promise<Campaign> {
    const expert = requireRole(caller, 'expert', 'open test campaigns');
    const id = parseId(idArg, 'campaign id');
    const order = await callJson<Order>(ctx, 'prodcontrol', ['GetOrder', orderId]);
    requireNotParty(expert, order);
    if (order.status !== 'PRODUCED')
        throw conflict(`order '${order.id}' is ${order.status}; a campaign needs a PRODUCED order`);
    if ((await ctx.stub.getState(compositeKey(ctx, campaignKeys.campaign, [id]))).length > 0)
        throw conflict(`campaign '${id}' already exists`);
    for (const entry of await scan(ctx, campaignKeys.byOrder, [order.id])) {
        const other = await readCampaign(ctx, toText(entry.value));
        if (other.status === 'OPEN') throw conflict(`order '${order.id}' already has the open campaign '${other.id}'`);
    }
    const campaign: Campaign = {
        id,
        orderId: order.id,
        expert,
        expertMsp: caller.mspId,
        status: 'OPEN',
        outcome: null,
        reportHash: null,
        openedIn: ctx.stub.getTxID(),
        closedIn: null,
    };
    await writeJson(ctx, compositeKey(ctx, campaignKeys.campaign, [id]), campaign);
    await ctx.stub.putState(compositeKey(ctx, campaignKeys.byOrder, [order.id, id]), Buffer.from(id));
    return campaign;
}

/**
 * Hands an open campaign whose order missed its quality-check deadline to an expert of another
 * organization. The deadline is judged by the new expert's timestamp: it gains nothing from any
 * verdict it will give, and the clock start written by the producer cannot be forward-dated
 * to keep the campaign (see deadlinePassed).
 */
export async function reassignCampaign(ctx: Context, caller: Caller, idArg: string): Promise<Campaign> {
    const expert = requireRole(caller, 'expert', 'take over test campaigns');
    const campaign = await readCampaign(ctx, idArg);
    if (campaign.status !== 'OPEN') throw conflict(`campaign '${campaign.id}' is closed`);
    if (caller.mspId === campaign.expertMsp) {
        throw forbidden(
            `campaign '${campaign.id}' is run by ${campaign.expertMsp}; only an expert of another organization may take it over`,
        );
    }
    const order = await callJson<Order>(ctx, 'prodcontrol', ['GetOrder', campaign.orderId]);
    requireNotParty(expert, order);
    const deadlines = order.deadlines;
    if (
        order.status !== 'PRODUCED' ||
        deadlines === undefined ||
        !deadlinePassed(txTime(ctx), deadlines.qualityClockAt, deadlines.qualityDueAt)
    ) {
        throw conflict(
            `order '${order.id}' is ${order.status}, quality check due at ${deadlines?.qualityDueAt ?? '(no deadline)'}; the campaign can be taken over only after that`,
        );
    }
    const reassigned: Campaign = {
        ...campaign,
        expert,
        expertMsp: caller.mspId,
        reassignedFrom: [
            ...(campaign.reassignedFrom ?? []),
            { expert: campaign.expert, expertMsp: campaign.expertMsp, in: ctx.stub.getTxID() },
        ],
    };
    await writeJson(ctx, compositeKey(ctx, campaignKeys.campaign, [campaign.id]), reassigned);
    return reassigned;
}

/** An expert may not judge an order it (or, for other orgs, its organization) is a party to. */
function requireNotParty(expert: string, order: Order): void {
    const parties = [order.customer, order.producer, order.designer].filter((p): p is string => p !== null);
    if (parties.some((party) => sameParty(party, expert))) {
        throw forbidden(`'${expert}' is a party to order '${order.id}' and cannot judge it`);
    }
}

function requireCampaignExpert(caller: Caller, campaign: Campaign, action: string): void {
    const account = requireRole(caller, 'expert', action);
    if (account !== campaign.expert)
        throw forbidden(`campaign '${campaign.id}' is run by '${campaign.expert}'; '${account}' may not ${action}`);
    if (campaign.status !== 'OPEN') throw conflict(`campaign '${campaign.id}' is closed`);
}

export async function recordResult(
    ctx: Context,
    caller: Caller,
    idArg: string,
    input: { name: string; value: string; unit: string; reportHash: string },
): Promise<TestResult> {
    const campaign = await readCampaign(ctx, idArg);
    requireCampaignExpert(caller, campaign, 'record results');
    if (!/^[a-z][a-z0-9-]{0,63}$/.test(input.name))
        throw invalid(`measurement '${input.name}' must be a lowercase name such as wall-thickness`);
    if (!/^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/.test(input.value))
        throw invalid(`value '${input.value}' must be a decimal number such as 1.25`);
    if (input.unit.length > 16) throw invalid('unit must be at most 16 characters');
    const result: TestResult = {
        campaignId: campaign.id,
        name: input.name,
        value: input.value,
        unit: input.unit,
        reportHash: parseHash(input.reportHash),
        transactionId: ctx.stub.getTxID(),
    };
    await writeJson(ctx, compositeKey(ctx, campaignKeys.result, [campaign.id, ctx.stub.getTxID()]), result);
    return result;
}

async function addFact(ctx: Context, fact: Fact, sequence: number): Promise<void> {
    // One key per fact: reputation is never a total that every verdict rewrites.
    await writeJson(
        ctx,
        compositeKey(ctx, campaignKeys.fact, [fact.subject, ctx.stub.getTxID(), String(sequence)]),
        fact,
    );
}

export async function verdict(
    ctx: Context,
    caller: Caller,
    idArg: string,
    outcomeArg: string,
    reportHashArg: string,
): Promise<{ campaign: Campaign; order: Order; movements: readonly Movement[] }> {
    const campaign = await readCampaign(ctx, idArg);
    requireCampaignExpert(caller, campaign, 'give the verdict');
    if (!outcomes.includes(outcomeArg as Outcome))
        throw invalid(`outcome '${outcomeArg}' is not one of ${outcomes.join(', ')}`);
    const outcome = outcomeArg as Outcome;
    const reportHash = parseHash(reportHashArg);
    const order = await callJson<Order>(ctx, 'prodcontrol', ['GetOrder', campaign.orderId]);
    let movements: readonly Movement[] = [];
    if (outcome !== 'rework') {
        if (order.holdId === null) throw conflict(`order '${order.id}' has no escrow to settle`);
        const command = outcome === 'pass' ? 'ReleaseHold' : 'RefundHold';
        movements = (await callJson<TokenResult>(ctx, 'productoken', [command, order.holdId])).movements;
    }
    const status = outcome === 'pass' ? 'PASSED' : outcome === 'refund' ? 'REFUNDED' : 'REWORK';
    const updated = JSON.parse(await call(ctx, 'prodcontrol', ['RecordVerdict', order.id, status])) as Order;
    const producerOutcome = outcome === 'pass' ? 'pass' : 'fail';
    await addFact(
        ctx,
        {
            subject: order.producer as string,
            role: 'producer',
            outcome: producerOutcome,
            orderId: order.id,
            campaignId: campaign.id,
        },
        1,
    );
    if (outcome !== 'rework') {
        await addFact(
            ctx,
            {
                subject: order.designer,
                role: 'designer',
                outcome: producerOutcome,
                orderId: order.id,
                campaignId: campaign.id,
            },
            2,
        );
    }
    await addFact(
        ctx,
        { subject: campaign.expert, role: 'expert', outcome: 'verdict', orderId: order.id, campaignId: campaign.id },
        3,
    );
    const closed: Campaign = { ...campaign, status: 'CLOSED', outcome, reportHash, closedIn: ctx.stub.getTxID() };
    await writeJson(ctx, compositeKey(ctx, campaignKeys.campaign, [campaign.id]), closed);
    return { campaign: closed, order: updated, movements };
}

export interface Reputation {
    readonly account: string;
    readonly producer: { readonly pass: number; readonly fail: number };
    readonly designer: { readonly pass: number; readonly fail: number };
    readonly expert: { readonly verdicts: number };
}

function emptyReputation(account: string): {
    account: string;
    producer: { pass: number; fail: number };
    designer: { pass: number; fail: number };
    expert: { verdicts: number };
} {
    return { account, producer: { pass: 0, fail: 0 }, designer: { pass: 0, fail: 0 }, expert: { verdicts: 0 } };
}

function aggregate(facts: readonly Fact[]): Map<string, Reputation> {
    const byAccount = new Map<string, ReturnType<typeof emptyReputation>>();
    for (const fact of facts) {
        const entry = byAccount.get(fact.subject) ?? emptyReputation(fact.subject);
        byAccount.set(fact.subject, entry);
        if (fact.role === 'expert') entry.expert.verdicts += 1;
        else if (fact.outcome === 'pass') entry[fact.role].pass += 1;
        else entry[fact.role].fail += 1;
    }
    return byAccount;
}

export async function reputationOf(ctx: Context, caller: Caller, accountArg: string): Promise<Reputation> {
    requireMember(caller, 'read reputations');
    const account = parseAccount(accountArg);
    const facts = (await scan(ctx, campaignKeys.fact, [account])).map(
        (entry) => JSON.parse(toText(entry.value)) as Fact,
    );
    return aggregate(facts).get(account) ?? emptyReputation(account);
}

/** Score in a role: (passes + 1) / (outcomes + 2), so one lucky pass does not beat a long record. */
export function score(record: { pass: number; fail: number }): number {
    return (record.pass + 1) / (record.pass + record.fail + 2);
}

export async function ranking(
    ctx: Context,
    caller: Caller,
    role: string,
    limit: number,
): Promise<{ account: string; score: string; pass: number; fail: number }[]> {
    requireMember(caller, 'read rankings');
    if (role !== 'producer' && role !== 'designer')
        throw invalid(`ranking role '${role}' must be producer or designer`);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100)
        throw invalid('limit must be a whole number from 1 to 100');
    const facts = (await scan(ctx, campaignKeys.fact, [])).map((entry) => JSON.parse(toText(entry.value)) as Fact);
    return [...aggregate(facts).values()]
        .map((reputation) => ({ account: reputation.account, ...reputation[role] }))
        .filter((entry) => entry.pass + entry.fail > 0)
        .map((entry) => ({ ...entry, score: score(entry).toFixed(4) }))
        .sort((a, b) =>
            a.score !== b.score
                ? a.score < b.score
                    ? 1
                    : -1
                : b.pass + b.fail - (a.pass + a.fail) || (a.account < b.account ? -1 : 1),
        )
        .slice(0, limit);
}

export async function campaignsOf(
    ctx: Context,
    caller: Caller,
    orderIdArg: string,
): Promise<{ campaign: Campaign; results: TestResult[] }[]> {
    requireMember(caller, 'read campaigns');
    const orderId = parseId(orderIdArg, 'order id');
    const found = [];
    for (const entry of await scan(ctx, campaignKeys.byOrder, [orderId])) {
        const campaign = await readCampaign(ctx, toText(entry.value));
        const results = (await scan(ctx, campaignKeys.result, [campaign.id])).map(
            (r) => JSON.parse(toText(r.value)) as TestResult,
        );
        found.push({ campaign, results });
    }
    return found;
}
