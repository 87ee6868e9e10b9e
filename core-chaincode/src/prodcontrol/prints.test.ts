// SPDX-License-Identifier: Apache-2.0
//
// PrintsOf: a model's print usage under its licence (limit, prints reserved by live orders,
// remaining), read by the model's designer, the producers of its orders and Productivist admins;
// a cancelled order gives its prints back; every other caller is refused and nothing changes.
import type { EmbeddedNetwork } from '@productivist/ledger';

import { memberAttribute } from '../shared/caller.js';
import { createWorld, enrollMember, evaluate, failure, Flow } from '@productivist/clients/testing';
import type { PrintUsage } from './orders.js';

describe('prodcontrol PrintsOf', () => {
    let world: EmbeddedNetwork;
    let flow: Flow;

    beforeAll(async () => {
        // Given a model limited to 10 prints, orders of 3 (printlab), 2 (fablab) and 4 (cancelled)
        world = await createWorld();
        flow = new Flow(world);
        await enrollMember(world, 'fablab', { mspId: 'ProducerMSP', attributes: { [memberAttribute]: 'fablab' } });
        await flow.fund('alice', '100000', 'fund');
        await flow.registerModel('dana', 'vase', { royaltyBps: 1000, printLimit: 10, allowedProducers: null });
        await flow.certify('erin', 'vase');
        await flow.registerModel('dana', 'cup', { royaltyBps: 1000, printLimit: null, allowedProducers: null });
        await flow.certify('erin', 'cup');
        await flow.order('alice', 'v-1', 'vase', 3, '300', 'printlab');
        await flow.order('alice', 'v-2', 'vase', 2, '200', 'fablab');
        await flow.order('alice', 'v-3', 'vase', 4, '400', 'printlab');
        await flow.step('alice', 'Cancel', 'v-3');
    });

    it('gives the designer and the Productivist admin the limit, the prints used by live orders and every order', async () => {
        for (const reader of ['dana', 'admin'] as const) {
            // When the designer or an admin asks
            const usage = await evaluate<PrintUsage>(world, reader, 'prodcontrol', 'PrintsOf', 'vase');
            // Then the cancelled order's 4 prints are given back: 5 of 10 used
            expect(usage).toEqual({
                modelId: 'vase',
                designer: 'dana',
                printLimit: 10,
                used: 5,
                remaining: 5,
                orders: [
                    { orderId: 'v-1', quantity: 3 },
                    { orderId: 'v-2', quantity: 2 },
                ],
            });
        }
    });

    it('gives a producer the count and only its own orders; an unlimited model has no remaining', async () => {
        const printlab = await evaluate<PrintUsage>(world, 'printlab', 'prodcontrol', 'PrintsOf', 'vase');
        expect([printlab.used, printlab.remaining, printlab.orders]).toEqual([5, 5, [{ orderId: 'v-1', quantity: 3 }]]);
        const fablab = await evaluate<PrintUsage>(world, 'fablab', 'prodcontrol', 'PrintsOf', 'vase');
        expect(fablab.orders).toEqual([{ orderId: 'v-2', quantity: 2 }]);
        const cup = await evaluate<PrintUsage>(world, 'dana', 'prodcontrol', 'PrintsOf', 'cup');
        expect([cup.printLimit, cup.used, cup.remaining, cup.orders]).toEqual([null, 0, null, []]);
    });

    it('counts a new order at once, and the limit refuses what would exceed it', async () => {
        await flow.order('alice', 'v-4', 'vase', 5, '500', 'printlab');
        const usage = await evaluate<PrintUsage>(world, 'dana', 'prodcontrol', 'PrintsOf', 'vase');
        expect([usage.used, usage.remaining]).toEqual([10, 0]);
        const refused = await failure(flow.order('alice', 'v-5', 'vase', 1, '100', 'printlab'));
        expect(refused.code).toBe('LIMIT_EXCEEDED');
    });

    it('refuses everyone else with FORBIDDEN, naming who may read it, and changes nothing', async () => {
        const before = world.stateHash();
        for (const member of ['alice', 'erin', 'treasury', 'printer', 'acme', 'stranger', 'alice-designer'] as const) {
            const refused = await failure(evaluate(world, member, 'prodcontrol', 'PrintsOf', 'vase'));
            expect([member, refused.code]).toEqual([member, 'FORBIDDEN']);
            expect(refused.message).toContain(
                "may not read the print usage of model 'vase': its designer, the producers of its orders and Productivist admins may",
            );
        }
        // A producer without an order of the model is refused too; so is anyone for the unordered cup.
        expect((await failure(evaluate(world, 'fablab', 'prodcontrol', 'PrintsOf', 'cup'))).code).toBe('FORBIDDEN');
        expect(world.stateHash()).toBe(before);
    });

    it('refuses an unknown model and a malformed id', async () => {
        const missing = await failure(evaluate(world, 'dana', 'prodcontrol', 'PrintsOf', 'nope'));
        expect(missing.code).toBe('NOT_FOUND');
        expect(missing.message).toContain("model 'nope'");
        const malformed = await failure(evaluate(world, 'dana', 'prodcontrol', 'PrintsOf', 'Bad Id!'));
        expect(malformed.code).toBe('INVALID_ARGUMENT');
        expect(malformed.message).toContain('model id');
    });
});
