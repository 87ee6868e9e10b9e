// SPDX-License-Identifier: Apache-2.0
//
// Exact refusals, payloads and read results of qualitycheck (issue 18, item 7: mutation testing).
// Each test names what a caller did wrong and checks the whole message, the Verdict event, and the
// exact contents of CampaignsOfOrder, Reputation and Ranking, so that a changed check, message,
// key or tie order fails a test.
import { createHash } from 'node:crypto';

import type { EmbeddedNetwork } from '@productivist/ledger';

import type { Order, OrderResult } from '../prodcontrol/orders.js';
import type { Movement, TokenEvent } from '../productoken/movements.js';
import { tokenEventName } from '../productoken/movements.js';
import { memberAttribute } from '../shared/caller.js';
import { createWorld, enrollMember, evaluate, failure, spendOptions, submit } from '@productivist/clients/testing';
import type { Campaign, Reputation, TestResult } from './campaigns.js';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const day = 24 * 3600 * 1000;
const start = Date.parse('2026-03-01T00:00:00Z');
const qualityDueAt = '2026-03-15T00:00:00.000Z';
const report = sha256('report');
const notMember = `identity of CustomerMSP is not a Productivist member (no ${memberAttribute} attribute) and cannot`;

let world: EmbeddedNetwork;
let now = new Date(start);
const at = (days: number): void => {
    now = new Date(start + days * day);
};

async function accountOf(member: string): Promise<string> {
    const caller = JSON.parse(
        Buffer.from(await world.contract(member, 'productoken').evaluate('WhoAmI')).toString(),
    ) as { account: string };
    return caller.account;
}

/** Places an order of the certified model 'cup' from alice ('' for an open order, no producer). */
async function order(id: string, producer: string): Promise<void> {
    await world.contract('alice', 'prodcontrol').submit(
        'Order',
        await spendOptions(world, 'alice', 'prodcontrol', 'Order', [id, 'cup', '1', '100', producer], {
            spec: 'PLA',
        }),
    );
}

/** An order of `producer` marked produced (on day 0 unless the clock was moved). */
async function produced(id: string, producer: string): Promise<void> {
    await order(id, producer);
    await submit(world, producer, 'prodcontrol', 'Accept', id);
    await submit(world, producer, 'prodcontrol', 'StartProduction', id);
    await submit(world, producer, 'prodcontrol', 'MarkProduced', id);
}

/** erin judges a produced order once per outcome; after a rework the producer marks it produced again. */
async function judged(id: string, producer: string, verdicts: readonly ('pass' | 'rework')[]): Promise<void> {
    await produced(id, producer);
    for (const [i, outcome] of verdicts.entries()) {
        if (i > 0) await submit(world, producer, 'prodcontrol', 'MarkProduced', id);
        await submit(world, 'erin', 'qualitycheck', 'OpenCampaign', `${id}-qc-${String(i)}`, id);
        await submit(world, 'erin', 'qualitycheck', 'Verdict', `${id}-qc-${String(i)}`, outcome, report);
    }
}

beforeAll(async () => {
    // Given a marketplace on a clock: alice funded, dana's model 'cup' certified by erin,
    // IndustrialMSP (acme) granted the expert role, and more members
    world = await createWorld({ now: () => now });
    await submit(world, 'treasury', 'productoken', 'Mint', 'alice', '100000', 'fund-alice');
    const licence = JSON.stringify({ royaltyBps: 1000, printLimit: null, allowedProducers: null });
    await submit(world, 'dana', 'modelcert', 'RegisterModel', 'cup', 'Cup', sha256('file'), licence, '');
    await submit(world, 'erin', 'modelcert', 'Certify', 'cup', report);
    await submit(world, 'admin', 'productoken', 'GrantRole', 'IndustrialMSP', 'expert');
    await enrollMember(world, 'erin-colleague', { mspId: 'ExpertMSP', attributes: { [memberAttribute]: 'frank' } });
    // An expert whose member id is the text 'null' (an order's missing producer is no party)
    await enrollMember(world, 'null-expert', { mspId: 'ExpertMSP', attributes: { [memberAttribute]: 'null' } });
    for (const name of ['amy', 'bob', 'carl'])
        await enrollMember(world, name, { mspId: 'ProducerMSP', attributes: { [memberAttribute]: name } });
    await produced('o-1', 'printlab');
    await produced('o-2', 'printlab');
    await produced('o-3', 'printlab');
    await order('o-open', '');
});

describe('qualitycheck: OpenCampaign and GetCampaign refusals', () => {
    let opened: Campaign;

    it('names the missing expert role, a malformed id, a reused id and an order not produced', async () => {
        const before = world.stateHash();
        // A customer may not open a campaign
        expect(await failure(submit(world, 'alice', 'qualitycheck', 'OpenCampaign', 'qc-1', 'o-1'))).toEqual({
            code: 'FORBIDDEN',
            message:
                "FORBIDDEN: member 'alice' (CustomerMSP) does not hold the expert role (its organization CustomerMSP is not granted it) and cannot open test campaigns",
        });
        // A malformed campaign id
        expect(await failure(submit(world, 'erin', 'qualitycheck', 'OpenCampaign', 'qc 1', 'o-1'))).toEqual({
            code: 'INVALID_ARGUMENT',
            message:
                "INVALID_ARGUMENT: campaign id 'qc 1' must be 1 to 64 letters, digits, '.', '_', ':' or '-', starting with a letter or digit",
        });
        // An open order has no producer: the expert 'null' is no party to it, the order is just not produced
        expect(await failure(submit(world, 'null-expert', 'qualitycheck', 'OpenCampaign', 'qc-x', 'o-open'))).toEqual({
            code: 'CONFLICT',
            message: "CONFLICT: order 'o-open' is OPEN; a campaign needs a PRODUCED order",
        });
        expect(world.stateHash()).toBe(before);

        // When erin opens qc-1 on o-1
        opened = await submit<Campaign>(world, 'erin', 'qualitycheck', 'OpenCampaign', 'qc-1', 'o-1');
        expect(opened).toEqual({
            id: 'qc-1',
            orderId: 'o-1',
            expert: 'erin',
            expertMsp: 'ExpertMSP',
            status: 'OPEN',
            outcome: null,
            reportHash: null,
            openedIn: expect.any(String) as unknown,
            closedIn: null,
        });
        // Then the id is taken, for another order too
        const after = world.stateHash();
        expect(await failure(submit(world, 'acme', 'qualitycheck', 'OpenCampaign', 'qc-1', 'o-2'))).toEqual({
            code: 'CONFLICT',
            message: "CONFLICT: campaign 'qc-1' already exists",
        });
        expect(world.stateHash()).toBe(after);
        // And the open campaign of o-1 does not block one on o-2
        expect((await submit<Campaign>(world, 'erin', 'qualitycheck', 'OpenCampaign', 'qc-2', 'o-2')).orderId).toBe(
            'o-2',
        );
        await submit(world, 'erin', 'qualitycheck', 'OpenCampaign', 'qc-3', 'o-3');
    });

    it('GetCampaign names a malformed id, an unknown campaign and a non-member', async () => {
        expect(await evaluate(world, 'alice', 'qualitycheck', 'GetCampaign', 'qc-1')).toEqual(opened);
        expect(await failure(evaluate(world, 'alice', 'qualitycheck', 'GetCampaign', 'qc 1'))).toEqual({
            code: 'INVALID_ARGUMENT',
            message:
                "INVALID_ARGUMENT: campaign id 'qc 1' must be 1 to 64 letters, digits, '.', '_', ':' or '-', starting with a letter or digit",
        });
        expect(await failure(evaluate(world, 'alice', 'qualitycheck', 'GetCampaign', 'qc-9'))).toEqual({
            code: 'NOT_FOUND',
            message: "NOT_FOUND: campaign 'qc-9' does not exist",
        });
        expect(await failure(evaluate(world, 'stranger', 'qualitycheck', 'GetCampaign', 'qc-1'))).toEqual({
            code: 'FORBIDDEN',
            message: `FORBIDDEN: ${notMember} read campaigns`,
        });
    });
});

describe('qualitycheck: RecordResult and CampaignsOfOrder', () => {
    const results: TestResult[] = [];
    const sixteen = 'mm per 100 g x2!';

    it('refuses a non-expert, another expert, and each malformed field with its own message', async () => {
        const before = world.stateHash();
        const record = (member: string, name: string, value: string, unit: string, hash: string): Promise<unknown> =>
            submit(world, member, 'qualitycheck', 'RecordResult', 'qc-1', name, value, unit, hash);
        expect(await failure(record('alice', 'mass', '1', 'g', report))).toEqual({
            code: 'FORBIDDEN',
            message:
                "FORBIDDEN: member 'alice' (CustomerMSP) does not hold the expert role (its organization CustomerMSP is not granted it) and cannot record results",
        });
        expect(await failure(record('acme', 'mass', '1', 'g', report))).toEqual({
            code: 'FORBIDDEN',
            message: `FORBIDDEN: campaign 'qc-1' is run by 'erin'; '${await accountOf('acme')}' may not record results`,
        });
        for (const name of ['Wall', 'xWall', 'wall!', '1wall'])
            expect(await failure(record('erin', name, '1', 'g', report))).toEqual({
                code: 'INVALID_ARGUMENT',
                message: `INVALID_ARGUMENT: measurement '${name}' must be a lowercase name such as wall-thickness`,
            });
        for (const value of ['x1', '1x', '01', '1.', '.5', '1.2.3'])
            expect(await failure(record('erin', 'mass', value, 'g', report))).toEqual({
                code: 'INVALID_ARGUMENT',
                message: `INVALID_ARGUMENT: value '${value}' must be a decimal number such as 1.25`,
            });
        expect(await failure(record('erin', 'mass', '1', `${sixteen}x`, report))).toEqual({
            code: 'INVALID_ARGUMENT',
            message: 'INVALID_ARGUMENT: unit must be at most 16 characters',
        });
        for (const hash of [`x${report}`, `${report}x`, report.toUpperCase(), report.slice(1)])
            expect(await failure(record('erin', 'mass', '1', 'g', hash))).toEqual({
                code: 'INVALID_ARGUMENT',
                message: 'INVALID_ARGUMENT: reportHash must be a SHA-256 hash in lowercase hex (64 characters)',
            });
        expect(world.stateHash()).toBe(before);
    });

    it('records whole, negative and decimal values with a unit of 16 characters', async () => {
        for (const [campaign, name, value, unit] of [
            ['qc-1', 'wall-thickness', '12.25', sixteen],
            ['qc-1', 'mass', '-7', 'g'],
            ['qc-2', 'mass', '0', ''],
        ] as const) {
            const result = await submit<TestResult>(
                world,
                'erin',
                'qualitycheck',
                'RecordResult',
                campaign,
                name,
                value,
                unit,
                report,
            );
            expect(result).toEqual({
                campaignId: campaign,
                name,
                value,
                unit,
                reportHash: report,
                transactionId: expect.any(String) as unknown,
            });
            results.push(result);
        }
    });

    it('CampaignsOfOrder lists the order’s campaigns with their own results only', async () => {
        const byTransaction = (list: TestResult[]): TestResult[] =>
            [...list].sort((a, b) => (a.transactionId < b.transactionId ? -1 : 1));
        const campaign = await evaluate<Campaign>(world, 'alice', 'qualitycheck', 'GetCampaign', 'qc-1');
        expect(await evaluate(world, 'alice', 'qualitycheck', 'CampaignsOfOrder', 'o-1')).toEqual([
            { campaign, results: byTransaction(results.slice(0, 2)) },
        ]);
        expect(await evaluate(world, 'alice', 'qualitycheck', 'CampaignsOfOrder', 'o-2')).toEqual([
            {
                campaign: await evaluate<Campaign>(world, 'alice', 'qualitycheck', 'GetCampaign', 'qc-2'),
                results: [results[2]],
            },
        ]);
        expect(await failure(evaluate(world, 'stranger', 'qualitycheck', 'CampaignsOfOrder', 'o-1'))).toEqual({
            code: 'FORBIDDEN',
            message: `FORBIDDEN: ${notMember} read campaigns`,
        });
        expect(await failure(evaluate(world, 'alice', 'qualitycheck', 'CampaignsOfOrder', 'o 1'))).toEqual({
            code: 'INVALID_ARGUMENT',
            message:
                "INVALID_ARGUMENT: order id 'o 1' must be 1 to 64 letters, digits, '.', '_', ':' or '-', starting with a letter or digit",
        });
    });
});

describe('qualitycheck: Verdict and ReassignCampaign', () => {
    it('refuses a non-expert and another expert, then emits the Verdict event with its context', async () => {
        const before = world.stateHash();
        expect(await failure(submit(world, 'alice', 'qualitycheck', 'Verdict', 'qc-1', 'pass', report))).toEqual({
            code: 'FORBIDDEN',
            message:
                "FORBIDDEN: member 'alice' (CustomerMSP) does not hold the expert role (its organization CustomerMSP is not granted it) and cannot give the verdict",
        });
        expect(await failure(submit(world, 'acme', 'qualitycheck', 'Verdict', 'qc-1', 'pass', report))).toEqual({
            code: 'FORBIDDEN',
            message: `FORBIDDEN: campaign 'qc-1' is run by 'erin'; '${await accountOf('acme')}' may not give the verdict`,
        });
        expect(world.stateHash()).toBe(before);
        // When erin passes o-1
        const events = world.chaincodeEvents('alice', 'qualitycheck');
        const given = await submit<{ campaign: Campaign; order: Order; movements: Movement[] }>(
            world,
            'erin',
            'qualitycheck',
            'Verdict',
            'qc-1',
            'pass',
            report,
        );
        expect(given.movements).toHaveLength(3);
        // Then the event carries the movements and names the order, the campaign and the outcome
        for await (const event of events) {
            expect(event.eventName).toBe(tokenEventName);
            expect(JSON.parse(Buffer.from(event.payload).toString())).toEqual({
                action: 'Verdict',
                transactionId: given.campaign.closedIn ?? '',
                movements: given.movements,
                context: { orderId: 'o-1', campaignId: 'qc-1', outcome: 'pass' },
            } satisfies TokenEvent);
            events.close();
        }
    });

    it('names a closed campaign, the stalling organization, the role and the deadline not yet passed', async () => {
        const before = world.stateHash();
        expect(await failure(submit(world, 'acme', 'qualitycheck', 'ReassignCampaign', 'qc-1'))).toEqual({
            code: 'CONFLICT',
            message: "CONFLICT: campaign 'qc-1' is closed",
        });
        expect(await failure(submit(world, 'alice', 'qualitycheck', 'ReassignCampaign', 'qc-2'))).toEqual({
            code: 'FORBIDDEN',
            message:
                "FORBIDDEN: member 'alice' (CustomerMSP) does not hold the expert role (its organization CustomerMSP is not granted it) and cannot take over test campaigns",
        });
        at(20);
        expect(await failure(submit(world, 'erin-colleague', 'qualitycheck', 'ReassignCampaign', 'qc-2'))).toEqual({
            code: 'FORBIDDEN',
            message:
                "FORBIDDEN: campaign 'qc-2' is run by ExpertMSP; only an expert of another organization may take it over",
        });
        at(5);
        expect(await failure(submit(world, 'acme', 'qualitycheck', 'ReassignCampaign', 'qc-2'))).toEqual({
            code: 'CONFLICT',
            message: `CONFLICT: order 'o-2' is PRODUCED, quality check due at ${qualityDueAt}; the campaign can be taken over only after that`,
        });
        at(0);
        expect(world.stateHash()).toBe(before);
    });

    it('does not hand over a campaign whose order was settled by arbitration, even after the deadline', async () => {
        // Given an admin released o-3's escrow while erin's campaign qc-3 is open
        expect(
            (await submit<OrderResult>(world, 'admin', 'prodcontrol', 'Arbitrate', 'o-3', 'release', 'settled')).order
                .status,
        ).toBe('PASSED');
        // When acme tries to take it over on day 20
        at(20);
        const before = world.stateHash();
        expect(await failure(submit(world, 'acme', 'qualitycheck', 'ReassignCampaign', 'qc-3'))).toEqual({
            code: 'CONFLICT',
            message: `CONFLICT: order 'o-3' is PASSED, quality check due at ${qualityDueAt}; the campaign can be taken over only after that`,
        });
        expect(world.stateHash()).toBe(before);
        at(0);
    });
});

describe('qualitycheck: Reputation and Ranking', () => {
    beforeAll(async () => {
        // printlab: o-1 passed, then rework, rework, pass (2 passes, 2 fails); bob and carl: rework,
        // pass (1, 1); amy: pass (1, 0). Facts come in account order, so the best score (amy) comes
        // first and the longer record (printlab) comes after the shorter ones: the sort must move them.
        await judged('o-p', 'printlab', ['rework', 'rework', 'pass']);
        await judged('o-b', 'bob', ['rework', 'pass']);
        await judged('o-c', 'carl', ['rework', 'pass']);
        await judged('o-a', 'amy', ['pass']);
    });

    it('Reputation counts the facts of one account; a rework counts against the producer only', async () => {
        expect(await evaluate<Reputation>(world, 'alice', 'qualitycheck', 'Reputation', 'dana')).toEqual({
            account: 'dana',
            producer: { pass: 0, fail: 0 },
            designer: { pass: 5, fail: 0 },
            expert: { verdicts: 0 },
        });
        expect(await evaluate<Reputation>(world, 'alice', 'qualitycheck', 'Reputation', 'printlab')).toEqual({
            account: 'printlab',
            producer: { pass: 2, fail: 2 },
            designer: { pass: 0, fail: 0 },
            expert: { verdicts: 0 },
        });
        expect(await evaluate<Reputation>(world, 'alice', 'qualitycheck', 'Reputation', 'erin')).toEqual({
            account: 'erin',
            producer: { pass: 0, fail: 0 },
            designer: { pass: 0, fail: 0 },
            expert: { verdicts: 9 },
        });
        expect(await failure(evaluate(world, 'stranger', 'qualitycheck', 'Reputation', 'dana'))).toEqual({
            code: 'FORBIDDEN',
            message: `FORBIDDEN: ${notMember} read reputations`,
        });
    });

    it('Ranking orders by score, then by more outcomes, then by account, and keeps the first `limit`', async () => {
        const amy = { account: 'amy', score: '0.6667', pass: 1, fail: 0 };
        const printlab = { account: 'printlab', score: '0.5000', pass: 2, fail: 2 };
        const bob = { account: 'bob', score: '0.5000', pass: 1, fail: 1 };
        const carl = { account: 'carl', score: '0.5000', pass: 1, fail: 1 };
        expect(await evaluate(world, 'alice', 'qualitycheck', 'Ranking', 'producer', '100')).toEqual([
            amy,
            printlab,
            bob,
            carl,
        ]);
        expect(await evaluate(world, 'alice', 'qualitycheck', 'Ranking', 'producer', '2')).toEqual([amy, printlab]);
        expect(await evaluate(world, 'alice', 'qualitycheck', 'Ranking', 'producer', '1')).toEqual([amy]);
        expect(await evaluate(world, 'alice', 'qualitycheck', 'Ranking', 'designer', '100')).toEqual([
            { account: 'dana', score: '0.8571', pass: 5, fail: 0 },
        ]);
    });

    it('Ranking names a role that is not ranked, a limit out of range and a non-member', async () => {
        expect(await failure(evaluate(world, 'alice', 'qualitycheck', 'Ranking', 'expert', '10'))).toEqual({
            code: 'INVALID_ARGUMENT',
            message: "INVALID_ARGUMENT: ranking role 'expert' must be producer or designer",
        });
        for (const limit of ['0', '101', '1.5', '-1'])
            expect(await failure(evaluate(world, 'alice', 'qualitycheck', 'Ranking', 'producer', limit))).toEqual({
                code: 'INVALID_ARGUMENT',
                message: 'INVALID_ARGUMENT: limit must be a whole number from 1 to 100',
            });
        expect(await failure(evaluate(world, 'stranger', 'qualitycheck', 'Ranking', 'producer', '10'))).toEqual({
            code: 'FORBIDDEN',
            message: `FORBIDDEN: ${notMember} read rankings`,
        });
    });
});
