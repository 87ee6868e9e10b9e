// SPDX-License-Identifier: Apache-2.0
//
// Attacks one member could mount on another around orders (issue 18), each reproduced on the
// embedded ledger: every test here fails on the code before the fix.
import { createHash } from 'node:crypto';

import type { EmbeddedNetwork } from '@productivist/ledger';

import type { Hold } from '../productoken/holds.js';
import type { TokenResult } from '../productoken/ProductokenContract.js';
import { memberAttribute } from '../shared/caller.js';
import type { WorldMember } from '@productivist/clients/testing';
import { createWorld, enrollMember, evaluate, failure, spendOptions, submit } from '@productivist/clients/testing';
import type { Order, OrderResult } from './orders.js';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const composite = (type: string, ...attributes: string[]): string =>
    `\u0000${type}\u0000${attributes.map((a) => `${a}\u0000`).join('')}`;

async function marketplace(): Promise<EmbeddedNetwork> {
    const world = await createWorld();
    await submit(world, 'treasury', 'productoken', 'Mint', 'alice', '100000', 'fund-alice');
    await submit(world, 'treasury', 'productoken', 'Mint', 'erin', '100000', 'fund-erin');
    const licence = JSON.stringify({ royaltyBps: 1000, printLimit: null, allowedProducers: null });
    await submit(world, 'dana', 'modelcert', 'RegisterModel', 'bracket', 'Bracket', sha256('file'), licence, '');
    await submit(world, 'erin', 'modelcert', 'Certify', 'bracket', sha256('report'));
    return world;
}

async function order(world: EmbeddedNetwork, customer: WorldMember, id: string, producer = 'printlab'): Promise<Order> {
    const { result } = await world.contract(customer, 'prodcontrol').submit(
        'Order',
        await spendOptions(world, customer, 'prodcontrol', 'Order', [id, 'bracket', '1', '1000', producer], {
            spec: 'PLA',
        }),
    );
    return (JSON.parse(Buffer.from(result).toString()) as OrderResult).order;
}

const holdRules = JSON.stringify({
    payees: [{ account: 'erin', bps: 9500 }],
    release: [{ entryChaincode: 'productoken', parties: ['payer'] }],
    refund: [{ entryChaincode: 'productoken', parties: ['payer'] }],
});

describe('prodcontrol: ids no one else can take', () => {
    it("a member's hold named after an order does not block the order's escrow", async () => {
        // Given erin, a member, creates a hold with the id prodcontrol uses for order o-1
        const world = await marketplace();
        const squat = await submit<TokenResult>(
            world,
            'erin',
            'productoken',
            'CreateHold',
            'order:o-1',
            '1',
            holdRules,
            's',
        );
        // Then it lands in her own namespace
        expect(squat.hold?.id).toBe('erin/order:o-1');
        // And alice's order o-1 still escrows, under prodcontrol's namespace
        const placed = await order(world, 'alice', 'o-1');
        expect(placed).toMatchObject({ status: 'ASSIGNED', holdId: 'prodcontrol:order:o-1' });
        // And erin cannot touch alice's hold: refunding it as its "payer" is refused
        expect((await failure(submit(world, 'erin', 'productoken', 'RefundHold', 'prodcontrol:order:o-1'))).code).toBe(
            'FORBIDDEN',
        );
    });

    it('a hold id naming another namespace is only a local id of the caller', async () => {
        const world = await marketplace();
        const attempt = await submit<TokenResult>(
            world,
            'erin',
            'productoken',
            'CreateHold',
            'prodcontrol:order:o-2',
            '1',
            holdRules,
            's2',
        );
        expect(attempt.hold?.id).toBe('erin/prodcontrol:order:o-2');
        expect((await order(world, 'alice', 'o-2')).holdId).toBe('prodcontrol:order:o-2');
    });
});

describe('prodcontrol: read rules', () => {
    it("an order's hold is readable by the order's parties only", async () => {
        const world = await marketplace();
        const placed = await order(world, 'alice', 'o-3');
        const holdId = placed.holdId as string;
        // The customer, the producer it pays, an expert who settles it, the treasury: yes
        for (const reader of ['alice', 'printlab', 'erin', 'treasury'] as const)
            expect((await evaluate<Hold>(world, reader, 'productoken', 'GetHold', holdId)).payer).toBe('alice');
        // A member of another organization, as for GetOrder: no
        expect((await failure(evaluate(world, 'acme', 'productoken', 'GetHold', holdId))).code).toBe('FORBIDDEN');
        expect((await failure(evaluate(world, 'acme', 'prodcontrol', 'GetOrder', 'o-3'))).code).toBe('FORBIDDEN');
    });
});

describe('prodcontrol: pages stay in their lane', () => {
    it("a customer cannot list other customers' orders through a bookmark", async () => {
        const world = await marketplace();
        await order(world, 'alice', 'o-4');
        // printlab lists its own orders starting from a bookmark in the customer index
        const attack = await failure(
            evaluate(
                world,
                'printlab',
                'prodcontrol',
                'OrdersOfProducer',
                'printlab',
                '10',
                composite('pc.byCustomer'),
            ),
        );
        expect(attack.code).toBe('INVALID_ARGUMENT');
    });
});

describe('prodcontrol: one id, one order', () => {
    it('two customers creating one never-written order id in the same block: one VALID, one MVCC_READ_CONFLICT', async () => {
        // Every key these two transactions share was read as absent (the order, its hold, its print
        // reservation): only MVCC on absent reads keeps both from committing.
        const world = await marketplace();
        await enrollMember(world, 'bob', { mspId: 'CustomerMSP', attributes: { [memberAttribute]: 'bob' } });
        await submit(world, 'treasury', 'productoken', 'Mint', 'bob', '5000', 'fund-bob');
        const endorse = async (customer: WorldMember) =>
            world
                .contract(customer, 'prodcontrol')
                .endorse(
                    'Order',
                    await spendOptions(
                        world,
                        customer,
                        'prodcontrol',
                        'Order',
                        ['o-same', 'bracket', '1', '1000', 'printlab'],
                        { spec: 'PLA' },
                    ),
                );
        const endorsed = await Promise.all([endorse('alice'), endorse('bob')]);
        const codes = (await Promise.all(endorsed.map((tx) => tx.submit()))).map((s) => s.code).sort();
        expect(codes).toEqual(['MVCC_READ_CONFLICT', 'VALID']);
    });
});
