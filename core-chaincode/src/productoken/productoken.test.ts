// SPDX-License-Identifier: Apache-2.0
import type { EmbeddedNetwork } from '@productivist/ledger';
import { Context, Contract, Transaction } from 'fabric-contract-api';

import { createWorld, creditsForSpend, evaluate, failure, submit } from '@productivist/clients/testing';
import type { Hold } from './holds.js';
import type { TokenEvent } from './movements.js';
import { tokenEventName, tokenEventPayload } from './movements.js';
import type { TokenResult } from './ProductokenContract.js';

type Balance = { account: string; available: string; held: string };

const pt = 'productoken';
const rules = (overrides: Record<string, unknown> = {}): string =>
    JSON.stringify({
        payees: [
            { account: 'printlab', bps: 8500 },
            { account: 'dana', bps: 1000 },
        ],
        release: [{ entryChaincode: 'productoken', parties: ['payer'] }],
        refund: [{ entryChaincode: 'productoken', parties: [{ role: 'expert' }] }],
        ...overrides,
    });

async function available(world: EmbeddedNetwork, account: string): Promise<string> {
    return (await evaluate<Balance>(world, 'treasury', pt, 'BalanceOf', account)).available;
}

describe('productoken: initialization', () => {
    it('refuses every command until an admin of ProductivistMSP initializes it, once', async () => {
        // Given productoken deployed but not initialized
        const world = await createWorld({ initialize: false });
        // Then queries and commands fail with NOT_INITIALIZED
        expect(await failure(evaluate(world, 'alice', pt, 'TokenInfo'))).toEqual({
            code: 'NOT_INITIALIZED',
            message:
                'NOT_INITIALIZED: productoken is not initialized; an admin of ProductivistMSP must call Initialize',
        });
        expect((await failure(submit(world, 'treasury', pt, 'Mint', 'alice', '1', 'r1'))).code).toBe('NOT_INITIALIZED');
        // When a non-admin tries to initialize, Then FORBIDDEN
        expect((await failure(submit(world, 'treasury', pt, 'Initialize', '{}'))).code).toBe('FORBIDDEN');
        // When the admin initializes with defaults, Then the token exists
        const config = await submit<{ symbol: string; platformFeeBps: number }>(world, 'admin', pt, 'Initialize', '{}');
        expect(config).toMatchObject({ symbol: 'PDT', platformFeeBps: 500 });
        expect(await evaluate(world, 'alice', pt, 'RolesOf', 'ProducerMSP')).toEqual(['producer']);
        // And a second initialization is a CONFLICT
        expect(await failure(submit(world, 'admin', pt, 'Initialize', '{}'))).toEqual({
            code: 'CONFLICT',
            message: 'CONFLICT: productoken is already initialized',
        });
    });

    it.each([
        ['not json', 'INVALID_ARGUMENT: configuration is not valid JSON'],
        ['[]', 'INVALID_ARGUMENT: configuration must be a JSON object'],
        [
            '{"colour":"red"}',
            'INVALID_ARGUMENT: configuration has unknown fields colour; allowed: name, symbol, decimals, supplyCap, trustedMsps, feeAccount, platformFeeBps, roles',
        ],
        [
            '{"platformFeeBps":10001}',
            'INVALID_ARGUMENT: configuration field platformFeeBps must be a whole number from 0 to 10000',
        ],
        [
            '{"supplyCap":"1.5"}',
            "INVALID_ARGUMENT: supplyCap '1.5' is not a whole number of the smallest unit; write digits only, such as 1500",
        ],
        ['{"trustedMsps":["CustomerMSP"]}', 'INVALID_ARGUMENT: trustedMsps must include ProductivistMSP'],
        [
            '{"roles":{"CustomerMSP":["king"]}}',
            'INVALID_ARGUMENT: roles of CustomerMSP must be a list of customer, designer, producer, expert, treasury',
        ],
    ])('refuses the configuration %s', async (config, message) => {
        const world = await createWorld({ initialize: false });
        const before = world.stateHash();
        expect(await failure(submit(world, 'admin', pt, 'Initialize', config))).toEqual({
            code: 'INVALID_ARGUMENT',
            message,
        });
        expect(world.stateHash()).toBe(before);
    });
});

describe('productoken: minting, burning and supply', () => {
    let world: EmbeddedNetwork;
    beforeEach(async () => {
        world = await createWorld();
    });

    it('mints into a member account and counts the supply', async () => {
        // When the treasury mints 10000 for alice
        const result = await submit<TokenResult>(world, 'treasury', pt, 'Mint', 'alice', '10000', 'fiat-in-1');
        // Then alice has them, the supply grew, and the result lists the movement
        expect(result.movements).toEqual([{ kind: 'mint', from: '', to: 'alice', amount: '10000' }]);
        expect(await evaluate(world, 'alice', pt, 'BalanceOf', 'alice')).toEqual({
            account: 'alice',
            available: '10000',
            held: '0',
        });
        expect(await evaluate(world, 'alice', pt, 'TotalSupply')).toBe(10000);
    });

    it('refuses minting above the supply cap', async () => {
        await submit(world, 'treasury', pt, 'Mint', 'alice', '999999000', 'm1');
        const before = world.stateHash();
        expect(await failure(submit(world, 'treasury', pt, 'Mint', 'dana', '1001', 'm2'))).toEqual({
            code: 'LIMIT_EXCEEDED',
            message: 'LIMIT_EXCEEDED: minting 1001 would take the supply from 999999000 above the cap 1000000000',
        });
        expect(world.stateHash()).toBe(before);
    });

    it.each(['1.9', '10abc', '-5', '1e3', ' 5', '', '0', '1000000001'])(
        'refuses to mint the amount %j',
        async (amount) => {
            const before = world.stateHash();
            expect((await failure(submit(world, 'treasury', pt, 'Mint', 'alice', amount, 'm'))).code).toBe(
                'INVALID_ARGUMENT',
            );
            expect(world.stateHash()).toBe(before);
        },
    );

    it('burns from the treasury account and lowers the supply', async () => {
        await submit(world, 'treasury', pt, 'Mint', 'alice', '3000', 'm1');
        await submit(world, 'alice', pt, 'Transfer', 'productivist', '1000', 'redeem-1', 'r1');
        await submit(world, 'treasury', pt, 'Burn', '600', 'b1');
        expect(await available(world, 'productivist')).toBe('400');
        expect(await evaluate(world, 'alice', pt, 'TotalSupply')).toBe(2400);
        expect(await failure(submit(world, 'treasury', pt, 'Burn', '401', 'b2'))).toEqual({
            code: 'INSUFFICIENT_FUNDS',
            message:
                "INSUFFICIENT_FUNDS: account 'productivist' has 400 available and cannot pay 401 (base 400, named credits 0; " +
                "credits not named are not read: name them from CreditsOf in transient field 'credits', or merge them into the base with Consolidate)",
        });
    });

    it('makes a retried request harmless and refuses a reused request id with other arguments', async () => {
        const first = await submit<TokenResult>(world, 'treasury', pt, 'Mint', 'alice', '500', 'fiat-7');
        const state = world.stateHash();
        // When the same request is retried
        const again = await submit<TokenResult>(world, 'treasury', pt, 'Mint', 'alice', '500', 'fiat-7');
        // Then it returns the original result and changes nothing
        expect(again).toEqual(first);
        expect(world.stateHash()).toBe(state);
        expect(await available(world, 'alice')).toBe('500');
        // And the same id with other arguments is a CONFLICT
        const reused = await failure(submit(world, 'treasury', pt, 'Mint', 'alice', '501', 'fiat-7'));
        expect(reused.code).toBe('CONFLICT');
        expect(reused.message).toBe(
            `CONFLICT: request id 'fiat-7' of 'productivist' was already used by transaction ${first.transactionId} with other arguments; use a new request id`,
        );
    });

    it('refuses a malformed request id', async () => {
        expect(await failure(submit(world, 'treasury', pt, 'Mint', 'alice', '5', 'has space'))).toEqual({
            code: 'INVALID_ARGUMENT',
            message:
                "INVALID_ARGUMENT: request id 'has space' must be 1 to 64 letters, digits, '.', '_', ':' or '-', starting with a letter or digit",
        });
    });
});

describe('productoken: transfers', () => {
    let world: EmbeddedNetwork;
    beforeEach(async () => {
        world = await createWorld();
        await submit(world, 'treasury', pt, 'Mint', 'alice', '10000', 'm1');
    });

    it('moves tokens and emits one event with the movement', async () => {
        const events = world.chaincodeEvents('alice', pt);
        const result = await submit<TokenResult>(
            world,
            'alice',
            pt,
            'Transfer',
            'printlab',
            '2500',
            'invoice-1',
            'pay-1',
        );
        expect(await available(world, 'alice')).toBe('7500');
        expect(await available(world, 'printlab')).toBe('2500');
        for await (const event of events) {
            expect(event.eventName).toBe(tokenEventName);
            expect(JSON.parse(Buffer.from(event.payload).toString())).toEqual({
                action: 'Transfer',
                transactionId: result.transactionId,
                movements: [
                    { kind: 'transfer', from: 'alice', to: 'printlab', amount: '2500', reference: 'invoice-1' },
                ],
            } satisfies TokenEvent);
            events.close();
        }
    });

    it('finds a transfer by its payer and reference, once per reference', async () => {
        const paid = await submit<TokenResult>(world, 'alice', pt, 'Transfer', 'printlab', '100', 'po-77', 'p1');
        expect(await evaluate(world, 'erin', pt, 'TransferByReference', 'alice', 'po-77')).toEqual({
            transactionId: paid.transactionId,
            from: 'alice',
            to: 'printlab',
            amount: '100',
            reference: 'po-77',
        });
        expect((await failure(submit(world, 'alice', pt, 'Transfer', 'dana', '1', 'po-77', 'p2'))).message).toBe(
            "CONFLICT: 'alice' already used reference 'po-77'; references are unique per payer",
        );
        expect(await failure(evaluate(world, 'erin', pt, 'TransferByReference', 'alice', 'po-78'))).toEqual({
            code: 'NOT_FOUND',
            message: "NOT_FOUND: no transfer by 'alice' with reference 'po-78'",
        });
    });

    it('refuses overdrafts, self-transfers and bad accounts without changing anything', async () => {
        const before = world.stateHash();
        expect(await failure(submit(world, 'alice', pt, 'Transfer', 'printlab', '10001', '', 'x1'))).toEqual({
            code: 'INSUFFICIENT_FUNDS',
            message:
                "INSUFFICIENT_FUNDS: account 'alice' has 10000 available and cannot pay 10001 (base 0, named credits 10000; " +
                "credits not named are not read: name them from CreditsOf in transient field 'credits', or merge them into the base with Consolidate)",
        });
        expect(await failure(submit(world, 'alice', pt, 'Transfer', 'alice', '1', '', 'x2'))).toEqual({
            code: 'INVALID_ARGUMENT',
            message: "INVALID_ARGUMENT: cannot transfer from 'alice' to itself",
        });
        expect((await failure(submit(world, 'alice', pt, 'Transfer', 'Not An Account', '1', '', 'x3'))).code).toBe(
            'INVALID_ARGUMENT',
        );
        expect(world.stateHash()).toBe(before);
    });

    it('spends exactly all it has: the base and the named credits together', async () => {
        // Given alice's 10000 in one credit entry (base 0), When she pays all of it, Then it commits and leaves 0
        await submit(world, 'alice', pt, 'Transfer', 'printlab', '10000', '', 'all');
        expect([await available(world, 'alice'), await available(world, 'printlab')]).toEqual(['0', '10000']);
    });

    it('gives a member one wallet across its role identities', async () => {
        // alice's designer identity spends from the same account
        await submit(world, 'alice-designer', pt, 'Transfer', 'dana', '1000', '', 'd1');
        expect(await evaluate(world, 'alice', pt, 'BalanceOf', 'alice')).toMatchObject({ available: '9000' });
        expect(await evaluate(world, 'alice-designer', pt, 'WhoAmI')).toMatchObject({
            account: 'alice',
            roles: ['designer'],
        });
    });

    it("never trusts the attributes of another org's identity", async () => {
        const acme = await evaluate<{ account: string; trusted: boolean }>(world, 'acme', pt, 'WhoAmI');
        expect(acme.account).toMatch(/^IndustrialMSP:[0-9a-f]{40}$/);
        expect(acme.trusted).toBe(false);
        expect((await failure(evaluate(world, 'acme', pt, 'BalanceOf', 'alice'))).code).toBe('FORBIDDEN');
        await submit(world, 'alice', pt, 'Transfer', acme.account, '300', '', 'to-acme');
        await submit(world, 'acme', pt, 'Transfer', 'printlab', '200', '', 'acme-1');
        expect(await evaluate(world, 'acme', pt, 'BalanceOf', acme.account)).toMatchObject({ available: '100' });
    });

    it('merges credit entries when the base balance does not cover a payment', async () => {
        // printlab's tokens arrive as credit entries (base 0)
        await submit(world, 'alice', pt, 'Transfer', 'printlab', '300', '', 'a');
        await submit(world, 'alice', pt, 'Transfer', 'printlab', '400', '', 'b');
        await submit(world, 'printlab', pt, 'Transfer', 'dana', '650', '', 'c');
        expect(await available(world, 'printlab')).toBe('50');
        expect(await available(world, 'dana')).toBe('650');
    });

    it('lists activity newest last, one page at a time', async () => {
        for (const n of [1, 2, 3]) await submit(world, 'alice', pt, 'Transfer', 'dana', String(n), '', `t${n}`);
        type ActivityPage = { items: { kind: string; amount: string }[]; bookmark: string };
        const first = await evaluate<ActivityPage>(world, 'alice', pt, 'Activity', 'alice', '2', '');
        expect(first.items.map((item) => `${item.kind}:${item.amount}`)).toEqual(['mint:10000', 'transfer:1']);
        const second = await evaluate<ActivityPage>(world, 'alice', pt, 'Activity', 'alice', '2', first.bookmark);
        expect(second.items.map((item) => `${item.kind}:${item.amount}`)).toEqual(['transfer:2', 'transfer:3']);
        expect(second.bookmark).toBe('');
        expect((await failure(evaluate(world, 'alice', pt, 'Activity', 'alice', '500', ''))).message).toBe(
            'INVALID_ARGUMENT: page size 500 must be a whole number from 1 to 100',
        );
    });
});

/** A stand-in for a core contract that puts holds through productoken. */
class Broker extends Contract {
    constructor() {
        super('broker');
    }

    @Transaction()
    async Hold(ctx: Context, holdId: string, amount: string, rules: string): Promise<string> {
        const response = await ctx.stub.invokeChaincode(
            'productoken',
            ['CreateHold', holdId, amount, rules, `broker-${holdId}`],
            '',
        );
        if (response.status !== 200) throw new Error(response.message);
        const result = JSON.parse(Buffer.from(response.payload ?? new Uint8Array()).toString()) as TokenResult;
        ctx.stub.setEvent(
            tokenEventName,
            tokenEventPayload({
                action: 'BrokerHold',
                transactionId: ctx.stub.getTxID(),
                movements: result.movements,
                context: { holdId },
            }),
        );
        return JSON.stringify(result);
    }

    @Transaction()
    async Release(ctx: Context, holdId: string): Promise<string> {
        const response = await ctx.stub.invokeChaincode('productoken', ['ReleaseHold', holdId], '');
        if (response.status !== 200) throw new Error(response.message);
        return Buffer.from(response.payload ?? new Uint8Array()).toString();
    }
}

describe('productoken: holds', () => {
    let world: EmbeddedNetwork;
    beforeEach(async () => {
        world = await createWorld();
        world.deploy({ name: 'broker', contracts: [Broker], endorsementPolicy: { any: ['ProductivistMSP'] } });
        await submit(world, 'treasury', pt, 'Mint', 'alice', '10000', 'm1');
    });

    it('escrows the amount: held tokens are not spendable', async () => {
        const result = await submit<TokenResult>(world, 'alice', pt, 'CreateHold', 'order-1', '4000', rules(), 'h1');
        expect(result.hold).toMatchObject({
            id: 'alice/order-1',
            payer: 'alice',
            amount: '4000',
            status: 'OPEN',
            createdVia: 'productoken',
            feeBps: 500,
        });
        expect(await evaluate(world, 'alice', pt, 'BalanceOf', 'alice')).toEqual({
            account: 'alice',
            available: '6000',
            held: '4000',
        });
        expect((await failure(submit(world, 'alice', pt, 'Transfer', 'dana', '6001', '', 't'))).code).toBe(
            'INSUFFICIENT_FUNDS',
        );
        expect((await failure(submit(world, 'alice', pt, 'CreateHold', 'order-1', '1', rules(), 'h2'))).message).toBe(
            "CONFLICT: hold 'alice/order-1' already exists; choose another id",
        );
    });

    it('releases as a split payout with the platform fee, rounding down and giving the remainder to the first payee', async () => {
        await submit(world, 'alice', pt, 'CreateHold', 'order-2', '1001', rules(), 'h');
        const released = await submit<TokenResult>(world, 'alice', pt, 'ReleaseHold', 'alice/order-2');
        expect(released.movements).toEqual([
            { kind: 'release', from: 'hold:alice/order-2', to: 'printlab', amount: '851', holdId: 'alice/order-2' },
            { kind: 'release', from: 'hold:alice/order-2', to: 'dana', amount: '100', holdId: 'alice/order-2' },
            { kind: 'fee', from: 'hold:alice/order-2', to: 'productivist', amount: '50', holdId: 'alice/order-2' },
        ]);
        expect([
            await available(world, 'printlab'),
            await available(world, 'dana'),
            await available(world, 'productivist'),
        ]).toEqual(['851', '100', '50']);
        expect(await evaluate(world, 'alice', pt, 'BalanceOf', 'alice')).toMatchObject({
            available: '8999',
            held: '0',
        });
        // Nothing is released or refunded twice
        expect((await failure(submit(world, 'alice', pt, 'ReleaseHold', 'alice/order-2'))).message).toBe(
            "CONFLICT: hold 'alice/order-2' is RELEASED and cannot be released",
        );
        expect((await failure(submit(world, 'erin', pt, 'RefundHold', 'alice/order-2'))).message).toBe(
            "CONFLICT: hold 'alice/order-2' is RELEASED and cannot be refunded",
        );
    });

    it('refunds only through the parties its rules name', async () => {
        await submit(world, 'alice', pt, 'CreateHold', 'order-3', '700', rules(), 'h');
        const refused = await failure(submit(world, 'printlab', pt, 'RefundHold', 'alice/order-3'));
        expect(refused).toEqual({
            code: 'FORBIDDEN',
            message:
                "FORBIDDEN: printlab may not refund hold 'alice/order-3' through productoken; its rules allow: role expert through productoken",
        });
        await submit(world, 'erin', pt, 'RefundHold', 'alice/order-3');
        expect(await evaluate(world, 'alice', pt, 'BalanceOf', 'alice')).toMatchObject({
            available: '10000',
            held: '0',
        });
        expect((await evaluate<Hold>(world, 'erin', pt, 'GetHold', 'alice/order-3')).status).toBe('REFUNDED');
    });

    it('names every permission its rules give in a refusal, and nobody when they give none', async () => {
        // Given a hold that the payer or dana may release directly, a producer through the broker, and nobody refund
        const several = rules({
            release: [
                { entryChaincode: 'productoken', parties: ['payer', { account: 'dana' }] },
                { entryChaincode: 'broker', parties: [{ role: 'producer' }] },
            ],
            refund: [],
            expiresAt: '2030-01-01T00:00:00Z',
        });
        await submit(world, 'alice', pt, 'CreateHold', 'order-8', '100', several, 'h8');
        // When printlab releases it directly, Then the refusal lists both permissions
        expect(await failure(submit(world, 'printlab', pt, 'ReleaseHold', 'alice/order-8'))).toEqual({
            code: 'FORBIDDEN',
            message:
                "FORBIDDEN: printlab may not release hold 'alice/order-8' through productoken; its rules allow: " +
                'payer or account dana through productoken; role producer through broker',
        });
        // And a refund, which its rules give no one, is refused to the payer too
        expect((await failure(submit(world, 'alice', pt, 'RefundHold', 'alice/order-8'))).message).toBe(
            "FORBIDDEN: alice may not refund hold 'alice/order-8' through productoken; its rules allow: nobody",
        );
        // And the account named in the rules releases it
        await submit(world, 'dana', pt, 'ReleaseHold', 'alice/order-8');
        expect((await evaluate<Hold>(world, 'alice', pt, 'GetHold', 'alice/order-8')).status).toBe('RELEASED');
    });

    it('checks the entry chaincode from the signed proposal, not from any argument', async () => {
        // A hold that only the broker chaincode may release, on behalf of the payer
        const brokered = rules({ release: [{ entryChaincode: 'broker', parties: ['payer'] }] });
        const held = JSON.parse(
            Buffer.from(
                (
                    await world.contract('alice', 'broker').submit('Hold', {
                        arguments: ['order-4', '1000', brokered],
                        // the transient map of the proposal reaches productoken through invokeChaincode
                        transientData: { ...(await creditsForSpend(world.contract('alice', pt), 1000n)) },
                    })
                ).result,
            ).toString(),
        ) as TokenResult;
        expect(held.hold?.createdVia).toBe('broker');
        // A direct call by the same payer is refused: the entry chaincode is productoken
        expect((await failure(submit(world, 'alice', pt, 'ReleaseHold', 'broker:order-4'))).code).toBe('FORBIDDEN');
        // Through the broker it is released
        const released = JSON.parse(
            Buffer.from(
                (await world.contract('alice', 'broker').submit('Release', { arguments: ['broker:order-4'] })).result,
            ).toString(),
        ) as TokenResult;
        expect(released.hold?.status).toBe('RELEASED');
    });

    it("puts the movements in the calling contract's event, since productoken's own is dropped", async () => {
        const events = world.chaincodeEvents('alice', 'broker');
        const committed = await world.contract('alice', 'broker').submit('Hold', {
            arguments: ['order-5', '250', rules()],
            transientData: { ...(await creditsForSpend(world.contract('alice', pt), 250n)) },
        });
        for await (const event of events) {
            expect(event.transactionId).toBe(committed.transactionId);
            expect(JSON.parse(Buffer.from(event.payload).toString())).toMatchObject({
                action: 'BrokerHold',
                movements: [{ kind: 'hold', from: 'alice', to: 'hold:broker:order-5', amount: '250' }],
                context: { holdId: 'order-5' },
            });
            events.close();
        }
    });

    it('lets only the treasury expire a hold, and only after its expiry', async () => {
        let now = new Date('2026-03-01T00:00:00Z');
        const clockWorld = await createWorld({ now: () => now });
        await submit(clockWorld, 'treasury', pt, 'Mint', 'alice', '1000', 'm');
        await submit(
            clockWorld,
            'alice',
            pt,
            'CreateHold',
            'order-6',
            '600',
            rules({ refund: [], expiresAt: '2026-03-31T00:00:00Z' }),
            'h',
        );
        expect((await failure(submit(clockWorld, 'treasury', pt, 'ExpireHold', 'alice/order-6'))).message).toBe(
            "CONFLICT: hold 'alice/order-6' expires at 2026-03-31T00:00:00Z, not before",
        );
        // The payer would profit from expiry: a forged timestamp is of no use to it
        now = new Date('2027-01-01T00:00:00Z');
        expect((await failure(submit(clockWorld, 'alice', pt, 'ExpireHold', 'alice/order-6'))).message).toBe(
            "FORBIDDEN: only the Productivist treasury may expire hold 'alice/order-6'; the payer cannot expire its own hold",
        );
        await submit(clockWorld, 'treasury', pt, 'ExpireHold', 'alice/order-6');
        expect(await evaluate(clockWorld, 'alice', pt, 'BalanceOf', 'alice')).toMatchObject({
            available: '1000',
            held: '0',
        });
        await submit(clockWorld, 'alice', pt, 'CreateHold', 'order-7', '1', rules(), 'h7');
        expect((await failure(submit(clockWorld, 'treasury', pt, 'ExpireHold', 'alice/order-7'))).message).toBe(
            "CONFLICT: hold 'alice/order-7' has no expiry",
        );
    });

    it('lists the holds of an account page by page', async () => {
        for (const n of [1, 2, 3]) await submit(world, 'alice', pt, 'CreateHold', `o-${n}`, '10', rules(), `h${n}`);
        const first = await evaluate<{ items: Hold[]; bookmark: string }>(
            world,
            'alice',
            pt,
            'HoldsOf',
            'alice',
            '2',
            '',
        );
        expect(first.items.map((hold) => hold.id)).toEqual(['alice/o-1', 'alice/o-2']);
        const rest = await evaluate<{ items: Hold[]; bookmark: string }>(
            world,
            'treasury',
            pt,
            'HoldsOf',
            'alice',
            '2',
            first.bookmark,
        );
        expect(rest).toMatchObject({ items: [{ id: 'alice/o-3' }], bookmark: '' });
        expect(await failure(evaluate(world, 'alice', pt, 'GetHold', 'alice/nope'))).toEqual({
            code: 'NOT_FOUND',
            message: "NOT_FOUND: hold 'alice/nope' does not exist",
        });
    });

    it.each([
        [
            { payees: [{ account: 'printlab', bps: 9000 }] },
            'INVALID_ARGUMENT: payee shares add up to 9000 bps; with the platform fee of 500 bps they must make 10000',
        ],
        [{ payees: [] }, 'INVALID_ARGUMENT: hold rules.payees must list 1 to 10 payees'],
        [{ release: [] }, 'INVALID_ARGUMENT: hold rules.release must name at least one permission'],
        [
            { refund: [] },
            'INVALID_ARGUMENT: hold rules must allow a refund or set expiresAt, or the funds could be locked forever',
        ],
        [
            { release: [{ entryChaincode: 'productoken', parties: ['anyone'] }] },
            'INVALID_ARGUMENT: hold rules.release[0].parties[0] must be a JSON object',
        ],
        [
            { release: [{ entryChaincode: 'productoken', parties: [{ role: 'king' }] }] },
            'INVALID_ARGUMENT: hold rules.release[0].parties[0] must be "payer", "treasury", "admin", {"account": "..."} or {"role": one of customer, designer, producer, expert, treasury}',
        ],
        [
            { release: [{ entryChaincode: 'Product Token', parties: ['payer'] }] },
            'INVALID_ARGUMENT: hold rules.release[0].entryChaincode must be a chaincode name such as productoken or qualitycheck',
        ],
        [
            { expiresAt: 'tomorrow' },
            'INVALID_ARGUMENT: hold rules.expiresAt must be a UTC instant such as 2027-01-31T00:00:00Z',
        ],
        [
            { expiresAt: '2020-13-45T99:99:99Z' },
            'INVALID_ARGUMENT: hold rules.expiresAt must be a UTC instant such as 2027-01-31T00:00:00Z',
        ],
        [
            { expiresAt: '2027-02-30T00:00:00Z' },
            'INVALID_ARGUMENT: hold rules.expiresAt must be a UTC instant such as 2027-01-31T00:00:00Z',
        ],
        [
            { tip: 5 },
            'INVALID_ARGUMENT: hold rules has unknown fields tip; allowed: payees, release, refund, expiresAt, reference',
        ],
    ])('refuses the rules %j', async (override, message) => {
        const before = world.stateHash();
        expect(await failure(submit(world, 'alice', pt, 'CreateHold', 'bad', '10', rules(override), 'hb'))).toEqual({
            code: 'INVALID_ARGUMENT',
            message,
        });
        expect(world.stateHash()).toBe(before);
    });
});

describe('productoken: role registry', () => {
    it('lets the Productivist admin alone grant and revoke roles', async () => {
        const world = await createWorld();
        expect((await failure(submit(world, 'alice', pt, 'GrantRole', 'IndustrialMSP', 'producer'))).message).toBe(
            "FORBIDDEN: only an admin of ProductivistMSP may grant roles; member 'alice' (CustomerMSP) is not",
        );
        expect(await submit(world, 'admin', pt, 'GrantRole', 'IndustrialMSP', 'producer')).toEqual(['producer']);
        expect(await evaluate(world, 'acme', pt, 'WhoAmI')).toMatchObject({ roles: ['producer'], trusted: false });
        expect(await submit(world, 'admin', pt, 'RevokeRole', 'IndustrialMSP', 'producer')).toEqual([]);
        expect(await evaluate(world, 'acme', pt, 'RolesOf', 'IndustrialMSP')).toEqual([]);
        expect((await failure(submit(world, 'admin', pt, 'GrantRole', 'IndustrialMSP', 'king'))).code).toBe(
            'INVALID_ARGUMENT',
        );
        expect((await failure(submit(world, 'admin', pt, 'GrantRole', 'IndustrialMSP', 'treasury'))).message).toBe(
            'INVALID_ARGUMENT: the treasury role stays with ProductivistMSP',
        );
        expect((await failure(submit(world, 'admin', pt, 'GrantRole', 'Bad MSP', 'expert'))).code).toBe(
            'INVALID_ARGUMENT',
        );
    });
});
