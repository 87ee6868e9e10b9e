// SPDX-License-Identifier: Apache-2.0
//
// The production-flow scenarios, written once against a ledger: the same list runs on the embedded
// world (core-chaincode/src/flow.test.ts) and on a real Fabric network of the public example
// (cli/src/realnet/flowScenarios.test.ts). A real network keeps its state between scenarios and
// runs, so every scenario uses fresh ids and checks balances and reputation as changes, never as
// absolute values.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';

import type { Reputation } from '@productivist/core-chaincode';

import { Flow } from './flow.js';
import type { LicenceTerms } from './flow.js';
import type { ScenarioLedger } from './helpers.js';
import { evaluate, failure, submit } from './helpers.js';

/** Where the scenarios run: the public channel's four core contracts and the world's members. */
export interface FlowBackend {
    readonly name: string;
    readonly ledger: ScenarioLedger;
}

export interface FlowScenario {
    readonly name: string;
    readonly run: (backend: FlowBackend) => Promise<void>;
}

/** An id no other scenario or run uses (a real network keeps its state). */
export function freshId(label: string): string {
    return `${label}-${randomBytes(5).toString('hex')}`;
}

const unlimited: LicenceTerms = { royaltyBps: 1000, printLimit: null, allowedProducers: null };

/** The accounts the scenarios pay and are paid. */
const accounts = ['alice', 'printlab', 'dana', 'productivist'] as const;
type Account = (typeof accounts)[number];
type Balances = Record<Account, { available: bigint; held: bigint }>;

async function balances(flow: Flow): Promise<Balances> {
    const entries = await Promise.all(
        accounts.map(async (account) => {
            const { available, held } = await flow.balance(account);
            return [account, { available: BigInt(available), held: BigInt(held) }] as const;
        }),
    );
    return Object.fromEntries(entries) as Balances;
}

/** How each account's available and held amounts moved since `before` (as strings, for readable diffs). */
async function moved(flow: Flow, before: Balances): Promise<Record<Account, { available: string; held: string }>> {
    const after = await balances(flow);
    const change = (account: Account): { available: string; held: string } => ({
        available: (after[account].available - before[account].available).toString(),
        held: (after[account].held - before[account].held).toString(),
    });
    return Object.fromEntries(accounts.map((account) => [account, change(account)])) as Record<
        Account,
        { available: string; held: string }
    >;
}

/** `values` with the one at `index` increased by one. */
function increased(values: readonly number[], index: number): number[] {
    return values.map((value, i) => (i === index ? value + 1 : value));
}

const still = { available: '0', held: '0' };

/** Counts of a reputation, flattened for comparison: producer pass, fail, designer pass, fail, expert verdicts. */
function counts(reputation: Reputation | undefined): number[] {
    if (reputation === undefined) throw new Error('no reputation');
    return [
        reputation.producer.pass,
        reputation.producer.fail,
        reputation.designer.pass,
        reputation.designer.fail,
        reputation.expert.verdicts,
    ];
}

/**
 * A scenario's starting point: alice funded, a fresh certified model of dana's, fresh order ids.
 * Everything else the scenarios touch is read before and compared after.
 */
class Given {
    readonly flow: Flow;
    readonly model = freshId('bracket');

    private constructor(readonly backend: FlowBackend) {
        this.flow = new Flow(backend.ledger);
    }

    static async start(backend: FlowBackend, licence: LicenceTerms = unlimited): Promise<Given> {
        const given = new Given(backend);
        await given.flow.fund('alice', '100000', freshId('fund'));
        await given.flow.registerModel('dana', given.model, licence);
        await given.flow.certify('erin', given.model);
        return given;
    }

    /** An order of two prints for 2000, taken through production up to PRODUCED. */
    async produced(orderId: string): Promise<void> {
        await this.flow.order('alice', orderId, this.model, 2, '2000', 'printlab');
        await this.flow.step('printlab', 'Accept', orderId);
        await this.flow.step('printlab', 'StartProduction', orderId);
        await this.flow.progress('printer', orderId, 'printing', 'layer 120 of 240');
        await this.flow.step('printlab', 'MarkProduced', orderId);
    }
}

export const flowScenarios: readonly FlowScenario[] = [
    {
        name: 'happy path: certified model, escrow, production, QC pass, split payout, reputation',
        run: async (backend) => {
            // Given a customer with funds and a certified model
            const given = await Given.start(backend);
            const { flow } = given;
            const order = freshId('o');
            const hold = `prodcontrol:order:${order}`;
            const before = await balances(flow);
            const reputations = await Promise.all(['printlab', 'dana', 'erin'].map((a) => flow.reputation(a)));
            // When she orders two prints from printlab
            const ordered = await flow.order('alice', order, given.model, 2, '2000', 'printlab');
            // Then the price is escrowed with the split fixed now: producer 8500, royalty 1000, fee 500 bps
            assert.equal(ordered.order.status, 'ASSIGNED');
            assert.equal(ordered.order.holdId, hold);
            assert.deepEqual(ordered.order.split, { producerBps: 8500, designerBps: 1000, feeBps: 500 });
            assert.deepEqual(ordered.movements, [
                {
                    kind: 'hold',
                    from: 'alice',
                    to: `hold:${hold}`,
                    amount: '2000',
                    holdId: hold,
                    reference: `order:${order}`,
                },
            ]);
            assert.deepEqual((await moved(flow, before)).alice, { available: '-2000', held: '2000' });
            // And the producer and its device take it through production
            await flow.step('printlab', 'Accept', order);
            await flow.step('printlab', 'StartProduction', order);
            await flow.progress('printer', order, 'printing', 'layer 120 of 240');
            await flow.progress('printer', order, 'post-processing', 'supports removed');
            await flow.step('printlab', 'MarkProduced', order);
            const progress = await evaluate<{ step: string }[]>(
                backend.ledger,
                'alice',
                'prodcontrol',
                'Progress',
                order,
            );
            assert.deepEqual(
                progress.map((p) => p.step),
                ['printing', 'post-processing'],
            );
            // When the expert passes it
            const verdict = await flow.check('erin', freshId('qc'), order, 'pass');
            // Then everybody is paid and the order is PASSED
            assert.equal(verdict.order.status, 'PASSED');
            assert.deepEqual(await moved(flow, before), {
                alice: { available: '-2000', held: '0' },
                printlab: { available: '1700', held: '0' },
                dana: { available: '200', held: '0' },
                productivist: { available: '100', held: '0' },
            });
            const [printlab, dana, erin] = await Promise.all(
                ['printlab', 'dana', 'erin'].map((a) => flow.reputation(a)),
            );
            const [printlab0, dana0, erin0] = reputations;
            assert.deepEqual(counts(printlab), increased(counts(printlab0), 0));
            assert.deepEqual(counts(dana), increased(counts(dana0), 2));
            assert.deepEqual(counts(erin), increased(counts(erin0), 4));
            // And the specification stayed private: the parties read it, its hash is public
            const spec = await evaluate<{ spec: string }>(backend.ledger, 'printlab', 'prodcontrol', 'GetSpec', order);
            assert.match(spec.spec, /PLA/);
            assert.equal(
                (await failure(evaluate(backend.ledger, 'erin', 'prodcontrol', 'GetSpec', order))).code,
                'FORBIDDEN',
            );
        },
    },
    {
        name: 'QC fail with refund: the customer gets her tokens back, the producer a failure',
        run: async (backend) => {
            const given = await Given.start(backend);
            const { flow } = given;
            const order = freshId('o');
            const before = await balances(flow);
            const producer = await flow.reputation('printlab');
            await given.produced(order);
            // When the expert fails it with a refund
            const verdict = await flow.check('erin', freshId('qc'), order, 'refund', '0.4');
            // Then the escrow went back to alice, nobody was paid, and printlab has one more failure
            assert.equal(verdict.order.status, 'REFUNDED');
            assert.deepEqual(await moved(flow, before), {
                alice: still,
                printlab: still,
                dana: still,
                productivist: still,
            });
            const after = await flow.reputation('printlab');
            assert.deepEqual(
                [after.producer.pass, after.producer.fail],
                [producer.producer.pass, producer.producer.fail + 1],
            );
        },
    },
    {
        name: 'QC fail with rework, then pass',
        run: async (backend) => {
            const given = await Given.start(backend);
            const { flow } = given;
            const order = freshId('o');
            const before = await balances(flow);
            const producer = await flow.reputation('printlab');
            await given.produced(order);
            assert.equal((await flow.check('erin', freshId('qc'), order, 'rework', '0.5')).order.status, 'REWORK');
            // The escrow stays held during the rework
            assert.deepEqual((await moved(flow, before)).alice, { available: '-2000', held: '2000' });
            await flow.progress('printer', order, 'reprinting', 'second attempt');
            await flow.step('printlab', 'MarkProduced', order);
            assert.equal((await flow.check('erin', freshId('qc'), order, 'pass')).order.status, 'PASSED');
            assert.deepEqual((await moved(flow, before)).printlab, { available: '1700', held: '0' });
            const after = await flow.reputation('printlab');
            assert.deepEqual(
                [after.producer.pass, after.producer.fail],
                [producer.producer.pass + 1, producer.producer.fail + 1],
            );
            assert.equal(
                (await evaluate<unknown[]>(backend.ledger, 'alice', 'qualitycheck', 'CampaignsOfOrder', order)).length,
                2,
            );
        },
    },
    {
        name: 'cancellation before production refunds the escrow; after production starts it is refused',
        run: async (backend) => {
            const given = await Given.start(backend);
            const { flow } = given;
            const [cancelled, started] = [freshId('o'), freshId('o')];
            const before = await balances(flow);
            await flow.order('alice', cancelled, given.model, 1, '900', 'printlab');
            const result = await flow.step('alice', 'Cancel', cancelled);
            assert.equal(result.order.status, 'CANCELLED');
            const hold = `prodcontrol:order:${cancelled}`;
            assert.deepEqual(result.movements, [
                { kind: 'refund', from: `hold:${hold}`, to: 'alice', amount: '900', holdId: hold },
            ]);
            assert.deepEqual((await moved(flow, before)).alice, still);
            await flow.order('alice', started, given.model, 1, '900', 'printlab');
            await flow.step('printlab', 'Accept', started);
            await flow.step('printlab', 'StartProduction', started);
            assert.deepEqual(await failure(flow.step('alice', 'Cancel', started)), {
                code: 'CONFLICT',
                message: `CONFLICT: order '${started}' is IN_PRODUCTION; cancelling needs OPEN or ASSIGNED or AWAITING_FUNDS or ACCEPTED`,
            });
        },
    },
    {
        name: 'an open order is accepted by a producer and then funded by the customer',
        run: async (backend) => {
            const given = await Given.start(backend);
            const { flow } = given;
            const order = freshId('o');
            const before = await balances(flow);
            assert.equal((await flow.order('alice', order, given.model, 1, '500', '')).order.status, 'OPEN');
            const accepted = (await flow.step('printlab', 'Accept', order)).order;
            assert.deepEqual(
                [accepted.status, accepted.producer, accepted.holdId],
                ['AWAITING_FUNDS', 'printlab', null],
            );
            const funded = (await flow.step('alice', 'Fund', order)).order;
            assert.deepEqual([funded.status, funded.holdId], ['ACCEPTED', `prodcontrol:order:${order}`]);
            assert.deepEqual((await moved(flow, before)).alice, { available: '-500', held: '500' });
        },
    },
    {
        name: 'licence exhausted: orders past the print limit are refused',
        run: async (backend) => {
            const given = await Given.start(backend, { royaltyBps: 500, printLimit: 3, allowedProducers: null });
            const { flow, model } = given;
            const [first, refused, third, again] = [freshId('o'), freshId('o'), freshId('o'), freshId('o')];
            await flow.order('alice', first, model, 2, '100', 'printlab');
            assert.deepEqual(await failure(flow.order('alice', refused, model, 2, '100', 'printlab')), {
                code: 'LIMIT_EXCEEDED',
                message: `LIMIT_EXCEEDED: model '${model}' allows 3 prints; 2 are ordered, 2 more would exceed it`,
            });
            await flow.order('alice', third, model, 1, '100', 'printlab');
            // A cancelled order gives its prints back
            await flow.step('alice', 'Cancel', first);
            await flow.order('alice', again, model, 2, '100', 'printlab');
        },
    },
    {
        name: 'model revoked between order and production: production cannot start, the customer cancels for a refund',
        run: async (backend) => {
            const given = await Given.start(backend);
            const { flow, model } = given;
            const order = freshId('o');
            const before = await balances(flow);
            await flow.order('alice', order, model, 1, '700', 'printlab');
            await flow.step('printlab', 'Accept', order);
            await submit(backend.ledger, 'erin', 'modelcert', 'Revoke', model, 'a'.repeat(64));
            assert.deepEqual(await failure(flow.step('printlab', 'StartProduction', order)), {
                code: 'CONFLICT',
                message: `CONFLICT: model '${model}' is REVOKED, not CERTIFIED; it cannot be produced`,
            });
            assert.equal(
                (await failure(flow.order('alice', freshId('o'), model, 1, '700', 'printlab'))).code,
                'CONFLICT',
            );
            await flow.step('alice', 'Cancel', order);
            assert.deepEqual((await moved(flow, before)).alice, still);
        },
    },
    {
        name: 'wrong party: nobody but qualitycheck releases an escrow, and nothing is released twice',
        run: async (backend) => {
            const given = await Given.start(backend);
            const { flow } = given;
            const ledger = backend.ledger;
            const order = freshId('o');
            const hold = `prodcontrol:order:${order}`;
            const campaign = freshId('qc');
            await given.produced(order);
            const before = await balances(flow);
            // The producer cannot pay itself: directly through productoken, or by recording a verdict
            assert.equal(
                (await failure(submit(ledger, 'printlab', 'productoken', 'ReleaseHold', hold))).code,
                'FORBIDDEN',
            );
            assert.deepEqual(
                await failure(submit(ledger, 'printlab', 'prodcontrol', 'RecordVerdict', order, 'PASSED')),
                {
                    code: 'FORBIDDEN',
                    message: 'FORBIDDEN: verdicts are recorded only through qualitycheck',
                },
            );
            // An expert cannot release the escrow except through qualitycheck
            assert.equal((await failure(submit(ledger, 'erin', 'productoken', 'ReleaseHold', hold))).code, 'FORBIDDEN');
            // The customer is not an expert
            assert.equal(
                (await failure(submit(ledger, 'alice', 'qualitycheck', 'OpenCampaign', freshId('qc'), order))).code,
                'FORBIDDEN',
            );
            assert.deepEqual(await moved(flow, before), {
                alice: still,
                printlab: still,
                dana: still,
                productivist: still,
            });
            await flow.check('erin', campaign, order, 'pass');
            // A second verdict on the same campaign, or a new campaign on a passed order, releases nothing
            assert.equal(
                (await failure(submit(ledger, 'erin', 'qualitycheck', 'Verdict', campaign, 'pass', 'b'.repeat(64))))
                    .message,
                `CONFLICT: campaign '${campaign}' is closed`,
            );
            assert.equal(
                (await failure(submit(ledger, 'erin', 'qualitycheck', 'OpenCampaign', freshId('qc'), order))).code,
                'CONFLICT',
            );
            assert.deepEqual((await moved(flow, before)).printlab, { available: '1700', held: '0' });
        },
    },
    {
        name: 'the certification cannot be written without the expert organization endorsing it',
        run: async (backend) => {
            const flow = new Flow(backend.ledger);
            const model = freshId('gear');
            await flow.registerModel('dana', model, unlimited);
            const status = async (): Promise<string> =>
                (
                    await evaluate<{ certification: { status: string } }>(
                        backend.ledger,
                        'alice',
                        'modelcert',
                        'GetModel',
                        model,
                    )
                ).certification.status;
            // Endorsed by Productivist and the designer org only: the key-level policy refuses it at commit
            const certify = backend.ledger.contract('erin', 'modelcert');
            const forged = await failure(
                certify.submit('Certify', {
                    arguments: [model, 'c'.repeat(64)],
                    endorsingOrganizations: ['ProductivistMSP', 'DesignerMSP'],
                }),
            );
            assert.equal(forged.code, 'ENDORSEMENT_POLICY_FAILURE');
            assert.equal(await status(), 'PENDING');
            // With the expert organization it commits
            await certify.submit('Certify', {
                arguments: [model, 'c'.repeat(64)],
                endorsingOrganizations: ['ProductivistMSP', 'ExpertMSP'],
            });
            assert.equal(await status(), 'CERTIFIED');
        },
    },
];
