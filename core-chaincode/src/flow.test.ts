// SPDX-License-Identifier: Apache-2.0
import type { EmbeddedNetwork } from '@productivist/ledger';

import { createWorld, evaluate, failure, Flow, submit } from '@productivist/clients/testing';

const unlimited = { royaltyBps: 1000, printLimit: null, allowedProducers: null };

describe('the production flow', () => {
    let world: EmbeddedNetwork;
    let flow: Flow;
    beforeEach(async () => {
        world = await createWorld();
        flow = new Flow(world);
        await flow.fund('alice', '100000', 'fund-alice');
        await flow.registerModel('dana', 'bracket', unlimited);
        await flow.certify('erin', 'bracket');
    });

    async function produced(orderId: string, producer = 'printlab'): Promise<void> {
        await flow.order('alice', orderId, 'bracket', 2, '2000', producer);
        await flow.step('printlab', 'Accept', orderId);
        await flow.step('printlab', 'StartProduction', orderId);
        await flow.progress('printer', orderId, 'printing', 'layer 120 of 240');
        await flow.step('printlab', 'MarkProduced', orderId);
    }

    it('happy path: certified model, escrow, production, QC pass, split payout, reputation', async () => {
        // Given a customer with funds and a certified model (beforeEach)
        // When she orders two prints from printlab
        const ordered = await flow.order('alice', 'o-1', 'bracket', 2, '2000', 'printlab');
        // Then the price is escrowed with the split fixed now: producer 8500, royalty 1000, fee 500 bps
        expect(ordered.order).toMatchObject({
            status: 'ASSIGNED',
            holdId: 'prodcontrol:order:o-1',
            split: { producerBps: 8500, designerBps: 1000, feeBps: 500 },
        });
        expect(ordered.movements).toEqual([
            {
                kind: 'hold',
                from: 'alice',
                to: 'hold:prodcontrol:order:o-1',
                amount: '2000',
                holdId: 'prodcontrol:order:o-1',
                reference: 'order:o-1',
            },
        ]);
        expect(await flow.balance('alice')).toEqual({ account: 'alice', available: '98000', held: '2000' });
        // And the producer and its device take it through production
        await flow.step('printlab', 'Accept', 'o-1');
        await flow.step('printlab', 'StartProduction', 'o-1');
        await flow.progress('printer', 'o-1', 'printing', 'layer 120 of 240');
        await flow.progress('printer', 'o-1', 'post-processing', 'supports removed');
        await flow.step('printlab', 'MarkProduced', 'o-1');
        expect(
            (await evaluate<{ step: string }[]>(world, 'alice', 'prodcontrol', 'Progress', 'o-1')).map((p) => p.step),
        ).toEqual(['printing', 'post-processing']);
        // When the expert passes it
        const verdict = await flow.check('erin', 'qc-1', 'o-1', 'pass');
        // Then everybody is paid and the order is PASSED
        expect(verdict.order.status).toBe('PASSED');
        expect((await flow.balance('printlab')).available).toBe('1700');
        expect((await flow.balance('dana')).available).toBe('200');
        expect((await flow.balance('productivist')).available).toBe('100');
        expect(await flow.balance('alice')).toMatchObject({ available: '98000', held: '0' });
        expect(await flow.reputation('printlab')).toMatchObject({ producer: { pass: 1, fail: 0 } });
        expect(await flow.reputation('dana')).toMatchObject({ designer: { pass: 1, fail: 0 } });
        expect(await flow.reputation('erin')).toMatchObject({ expert: { verdicts: 1 } });
        // And the specification stayed private: the parties read it, its hash is public
        const spec = await evaluate<{ spec: string; specHash: string }>(
            world,
            'printlab',
            'prodcontrol',
            'GetSpec',
            'o-1',
        );
        expect(spec.spec).toContain('PLA');
        expect((await failure(evaluate(world, 'erin', 'prodcontrol', 'GetSpec', 'o-1'))).code).toBe('FORBIDDEN');
    });

    it('QC fail with refund: the customer gets her tokens back, the producer a failure', async () => {
        await produced('o-2');
        const verdict = await flow.check('erin', 'qc-2', 'o-2', 'refund', '0.4');
        expect(verdict.order.status).toBe('REFUNDED');
        expect(await flow.balance('alice')).toMatchObject({ available: '100000', held: '0' });
        expect((await flow.balance('printlab')).available).toBe('0');
        expect(await flow.reputation('printlab')).toMatchObject({ producer: { pass: 0, fail: 1 } });
    });

    it('QC fail with rework, then pass', async () => {
        await produced('o-3');
        expect((await flow.check('erin', 'qc-3a', 'o-3', 'rework', '0.5')).order.status).toBe('REWORK');
        expect(await flow.balance('alice')).toMatchObject({ held: '2000' });
        await flow.progress('printer', 'o-3', 'reprinting', 'second attempt');
        await flow.step('printlab', 'MarkProduced', 'o-3');
        expect((await flow.check('erin', 'qc-3b', 'o-3', 'pass')).order.status).toBe('PASSED');
        expect((await flow.balance('printlab')).available).toBe('1700');
        expect(await flow.reputation('printlab')).toMatchObject({ producer: { pass: 1, fail: 1 } });
        expect(await evaluate(world, 'alice', 'qualitycheck', 'CampaignsOfOrder', 'o-3')).toHaveLength(2);
    });

    it('cancellation before production refunds the escrow; after production starts it is refused', async () => {
        await flow.order('alice', 'o-4', 'bracket', 1, '900', 'printlab');
        const cancelled = await flow.step('alice', 'Cancel', 'o-4');
        expect(cancelled.order.status).toBe('CANCELLED');
        expect(cancelled.movements).toEqual([
            {
                kind: 'refund',
                from: 'hold:prodcontrol:order:o-4',
                to: 'alice',
                amount: '900',
                holdId: 'prodcontrol:order:o-4',
            },
        ]);
        expect(await flow.balance('alice')).toMatchObject({ available: '100000', held: '0' });
        await flow.order('alice', 'o-5', 'bracket', 1, '900', 'printlab');
        await flow.step('printlab', 'Accept', 'o-5');
        await flow.step('printlab', 'StartProduction', 'o-5');
        expect(await failure(flow.step('alice', 'Cancel', 'o-5'))).toEqual({
            code: 'CONFLICT',
            message:
                "CONFLICT: order 'o-5' is IN_PRODUCTION; cancelling needs OPEN or ASSIGNED or AWAITING_FUNDS or ACCEPTED",
        });
    });

    it('an open order is accepted by a producer and then funded by the customer', async () => {
        expect((await flow.order('alice', 'o-6', 'bracket', 1, '500', '')).order.status).toBe('OPEN');
        expect((await flow.step('printlab', 'Accept', 'o-6')).order).toMatchObject({
            status: 'AWAITING_FUNDS',
            producer: 'printlab',
            holdId: null,
        });
        const funded = await flow.step('alice', 'Fund', 'o-6');
        expect(funded.order).toMatchObject({ status: 'ACCEPTED', holdId: 'prodcontrol:order:o-6' });
        expect(await flow.balance('alice')).toMatchObject({ held: '500' });
    });

    it('licence exhausted: orders past the print limit are refused', async () => {
        await flow.registerModel('dana', 'limited', { royaltyBps: 500, printLimit: 3, allowedProducers: null });
        await flow.certify('erin', 'limited');
        await flow.order('alice', 'o-7', 'limited', 2, '100', 'printlab');
        expect(await failure(flow.order('alice', 'o-8', 'limited', 2, '100', 'printlab'))).toEqual({
            code: 'LIMIT_EXCEEDED',
            message: "LIMIT_EXCEEDED: model 'limited' allows 3 prints; 2 are ordered, 2 more would exceed it",
        });
        await flow.order('alice', 'o-9', 'limited', 1, '100', 'printlab');
        // A cancelled order gives its prints back
        await flow.step('alice', 'Cancel', 'o-7');
        await flow.order('alice', 'o-10', 'limited', 2, '100', 'printlab');
    });

    it('model revoked between order and production: production cannot start, the customer cancels for a refund', async () => {
        await flow.order('alice', 'o-11', 'bracket', 1, '700', 'printlab');
        await flow.step('printlab', 'Accept', 'o-11');
        await submit(world, 'erin', 'modelcert', 'Revoke', 'bracket', 'a'.repeat(64));
        expect(await failure(flow.step('printlab', 'StartProduction', 'o-11'))).toEqual({
            code: 'CONFLICT',
            message: "CONFLICT: model 'bracket' is REVOKED, not CERTIFIED; it cannot be produced",
        });
        expect((await failure(flow.order('alice', 'o-12', 'bracket', 1, '700', 'printlab'))).code).toBe('CONFLICT');
        await flow.step('alice', 'Cancel', 'o-11');
        expect(await flow.balance('alice')).toMatchObject({ available: '100000', held: '0' });
    });

    it('nothing is released twice, and nobody else can release', async () => {
        await produced('o-13');
        // The producer cannot pay itself: directly through productoken, or by recording a verdict
        expect(
            (await failure(submit(world, 'printlab', 'productoken', 'ReleaseHold', 'prodcontrol:order:o-13'))).code,
        ).toBe('FORBIDDEN');
        expect(await failure(submit(world, 'printlab', 'prodcontrol', 'RecordVerdict', 'o-13', 'PASSED'))).toEqual({
            code: 'FORBIDDEN',
            message: 'FORBIDDEN: verdicts are recorded only through qualitycheck',
        });
        // An expert cannot release the escrow except through qualitycheck
        expect(
            (await failure(submit(world, 'erin', 'productoken', 'ReleaseHold', 'prodcontrol:order:o-13'))).code,
        ).toBe('FORBIDDEN');
        // The customer is not an expert
        expect((await failure(submit(world, 'alice', 'qualitycheck', 'OpenCampaign', 'qc-x', 'o-13'))).code).toBe(
            'FORBIDDEN',
        );
        await flow.check('erin', 'qc-13', 'o-13', 'pass');
        // A second verdict on the same campaign, or a new campaign on a passed order, releases nothing
        expect(
            (await failure(submit(world, 'erin', 'qualitycheck', 'Verdict', 'qc-13', 'pass', 'b'.repeat(64)))).message,
        ).toBe("CONFLICT: campaign 'qc-13' is closed");
        expect((await failure(submit(world, 'erin', 'qualitycheck', 'OpenCampaign', 'qc-13b', 'o-13'))).code).toBe(
            'CONFLICT',
        );
        expect((await flow.balance('printlab')).available).toBe('1700');
    });

    it('a new organization granted the producer role fulfils an order with no contract change', async () => {
        await submit(world, 'admin', 'productoken', 'GrantRole', 'IndustrialMSP', 'producer');
        const acme = (await evaluate<{ account: string }>(world, 'acme', 'productoken', 'WhoAmI')).account;
        await flow.order('alice', 'o-14', 'bracket', 1, '1000', acme);
        await flow.step('acme', 'Accept', 'o-14');
        await flow.step('acme', 'StartProduction', 'o-14');
        await flow.step('acme', 'MarkProduced', 'o-14');
        await flow.check('erin', 'qc-14', 'o-14', 'pass');
        expect((await evaluate<{ available: string }>(world, 'acme', 'productoken', 'BalanceOf', acme)).available).toBe(
            '850',
        );
    });

    it('the certification cannot be written without the expert organization endorsing it', async () => {
        await flow.registerModel('dana', 'gear', unlimited);
        // Endorsed by Productivist and the designer org only: the key-level policy refuses it at commit
        const forged = await failure(
            world.contract('erin', 'modelcert').submit('Certify', {
                arguments: ['gear', 'c'.repeat(64)],
                endorsingOrganizations: ['ProductivistMSP', 'DesignerMSP'],
            }),
        );
        expect(forged.code).toBe('ENDORSEMENT_POLICY_FAILURE');
        expect(
            (await evaluate<{ certification: { status: string } }>(world, 'alice', 'modelcert', 'GetModel', 'gear'))
                .certification.status,
        ).toBe('PENDING');
        // With the expert organization it commits
        await world.contract('erin', 'modelcert').submit('Certify', {
            arguments: ['gear', 'c'.repeat(64)],
            endorsingOrganizations: ['ProductivistMSP', 'ExpertMSP'],
        });
        expect(
            (await evaluate<{ certification: { status: string } }>(world, 'alice', 'modelcert', 'GetModel', 'gear'))
                .certification.status,
        ).toBe('CERTIFIED');
    });
});
