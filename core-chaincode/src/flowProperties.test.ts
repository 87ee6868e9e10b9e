// SPDX-License-Identifier: Apache-2.0
//
// Random interleavings of the production flow (valid steps and steps out of order) keep the total
// supply constant and the open holds equal to the prices of the orders that are escrowed and unpaid.
// Any party may walk away at any step; once every deadline has passed, the exits that do not
// depend on it (overdue + cancel, another expert org, arbitration) settle every escrow.
import fc from 'fast-check';

import type { EmbeddedNetwork } from '@productivist/ledger';

import { Flow } from './flow.js';
import type { Order } from './prodcontrol/orders.js';
import { memberAttribute } from './shared/caller.js';
import { evaluate, submit } from './testing.js';
import type { WorldMember } from './world.js';
import { createWorld } from './world.js';

const customers = ['alice', 'bob'] as const;
const escrowed: readonly Order['status'][] = ['ASSIGNED', 'ACCEPTED', 'IN_PRODUCTION', 'PRODUCED', 'REWORK'];

type Step =
    | { kind: 'order'; customer: (typeof customers)[number]; price: number; assigned: boolean }
    | { kind: 'walkAway'; party: 'alice' | 'bob' | 'printlab' | 'erin' }
    | { kind: 'accept' | 'fund' | 'start' | 'produce' | 'cancel'; index: number }
    | { kind: 'check'; index: number; outcome: 'pass' | 'refund' | 'rework' };

const step: fc.Arbitrary<Step> = fc.oneof(
    fc.record({
        kind: fc.constant('walkAway' as const),
        party: fc.constantFrom('alice' as const, 'bob' as const, 'printlab' as const, 'erin' as const),
    }),
    fc.record({
        kind: fc.constant('order' as const),
        customer: fc.constantFrom(...customers),
        price: fc.integer({ min: 1, max: 5000 }),
        assigned: fc.boolean(),
    }),
    fc.record({
        kind: fc.constantFrom(
            'accept' as const,
            'fund' as const,
            'start' as const,
            'produce' as const,
            'cancel' as const,
        ),
        index: fc.nat({ max: 10 }),
    }),
    fc.record({
        kind: fc.constant('check' as const),
        index: fc.nat({ max: 10 }),
        outcome: fc.constantFrom('pass' as const, 'refund' as const, 'rework' as const),
    }),
);

async function attempt(run: () => Promise<unknown>): Promise<void> {
    try {
        await run();
    } catch {
        // refused steps are part of the interleaving
    }
}

const accounts = ['alice', 'bob', 'dana', 'printlab', 'productivist'];

async function totals(world: EmbeddedNetwork): Promise<{ supply: bigint; spendable: bigint; held: bigint }> {
    const supply = BigInt(await evaluate<number>(world, 'treasury', 'productoken', 'TotalSupply'));
    let spendable = 0n;
    let held = 0n;
    for (const account of accounts) {
        const balance = await evaluate<{ available: string; held: string }>(
            world,
            'treasury',
            'productoken',
            'BalanceOf',
            account,
        );
        spendable += BigInt(balance.available);
        held += BigInt(balance.held);
    }
    return { supply, spendable, held };
}

/**
 * Settles every order once all deadlines have passed, using only present parties and the parties
 * that cannot walk away from the platform: the treasury, a Productivist admin, another expert org.
 */
async function settle(
    world: EmbeddedNetwork,
    flow: Flow,
    orders: readonly { id: string; customer: WorldMember }[],
    present: (party: string) => boolean,
): Promise<void> {
    await submit(world, 'admin', 'productoken', 'GrantRole', 'IndustrialMSP', 'expert');
    let reassigned = 0;
    const status = async (id: string): Promise<Order['status'] | undefined> => {
        try {
            return (await evaluate<Order>(world, 'treasury', 'prodcontrol', 'GetOrder', id)).status;
        } catch {
            return undefined;
        }
    };
    for (const order of orders) {
        const state = await status(order.id);
        if (state === undefined || !escrowed.includes(state)) continue;
        if (state === 'IN_PRODUCTION' || state === 'REWORK')
            await attempt(() => submit(world, 'treasury', 'prodcontrol', 'DeclareOverdue', order.id));
        if (present(order.customer)) await attempt(() => flow.step(order.customer, 'Cancel', order.id));
        if ((await status(order.id)) === 'PRODUCED') {
            // a stalled campaign moves to another expert org; with none open, that org opens one
            const campaigns = await evaluate<{ campaign: { id: string; status: string } }[]>(
                world,
                'treasury',
                'qualitycheck',
                'CampaignsOfOrder',
                order.id,
            );
            const open = campaigns.find((c) => c.campaign.status === 'OPEN')?.campaign.id;
            if (open === undefined)
                await attempt(() => flow.check('acme', `qc-acme-${reassigned++}`, order.id, 'pass'));
            else {
                await attempt(() => submit(world, 'acme', 'qualitycheck', 'ReassignCampaign', open));
                await attempt(() => submit(world, 'acme', 'qualitycheck', 'Verdict', open, 'pass', 'a'.repeat(64)));
            }
        }
        const left = await status(order.id);
        if (left !== undefined && escrowed.includes(left))
            await submit(world, 'admin', 'prodcontrol', 'Arbitrate', order.id, 'refund', 'a party walked away');
    }
}

describe('production flow properties', () => {
    it('keeps the supply constant and open holds equal to unpaid escrowed orders; parties walking away leave no escrow stuck', async () => {
        await fc.assert(
            fc.asyncProperty(fc.array(step, { minLength: 15, maxLength: 35 }), async (steps) => {
                let now = new Date('2026-03-01T00:00:00Z');
                const world = await createWorld({ now: () => now });
                await world.addMember('bob', { mspId: 'CustomerMSP', attributes: { [memberAttribute]: 'bob' } });
                const flow = new Flow(world);
                await flow.fund('alice', '50000', 'fa');
                await flow.fund('bob', '50000', 'fb');
                await flow.registerModel('dana', 'm', { royaltyBps: 1000, printLimit: null, allowedProducers: null });
                await flow.certify('erin', 'm');
                const supply = (await totals(world)).supply;
                const orders: { id: string; customer: WorldMember }[] = [];
                let campaigns = 0;
                const gone = new Set<string>();
                const present = (party: string): boolean => !gone.has(party);
                for (const next of steps) {
                    if (next.kind === 'walkAway') {
                        gone.add(next.party);
                        continue;
                    }
                    if (next.kind === 'order') {
                        if (gone.has(next.customer)) continue;
                        const id = `o${orders.length}`;
                        orders.push({ id, customer: next.customer });
                        await attempt(() =>
                            flow.order(next.customer, id, 'm', 1, String(next.price), next.assigned ? 'printlab' : ''),
                        );
                        continue;
                    }
                    const target = orders[next.index % Math.max(1, orders.length)];
                    if (target === undefined) continue;
                    const actor = ['fund', 'cancel'].includes(next.kind)
                        ? target.customer
                        : next.kind === 'check'
                          ? 'erin'
                          : 'printlab';
                    if (!present(actor)) continue;
                    switch (next.kind) {
                        case 'accept':
                            await attempt(() => flow.step('printlab', 'Accept', target.id));
                            break;
                        case 'fund':
                            await attempt(() => flow.step(target.customer, 'Fund', target.id));
                            break;
                        case 'start':
                            await attempt(() => flow.step('printlab', 'StartProduction', target.id));
                            break;
                        case 'produce':
                            await attempt(() => flow.step('printlab', 'MarkProduced', target.id));
                            break;
                        case 'cancel':
                            await attempt(() => flow.step(target.customer, 'Cancel', target.id));
                            break;
                        case 'check':
                            await attempt(() => flow.check('erin', `qc${campaigns++}`, target.id, next.outcome));
                            break;
                    }
                }
                const mid = await totals(world);
                expect(mid.supply).toBe(supply);
                expect(mid.spendable + mid.held).toBe(supply);
                let unpaidMid = 0n;
                for (const order of orders) {
                    try {
                        const state = await evaluate<Order>(world, 'treasury', 'prodcontrol', 'GetOrder', order.id);
                        if (escrowed.includes(state.status)) unpaidMid += BigInt(state.price);
                    } catch {
                        // an order that was refused at creation does not exist
                    }
                }
                expect(mid.held).toBe(unpaidMid);
                // When every deadline has passed, the exits that need no absent party settle each escrow
                now = new Date('2026-06-01T00:00:00Z');
                await settle(world, flow, orders, present);
                const settled = await totals(world);
                expect(settled.supply).toBe(supply);
                expect(settled.spendable + settled.held).toBe(supply);
                let unpaid = 0n;
                for (const order of orders) {
                    try {
                        const state = await evaluate<Order>(world, 'treasury', 'prodcontrol', 'GetOrder', order.id);
                        if (escrowed.includes(state.status)) unpaid += BigInt(state.price);
                    } catch {
                        // an order that was refused at creation does not exist
                    }
                }
                expect(unpaid).toBe(0n);
                expect(settled.held).toBe(0n);
                // and every hold ended released or refunded
                for (const customer of customers) {
                    const holds = await evaluate<{ items: { status: string }[] }>(
                        world,
                        'treasury',
                        'productoken',
                        'HoldsOf',
                        customer,
                        '100',
                        '',
                    );
                    expect(holds.items.filter((hold) => !['RELEASED', 'REFUNDED'].includes(hold.status))).toEqual([]);
                }
                await submit(world, 'alice', 'productoken', 'Transfer', 'dana', '1', '', 'still-works');
            }),
            { numRuns: 15 },
        );
    }, 120_000); // a property run of many worlds: slow on two shared cores
});
