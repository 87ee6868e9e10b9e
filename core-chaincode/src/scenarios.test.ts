// SPDX-License-Identifier: Apache-2.0
//
// Commands and error codes of modelcert, prodcontrol and qualitycheck not already walked through by
// the flow tests.
import type { EmbeddedNetwork } from '@productivist/ledger';

import { createWorld, enrollMember, evaluate, failure, Flow, sha256, submit } from '@productivist/clients/testing';
import type { Model } from './modelcert/model.js';
import { memberAttribute } from './shared/caller.js';

const licence = { royaltyBps: 1000, printLimit: null, allowedProducers: null };
const hash = 'e'.repeat(64);

describe('modelcert scenarios', () => {
    let world: EmbeddedNetwork;
    let flow: Flow;
    beforeEach(async () => {
        world = await createWorld();
        flow = new Flow(world);
        await flow.registerModel('dana', 'vase', licence);
    });

    it('registers a model as PENDING, with versions linked to the previous one', async () => {
        const v2 = await flow.registerModel('dana', 'vase-v2', licence, 'second file', 'vase');
        expect(v2).toMatchObject({
            id: 'vase-v2',
            designer: 'dana',
            version: 2,
            previous: 'vase',
            contentHash: sha256('second file'),
        });
        expect(await evaluate(world, 'alice', 'modelcert', 'GetModel', 'vase')).toMatchObject({
            certification: { status: 'PENDING', expert: null },
        });
        expect(await failure(flow.registerModel('dana', 'vase', licence))).toEqual({
            code: 'CONFLICT',
            message: "CONFLICT: model 'vase' already exists; a new version needs a new id",
        });
        expect(await failure(flow.registerModel('dana', 'vase-v3', licence, 'x', 'nope'))).toEqual({
            code: 'NOT_FOUND',
            message: "NOT_FOUND: model 'nope' does not exist",
        });
        expect((await failure(flow.registerModel('alice-designer', 'vase-fork', licence, 'x', 'vase'))).message).toBe(
            "FORBIDDEN: model 'vase' belongs to 'dana'; only its designer may version it",
        );
    });

    it.each([
        [
            ['m', 'T', 'not-a-hash', JSON.stringify(licence), ''],
            'INVALID_ARGUMENT: contentHash must be a SHA-256 hash in lowercase hex (64 characters)',
        ],
        [
            ['m', 'T', hash, '{"royaltyBps":6000,"printLimit":null,"allowedProducers":null}', ''],
            'INVALID_ARGUMENT: licence.royaltyBps must be a whole number of basis points from 0 to 5000',
        ],
        [
            ['m', 'T', hash, '{"royaltyBps":0,"printLimit":0,"allowedProducers":null}', ''],
            'INVALID_ARGUMENT: licence.printLimit must be a positive whole number, or null for unlimited',
        ],
        [
            ['m', 'T', hash, '{"royaltyBps":0,"printLimit":null,"allowedProducers":[]}', ''],
            'INVALID_ARGUMENT: licence.allowedProducers must be a non-empty list of producer accounts, or null for any producer',
        ],
        [
            ['m', 'T', hash, '{"royaltyBps":0,"colour":"red"}', ''],
            'INVALID_ARGUMENT: licence has unknown fields colour; allowed: royaltyBps, printLimit, allowedProducers',
        ],
        [['m', '', hash, JSON.stringify(licence), ''], 'INVALID_ARGUMENT: title must be 1 to 200 characters'],
    ])('refuses RegisterModel %j', async (args, message) => {
        const before = world.stateHash();
        expect(await failure(submit(world, 'dana', 'modelcert', 'RegisterModel', ...args))).toEqual({
            code: 'INVALID_ARGUMENT',
            message,
        });
        expect(world.stateHash()).toBe(before);
    });

    it('lets only the designer change a model, and experts move its certification through its states', async () => {
        const updated = await submit<Model>(
            world,
            'dana',
            'modelcert',
            'UpdateModel',
            'vase',
            'Vase, larger',
            JSON.stringify({ ...licence, printLimit: 5 }),
        );
        expect(updated).toMatchObject({ title: 'Vase, larger', licence: { printLimit: 5 } });
        expect(
            (
                await failure(
                    submit(
                        world,
                        'alice-designer',
                        'modelcert',
                        'UpdateModel',
                        'vase',
                        'Mine',
                        JSON.stringify(licence),
                    ),
                )
            ).code,
        ).toBe('FORBIDDEN');
        await submit(world, 'erin', 'modelcert', 'Reject', 'vase', hash);
        expect((await failure(submit(world, 'erin', 'modelcert', 'Reject', 'vase', hash))).message).toBe(
            "CONFLICT: model 'vase' is REJECTED and cannot be rejected",
        );
        expect((await failure(submit(world, 'erin', 'modelcert', 'Revoke', 'vase', hash))).message).toBe(
            "CONFLICT: model 'vase' is REJECTED and cannot be revoked",
        );
        await submit(world, 'erin', 'modelcert', 'Certify', 'vase', hash);
        await submit(world, 'erin', 'modelcert', 'Revoke', 'vase', hash);
        const history = await evaluate<{ certification: { value: { status: string } }[] }>(
            world,
            'alice',
            'modelcert',
            'ModelHistory',
            'vase',
        );
        expect(history.certification.map((entry) => entry.value.status)).toEqual([
            'REVOKED',
            'CERTIFIED',
            'REJECTED',
            'PENDING',
        ]);
        expect((await failure(submit(world, 'erin', 'modelcert', 'Certify', 'vase', 'short'))).code).toBe(
            'INVALID_ARGUMENT',
        );
    });

    it('records a customer acknowledgement once', async () => {
        expect(await submit(world, 'alice', 'modelcert', 'Acknowledge', 'vase')).toEqual({
            modelId: 'vase',
            account: 'alice',
            contentHash: sha256('model file of vase'),
        });
        expect((await failure(submit(world, 'alice', 'modelcert', 'Acknowledge', 'vase'))).code).toBe('CONFLICT');
        expect((await failure(submit(world, 'alice', 'modelcert', 'Acknowledge', 'nope'))).code).toBe('NOT_FOUND');
    });

    it('lists models by designer and by status, one page at a time', async () => {
        await flow.registerModel('dana', 'cup', licence);
        await flow.certify('erin', 'cup');
        type Listing = { items: { model: { id: string } }[]; bookmark: string };
        const first = await evaluate<Listing>(world, 'erin', 'modelcert', 'ModelsByDesigner', 'dana', '1', '');
        expect(first.items.map((i) => i.model.id)).toEqual(['cup']);
        expect(
            (
                await evaluate<Listing>(world, 'erin', 'modelcert', 'ModelsByDesigner', 'dana', '1', first.bookmark)
            ).items.map((i) => i.model.id),
        ).toEqual(['vase']);
        expect(
            (await evaluate<Listing>(world, 'erin', 'modelcert', 'ModelsByStatus', 'CERTIFIED', '10', '')).items.map(
                (i) => i.model.id,
            ),
        ).toEqual(['cup']);
        expect(
            (await evaluate<Listing>(world, 'erin', 'modelcert', 'ModelsByStatus', 'PENDING', '10', '')).items.map(
                (i) => i.model.id,
            ),
        ).toEqual(['vase']);
        expect((await failure(evaluate(world, 'erin', 'modelcert', 'ModelsByStatus', 'LOST', '10', ''))).message).toBe(
            "INVALID_ARGUMENT: status 'LOST' is not one of PENDING, CERTIFIED, REJECTED, REVOKED",
        );
    });

    it('refuses a designer certifying its own model', async () => {
        await enrollMember(world, 'eve-both', { mspId: 'ExpertMSP', attributes: { [memberAttribute]: 'dana' } });
        expect((await failure(submit(world, 'eve-both', 'modelcert', 'Certify', 'vase', hash))).message).toBe(
            "FORBIDDEN: 'dana' designed model 'vase' and cannot certify it",
        );
    });
});

describe('prodcontrol scenarios', () => {
    let world: EmbeddedNetwork;
    let flow: Flow;
    beforeEach(async () => {
        world = await createWorld();
        flow = new Flow(world);
        await flow.fund('alice', '5000', 'fund');
        await flow.registerModel('dana', 'cup', { royaltyBps: 1000, printLimit: null, allowedProducers: ['printlab'] });
        await flow.certify('erin', 'cup');
    });

    it('refuses bad orders without writing anything', async () => {
        const before = world.stateHash();
        expect((await failure(flow.order('alice', 'o', 'cup', 0, '100', 'printlab'))).message).toBe(
            "INVALID_ARGUMENT: quantity '0' must be a whole number from 1 to 999999",
        );
        expect((await failure(flow.order('alice', 'o', 'cup', 1, '1.5', 'printlab'))).code).toBe('INVALID_ARGUMENT');
        expect((await failure(flow.order('alice', 'o', 'cup', 1, '100', 'printlab', ''))).message).toBe(
            'INVALID_ARGUMENT: the order specification must be passed as transient field "spec"',
        );
        expect((await failure(flow.order('alice', 'o', 'nope', 1, '100', 'printlab'))).code).toBe('NOT_FOUND');
        expect((await failure(flow.order('alice', 'o', 'cup', 1, '100', 'otherlab'))).message).toBe(
            "FORBIDDEN: the licence of model 'cup' does not allow producer 'otherlab'; allowed: printlab",
        );
        expect(await failure(flow.order('alice', 'o', 'cup', 1, '5001', 'printlab'))).toEqual({
            code: 'INSUFFICIENT_FUNDS',
            message:
                "INSUFFICIENT_FUNDS: account 'alice' has 5000 available and cannot pay 5001 (base 0, named credits 5000; " +
                "credits not named are not read: name them from CreditsOf in transient field 'credits', or merge them into the base with Consolidate)",
        });
        expect((await failure(flow.order('dana', 'o', 'cup', 1, '100', 'printlab'))).code).toBe('FORBIDDEN');
        expect(world.stateHash()).toBe(before);
        await flow.order('alice', 'o', 'cup', 1, '100', 'printlab');
        expect((await failure(flow.order('alice', 'o', 'cup', 1, '100', 'printlab'))).message).toBe(
            "CONFLICT: order 'o' already exists; choose another order id",
        );
    });

    it('keeps each step to its party and state', async () => {
        await flow.order('alice', 'o', 'cup', 1, '100', 'printlab');
        expect((await failure(flow.step('printlab', 'StartProduction', 'o'))).message).toBe(
            "CONFLICT: order 'o' is ASSIGNED; starting production needs ACCEPTED",
        );
        await flow.step('printlab', 'Accept', 'o');
        await flow.step('printlab', 'StartProduction', 'o');
        expect((await failure(flow.progress('printer', 'o', 'Printing!', ''))).message).toBe(
            "INVALID_ARGUMENT: step 'Printing!' must be a lowercase word such as printing or post-processing",
        );
        expect((await failure(flow.progress('printlab', 'o', 'printing', ''))).message).toBe(
            "FORBIDDEN: only a controller device bound to producer 'printlab' may report progress on order 'o'",
        );
        expect((await failure(flow.step('printlab', 'Fund', 'o'))).code).toBe('FORBIDDEN');
        expect((await failure(flow.step('alice', 'MarkProduced', 'o'))).code).toBe('FORBIDDEN');
        expect((await failure(evaluate(world, 'alice', 'prodcontrol', 'GetOrder', 'missing'))).code).toBe('NOT_FOUND');
        type Listing = { items: { id: string }[]; bookmark: string };
        expect(
            (await evaluate<Listing>(world, 'alice', 'prodcontrol', 'OrdersOfCustomer', 'alice', '10', '')).items.map(
                (o) => o.id,
            ),
        ).toEqual(['o']);
        expect(
            (
                await evaluate<Listing>(world, 'printlab', 'prodcontrol', 'OrdersOfProducer', 'printlab', '10', '')
            ).items.map((o) => o.id),
        ).toEqual(['o']);
    });
});

describe('qualitycheck scenarios', () => {
    it('guards campaigns: produced orders only, no judging your own order, well-formed results and outcomes', async () => {
        const world = await createWorld();
        const flow = new Flow(world);
        await flow.fund('alice', '5000', 'fund');
        await flow.registerModel('dana', 'cup', licence);
        await flow.certify('erin', 'cup');
        await flow.order('alice', 'o', 'cup', 1, '100', 'printlab');
        expect((await failure(submit(world, 'erin', 'qualitycheck', 'OpenCampaign', 'c', 'o'))).message).toBe(
            "CONFLICT: order 'o' is ASSIGNED; a campaign needs a PRODUCED order",
        );
        await flow.step('printlab', 'Accept', 'o');
        await flow.step('printlab', 'StartProduction', 'o');
        await flow.step('printlab', 'MarkProduced', 'o');
        await enrollMember(world, 'printlab-expert', {
            mspId: 'ExpertMSP',
            attributes: { [memberAttribute]: 'printlab' },
        });
        expect(
            (await failure(submit(world, 'printlab-expert', 'qualitycheck', 'OpenCampaign', 'c', 'o'))).message,
        ).toBe("FORBIDDEN: 'printlab' is a party to order 'o' and cannot judge it");
        await submit(world, 'erin', 'qualitycheck', 'OpenCampaign', 'c', 'o');
        expect((await failure(submit(world, 'erin', 'qualitycheck', 'OpenCampaign', 'c2', 'o'))).message).toBe(
            "CONFLICT: order 'o' already has the open campaign 'c'",
        );
        expect(
            (
                await failure(
                    submit(world, 'erin', 'qualitycheck', 'RecordResult', 'c', 'thickness', 'thick', 'mm', hash),
                )
            ).message,
        ).toBe("INVALID_ARGUMENT: value 'thick' must be a decimal number such as 1.25");
        expect((await failure(submit(world, 'erin', 'qualitycheck', 'Verdict', 'c', 'maybe', hash))).message).toBe(
            "INVALID_ARGUMENT: outcome 'maybe' is not one of pass, refund, rework",
        );
        expect((await failure(evaluate(world, 'erin', 'qualitycheck', 'GetCampaign', 'none'))).code).toBe('NOT_FOUND');
        await submit(world, 'erin', 'qualitycheck', 'Verdict', 'c', 'pass', hash);
        expect(await evaluate(world, 'alice', 'qualitycheck', 'GetCampaign', 'c')).toMatchObject({
            status: 'CLOSED',
            outcome: 'pass',
        });
    });

    it('ranks producers by their record', async () => {
        const world = await createWorld();
        const flow = new Flow(world);
        await enrollMember(world, 'fablab', { mspId: 'ProducerMSP', attributes: { [memberAttribute]: 'fablab' } });
        await flow.fund('alice', '50000', 'fund');
        await flow.registerModel('dana', 'cup', licence);
        await flow.certify('erin', 'cup');
        const produce = async (
            id: string,
            producer: 'printlab' | 'fablab',
            outcome: 'pass' | 'refund',
        ): Promise<void> => {
            await flow.order('alice', id, 'cup', 1, '100', producer);
            await flow.step(producer, 'Accept', id);
            await flow.step(producer, 'StartProduction', id);
            await flow.step(producer, 'MarkProduced', id);
            await flow.check('erin', `qc-${id}`, id, outcome);
        };
        await produce('a', 'printlab', 'pass');
        await produce('b', 'printlab', 'pass');
        await produce('c', 'fablab', 'pass');
        await produce('d', 'fablab', 'refund');
        expect(await evaluate(world, 'alice', 'qualitycheck', 'Ranking', 'producer', '10')).toEqual([
            { account: 'printlab', pass: 2, fail: 0, score: '0.7500' },
            { account: 'fablab', pass: 1, fail: 1, score: '0.5000' },
        ]);
        expect((await failure(evaluate(world, 'alice', 'qualitycheck', 'Ranking', 'expert', '10'))).code).toBe(
            'INVALID_ARGUMENT',
        );
    });
});
