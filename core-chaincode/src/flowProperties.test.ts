// SPDX-License-Identifier: Apache-2.0
//
// Random interleavings of the production flow (valid steps and steps out of order) keep the total
// supply constant and the open holds equal to the prices of the orders that are escrowed and unpaid.
import fc from 'fast-check';

import type { EmbeddedNetwork } from '@productivist/ledger';

import type { WorldMember } from '@productivist/clients/testing';
import { createWorld, enrollMember, evaluate, Flow, submit } from '@productivist/clients/testing';
import type { Order } from './prodcontrol/orders.js';
import { memberAttribute } from './shared/caller.js';

const customers = ['alice', 'bob'] as const;
const escrowed: readonly Order['status'][] = ['ASSIGNED', 'ACCEPTED', 'IN_PRODUCTION', 'PRODUCED', 'REWORK'];

type Step =
    | { kind: 'order'; customer: (typeof customers)[number]; price: number; assigned: boolean }
    | { kind: 'accept' | 'fund' | 'start' | 'produce' | 'cancel'; index: number }
    | { kind: 'check'; index: number; outcome: 'pass' | 'refund' | 'rework' };

const step: fc.Arbitrary<Step> = fc.oneof(
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

describe('production flow properties', () => {
    it('keeps the supply constant and open holds equal to unpaid escrowed orders', async () => {
        await fc.assert(
            fc.asyncProperty(fc.array(step, { minLength: 15, maxLength: 35 }), async (steps) => {
                const world = await createWorld();
                await enrollMember(world, 'bob', { mspId: 'CustomerMSP', attributes: { [memberAttribute]: 'bob' } });
                const flow = new Flow(world);
                await flow.fund('alice', '50000', 'fa');
                await flow.fund('bob', '50000', 'fb');
                await flow.registerModel('dana', 'm', { royaltyBps: 1000, printLimit: null, allowedProducers: null });
                await flow.certify('erin', 'm');
                const supply = (await totals(world)).supply;
                const orders: { id: string; customer: WorldMember }[] = [];
                let campaigns = 0;
                for (const next of steps) {
                    if (next.kind === 'order') {
                        const id = `o${orders.length}`;
                        orders.push({ id, customer: next.customer });
                        await attempt(() =>
                            flow.order(next.customer, id, 'm', 1, String(next.price), next.assigned ? 'printlab' : ''),
                        );
                        continue;
                    }
                    const target = orders[next.index % Math.max(1, orders.length)];
                    if (target === undefined) continue;
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
                const now = await totals(world);
                expect(now.supply).toBe(supply);
                expect(now.spendable + now.held).toBe(supply);
                let unpaid = 0n;
                for (const order of orders) {
                    try {
                        const state = await evaluate<Order>(world, 'treasury', 'prodcontrol', 'GetOrder', order.id);
                        if (escrowed.includes(state.status)) unpaid += BigInt(state.price);
                    } catch {
                        // an order that was refused at creation does not exist
                    }
                }
                expect(now.held).toBe(unpaid);
                // and a refused or settled order never leaves a stray hold
                const holds = await evaluate<{ items: { status: string }[] }>(
                    world,
                    'treasury',
                    'productoken',
                    'HoldsOf',
                    'alice',
                    '100',
                    '',
                );
                expect(holds.items.every((hold) => ['OPEN', 'RELEASED', 'REFUNDED'].includes(hold.status))).toBe(true);
                await submit(world, 'alice', 'productoken', 'Transfer', 'dana', '1', '', 'still-works');
            }),
            { numRuns: 15 },
        );
    }, 180_000);
});
