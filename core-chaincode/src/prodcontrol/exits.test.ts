// SPDX-License-Identifier: Apache-2.0
//
// Every escrow has an exit (issue 18): production and quality-check deadlines in transaction time,
// decided by a party that does not profit from the answer; the customer cancels once production
// is found overdue; a stalled campaign moves to another expert organization; a Productivist admin
// arbitrates. Each test fails on the code before these exits existed.
import { createHash } from 'node:crypto';

import type { EmbeddedNetwork } from '@productivist/ledger';

import type { Hold } from '../productoken/holds.js';
import type { TokenEvent } from '../productoken/movements.js';
import type { Campaign } from '../qualitycheck/campaigns.js';
import { memberAttribute } from '../shared/caller.js';
import { createWorld, enrollMember, evaluate, failure, spendOptions, submit } from '@productivist/clients/testing';
import type { Order, OrderResult } from './orders.js';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const day = 24 * 3600 * 1000;
const start = Date.parse('2026-03-01T00:00:00Z');

interface Clocked {
    readonly world: EmbeddedNetwork;
    /** Sets the clock every client stamps its next transactions with, `days` after the start. */
    readonly at: (days: number) => void;
}

async function clockedMarketplace(): Promise<Clocked> {
    let now = new Date(start);
    const world = await createWorld({ now: () => now });
    await submit(world, 'treasury', 'productoken', 'Mint', 'alice', '10000', 'fund-alice');
    const licence = JSON.stringify({ royaltyBps: 1000, printLimit: null, allowedProducers: null });
    await submit(world, 'dana', 'modelcert', 'RegisterModel', 'cup', 'Cup', sha256('file'), licence, '');
    await submit(world, 'erin', 'modelcert', 'Certify', 'cup', sha256('report'));
    return {
        world,
        at: (days: number): void => {
            now = new Date(start + days * day);
        },
    };
}

async function inProduction(world: EmbeddedNetwork, id: string): Promise<void> {
    await world.contract('alice', 'prodcontrol').submit(
        'Order',
        await spendOptions(world, 'alice', 'prodcontrol', 'Order', [id, 'cup', '1', '1000', 'printlab'], {
            spec: 'PLA',
        }),
    );
    await submit(world, 'printlab', 'prodcontrol', 'Accept', id);
    await submit(world, 'printlab', 'prodcontrol', 'StartProduction', id);
}

const available = async (world: EmbeddedNetwork, account: string): Promise<string> =>
    (await evaluate<{ available: string }>(world, 'treasury', 'productoken', 'BalanceOf', account)).available;

describe('prodcontrol: a production deadline with an exit', () => {
    it('stores the deadline on the order; the customer cancels for a refund once the treasury finds it overdue', async () => {
        // Given an order in production since day 0 (deadline: day 30)
        const { world, at } = await clockedMarketplace();
        await inProduction(world, 'o-1');
        const order = await evaluate<Order>(world, 'alice', 'prodcontrol', 'GetOrder', 'o-1');
        expect(order.deadlines).toMatchObject({
            productionClockAt: '2026-03-01T00:00:00.000Z',
            productionDueAt: '2026-03-31T00:00:00.000Z',
        });
        // The customer cannot cancel, nor declare it overdue by its own (forgeable) timestamp
        expect((await failure(submit(world, 'alice', 'prodcontrol', 'Cancel', 'o-1'))).code).toBe('CONFLICT');
        at(400);
        expect((await failure(submit(world, 'alice', 'prodcontrol', 'DeclareOverdue', 'o-1'))).code).toBe('FORBIDDEN');
        // The treasury, with nothing to gain, finds it not yet due on day 10
        at(10);
        expect(await failure(submit(world, 'treasury', 'prodcontrol', 'DeclareOverdue', 'o-1'))).toEqual({
            code: 'CONFLICT',
            message: "CONFLICT: order 'o-1' is due at 2026-03-31T00:00:00.000Z, not before",
        });
        // When the treasury finds it overdue on day 31
        at(31);
        await submit(world, 'treasury', 'prodcontrol', 'DeclareOverdue', 'o-1');
        // Then the customer cancels and gets the escrow back
        const cancelled = await submit<OrderResult>(world, 'alice', 'prodcontrol', 'Cancel', 'o-1');
        expect(cancelled.order.status).toBe('CANCELLED');
        expect(cancelled.movements).toEqual([expect.objectContaining({ kind: 'refund', to: 'alice', amount: '1000' })]);
        expect(await available(world, 'alice')).toBe('10000');
        expect((await evaluate<Hold>(world, 'alice', 'productoken', 'GetHold', 'prodcontrol:order:o-1')).status).toBe(
            'REFUNDED',
        );
    });

    it('a producer that forward-dates the start of production does not push the deadline back', async () => {
        // Given the producer stamps StartProduction a year ahead
        const { world, at } = await clockedMarketplace();
        await world.contract('alice', 'prodcontrol').submit(
            'Order',
            await spendOptions(world, 'alice', 'prodcontrol', 'Order', ['o-2', 'cup', '1', '1000', 'printlab'], {
                spec: 'PLA',
            }),
        );
        await submit(world, 'printlab', 'prodcontrol', 'Accept', 'o-2');
        at(365);
        await submit(world, 'printlab', 'prodcontrol', 'StartProduction', 'o-2');
        // When the treasury looks on day 1, the clock started in its future: it counts as missed
        at(1);
        await submit(world, 'treasury', 'prodcontrol', 'DeclareOverdue', 'o-2');
        // And a late MarkProduced before the customer cancels still delivers (the overdue flag clears)
        expect((await submit<OrderResult>(world, 'printlab', 'prodcontrol', 'MarkProduced', 'o-2')).order.status).toBe(
            'PRODUCED',
        );
        expect((await failure(submit(world, 'alice', 'prodcontrol', 'Cancel', 'o-2'))).code).toBe('CONFLICT');
    });
});

describe('qualitycheck: a stalled campaign moves to another expert organization', () => {
    it('after the quality-check deadline an expert of another org takes it over and settles it', async () => {
        // Given IndustrialMSP is granted the expert role, and erin (ExpertMSP) opened a campaign on day 0
        const { world, at } = await clockedMarketplace();
        await submit(world, 'admin', 'productoken', 'GrantRole', 'IndustrialMSP', 'expert');
        await enrollMember(world, 'erin-colleague', { mspId: 'ExpertMSP', attributes: { [memberAttribute]: 'frank' } });
        await inProduction(world, 'o-3');
        await submit(world, 'printlab', 'prodcontrol', 'MarkProduced', 'o-3');
        await submit(world, 'erin', 'qualitycheck', 'OpenCampaign', 'qc-3', 'o-3');
        // When acme tries on day 5, the deadline (day 14) has not passed
        at(5);
        expect((await failure(submit(world, 'acme', 'qualitycheck', 'ReassignCampaign', 'qc-3'))).code).toBe(
            'CONFLICT',
        );
        // And on day 15 another ExpertMSP identity cannot take it over: the org stalled it
        at(15);
        expect((await failure(submit(world, 'erin-colleague', 'qualitycheck', 'ReassignCampaign', 'qc-3'))).code).toBe(
            'FORBIDDEN',
        );
        // Then acme takes it over
        const campaign = await submit<Campaign>(world, 'acme', 'qualitycheck', 'ReassignCampaign', 'qc-3');
        expect(campaign).toMatchObject({ expertMsp: 'IndustrialMSP', reassignedFrom: [{ expert: 'erin' }] });
        // And erin can no longer judge it, acme can
        expect(
            (await failure(submit(world, 'erin', 'qualitycheck', 'Verdict', 'qc-3', 'pass', sha256('r')))).code,
        ).toBe('FORBIDDEN');
        await submit(world, 'acme', 'qualitycheck', 'Verdict', 'qc-3', 'pass', sha256('r'));
        expect(await available(world, 'printlab')).toBe('850');
    });
});

describe('prodcontrol: Productivist arbitration', () => {
    it('an admin of ProductivistMSP refunds or releases any funded order, with a recorded reason and an event', async () => {
        const { world } = await clockedMarketplace();
        await inProduction(world, 'o-4');
        await inProduction(world, 'o-5');
        await submit(world, 'printlab', 'prodcontrol', 'MarkProduced', 'o-5');
        const before = world.stateHash();
        // Nobody else may, and bad input changes nothing
        for (const member of ['alice', 'printlab', 'erin', 'treasury'])
            expect(
                (await failure(submit(world, member, 'prodcontrol', 'Arbitrate', 'o-4', 'refund', 'because'))).code,
            ).toBe('FORBIDDEN');
        expect((await failure(submit(world, 'admin', 'prodcontrol', 'Arbitrate', 'o-4', 'split', 'r'))).code).toBe(
            'INVALID_ARGUMENT',
        );
        expect((await failure(submit(world, 'admin', 'prodcontrol', 'Arbitrate', 'o-4', 'refund', ' '))).code).toBe(
            'INVALID_ARGUMENT',
        );
        expect(world.stateHash()).toBe(before);
        // A refund of the stalled production
        const events = world.chaincodeEvents('admin', 'prodcontrol');
        const refunded = await submit<OrderResult>(
            world,
            'admin',
            'prodcontrol',
            'Arbitrate',
            'o-4',
            'refund',
            'producer unreachable for 40 days',
        );
        expect(refunded.order).toMatchObject({
            status: 'REFUNDED',
            arbitration: { decision: 'refund', reason: 'producer unreachable for 40 days' },
        });
        for await (const event of events) {
            expect(JSON.parse(Buffer.from(event.payload).toString()) as TokenEvent).toMatchObject({
                action: 'Arbitrate',
                context: { orderId: 'o-4', decision: 'refund', reason: 'producer unreachable for 40 days' },
            });
            events.close();
        }
        // A release of a produced order no expert will judge
        const released = await submit<OrderResult>(
            world,
            'admin',
            'prodcontrol',
            'Arbitrate',
            'o-5',
            'release',
            'delivered and accepted by the customer in writing',
        );
        expect(released.order.status).toBe('PASSED');
        expect(await available(world, 'alice')).toBe('9000');
        expect(await available(world, 'printlab')).toBe('850');
        // And a settled order cannot be arbitrated twice
        expect((await failure(submit(world, 'admin', 'prodcontrol', 'Arbitrate', 'o-5', 'refund', 'again'))).code).toBe(
            'CONFLICT',
        );
    });
});
