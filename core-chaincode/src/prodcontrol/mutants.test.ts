// SPDX-License-Identifier: Apache-2.0
//
// prodcontrol's order state machine asserted exactly (issue 18, item 7: mutation testing): every
// refusal's code and message with nothing changed, the returned orders, deadlines, escrow rules,
// indexes, progress entries and events, and the boundaries of each check.
import type { EmbeddedNetwork } from '@productivist/ledger';

import type { Hold } from '../productoken/holds.js';
import type { TokenEvent } from '../productoken/movements.js';
import { deviceAttribute, memberAttribute } from '../shared/caller.js';
import type { WorldMember } from '@productivist/clients/testing';
import {
    createWorld,
    enrollMember,
    evaluate,
    failure,
    Flow,
    sha256,
    spendOptions,
    submit,
    worldSetup,
    worldTokenConfig,
} from '@productivist/clients/testing';
import type { Order, OrderResult, PrintUsage, ProgressEntry } from './orders.js';

const day = 24 * 3600 * 1000;
const start = Date.parse('2026-03-01T00:00:00Z');
const at = (days: number): string => new Date(start + days * day).toISOString();
const noDeadlines = {
    productionClockAt: null,
    productionDueAt: null,
    qualityClockAt: null,
    qualityDueAt: null,
    overdueSince: null,
};

describe('prodcontrol: the order state machine, exactly', () => {
    let world: EmbeddedNetwork;
    let flow: Flow;
    let now = new Date(start);
    const clock = (days: number): void => {
        now = new Date(start + days * day);
    };

    /** The call fails with exactly this code and message, and the world state is unchanged. */
    async function refused(
        member: WorldMember,
        call: [chaincode: string, transaction: string, ...args: string[]],
        code: string,
        message: string,
        transient?: Record<string, string>,
    ): Promise<void> {
        const before = world.stateHash();
        const [chaincode, transaction, ...args] = call;
        const attempt =
            transient === undefined
                ? submit(world, member, ...call)
                : world
                      .contract(member, chaincode)
                      .submit(transaction, await spendOptions(world, member, chaincode, transaction, args, transient));
        expect(await failure(attempt)).toEqual({ code, message: `${code}: ${message}` });
        expect(world.stateHash()).toBe(before);
    }

    async function order(
        id: string,
        modelId: string,
        quantity: string,
        price: string,
        producer: string,
    ): Promise<void> {
        await world.contract('alice', 'prodcontrol').submit(
            'Order',
            await spendOptions(world, 'alice', 'prodcontrol', 'Order', [id, modelId, quantity, price, producer], {
                spec: 'PLA',
            }),
        );
    }
    const getOrder = (id: string): Promise<Order> => evaluate<Order>(world, 'treasury', 'prodcontrol', 'GetOrder', id);
    const prints = (modelId: string): Promise<PrintUsage> =>
        evaluate<PrintUsage>(world, 'admin', 'prodcontrol', 'PrintsOf', modelId);

    beforeAll(async () => {
        // Given a clocked world: alice funded, fablab a second producer, models cup (unlimited),
        // vase (5 prints, printlab and maker only), free (no royalty) and draft (not certified)
        world = await createWorld({ now: () => now });
        flow = new Flow(world);
        await enrollMember(world, 'fablab', { mspId: 'ProducerMSP', attributes: { [memberAttribute]: 'fablab' } });
        await flow.fund('alice', '100000', 'fund-alice');
        await flow.registerModel('dana', 'cup', { royaltyBps: 1000, printLimit: null, allowedProducers: null });
        await flow.certify('erin', 'cup');
        await flow.registerModel('dana', 'vase', {
            royaltyBps: 1000,
            printLimit: 5,
            allowedProducers: ['printlab', 'maker'],
        });
        await flow.certify('erin', 'vase');
        await flow.registerModel('dana', 'free', { royaltyBps: 0, printLimit: null, allowedProducers: null });
        await flow.certify('erin', 'free');
        await flow.registerModel('dana', 'draft', { royaltyBps: 0, printLimit: null, allowedProducers: null });
    });

    it('refuses bad orders with the exact error, changing nothing', async () => {
        const args = (id: string, quantity: string, producer = 'printlab', model = 'cup'): string[] => [
            id,
            model,
            quantity,
            '1000',
            producer,
        ];
        // A member without the customer role
        await refused(
            'printlab',
            ['prodcontrol', 'Order', ...args('x-1', '1')],
            'FORBIDDEN',
            "member 'printlab' (ProducerMSP) does not hold the customer role (its organization ProducerMSP is not granted it) and cannot order objects",
            { spec: 'PLA' },
        );
        // A malformed order id
        await refused(
            'alice',
            ['prodcontrol', 'Order', ...args('x 1', '1')],
            'INVALID_ARGUMENT',
            "order id 'x 1' must be 1 to 64 letters, digits, '.', '_', ':' or '-', starting with a letter or digit",
            { spec: 'PLA' },
        );
        // Quantities outside 1..999999, or with garbage around the digits
        for (const quantity of ['0', '1000000', '01', 'x1', '1x', ''])
            await refused(
                'alice',
                ['prodcontrol', 'Order', ...args('x-1', quantity)],
                'INVALID_ARGUMENT',
                `quantity '${quantity}' must be a whole number from 1 to 999999`,
                { spec: 'PLA' },
            );
        // A malformed producer
        await refused(
            'alice',
            ['prodcontrol', 'Order', ...args('x-1', '1', 'Print Lab')],
            'INVALID_ARGUMENT',
            "producer 'Print Lab' is not an account id (lowercase letters, digits, '.', '_', '-'; or MSPID:hash)",
            { spec: 'PLA' },
        );
        // No specification, or an empty one
        for (const transient of [{}, { spec: '' }] as Record<string, string>[])
            await refused(
                'alice',
                ['prodcontrol', 'Order', ...args('x-1', '1')],
                'INVALID_ARGUMENT',
                'the order specification must be passed as transient field "spec"',
                transient,
            );
        // The customer as its own producer
        await refused(
            'alice',
            ['prodcontrol', 'Order', ...args('x-1', '1', 'alice')],
            'FORBIDDEN',
            "customer 'alice' and producer 'alice' are one party; an order needs two",
            { spec: 'PLA' },
        );
        // A model not certified
        await refused(
            'alice',
            ['prodcontrol', 'Order', ...args('x-1', '1', 'printlab', 'draft')],
            'CONFLICT',
            "model 'draft' is PENDING, not CERTIFIED; it cannot be produced",
            { spec: 'PLA' },
        );
        // A producer the licence does not allow
        await refused(
            'alice',
            ['prodcontrol', 'Order', ...args('x-1', '1', 'fablab', 'vase')],
            'FORBIDDEN',
            "the licence of model 'vase' does not allow producer 'fablab'; allowed: maker, printlab",
            { spec: 'PLA' },
        );
        // An account without the producer role
        await refused(
            'alice',
            ['prodcontrol', 'Order', ...args('x-1', '1', 'dana')],
            'INVALID_ARGUMENT',
            "account 'dana' does not hold the producer role; assign the order to a producer, or leave --producer out for any producer to accept",
            { spec: 'PLA' },
        );
    });

    it('places an assigned order: the exact order, escrow rules, indexes and event', async () => {
        // When alice orders 2 cups from printlab (the longest quantity boundary is accepted too)
        const events = world.chaincodeEvents('alice', 'prodcontrol');
        const { result } = await world.contract('alice', 'prodcontrol').submit(
            'Order',
            await spendOptions(world, 'alice', 'prodcontrol', 'Order', ['c-1', 'cup', '2', '1000', 'printlab'], {
                spec: 'PLA',
            }),
        );
        const placed = JSON.parse(Buffer.from(result).toString()) as OrderResult;
        // Then the order is exactly this
        const txId = placed.order.createdIn;
        expect(placed.order).toEqual({
            id: 'c-1',
            customer: 'alice',
            modelId: 'cup',
            designer: 'dana',
            quantity: 2,
            price: '1000',
            producer: 'printlab',
            status: 'ASSIGNED',
            specHash: sha256('PLA'),
            split: { producerBps: 8500, designerBps: 1000, feeBps: 500 },
            holdId: 'prodcontrol:order:c-1',
            deadlines: noDeadlines,
            createdIn: txId,
            updatedIn: txId,
        });
        expect(placed.movements).toHaveLength(1);
        expect(await getOrder('c-1')).toEqual(placed.order);
        // And the escrow pays producer and designer, with prodcontrol's release and refund rules
        const hold = await evaluate<Hold>(world, 'alice', 'productoken', 'GetHold', 'prodcontrol:order:c-1');
        expect(hold.rules).toEqual({
            payees: [
                { account: 'printlab', bps: 8500 },
                { account: 'dana', bps: 1000 },
            ],
            release: [
                { entryChaincode: 'qualitycheck', parties: [{ role: 'expert' }] },
                { entryChaincode: 'prodcontrol', parties: ['admin'] },
            ],
            refund: [
                { entryChaincode: 'prodcontrol', parties: ['payer', 'admin'] },
                { entryChaincode: 'qualitycheck', parties: [{ role: 'expert' }] },
            ],
            reference: 'order:c-1',
        });
        expect(hold.amount).toBe('1000');
        // And the event names the order and its status
        for await (const event of events) {
            expect(JSON.parse(Buffer.from(event.payload).toString()) as TokenEvent).toMatchObject({
                action: 'Order',
                context: { orderId: 'c-1', status: 'ASSIGNED' },
            });
            events.close();
        }
        // And the specification is read by customer and producer only
        for (const reader of ['alice', 'printlab'] as const)
            expect(await evaluate(world, reader, 'prodcontrol', 'GetSpec', 'c-1')).toEqual({
                spec: 'PLA',
                specHash: sha256('PLA'),
            });
        for (const reader of ['erin', 'dana'] as const)
            expect(await failure(evaluate(world, reader, 'prodcontrol', 'GetSpec', 'c-1'))).toEqual({
                code: 'FORBIDDEN',
                message: "FORBIDDEN: only the customer and the producer of order 'c-1' may read its specification",
            });
        // And an order id is taken once
        await refused(
            'alice',
            ['prodcontrol', 'Order', 'c-1', 'cup', '1', '1000', 'printlab'],
            'CONFLICT',
            "order 'c-1' already exists; choose another order id",
            { spec: 'PLA' },
        );
    });

    it('pays no designer of a royalty-free model: the producer is the only payee', async () => {
        await order('f-1', 'free', '999999', '1000', 'printlab');
        const hold = await evaluate<Hold>(world, 'alice', 'productoken', 'GetHold', 'prodcontrol:order:f-1');
        expect(hold.rules.payees).toEqual([{ account: 'printlab', bps: 9500 }]);
        expect((await getOrder('f-1')).split).toEqual({ producerBps: 9500, designerBps: 0, feeBps: 500 });
    });

    it('counts prints up to the licence limit exactly, and gives them back on cancellation', async () => {
        // Given 3 of vase's 5 prints ordered
        await order('v-1', 'vase', '3', '300', 'printlab');
        // When 3 more are ordered, the limit refuses
        await refused(
            'alice',
            ['prodcontrol', 'Order', 'v-2', 'vase', '3', '300', 'printlab'],
            'LIMIT_EXCEEDED',
            "model 'vase' allows 5 prints; 3 are ordered, 3 more would exceed it",
            { spec: 'PLA' },
        );
        // And exactly the 2 remaining are accepted
        await order('v-2', 'vase', '2', '200', 'printlab');
        expect(await prints('vase')).toMatchObject({ used: 5, remaining: 0 });
        // And a cancelled order gives its prints back
        const cancelled = await flow.step('alice', 'Cancel', 'v-2');
        expect(cancelled.order.status).toBe('CANCELLED');
        expect(await prints('vase')).toEqual({
            modelId: 'vase',
            designer: 'dana',
            printLimit: 5,
            used: 3,
            remaining: 2,
            orders: [{ orderId: 'v-1', quantity: 3 }],
        });
    });

    it('opens, accepts and funds an open order with exact refusals', async () => {
        // Given an open order of vase (printlab and maker allowed)
        const { result } = await world.contract('alice', 'prodcontrol').submit(
            'Order',
            await spendOptions(world, 'alice', 'prodcontrol', 'Order', ['o-1', 'vase', '1', '500', ''], {
                spec: 'PLA',
            }),
        );
        const placed = JSON.parse(Buffer.from(result).toString()) as OrderResult;
        expect(placed).toMatchObject({ order: { status: 'OPEN', producer: null, holdId: null }, movements: [] });
        // Listed for alice, not for printlab
        const listed = (index: string, account: string): Promise<{ items: Order[] }> =>
            evaluate(world, 'treasury', 'prodcontrol', index, account, '50', '');
        expect((await listed('OrdersOfProducer', 'printlab')).items.map((o) => o.id)).toEqual([
            'c-1',
            'f-1',
            'v-1',
            'v-2',
        ]);
        expect((await listed('OrdersOfCustomer', 'alice')).items.map((o) => o.id)).toEqual([
            'c-1',
            'f-1',
            'o-1',
            'v-1',
            'v-2',
        ]);
        await refused(
            'printlab',
            ['prodcontrol', 'OrdersOfCustomer', 'alice', '50', ''],
            'FORBIDDEN',
            "'printlab' may not list the orders of 'alice'",
        );
        // Nobody funds it before a producer accepts; nobody but an allowed producer accepts
        await refused(
            'alice',
            ['prodcontrol', 'Fund', 'o-1'],
            'CONFLICT',
            "order 'o-1' is OPEN; funding needs AWAITING_FUNDS",
            {},
        );
        await refused(
            'alice',
            ['prodcontrol', 'Accept', 'o-1'],
            'FORBIDDEN',
            "member 'alice' (CustomerMSP) does not hold the producer role (its organization CustomerMSP is not granted it) and cannot accept orders",
        );
        await refused(
            'fablab',
            ['prodcontrol', 'Accept', 'o-1'],
            'FORBIDDEN',
            "the licence of model 'vase' does not allow producer 'fablab'; allowed: maker, printlab",
        );
        await refused(
            'printlab',
            ['prodcontrol', 'StartProduction', 'o-1'],
            'FORBIDDEN',
            "only the producer '(none yet)' may start order 'o-1'",
        );
        await refused(
            'printer',
            ['prodcontrol', 'ReportProgress', 'o-1', 'printing', ''],
            'FORBIDDEN',
            "only a controller device bound to producer '(none)' may report progress on order 'o-1'",
        );
        // When printlab accepts: it awaits funds and is listed for printlab
        const accepted = await flow.step('printlab', 'Accept', 'o-1');
        expect(accepted).toEqual({
            order: {
                ...placed.order,
                producer: 'printlab',
                status: 'AWAITING_FUNDS',
                updatedIn: accepted.order.updatedIn,
            },
            movements: [],
        });
        expect((await listed('OrdersOfProducer', 'printlab')).items.map((o) => o.id)).toEqual([
            'c-1',
            'f-1',
            'o-1',
            'v-1',
            'v-2',
        ]);
        await refused(
            'printlab',
            ['prodcontrol', 'Accept', 'o-1'],
            'CONFLICT',
            "order 'o-1' is AWAITING_FUNDS; accepting needs OPEN",
        );
        // Only the customer funds it
        await refused(
            'printlab',
            ['prodcontrol', 'Fund', 'o-1'],
            'FORBIDDEN',
            "only the customer 'alice' may fund order 'o-1'",
            {},
        );
        await refused(
            'printer',
            ['prodcontrol', 'Fund', 'o-1'],
            'FORBIDDEN',
            "a device cannot fund; use the producer's own identity",
            {},
        );
        const funded = await world
            .contract('alice', 'prodcontrol')
            .submit('Fund', await spendOptions(world, 'alice', 'prodcontrol', 'Fund', ['o-1']));
        const fundedResult = JSON.parse(Buffer.from(funded.result).toString()) as OrderResult;
        expect(fundedResult.order).toMatchObject({ status: 'ACCEPTED', holdId: 'prodcontrol:order:o-1' });
        expect(fundedResult.movements).toHaveLength(1);
        await refused(
            'alice',
            ['prodcontrol', 'Fund', 'o-1'],
            'CONFLICT',
            "order 'o-1' is ACCEPTED; funding needs AWAITING_FUNDS",
            {},
        );
    });

    it('accepts an assigned order only by its producer, then runs production with exact deadlines', async () => {
        await refused(
            'fablab',
            ['prodcontrol', 'Accept', 'c-1'],
            'FORBIDDEN',
            "order 'c-1' is assigned to 'printlab', not to 'fablab'",
        );
        await refused(
            'printlab',
            ['prodcontrol', 'StartProduction', 'c-1'],
            'CONFLICT',
            "order 'c-1' is ASSIGNED; starting production needs ACCEPTED",
        );
        expect(await flow.step('printlab', 'Accept', 'c-1')).toMatchObject({
            order: { status: 'ACCEPTED' },
            movements: [],
        });
        await refused(
            'printlab',
            ['prodcontrol', 'Accept', 'c-1'],
            'CONFLICT',
            "order 'c-1' is ACCEPTED; accepting needs OPEN",
        );
        await refused(
            'alice',
            ['prodcontrol', 'StartProduction', 'c-1'],
            'FORBIDDEN',
            "member 'alice' (CustomerMSP) does not hold the producer role (its organization CustomerMSP is not granted it) and cannot start",
        );
        await refused(
            'fablab',
            ['prodcontrol', 'StartProduction', 'c-1'],
            'FORBIDDEN',
            "only the producer 'printlab' may start order 'c-1'",
        );
        await refused(
            'printer',
            ['prodcontrol', 'ReportProgress', 'c-1', 'printing', ''],
            'CONFLICT',
            "order 'c-1' is ACCEPTED; reporting progress needs IN_PRODUCTION or REWORK",
        );
        await refused(
            'printlab',
            ['prodcontrol', 'MarkProduced', 'c-1'],
            'CONFLICT',
            "order 'c-1' is ACCEPTED; marking produced needs IN_PRODUCTION or REWORK",
        );
        await refused(
            'treasury',
            ['prodcontrol', 'DeclareOverdue', 'c-1'],
            'CONFLICT',
            "order 'c-1' is ACCEPTED; declaring it overdue needs IN_PRODUCTION or REWORK",
        );
        // When printlab starts on day 0: due on day 30
        clock(0);
        const started = await flow.step('printlab', 'StartProduction', 'c-1');
        expect(started).toMatchObject({ order: { status: 'IN_PRODUCTION' }, movements: [] });
        expect(started.order.deadlines).toEqual({ ...noDeadlines, productionClockAt: at(0), productionDueAt: at(30) });
        // At the instant its clock started it is not overdue either
        await refused(
            'treasury',
            ['prodcontrol', 'DeclareOverdue', 'c-1'],
            'CONFLICT',
            `order 'c-1' is due at ${at(30)}, not before`,
        );
        await refused(
            'printlab',
            ['prodcontrol', 'MarkProduced', 'o-1'],
            'CONFLICT',
            "order 'o-1' is ACCEPTED; marking produced needs IN_PRODUCTION or REWORK",
        );
        await refused(
            'alice',
            ['prodcontrol', 'Cancel', 'c-1'],
            'CONFLICT',
            "order 'c-1' is IN_PRODUCTION; cancelling needs OPEN or ASSIGNED or AWAITING_FUNDS or ACCEPTED",
        );
    });

    it('takes progress from the bound device only, with exact step and note limits', async () => {
        await refused(
            'printlab',
            ['prodcontrol', 'ReportProgress', 'c-1', 'printing', ''],
            'FORBIDDEN',
            "only a controller device bound to producer 'printlab' may report progress on order 'c-1'",
        );
        for (const step of ['Printing', 'Xprinting', 'printing!', '1st', 'p'.repeat(33), ''])
            await refused(
                'printer',
                ['prodcontrol', 'ReportProgress', 'c-1', step, ''],
                'INVALID_ARGUMENT',
                `step '${step}' must be a lowercase word such as printing or post-processing`,
            );
        await refused(
            'printer',
            ['prodcontrol', 'ReportProgress', 'c-1', 'printing', 'n'.repeat(501)],
            'INVALID_ARGUMENT',
            'note must be at most 500 characters',
        );
        clock(1);
        const first = await submit<ProgressEntry>(world, 'printer', 'prodcontrol', 'ReportProgress', 'c-1', 'p', '');
        clock(2);
        const second = await submit<ProgressEntry>(
            world,
            'printer',
            'prodcontrol',
            'ReportProgress',
            'c-1',
            `p${'-'.repeat(31)}`,
            'n'.repeat(500),
        );
        expect(first).toEqual({
            orderId: 'c-1',
            device: expect.stringContaining('printer') as unknown,
            step: 'p',
            note: '',
            transactionId: expect.any(String) as unknown,
        });
        // Read in time order by the parties, experts and the treasury; refused to others
        for (const reader of ['alice', 'printlab', 'printer', 'erin', 'treasury'] as const)
            expect(await evaluate(world, reader, 'prodcontrol', 'Progress', 'c-1')).toEqual([first, second]);
        expect(await evaluate(world, 'treasury', 'prodcontrol', 'Progress', 'f-1')).toEqual([]);
        expect(await failure(evaluate(world, 'dana', 'prodcontrol', 'Progress', 'c-1'))).toEqual({
            code: 'FORBIDDEN',
            message: "FORBIDDEN: 'dana' is not a party to order 'c-1' and may not read the progress of it",
        });
        expect(await failure(evaluate(world, 'dana', 'prodcontrol', 'GetOrder', 'c-1'))).toEqual({
            code: 'FORBIDDEN',
            message: "FORBIDDEN: 'dana' is not a party to order 'c-1' and may not read it",
        });
    });

    it('finds production overdue from day 30 exactly, by the treasury or an admin only, once', async () => {
        clock(400);
        await refused(
            'alice',
            ['prodcontrol', 'DeclareOverdue', 'c-1'],
            'FORBIDDEN',
            'only the Productivist treasury or a Productivist admin may declare an order overdue',
        );
        await refused(
            'printer',
            ['prodcontrol', 'DeclareOverdue', 'c-1'],
            'FORBIDDEN',
            'only the Productivist treasury or a Productivist admin may declare an order overdue',
        );
        // A millisecond before the deadline it is not due
        now = new Date(start + 30 * day - 1);
        await refused(
            'admin',
            ['prodcontrol', 'DeclareOverdue', 'c-1'],
            'CONFLICT',
            `order 'c-1' is due at ${at(30)}, not before`,
        );
        // At the deadline it is
        clock(30);
        const overdue = await submit<OrderResult>(world, 'admin', 'prodcontrol', 'DeclareOverdue', 'c-1');
        expect(overdue).toMatchObject({ order: { status: 'IN_PRODUCTION' }, movements: [] });
        expect(overdue.order.deadlines).toEqual({
            ...noDeadlines,
            productionClockAt: at(0),
            productionDueAt: at(30),
            overdueSince: at(30),
        });
        await refused(
            'treasury',
            ['prodcontrol', 'DeclareOverdue', 'c-1'],
            'CONFLICT',
            "order 'c-1' is already overdue",
        );
        // Marking produced clears the flag and starts the quality clock (14 days)
        clock(31);
        const produced = await flow.step('printlab', 'MarkProduced', 'c-1');
        expect(produced).toMatchObject({ order: { status: 'PRODUCED' }, movements: [] });
        expect(produced.order.deadlines).toEqual({
            productionClockAt: at(0),
            productionDueAt: at(30),
            qualityClockAt: at(31),
            qualityDueAt: at(45),
            overdueSince: null,
        });
        await refused(
            'alice',
            ['prodcontrol', 'Cancel', 'c-1'],
            'CONFLICT',
            "order 'c-1' is PRODUCED; cancelling needs OPEN or ASSIGNED or AWAITING_FUNDS or ACCEPTED",
        );
        await refused(
            'printlab',
            ['prodcontrol', 'Cancel', 'o-1'],
            'FORBIDDEN',
            "only the customer 'alice' may cancel order 'o-1'",
        );
    });

    it('records verdicts through qualitycheck only; rework restarts the production clock', async () => {
        await refused(
            'erin',
            ['prodcontrol', 'RecordVerdict', 'c-1', 'PASSED'],
            'FORBIDDEN',
            'verdicts are recorded only through qualitycheck',
        );
        clock(32);
        const { order: reworked } = await flow.check('erin', 'qc-1', 'c-1', 'rework');
        expect(reworked.status).toBe('REWORK');
        expect(reworked.deadlines).toEqual({ ...noDeadlines, productionClockAt: at(32), productionDueAt: at(62) });
        // Overdue again after the new deadline, then the customer cancels in REWORK for a refund
        clock(62);
        await submit(world, 'treasury', 'prodcontrol', 'DeclareOverdue', 'c-1');
        const cancelled = await flow.step('alice', 'Cancel', 'c-1');
        expect(cancelled.order.status).toBe('CANCELLED');
        expect(cancelled.movements).toEqual([expect.objectContaining({ kind: 'refund', to: 'alice', amount: '1000' })]);
        expect((await evaluate<Hold>(world, 'alice', 'productoken', 'GetHold', 'prodcontrol:order:c-1')).status).toBe(
            'REFUNDED',
        );
    });

    it('arbitrates only escrowed orders, with an exact reason limit, and frees prints on refund only', async () => {
        await refused(
            'printlab',
            ['prodcontrol', 'Arbitrate', 'v-1', 'refund', 'r'],
            'FORBIDDEN',
            'only an admin of ProductivistMSP may arbitrate orders',
        );
        await refused(
            'admin',
            ['prodcontrol', 'Arbitrate', 'v-1', 'Refund', 'r'],
            'INVALID_ARGUMENT',
            "decision 'Refund' must be refund or release",
        );
        for (const reason of ['', '  ', 'r'.repeat(501)])
            await refused(
                'admin',
                ['prodcontrol', 'Arbitrate', 'v-1', 'release', reason],
                'INVALID_ARGUMENT',
                'reason must be 1 to 500 characters',
            );
        await refused(
            'admin',
            ['prodcontrol', 'Arbitrate', 'c-1', 'refund', 'r'],
            'CONFLICT',
            "order 'c-1' is CANCELLED; arbitration needs ASSIGNED or ACCEPTED or IN_PRODUCTION or PRODUCED or REWORK",
        );
        // A release keeps the prints counted; a refund frees them
        const released = await submit<OrderResult>(
            world,
            'admin',
            'prodcontrol',
            'Arbitrate',
            'v-1',
            'release',
            'r'.repeat(500),
        );
        expect(released.order).toMatchObject({
            status: 'PASSED',
            arbitration: { decision: 'release', reason: 'r'.repeat(500), transactionId: released.order.updatedIn },
        });
        expect(released.movements.length).toBeGreaterThan(0);
        expect(await prints('vase')).toMatchObject({ used: 4, remaining: 1 });
        const events = world.chaincodeEvents('admin', 'prodcontrol');
        const refunded = await submit<OrderResult>(world, 'admin', 'prodcontrol', 'Arbitrate', 'o-1', 'refund', 'x');
        expect(refunded.order).toMatchObject({ status: 'REFUNDED', arbitration: { decision: 'refund', reason: 'x' } });
        expect(refunded.movements).toEqual([expect.objectContaining({ kind: 'refund', to: 'alice', amount: '500' })]);
        expect(await prints('vase')).toMatchObject({ used: 3, remaining: 2 });
        for await (const event of events) {
            expect(JSON.parse(Buffer.from(event.payload).toString()) as TokenEvent).toMatchObject({
                action: 'Arbitrate',
                context: { orderId: 'o-1', status: 'REFUNDED', decision: 'refund', reason: 'x' },
            });
            events.close();
        }
    });
    it('cancels an open order without escrow, and refuses unknown orders', async () => {
        await order('o-2', 'cup', '1', '100', '');
        const before = await flow.balance('alice');
        expect(await flow.step('alice', 'Cancel', 'o-2')).toMatchObject({
            order: { id: 'o-2', status: 'CANCELLED', holdId: null },
            movements: [],
        });
        expect(await flow.balance('alice')).toEqual(before);
        expect(await failure(evaluate(world, 'treasury', 'prodcontrol', 'GetOrder', 'nope'))).toEqual({
            code: 'NOT_FOUND',
            message: "NOT_FOUND: order 'nope' does not exist",
        });
    });

    it('does not start production of a model revoked after the order', async () => {
        await flow.step('printlab', 'Accept', 'f-1');
        await submit(world, 'erin', 'modelcert', 'Revoke', 'free', sha256('revocation'));
        await refused(
            'printlab',
            ['prodcontrol', 'StartProduction', 'f-1'],
            'CONFLICT',
            "model 'free' is REVOKED, not CERTIFIED; it cannot be produced",
        );
    });

    it('lists progress in time order down to the nanosecond, two reports of one instant included', async () => {
        // Given c-2 in production
        await order('c-2', 'cup', '1', '100', 'printlab');
        await flow.step('printlab', 'Accept', 'c-2');
        await flow.step('printlab', 'StartProduction', 'c-2');
        // When the device reports 2 ms, then 10 ms, then twice 20 ms after day 70 begins
        const events = world.chaincodeEvents('printer', 'prodcontrol');
        const entries: ProgressEntry[] = [];
        for (const [ms, step] of [
            [2, 'a'],
            [10, 'b'],
            [20, 'c'],
            [20, 'd'],
        ] as const) {
            now = new Date(start + 70 * day + ms);
            entries.push(
                await submit<ProgressEntry>(world, 'printer', 'prodcontrol', 'ReportProgress', 'c-2', step, ''),
            );
        }
        // Then all four are listed, 2 ms before 10 ms (the nanoseconds are zero-padded)
        const listed = await evaluate<ProgressEntry[]>(world, 'alice', 'prodcontrol', 'Progress', 'c-2');
        expect(listed.slice(0, 2)).toEqual(entries.slice(0, 2));
        expect(listed.map((e) => e.step).sort()).toEqual(['a', 'b', 'c', 'd']);
        // And each report is announced as a Progress event with the entry
        for await (const event of events) {
            expect(event.eventName).toBe('Progress');
            expect(entries).toContainEqual(JSON.parse(Buffer.from(event.payload).toString()));
            events.close();
        }
    });

    it('frees the prints of an order refunded by a verdict, not of one passed', async () => {
        // Given vase has 3 of 5 prints used, and orders v-3 (1) and v-4 (1) produced
        for (const id of ['v-3', 'v-4']) {
            await order(id, 'vase', '1', '100', 'printlab');
            await flow.step('printlab', 'Accept', id);
            await flow.step('printlab', 'StartProduction', id);
            await flow.step('printlab', 'MarkProduced', id);
        }
        expect(await prints('vase')).toMatchObject({ used: 5 });
        // When v-3 is refunded and v-4 passed by the expert
        expect((await flow.check('erin', 'qc-3', 'v-3', 'refund')).order.status).toBe('REFUNDED');
        expect((await flow.check('erin', 'qc-4', 'v-4', 'pass')).order.status).toBe('PASSED');
        // Then only v-3's print is freed
        expect(await prints('vase')).toMatchObject({ used: 4, remaining: 1 });
    });

    it('refuses a customer accepting its own open order under another identity of the same member', async () => {
        // Given alice places an open order, and an identity of the producer org carries her member id
        await order('o-3', 'cup', '1', '100', '');
        await world.addMember('alice-producer', {
            mspId: 'ProducerMSP',
            role: 'client',
            attributes: { [memberAttribute]: 'alice' },
        });
        // When that identity accepts the order, it is refused
        await refused(
            'alice-producer',
            ['prodcontrol', 'Accept', 'o-3'],
            'FORBIDDEN',
            "customer 'alice' and producer 'alice' are one party; an order needs two",
        );
    });

    it('lets the customer cancel an order in production once it is found overdue', async () => {
        // Given c-2, started on day 70, found overdue by the treasury on day 100
        clock(100);
        await submit(world, 'treasury', 'prodcontrol', 'DeclareOverdue', 'c-2');
        // When alice cancels it, the escrow comes back
        const cancelled = await flow.step('alice', 'Cancel', 'c-2');
        expect(cancelled.order.status).toBe('CANCELLED');
        expect(cancelled.movements).toEqual([expect.objectContaining({ kind: 'refund', to: 'alice', amount: '100' })]);
    });

    it("refuses a device bound to another producer the order's progress", async () => {
        // Given a controller device bound to fablab
        await world.addMember('fab-printer', {
            mspId: 'ProducerMSP',
            role: 'client',
            attributes: { [deviceAttribute]: 'fablab' },
        });
        // Then it cannot read printlab's order nor its progress
        expect(await failure(evaluate(world, 'fab-printer', 'prodcontrol', 'Progress', 'c-1'))).toEqual({
            code: 'FORBIDDEN',
            message: "FORBIDDEN: a device cannot read the progress of order 'c-1'; use the producer's own identity",
        });
        expect(await failure(evaluate(world, 'fab-printer', 'prodcontrol', 'GetOrder', 'c-1'))).toEqual({
            code: 'FORBIDDEN',
            message: "FORBIDDEN: a device cannot read order 'c-1'; use the producer's own identity",
        });
    });

    it('names the caller, the id and the action in every read refusal', async () => {
        // A malformed order id, named as one
        expect(await failure(evaluate(world, 'treasury', 'prodcontrol', 'GetOrder', 'Bad Id!'))).toEqual({
            code: 'INVALID_ARGUMENT',
            message:
                "INVALID_ARGUMENT: order id 'Bad Id!' must be 1 to 64 letters, digits, '.', '_', ':' or '-', starting with a letter or digit",
        });
        // A device reading a model's print usage is named by its organization, a member by its account
        const usage = ': its designer, the producers of its orders and Productivist admins may';
        expect(await failure(evaluate(world, 'printer', 'prodcontrol', 'PrintsOf', 'vase'))).toEqual({
            code: 'FORBIDDEN',
            message: `FORBIDDEN: identity of ProducerMSP may not read the print usage of model 'vase'${usage}`,
        });
        expect(await failure(evaluate(world, 'alice', 'prodcontrol', 'PrintsOf', 'vase'))).toEqual({
            code: 'FORBIDDEN',
            message: `FORBIDDEN: 'alice' may not read the print usage of model 'vase'${usage}`,
        });
        // A device reading an order's specification, even its own producer's
        expect(await failure(evaluate(world, 'printer', 'prodcontrol', 'GetSpec', 'v-1'))).toEqual({
            code: 'FORBIDDEN',
            message: "FORBIDDEN: a device cannot read specifications; use the producer's own identity",
        });
    });
});

describe('prodcontrol: the producer share left by royalty and platform fee', () => {
    it('refuses an order that leaves the producer nothing, and takes one that leaves a basis point', async () => {
        // Given a platform fee of 5000 bps, and models with royalties of 5000 and 4999 bps
        const world = await createWorld({ initialize: false });
        for (const step of worldSetup) {
            const args =
                step.transaction === 'Initialize'
                    ? [JSON.stringify({ ...worldTokenConfig, platformFeeBps: 5000 })]
                    : step.arguments;
            await world.contract(step.member, 'productoken').submit(step.transaction, { arguments: args });
        }
        const flow = new Flow(world);
        await flow.fund('alice', '1000', 'fund-alice');
        for (const [model, royaltyBps] of [
            ['all', 5000],
            ['most', 4999],
        ] as const) {
            await flow.registerModel('dana', model, { royaltyBps, printLimit: null, allowedProducers: null });
            await flow.certify('erin', model);
        }
        // When alice orders the first, it is refused and nothing changes
        const before = world.stateHash();
        const options = await spendOptions(
            world,
            'alice',
            'prodcontrol',
            'Order',
            ['n-1', 'all', '1', '100', 'printlab'],
            {
                spec: 'PLA',
            },
        );
        expect(await failure(world.contract('alice', 'prodcontrol').submit('Order', options))).toEqual({
            code: 'CONFLICT',
            message: 'CONFLICT: royalty 5000 bps and platform fee 5000 bps leave nothing for the producer',
        });
        expect(world.stateHash()).toBe(before);
        // And the second leaves the producer one basis point
        const placed = await flow.order('alice', 'n-2', 'most', 1, '100', 'printlab');
        expect(placed.order.split).toEqual({ producerBps: 1, designerBps: 4999, feeBps: 5000 });
    });
});
