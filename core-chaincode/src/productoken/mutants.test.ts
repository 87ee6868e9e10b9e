// SPDX-License-Identifier: Apache-2.0
//
// Tests that pin down what mutation testing changes in productoken (holds, token, accounts, roles,
// configuration): exact refusals, boundaries of ids and lengths, the hold as stored, who may read.
import type { EmbeddedNetwork } from '@productivist/ledger';

import { createWorld, evaluate, failure, submit } from '@productivist/clients/testing';
import { deviceAttribute, memberAttribute, treasuryAttribute } from '../shared/caller.js';
import type { Hold } from './holds.js';
import type { TokenEvent } from './movements.js';
import { tokenEventName } from './movements.js';
import type { TokenResult } from './ProductokenContract.js';

const pt = 'productoken';
const payees = [
    { account: 'printlab', bps: 8500 },
    { account: 'dana', bps: 1000 },
];
const rules = (overrides: Record<string, unknown> = {}): string =>
    JSON.stringify({
        payees,
        release: [{ entryChaincode: 'productoken', parties: ['payer'] }],
        refund: [{ entryChaincode: 'productoken', parties: [{ role: 'expert' }] }],
        ...overrides,
    });
const release = (parties: unknown[]): Record<string, unknown> => ({
    release: [{ entryChaincode: 'productoken', parties }],
});
const chaincodeRule =
    'INVALID_ARGUMENT: hold rules.release[0].entryChaincode must be a chaincode name such as productoken or qualitycheck';
const partyRule = (where: string): string =>
    `INVALID_ARGUMENT: hold rules.${where} must be "payer", "treasury", "admin", {"account": "..."} or {"role": one of customer, designer, producer, expert, treasury}`;
const bpsRule = (i: number): string =>
    `INVALID_ARGUMENT: hold rules.payees[${i}].bps must be a whole number of basis points from 0 to 10000`;
const badHoldId = (id: string): string =>
    `INVALID_ARGUMENT: hold id '${id}' must be <payer>/<id> for a member's hold or <chaincode>:<id> for a contract's hold`;

describe('productoken holds: rules parsing (mutation survivors)', () => {
    let world: EmbeddedNetwork;
    let n = 0;
    beforeAll(async () => {
        world = await createWorld();
        await submit(world, 'treasury', pt, 'Mint', 'alice', '100000', 'mutants-fund');
    });
    const create = (rulesJson: string, amount = '10'): Promise<TokenResult> => {
        n += 1;
        return submit<TokenResult>(world, 'alice', pt, 'CreateHold', `mh-${n}`, amount, rulesJson, `mh-${n}`);
    };

    it.each([
        ['{"payees":', 'INVALID_ARGUMENT: hold rules is not valid JSON'],
        ['[]', 'INVALID_ARGUMENT: hold rules must be a JSON object'],
        ['null', 'INVALID_ARGUMENT: hold rules must be a JSON object'],
        ['"payer"', 'INVALID_ARGUMENT: hold rules must be a JSON object'],
        [
            rules({ tip: 1, colour: 'red' }),
            'INVALID_ARGUMENT: hold rules has unknown fields tip, colour; allowed: payees, release, refund, expiresAt, reference',
        ],
        [rules({ payees: 'printlab' }), 'INVALID_ARGUMENT: hold rules.payees must list 1 to 10 payees'],
        [
            rules({ payees: Array.from({ length: 11 }, () => ({ account: 'printlab', bps: 0 })) }),
            'INVALID_ARGUMENT: hold rules.payees must list 1 to 10 payees',
        ],
        [rules({ payees: [payees[0], 'dana'] }), 'INVALID_ARGUMENT: hold rules.payees[1] must be a JSON object'],
        [
            rules({ payees: [payees[0], { account: 'dana', bps: 1000, note: 'x' }] }),
            'INVALID_ARGUMENT: hold rules.payees[1] has unknown fields note; allowed: account, bps',
        ],
        [rules({ payees: [payees[0], { account: 'dana', bps: '1000' }] }), bpsRule(1)],
        [rules({ payees: [payees[0], { account: 'dana', bps: 999.5 }] }), bpsRule(1)],
        [rules({ payees: [payees[0], { account: 'dana' }] }), bpsRule(1)],
        [rules({ payees: [{ account: 'printlab', bps: 10001 }] }), bpsRule(0)],
        [
            rules({ payees: [{ account: 'printlab', bps: 10000 }] }),
            'INVALID_ARGUMENT: payee shares add up to 10000 bps; with the platform fee of 500 bps they must make 10000',
        ],
        [rules({ payees: [] }), 'INVALID_ARGUMENT: hold rules.payees must list 1 to 10 payees'],
        [
            rules({
                payees: [
                    { account: 'printlab', bps: 9501 },
                    { account: 'dana', bps: -1 },
                ],
            }),
            bpsRule(1),
        ],
        [
            rules({ payees: [payees[0], { account: 7, bps: 1000 }] }),
            'INVALID_ARGUMENT: hold rules.payees[1].account must be an account id',
        ],
        [
            rules({ payees: [payees[0], { bps: 1000 }] }),
            'INVALID_ARGUMENT: hold rules.payees[1].account must be an account id',
        ],
        [
            rules({ payees: [payees[0], { account: 'Dana!', bps: 1000 }] }),
            "INVALID_ARGUMENT: hold rules.payees[1].account 'Dana!' is not an account id (lowercase letters, digits, '.', '_', '-'; or MSPID:hash)",
        ],
        [
            rules({
                payees: [
                    { account: 'printlab', bps: 9500 },
                    { account: 'dana', bps: 1 },
                ],
            }),
            'INVALID_ARGUMENT: payee shares add up to 9501 bps; with the platform fee of 500 bps they must make 10000',
        ],
        [
            rules({
                payees: [
                    { account: 'printlab', bps: 4000 },
                    { account: 'dana', bps: 5000 },
                ],
            }),
            'INVALID_ARGUMENT: payee shares add up to 9000 bps; with the platform fee of 500 bps they must make 10000',
        ],
        [rules({ release: undefined }), 'INVALID_ARGUMENT: hold rules.release must name at least one permission'],
        [rules({ release: 'payer' }), 'INVALID_ARGUMENT: hold rules.release must be a list of permissions'],
        [
            rules({ refund: { parties: ['payer'] } }),
            'INVALID_ARGUMENT: hold rules.refund must be a list of permissions',
        ],
        [rules({ release: ['payer'] }), 'INVALID_ARGUMENT: hold rules.release[0] must be a JSON object'],
        [
            rules({ release: [{ entryChaincode: 'productoken', parties: ['payer'], who: 1 }] }),
            'INVALID_ARGUMENT: hold rules.release[0] has unknown fields who; allowed: entryChaincode, parties',
        ],
        [rules({ release: [{ parties: ['payer'] }] }), chaincodeRule],
        [rules({ release: [{ entryChaincode: 5, parties: ['payer'] }] }), chaincodeRule],
        [rules({ release: [{ entryChaincode: '', parties: ['payer'] }] }), chaincodeRule],
        [rules({ release: [{ entryChaincode: 'x productoken', parties: ['payer'] }] }), chaincodeRule],
        [rules({ release: [{ entryChaincode: 'productoken!', parties: ['payer'] }] }), chaincodeRule],
        [rules({ release: [{ entryChaincode: '-productoken', parties: ['payer'] }] }), chaincodeRule],
        [rules({ release: [{ entryChaincode: `p${'a'.repeat(64)}`, parties: ['payer'] }] }), chaincodeRule],
        [
            rules({
                release: [
                    { entryChaincode: 'productoken', parties: ['payer'] },
                    { entryChaincode: 'broker', parties: [] },
                ],
            }),
            'INVALID_ARGUMENT: hold rules.release[1].parties must be a non-empty list',
        ],
        [
            rules({ release: [{ entryChaincode: 'productoken' }] }),
            'INVALID_ARGUMENT: hold rules.release[0].parties must be a non-empty list',
        ],
        [
            rules({ release: [{ entryChaincode: 'productoken', parties: 'payer' }] }),
            'INVALID_ARGUMENT: hold rules.release[0].parties must be a non-empty list',
        ],
        [rules(release(['payer', { account: 'dana', role: 'expert' }])), partyRule('release[0].parties[1]')],
        [rules(release([{ account: 5 }])), partyRule('release[0].parties[0]')],
        [rules(release([{ role: 5 }])), partyRule('release[0].parties[0]')],
        [rules(release([{}])), partyRule('release[0].parties[0]')],
        [rules(release([{ role: 'king' }])), partyRule('release[0].parties[0]')],
        [
            rules(release([{ account: 'Dana!' }])),
            "INVALID_ARGUMENT: hold rules.release[0].parties[0].account 'Dana!' is not an account id (lowercase letters, digits, '.', '_', '-'; or MSPID:hash)",
        ],
        [
            rules(release([{ account: 'dana', colour: 'red' }])),
            'INVALID_ARGUMENT: hold rules.release[0].parties[0] has unknown fields colour; allowed: account, role',
        ],
        [
            rules({ expiresAt: 1800000000 }),
            'INVALID_ARGUMENT: hold rules.expiresAt must be a UTC instant such as 2027-01-31T00:00:00Z',
        ],
        [
            rules({ expiresAt: ['2030-01-31T00:00:00Z'] }),
            'INVALID_ARGUMENT: hold rules.expiresAt must be a UTC instant such as 2027-01-31T00:00:00Z',
        ],
        [rules({ reference: 42 }), 'INVALID_ARGUMENT: hold rules.reference must be a string of at most 128 characters'],
        [
            rules({ reference: 'r'.repeat(129) }),
            'INVALID_ARGUMENT: hold rules.reference must be a string of at most 128 characters',
        ],
        [
            rules({ refund: undefined }),
            'INVALID_ARGUMENT: hold rules must allow a refund or set expiresAt, or the funds could be locked forever',
        ],
    ])('refuses the rules %s', async (rulesJson, message) => {
        // Given the world; When alice creates a hold with these rules
        const before = world.stateHash();
        const refused = await failure(submit(world, 'alice', pt, 'CreateHold', 'bad', '10', rulesJson, 'bad'));
        // Then it is refused with the exact message and nothing changed
        expect(refused).toEqual({ code: 'INVALID_ARGUMENT', message });
        expect(world.stateHash()).toBe(before);
    });

    it('stores exactly the rules given: every kind of party, boundaries accepted, no absent field', async () => {
        // Given rules at every boundary: 10 payees, a 64-character chaincode, a 128-character reference
        const ten = [
            { account: 'printlab', bps: 9500 },
            ...Array.from({ length: 9 }, () => ({ account: 'dana', bps: 0 })),
        ];
        const longChaincode = `p${'a'.repeat(63)}`;
        const reference = 'r'.repeat(128);
        const given = {
            payees: ten,
            release: [
                {
                    entryChaincode: 'productoken',
                    parties: ['payer', 'treasury', 'admin', { account: 'dana' }, { role: 'expert' }],
                },
                { entryChaincode: longChaincode, parties: [{ role: 'producer' }] },
            ],
            refund: [{ entryChaincode: 'productoken', parties: [{ role: 'expert' }] }],
            reference,
        };
        // When alice creates the hold
        const created = await create(JSON.stringify(given));
        // Then the hold keeps the rules as given, without an expiresAt key
        expect(created.hold?.rules).toEqual(given);
        expect(Object.keys(created.hold?.rules ?? {})).toEqual(['payees', 'release', 'refund', 'reference']);
        // And the hold movement carries the reference
        expect(created.movements).toEqual([
            { kind: 'hold', from: 'alice', to: `hold:alice/mh-${n}`, amount: '10', holdId: `alice/mh-${n}`, reference },
        ]);
    });

    it('keeps an expiry without refund permissions, and no reference key when none is given', async () => {
        // When alice creates a hold that only expires
        const created = await create(rules({ refund: undefined, expiresAt: '2030-01-31T00:00:00Z' }), '7');
        // Then the stored hold is exactly that
        const id = `alice/mh-${n}`;
        const stored = await evaluate<Hold>(world, 'alice', pt, 'GetHold', id);
        expect(stored).toEqual({
            id,
            payer: 'alice',
            amount: '7',
            status: 'OPEN',
            createdIn: stored.createdIn,
            createdVia: 'productoken',
            rules: {
                payees,
                release: [{ entryChaincode: 'productoken', parties: ['payer'] }],
                refund: [],
                expiresAt: '2030-01-31T00:00:00Z',
            },
            feeAccount: 'productivist',
            feeBps: 500,
        });
        expect(created.hold).toEqual(stored);
        expect(stored.createdIn).toMatch(/^[0-9a-f]{64}$/);
        expect(created.movements).toEqual([{ kind: 'hold', from: 'alice', to: `hold:${id}`, amount: '7', holdId: id }]);
    });

    it('accepts payees of 0 and 10000 bps less the fee, and an empty reference is not recorded', async () => {
        const created = await create(
            rules({
                payees: [
                    { account: 'printlab', bps: 0 },
                    { account: 'dana', bps: 9500 },
                ],
                reference: '',
            }),
        );
        expect(created.hold?.rules.reference).toBe('');
        expect(created.movements).toEqual([
            { kind: 'hold', from: 'alice', to: `hold:alice/mh-${n}`, amount: '10', holdId: `alice/mh-${n}` },
        ]);
    });

    it.each([
        ['alice', badHoldId('alice')],
        ['/order', badHoldId('/order')],
        ['alice/', badHoldId('alice/')],
        ['Alice/order', badHoldId('Alice/order')],
        ['alice/-order', badHoldId('alice/-order')],
        ['broker:', badHoldId('broker:')],
        [':order', badHoldId(':order')],
        ['Broker:order', badHoldId('Broker:order')],
        ['x broker:order', badHoldId('x broker:order')],
        ['-broker:order', badHoldId('-broker:order')],
        [`b${'a'.repeat(64)}:order`, badHoldId(`b${'a'.repeat(64)}:order`)],
        ['broker:-order', badHoldId('broker:-order')],
        ['b_-9:x/y', badHoldId('b_-9:x/y')],
    ])('refuses the hold id %j', async (id, message) => {
        expect(await failure(evaluate(world, 'alice', pt, 'GetHold', id))).toEqual({
            code: 'INVALID_ARGUMENT',
            message,
        });
    });

    it.each(['alice/nope', 'alice/a:b', 'broker:nope', `b${'a'.repeat(63)}:nope`, 'b_-9:x'])(
        'accepts the well-formed hold id %j and finds no such hold',
        async (id) => {
            expect(await failure(evaluate(world, 'alice', pt, 'GetHold', id))).toEqual({
                code: 'NOT_FOUND',
                message: `NOT_FOUND: hold '${id}' does not exist`,
            });
        },
    );

    it('refuses a malformed local id, a bad amount and a caller without an account', async () => {
        const before = world.stateHash();
        expect(await failure(submit(world, 'alice', pt, 'CreateHold', '-x', '10', rules(), 'cx1'))).toEqual({
            code: 'INVALID_ARGUMENT',
            message:
                "INVALID_ARGUMENT: hold id '-x' must be 1 to 64 letters, digits, '.', '_', ':' or '-', starting with a letter or digit",
        });
        expect(await failure(submit(world, 'alice', pt, 'CreateHold', 'cx', '0', rules(), 'cx2'))).toEqual({
            code: 'INVALID_ARGUMENT',
            message: 'INVALID_ARGUMENT: hold amount must be greater than 0',
        });
        expect(await failure(submit(world, 'printer', pt, 'CreateHold', 'cx', '1', rules(), 'cx3'))).toEqual({
            code: 'FORBIDDEN',
            message: "FORBIDDEN: a device cannot create a hold; use the producer's own identity",
        });
        expect(
            await failure(
                submit(
                    world,
                    'alice',
                    pt,
                    'CreateHold',
                    'cx',
                    '1',
                    rules({ payees: [payees[0], { account: 'nobody', bps: 1000 }] }),
                    'cx4',
                ),
            ),
        ).toEqual({
            code: 'NOT_FOUND',
            message:
                "NOT_FOUND: payee 2 account 'nobody' does not exist; accounts are opened by their owner (productoken OpenAccount)",
        });
        expect(world.stateHash()).toBe(before);
    });
});

describe('productoken holds: release, refund, expire and readers (mutation survivors)', () => {
    let now = new Date('2026-03-01T00:00:00Z');
    let world: EmbeddedNetwork;
    let n = 0;
    beforeAll(async () => {
        world = await createWorld({ now: () => now });
        await submit(world, 'treasury', pt, 'Mint', 'alice', '100000', 'money-fund');
    });
    const create = async (rulesJson: string, amount = '100'): Promise<string> => {
        n += 1;
        await submit(world, 'alice', pt, 'CreateHold', `mm-${n}`, amount, rulesJson, `mm-${n}`);
        return `alice/mm-${n}`;
    };
    const balance = (account: string): Promise<unknown> => evaluate(world, 'treasury', pt, 'BalanceOf', account);

    it('pays nothing to a zero share: no movement for a payee or a fee of 0', async () => {
        // Given a hold of 1 whose second payee has a 0 share
        const id = await create(
            rules({
                payees: [
                    { account: 'printlab', bps: 9500 },
                    { account: 'dana', bps: 0 },
                ],
            }),
            '1',
        );
        // When alice releases it
        const released = await submit<TokenResult>(world, 'alice', pt, 'ReleaseHold', id);
        // Then only the first payee is paid (the fee rounds to 0), and the hold is closed in this transaction
        expect(released.movements).toEqual([
            { kind: 'release', from: `hold:${id}`, to: 'printlab', amount: '1', holdId: id },
        ]);
        const stored = await evaluate<Hold>(world, 'alice', pt, 'GetHold', id);
        expect(stored).toMatchObject({ status: 'RELEASED', amount: '1' });
        expect(stored.closedIn).toMatch(/^[0-9a-f]{64}$/);
        expect(stored.closedIn).not.toBe(stored.createdIn);
        expect(released.hold).toEqual(stored);
    });

    it('refunds to the payer with a refund movement, and a refunded hold is neither released nor expired', async () => {
        const id = await create(rules({ expiresAt: '2026-02-01T00:00:00Z' }), '300');
        const before = (await balance('alice')) as { available: string };
        const refunded = await submit<TokenResult>(world, 'erin', pt, 'RefundHold', id);
        expect(refunded.movements).toEqual([
            { kind: 'refund', from: `hold:${id}`, to: 'alice', amount: '300', holdId: id },
        ]);
        expect(refunded.hold).toMatchObject({
            status: 'REFUNDED',
            closedIn: expect.stringMatching(/^[0-9a-f]{64}$/) as string,
        });
        expect(await balance('alice')).toMatchObject({ available: String(Number(before.available) + 300) });
        const state = world.stateHash();
        expect(await failure(submit(world, 'alice', pt, 'ReleaseHold', id))).toEqual({
            code: 'CONFLICT',
            message: `CONFLICT: hold '${id}' is REFUNDED and cannot be released`,
        });
        expect(await failure(submit(world, 'treasury', pt, 'ExpireHold', id))).toEqual({
            code: 'CONFLICT',
            message: `CONFLICT: hold '${id}' is REFUNDED and cannot be expired`,
        });
        expect(world.stateHash()).toBe(state);
    });

    it('expires at its expiry instant exactly, with an expire movement, and never twice', async () => {
        // Given a hold that expires at 2026-03-10T00:00:00.5Z, and the clock at that instant
        const id = await create(rules({ expiresAt: '2026-03-10T00:00:00.5Z' }), '40');
        now = new Date('2026-03-10T00:00:00.499Z');
        const state = world.stateHash();
        expect(await failure(submit(world, 'treasury', pt, 'ExpireHold', id))).toEqual({
            code: 'CONFLICT',
            message: `CONFLICT: hold '${id}' expires at 2026-03-10T00:00:00.5Z, not before`,
        });
        expect(world.stateHash()).toBe(state);
        now = new Date('2026-03-10T00:00:00.500Z');
        // When the treasury expires it
        const expired = await submit<TokenResult>(world, 'treasury', pt, 'ExpireHold', id);
        // Then alice gets it back and the hold is EXPIRED
        expect(expired.movements).toEqual([
            { kind: 'expire', from: `hold:${id}`, to: 'alice', amount: '40', holdId: id },
        ]);
        expect(expired.hold).toMatchObject({ status: 'EXPIRED' });
        expect(await failure(submit(world, 'treasury', pt, 'ExpireHold', id))).toEqual({
            code: 'CONFLICT',
            message: `CONFLICT: hold '${id}' is EXPIRED and cannot be expired`,
        });
        expect(await failure(submit(world, 'erin', pt, 'RefundHold', id))).toEqual({
            code: 'CONFLICT',
            message: `CONFLICT: hold '${id}' is EXPIRED and cannot be refunded`,
        });
        now = new Date('2026-03-01T00:00:00Z');
    });

    it('refuses expiry to anyone but the treasury, a device included, before looking at the hold', async () => {
        const id = await create(rules({ expiresAt: '2026-01-01T00:00:00Z' }));
        const state = world.stateHash();
        for (const member of ['alice', 'admin', 'printer', 'erin']) {
            expect(await failure(submit(world, member, pt, 'ExpireHold', id))).toEqual({
                code: 'FORBIDDEN',
                message: `FORBIDDEN: only the Productivist treasury may expire hold '${id}'; the payer cannot expire its own hold`,
            });
        }
        expect(world.stateHash()).toBe(state);
    });

    it('lets the treasury and admin parties act only for those callers, and never a device', async () => {
        // Given a hold released by the treasury, refunded by an admin, or released by a producer
        const id = await create(
            rules({
                release: [{ entryChaincode: 'productoken', parties: ['treasury', { role: 'producer' }] }],
                refund: [{ entryChaincode: 'productoken', parties: ['admin'] }],
            }),
        );
        const state = world.stateHash();
        const allowed = 'its rules allow: treasury or role producer through productoken';
        // Then the payer, and printlab's printer (a device of a producer) may not release it
        expect(await failure(submit(world, 'alice', pt, 'ReleaseHold', id))).toEqual({
            code: 'FORBIDDEN',
            message: `FORBIDDEN: alice may not release hold '${id}' through productoken; ${allowed}`,
        });
        expect(await failure(submit(world, 'printer', pt, 'ReleaseHold', id))).toEqual({
            code: 'FORBIDDEN',
            message: `FORBIDDEN: ProducerMSP may not release hold '${id}' through productoken; ${allowed}`,
        });
        // And the treasury, not being an admin, may not refund it
        expect(await failure(submit(world, 'treasury', pt, 'RefundHold', id))).toEqual({
            code: 'FORBIDDEN',
            message: `FORBIDDEN: productivist may not refund hold '${id}' through productoken; its rules allow: admin through productoken`,
        });
        expect(world.stateHash()).toBe(state);
        // When the admin refunds it, Then it is refunded
        expect((await submit<TokenResult>(world, 'admin', pt, 'RefundHold', id)).hold?.status).toBe('REFUNDED');
        // And another such hold is released by the treasury
        const second = await create(rules({ release: [{ entryChaincode: 'productoken', parties: ['treasury'] }] }));
        expect((await submit<TokenResult>(world, 'treasury', pt, 'ReleaseHold', second)).hold?.status).toBe('RELEASED');
    });

    it('refuses a party named for another entry chaincode', async () => {
        const id = await create(rules({ release: [{ entryChaincode: 'broker', parties: ['payer'] }] }));
        expect(await failure(submit(world, 'alice', pt, 'ReleaseHold', id))).toEqual({
            code: 'FORBIDDEN',
            message: `FORBIDDEN: alice may not release hold '${id}' through productoken; its rules allow: payer through broker`,
        });
    });

    it('lets its payer, payees, the parties of release and of refund, admin and treasury read a hold, nobody else', async () => {
        // Given a hold paying printlab, released by an expert, refunded by dana
        const id = await create(
            rules({
                payees: [{ account: 'printlab', bps: 9500 }],
                release: [{ entryChaincode: 'productoken', parties: [{ role: 'expert' }] }],
                refund: [{ entryChaincode: 'productoken', parties: [{ account: 'dana' }] }],
            }),
        );
        // Then each of them reads it
        for (const reader of ['alice', 'printlab', 'erin', 'dana', 'admin', 'treasury']) {
            expect((await evaluate<Hold>(world, reader, pt, 'GetHold', id)).id).toBe(id);
        }
        // And others are refused
        const acme = (await evaluate<{ account: string }>(world, 'acme', pt, 'WhoAmI')).account;
        expect(await failure(evaluate(world, 'acme', pt, 'GetHold', id))).toEqual({
            code: 'FORBIDDEN',
            message: `FORBIDDEN: '${acme}' is not a party to hold '${id}' and may not read it`,
        });
        expect(await failure(evaluate(world, 'printer', pt, 'GetHold', id))).toEqual({
            code: 'FORBIDDEN',
            message: "FORBIDDEN: a device cannot read holds; use the producer's own identity",
        });
        expect(await failure(evaluate(world, 'stranger', pt, 'GetHold', id))).toEqual({
            code: 'FORBIDDEN',
            message: `FORBIDDEN: identity of CustomerMSP is not a Productivist member (no ${memberAttribute} attribute) and cannot read holds`,
        });
        // And of a hold with two payees, each reads it as a payee, the first as well as the last
        const split = await create(
            rules({
                payees: [
                    { account: 'printlab', bps: 4500 },
                    { account: 'dana', bps: 5000 },
                ],
            }),
        );
        for (const reader of ['printlab', 'dana']) {
            expect((await evaluate<Hold>(world, reader, pt, 'GetHold', split)).id).toBe(split);
        }
    });
});

describe('productoken token: mint, burn, transfer and reads (mutation survivors)', () => {
    let world: EmbeddedNetwork;
    beforeAll(async () => {
        world = await createWorld();
        await submit(world, 'treasury', pt, 'Mint', 'alice', '5000', 'token-fund-alice');
        await submit(world, 'treasury', pt, 'Mint', 'dana', '5000', 'token-fund-dana');
    });

    it('refuses minting to anyone but the treasury, to a bad or unopened recipient, and a bad amount', async () => {
        const before = world.stateHash();
        expect(await failure(submit(world, 'alice', pt, 'Mint', 'alice', '1', 'tm1'))).toEqual({
            code: 'FORBIDDEN',
            message:
                "FORBIDDEN: only the Productivist treasury may mint; member 'alice' (CustomerMSP) is not the treasury",
        });
        expect(await failure(submit(world, 'treasury', pt, 'Mint', 'Alice!', '1', 'tm2'))).toEqual({
            code: 'INVALID_ARGUMENT',
            message:
                "INVALID_ARGUMENT: recipient 'Alice!' is not an account id (lowercase letters, digits, '.', '_', '-'; or MSPID:hash)",
        });
        expect(await failure(submit(world, 'treasury', pt, 'Mint', 'nobody', '1', 'tm3'))).toEqual({
            code: 'NOT_FOUND',
            message:
                "NOT_FOUND: recipient account 'nobody' does not exist; accounts are opened by their owner (productoken OpenAccount)",
        });
        expect(await failure(submit(world, 'treasury', pt, 'Mint', 'alice', '0', 'tm4'))).toEqual({
            code: 'INVALID_ARGUMENT',
            message: 'INVALID_ARGUMENT: mint amount must be greater than 0',
        });
        expect(world.stateHash()).toBe(before);
    });

    it('refuses burning to anyone but the treasury, and a bad amount', async () => {
        const before = world.stateHash();
        expect(await failure(submit(world, 'alice', pt, 'Burn', '1', 'tb1'))).toEqual({
            code: 'FORBIDDEN',
            message:
                "FORBIDDEN: only the Productivist treasury may burn; member 'alice' (CustomerMSP) is not the treasury",
        });
        expect(await failure(submit(world, 'treasury', pt, 'Burn', '0', 'tb2'))).toEqual({
            code: 'INVALID_ARGUMENT',
            message: 'INVALID_ARGUMENT: burn amount must be greater than 0',
        });
        expect(world.stateHash()).toBe(before);
    });

    it('records a burn movement from the treasury and lowers the supply by the amount', async () => {
        // Given the treasury holding 300
        await submit(world, 'alice', pt, 'Transfer', 'productivist', '300', '', 'tb-redeem');
        const supply = await evaluate<number>(world, 'alice', pt, 'TotalSupply');
        // When it burns 120
        const burned = await submit<TokenResult>(world, 'treasury', pt, 'Burn', '120', 'tb3');
        // Then
        expect(burned.movements).toEqual([{ kind: 'burn', from: 'productivist', to: '', amount: '120' }]);
        expect(await evaluate(world, 'alice', pt, 'TotalSupply')).toBe(supply - 120);
    });

    it('refuses a transfer by a device or a non-member, to a bad recipient, of a bad amount or reference', async () => {
        const before = world.stateHash();
        expect(await failure(submit(world, 'printer', pt, 'Transfer', 'dana', '1', '', 'tt1'))).toEqual({
            code: 'FORBIDDEN',
            message: "FORBIDDEN: a device cannot transfer tokens; use the producer's own identity",
        });
        expect(await failure(submit(world, 'alice', pt, 'Transfer', 'Dana!', '1', '', 'tt2'))).toEqual({
            code: 'INVALID_ARGUMENT',
            message:
                "INVALID_ARGUMENT: recipient 'Dana!' is not an account id (lowercase letters, digits, '.', '_', '-'; or MSPID:hash)",
        });
        expect(await failure(submit(world, 'alice', pt, 'Transfer', 'nobody', '1', '', 'tt3'))).toEqual({
            code: 'NOT_FOUND',
            message:
                "NOT_FOUND: recipient account 'nobody' does not exist; accounts are opened by their owner (productoken OpenAccount)",
        });
        expect(await failure(submit(world, 'alice', pt, 'Transfer', 'dana', '0', '', 'tt4'))).toEqual({
            code: 'INVALID_ARGUMENT',
            message: 'INVALID_ARGUMENT: transfer amount must be greater than 0',
        });
        expect(await failure(submit(world, 'alice', pt, 'Transfer', 'dana', '1', 'r'.repeat(129), 'tt5'))).toEqual({
            code: 'INVALID_ARGUMENT',
            message: 'INVALID_ARGUMENT: reference must be at most 128 characters',
        });
        expect(world.stateHash()).toBe(before);
    });

    it('keeps references per payer: a 128-character one, the same by another payer, none when empty', async () => {
        const reference = 'q'.repeat(128);
        const paid = await submit<TokenResult>(world, 'alice', pt, 'Transfer', 'dana', '5', reference, 'tr1');
        expect(paid.movements).toEqual([{ kind: 'transfer', from: 'alice', to: 'dana', amount: '5', reference }]);
        // The same reference by dana is hers, not alice's
        await submit(world, 'dana', pt, 'Transfer', 'alice', '7', reference, 'tr2');
        expect(await evaluate(world, 'erin', pt, 'TransferByReference', 'dana', reference)).toEqual({
            transactionId: expect.stringMatching(/^[0-9a-f]{64}$/) as string,
            from: 'dana',
            to: 'alice',
            amount: '7',
            reference,
        });
        // Without a reference: no reference in the movement, and no reference record to write
        const unreferenced = await submit<TokenResult>(world, 'alice', pt, 'Transfer', 'dana', '3', '', 'tr3');
        expect(unreferenced.movements).toEqual([{ kind: 'transfer', from: 'alice', to: 'dana', amount: '3' }]);
    });

    it('looks transfers up for members only, by a well-formed payer', async () => {
        expect(await failure(evaluate(world, 'printer', pt, 'TransferByReference', 'alice', 'x'))).toEqual({
            code: 'FORBIDDEN',
            message: "FORBIDDEN: a device cannot look up transfers; use the producer's own identity",
        });
        expect(await failure(evaluate(world, 'erin', pt, 'TransferByReference', 'alice', 'none'))).toEqual({
            code: 'NOT_FOUND',
            message: "NOT_FOUND: no transfer by 'alice' with reference 'none'",
        });
        expect(await failure(evaluate(world, 'erin', pt, 'TransferByReference', 'Alice!', 'x'))).toEqual({
            code: 'INVALID_ARGUMENT',
            message:
                "INVALID_ARGUMENT: payer 'Alice!' is not an account id (lowercase letters, digits, '.', '_', '-'; or MSPID:hash)",
        });
        // An empty or over-long reference is named, not passed to the key builder (which refused '' with a raw error)
        for (const reference of ['', 'r'.repeat(129)]) {
            expect(await failure(evaluate(world, 'erin', pt, 'TransferByReference', 'alice', reference))).toEqual({
                code: 'INVALID_ARGUMENT',
                message:
                    'INVALID_ARGUMENT: reference must be 1 to 128 characters: the reference the payer gave its transfer',
            });
        }
    });

    it.each([
        ['BalanceOf', 'balance'],
        ['HoldsOf', 'holds'],
        ['CreditsOf', 'credits'],
        ['Activity', 'activity'],
    ])('lets only the owner and the treasury read %s', async (query, what) => {
        const args = query === 'BalanceOf' ? ['alice'] : ['alice', '10', ''];
        expect(await failure(evaluate(world, 'dana', pt, query, ...args))).toEqual({
            code: 'FORBIDDEN',
            message: `FORBIDDEN: 'dana' may not read the ${what} of 'alice'; only its owner and the treasury may`,
        });
        expect(await failure(evaluate(world, 'printer', pt, query, ...args))).toEqual({
            code: 'FORBIDDEN',
            message: `FORBIDDEN: a device cannot read ${what}; use the producer's own identity`,
        });
        await evaluate(world, 'treasury', pt, query, ...args);
        await evaluate(world, 'alice', pt, query, ...args);
    });

    it("counts only an account's own open holds, and lists only its own holds, credits and activity", async () => {
        // Given an open hold of alice and of dana, and a released one of alice
        const holdRules = JSON.stringify({
            payees: [{ account: 'printlab', bps: 9500 }],
            release: [{ entryChaincode: 'productoken', parties: ['payer'] }],
            refund: [{ entryChaincode: 'productoken', parties: ['payer'] }],
        });
        await submit(world, 'alice', pt, 'CreateHold', 'th-open', '11', holdRules, 'th1');
        await submit(world, 'alice', pt, 'CreateHold', 'th-done', '13', holdRules, 'th2');
        await submit(world, 'alice', pt, 'ReleaseHold', 'alice/th-done');
        await submit(world, 'dana', pt, 'CreateHold', 'th-dana', '17', holdRules, 'th3');
        // Then each balance counts its own open hold
        expect(await evaluate(world, 'alice', pt, 'BalanceOf', 'alice')).toMatchObject({ held: '11' });
        expect(await evaluate(world, 'dana', pt, 'BalanceOf', 'dana')).toMatchObject({ held: '17' });
        // And dana's lists hold her entries only
        type Listing = { items: Record<string, unknown>[]; bookmark: string };
        const holds = await evaluate<Listing>(world, 'dana', pt, 'HoldsOf', 'dana', '100', '');
        expect(holds.items.map((hold) => hold['id'])).toEqual(['dana/th-dana']);
        const activity = await evaluate<Listing>(world, 'dana', pt, 'Activity', 'dana', '100', '');
        expect(activity.items.every((item) => item['from'] === 'dana' || item['to'] === 'dana')).toBe(true);
        expect(activity.items.filter((item) => item['kind'] === 'hold')).toEqual([
            {
                kind: 'hold',
                from: 'dana',
                to: 'hold:dana/th-dana',
                amount: '17',
                holdId: 'dana/th-dana',
                transactionId: expect.stringMatching(/^[0-9a-f]{64}$/) as string,
            },
        ]);
        const credits = await evaluate<{ items: { id: string; amount: string }[] }>(
            world,
            'printlab',
            pt,
            'CreditsOf',
            'printlab',
            '100',
            '',
        );
        expect(credits.items.map((item) => item.amount)).toEqual(['13']);
        expect(credits.items[0]?.id).toMatch(/^[0-9a-f]{64}:\d+$/);
    });
});

describe('productoken accounts and role registry (mutation survivors)', () => {
    let world: EmbeddedNetwork;
    beforeAll(async () => {
        world = await createWorld();
    });

    it('opens an account with its organizations sorted, keeping the transaction that opened it', async () => {
        // Given a new member known first as a producer, then as a customer
        await world.addMember('zoe-lab', { mspId: 'ProducerMSP', attributes: { [memberAttribute]: 'zoe' } });
        await world.addMember('zoe', { mspId: 'CustomerMSP', attributes: { [memberAttribute]: 'zoe' } });
        // When both identities open the account
        type Opened = { account: string; mspIds: string[]; openedIn: string };
        const first = await submit<Opened>(world, 'zoe-lab', pt, 'OpenAccount');
        const second = await submit<Opened>(world, 'zoe', pt, 'OpenAccount');
        // Then the account lists both organizations in order and keeps its opening transaction
        expect(first.mspIds).toEqual(['ProducerMSP']);
        expect(second).toEqual({ account: 'zoe', mspIds: ['CustomerMSP', 'ProducerMSP'], openedIn: first.openedIn });
        expect(first.openedIn).toMatch(/^[0-9a-f]{64}$/);
        // And a device may not open one
        expect(await failure(submit(world, 'printer', pt, 'OpenAccount'))).toEqual({
            code: 'FORBIDDEN',
            message: "FORBIDDEN: a device cannot open a wallet account; use the producer's own identity",
        });
    });

    it('sorts the roles of an account, names none for an organization without roles, and refuses an unknown account', async () => {
        // Given CustomerMSP also holding the producer role
        expect(await submit(world, 'admin', pt, 'GrantRole', 'CustomerMSP', 'producer')).toEqual([
            'customer',
            'producer',
        ]);
        // Then alice (CustomerMSP and DesignerMSP) has her roles sorted
        expect(await evaluate(world, 'erin', pt, 'AccountInfo', 'alice')).toEqual({
            account: 'alice',
            mspIds: ['CustomerMSP', 'DesignerMSP'],
            roles: ['customer', 'designer', 'producer'],
        });
        expect(await submit(world, 'admin', pt, 'RevokeRole', 'CustomerMSP', 'producer')).toEqual(['customer']);
        // And an account of an organization without roles has none
        const acme = (await evaluate<{ account: string }>(world, 'acme', pt, 'WhoAmI')).account;
        await submit(world, 'acme', pt, 'OpenAccount');
        expect(await evaluate(world, 'erin', pt, 'AccountInfo', acme)).toEqual({
            account: acme,
            mspIds: ['IndustrialMSP'],
            roles: [],
        });
        expect(await failure(evaluate(world, 'erin', pt, 'AccountInfo', 'nobody'))).toEqual({
            code: 'NOT_FOUND',
            message:
                "NOT_FOUND: the account 'nobody' does not exist; accounts are opened by their owner (productoken OpenAccount)",
        });
    });

    it('grants roles sorted once, deletes an emptied entry, and refuses bad roles and MSP ids', async () => {
        // Given IndustrialMSP without roles
        const start = world.stateHash();
        expect(await submit(world, 'admin', pt, 'GrantRole', 'IndustrialMSP', 'producer')).toEqual(['producer']);
        expect(await submit(world, 'admin', pt, 'GrantRole', 'IndustrialMSP', 'customer')).toEqual([
            'customer',
            'producer',
        ]);
        expect(await submit(world, 'admin', pt, 'GrantRole', 'IndustrialMSP', 'customer')).toEqual([
            'customer',
            'producer',
        ]);
        expect(await submit(world, 'admin', pt, 'RevokeRole', 'IndustrialMSP', 'customer')).toEqual(['producer']);
        expect(await submit(world, 'admin', pt, 'RevokeRole', 'IndustrialMSP', 'producer')).toEqual([]);
        expect(await evaluate(world, 'erin', pt, 'RolesOf', 'IndustrialMSP')).toEqual([]);
        // And the emptied entry is deleted, not kept as an empty list
        expect(world.stateHash()).toBe(start);
        const before = world.stateHash();
        expect(await failure(submit(world, 'alice', pt, 'RevokeRole', 'CustomerMSP', 'customer'))).toEqual({
            code: 'FORBIDDEN',
            message:
                "FORBIDDEN: only an admin of ProductivistMSP may revoke roles; member 'alice' (CustomerMSP) is not",
        });
        expect(await failure(submit(world, 'admin', pt, 'GrantRole', 'IndustrialMSP', 'king'))).toEqual({
            code: 'INVALID_ARGUMENT',
            message: "INVALID_ARGUMENT: role 'king' is not one of customer, designer, producer, expert, treasury",
        });
        for (const msp of ['Bad MSP', 'x/IndustrialMSP', 'IndustrialMSP!', '', 'M'.repeat(65)]) {
            expect(await failure(submit(world, 'admin', pt, 'GrantRole', msp, 'expert'))).toEqual({
                code: 'INVALID_ARGUMENT',
                message: `INVALID_ARGUMENT: MSP id '${msp}' may only contain letters, digits, '.' and '-'`,
            });
        }
        expect(world.stateHash()).toBe(before);
        expect(await failure(submit(world, 'admin', pt, 'GrantRole', 'M'.repeat(64), 'treasury'))).toEqual({
            code: 'INVALID_ARGUMENT',
            message: 'INVALID_ARGUMENT: the treasury role stays with ProductivistMSP',
        });
        expect(await submit(world, 'admin', pt, 'GrantRole', 'ProductivistMSP', 'treasury')).toEqual(['treasury']);
    });
});

describe('productoken configuration (mutation survivors)', () => {
    let world: EmbeddedNetwork;
    beforeAll(async () => {
        world = await createWorld({ initialize: false });
    });

    it.each([
        ['{"name":""}', 'configuration field name must be a non-empty string'],
        ['{"symbol":"  "}', 'configuration field symbol must be a non-empty string'],
        ['{"name":5}', 'configuration field name must be a non-empty string'],
        ['{"decimals":19}', 'configuration field decimals must be a whole number from 0 to 18'],
        ['{"decimals":-1}', 'configuration field decimals must be a whole number from 0 to 18'],
        ['{"decimals":1.5}', 'configuration field decimals must be a whole number from 0 to 18'],
        ['{"decimals":"2"}', 'configuration field decimals must be a whole number from 0 to 18'],
        ['{"supplyCap":"0"}', 'supplyCap must be greater than 0'],
        [
            '{"feeAccount":"Fees!"}',
            "feeAccount 'Fees!' is not an account id (lowercase letters, digits, '.', '_', '-'; or MSPID:hash)",
        ],
        ['{"trustedMsps":"ProductivistMSP"}', 'configuration field trustedMsps must be a list of MSP ids'],
        ['{"trustedMsps":["ProductivistMSP",5]}', 'configuration field trustedMsps must be a list of MSP ids'],
        ['{"trustedMsps":["ProductivistMSP","Bad MSP"]}', 'configuration field trustedMsps must be a list of MSP ids'],
        ['{"trustedMsps":["ProductivistMSP",""]}', 'configuration field trustedMsps must be a list of MSP ids'],
        ['{"trustedMsps":["x ProductivistMSP"]}', 'configuration field trustedMsps must be a list of MSP ids'],
        ['{"trustedMsps":["ProductivistMSP x"]}', 'configuration field trustedMsps must be a list of MSP ids'],
        ['{"roles":[]}', 'configuration field roles must map MSP ids to lists of roles'],
        ['{"roles":"customer"}', 'configuration field roles must map MSP ids to lists of roles'],
        [
            '{"roles":{"CustomerMSP":"customer"}}',
            'roles of CustomerMSP must be a list of customer, designer, producer, expert, treasury',
        ],
        [
            '{"roles":{"CustomerMSP":["customer","king"]}}',
            'roles of CustomerMSP must be a list of customer, designer, producer, expert, treasury',
        ],
        [
            '{"name":"a","colour":"red","size":1}',
            'configuration has unknown fields colour, size; allowed: name, symbol, decimals, supplyCap, trustedMsps, feeAccount, platformFeeBps, roles',
        ],
        ['null', 'configuration must be a JSON object'],
        ['[]', 'configuration must be a JSON object'],
        ['42', 'configuration must be a JSON object'],
        ['"ProducToken"', 'configuration must be a JSON object'],
        ['{"trustedMsps":["CustomerMSP"]}', 'trustedMsps must include ProductivistMSP'],
    ])('refuses the configuration %s', async (config, message) => {
        const before = world.stateHash();
        expect(await failure(submit(world, 'admin', pt, 'Initialize', config))).toEqual({
            code: 'INVALID_ARGUMENT',
            message: `INVALID_ARGUMENT: ${message}`,
        });
        expect(world.stateHash()).toBe(before);
    });

    it('initializes with every field at its boundary, deduplicating and sorting lists', async () => {
        expect(await failure(submit(world, 'treasury', pt, 'Initialize', '{}'))).toEqual({
            code: 'FORBIDDEN',
            message:
                "FORBIDDEN: only an admin of ProductivistMSP may initialize productoken; member 'productivist' (ProductivistMSP) is not",
        });
        const config = {
            name: 'Test Token',
            symbol: 'TT',
            decimals: 0,
            supplyCap: '1',
            trustedMsps: ['ProductivistMSP', 'CustomerMSP', 'ProductivistMSP', 'a.b-C'],
            feeAccount: 'fees',
            platformFeeBps: 10000,
            roles: { ProducerMSP: ['producer', 'expert', 'producer'], CustomerMSP: ['customer'], Empty: [] },
        };
        expect(await submit(world, 'admin', pt, 'Initialize', JSON.stringify(config))).toEqual({
            name: 'Test Token',
            symbol: 'TT',
            decimals: 0,
            supplyCap: '1',
            trustedMsps: ['CustomerMSP', 'ProductivistMSP', 'a.b-C'],
            feeAccount: 'fees',
            platformFeeBps: 10000,
        });
        expect(await evaluate(world, 'admin', pt, 'RolesOf', 'ProducerMSP')).toEqual(['expert', 'producer']);
        expect(await evaluate(world, 'admin', pt, 'RolesOf', 'CustomerMSP')).toEqual(['customer']);
        expect(await evaluate(world, 'admin', pt, 'RolesOf', 'DesignerMSP')).toEqual([]);
    });
});

describe('productoken holds and mint: more boundaries (mutation survivors)', () => {
    let world: EmbeddedNetwork;
    beforeAll(async () => {
        world = await createWorld();
        await world.addMember('rogue-printer', {
            mspId: 'ProducerMSP',
            attributes: { [memberAttribute]: 'printlab', [deviceAttribute]: 'printlab' },
        });
        await world.addMember('treasury-device', {
            mspId: 'ProductivistMSP',
            attributes: {
                [memberAttribute]: 'productivist',
                [treasuryAttribute]: 'true',
                [deviceAttribute]: 'productivist',
            },
        });
        await submit(world, 'treasury', pt, 'Mint', 'alice', '1000', 'extra-fund');
    });

    it('refuses a second hold with the same id', async () => {
        await submit(world, 'alice', pt, 'CreateHold', 'twice', '10', rules(), 'twice-1');
        const before = world.stateHash();
        expect(await failure(submit(world, 'alice', pt, 'CreateHold', 'twice', '10', rules(), 'twice-2'))).toEqual({
            code: 'CONFLICT',
            message: "CONFLICT: hold 'alice/twice' already exists; choose another id",
        });
        expect(world.stateHash()).toBe(before);
    });

    it('matches no party for a device, an identity without an account, or a member who is not the payer', async () => {
        // Given a hold that the payer, printlab's account, or a customer may release
        await submit(
            world,
            'alice',
            pt,
            'CreateHold',
            'parties',
            '10',
            rules({
                release: [
                    {
                        entryChaincode: 'productoken',
                        parties: ['payer', { account: 'printlab' }, { role: 'customer' }],
                    },
                ],
            }),
            'parties',
        );
        const allowed = 'its rules allow: payer or account printlab or role customer through productoken';
        const before = world.stateHash();
        // Then a device carrying printlab's member id, a customer identity without a member id, and dana are refused
        for (const [member, name] of [
            ['rogue-printer', 'printlab'],
            ['stranger', 'CustomerMSP'],
            ['dana', 'dana'],
        ] as const) {
            expect(await failure(submit(world, member, pt, 'ReleaseHold', 'alice/parties'))).toEqual({
                code: 'FORBIDDEN',
                message: `FORBIDDEN: ${name} may not release hold 'alice/parties' through productoken; ${allowed}`,
            });
        }
        expect(world.stateHash()).toBe(before);
    });

    it('releases through either of two permissions, naming both when refused, and pays the fee last', async () => {
        // Given a hold released by printlab, or by the payer or dana, and refunded by nobody
        const two = rules({
            release: [
                { entryChaincode: 'productoken', parties: [{ account: 'printlab' }] },
                { entryChaincode: 'productoken', parties: ['payer', { account: 'dana' }] },
            ],
            refund: [],
            expiresAt: '2030-01-01T00:00:00Z',
        });
        await submit(world, 'alice', pt, 'CreateHold', 'two', '200', two, 'two');
        const before = world.stateHash();
        // Then erin may neither refund nor release it, and the refusals name what the rules allow
        expect(await failure(submit(world, 'erin', pt, 'RefundHold', 'alice/two'))).toEqual({
            code: 'FORBIDDEN',
            message: "FORBIDDEN: erin may not refund hold 'alice/two' through productoken; its rules allow: nobody",
        });
        expect(await failure(submit(world, 'erin', pt, 'ReleaseHold', 'alice/two'))).toEqual({
            code: 'FORBIDDEN',
            message:
                "FORBIDDEN: erin may not release hold 'alice/two' through productoken; its rules allow: " +
                'account printlab through productoken; payer or account dana through productoken',
        });
        expect(world.stateHash()).toBe(before);
        // When dana, named second in the second permission, releases it
        const released = await submit<TokenResult>(world, 'dana', pt, 'ReleaseHold', 'alice/two');
        // Then the payees are paid and the fee comes last
        expect(released.movements).toEqual([
            { kind: 'release', from: 'hold:alice/two', to: 'printlab', amount: '170', holdId: 'alice/two' },
            { kind: 'release', from: 'hold:alice/two', to: 'dana', amount: '20', holdId: 'alice/two' },
            { kind: 'fee', from: 'hold:alice/two', to: 'productivist', amount: '10', holdId: 'alice/two' },
        ]);
        // And the payer releases the hold whose first party she is
        expect((await submit<TokenResult>(world, 'alice', pt, 'ReleaseHold', 'alice/parties')).hold?.status).toBe(
            'RELEASED',
        );
    });

    it('lets no treasury device expire a hold, and the treasury no hold without expiry', async () => {
        const before = world.stateHash();
        expect(await failure(submit(world, 'treasury-device', pt, 'ExpireHold', 'alice/twice'))).toEqual({
            code: 'FORBIDDEN',
            message:
                "FORBIDDEN: only the Productivist treasury may expire hold 'alice/twice'; the payer cannot expire its own hold",
        });
        expect(await failure(submit(world, 'treasury', pt, 'ExpireHold', 'alice/twice'))).toEqual({
            code: 'CONFLICT',
            message: "CONFLICT: hold 'alice/twice' has no expiry",
        });
        expect(world.stateHash()).toBe(before);
    });

    it('refuses a transfer to oneself', async () => {
        const before = world.stateHash();
        expect(await failure(submit(world, 'alice', pt, 'Transfer', 'alice', '1', '', 'self'))).toEqual({
            code: 'INVALID_ARGUMENT',
            message: "INVALID_ARGUMENT: cannot transfer from 'alice' to itself",
        });
        expect(world.stateHash()).toBe(before);
    });

    it('mints up to the supply cap exactly, and not one more', async () => {
        const minted = await submit<TokenResult>(world, 'treasury', pt, 'Mint', 'alice', '999999000', 'to-cap');
        expect(minted.movements).toEqual([{ kind: 'mint', from: '', to: 'alice', amount: '999999000' }]);
        expect(await evaluate(world, 'alice', pt, 'TotalSupply')).toBe(1000000000);
        expect(await failure(submit(world, 'treasury', pt, 'Mint', 'alice', '1', 'over-cap'))).toEqual({
            code: 'LIMIT_EXCEEDED',
            message: 'LIMIT_EXCEEDED: minting 1 would take the supply from 1000000000 above the cap 1000000000',
        });
    });
});

describe('productoken credits: Consolidate ids and the order of activity (mutation survivors)', () => {
    let world: EmbeddedNetwork;
    const second = Date.parse('2026-03-01T00:00:00Z');
    let now = new Date(second);

    beforeAll(async () => {
        world = await createWorld({ now: () => now });
    });

    it('lists activity in time order within one second: 2 ms before 10 ms (the nanoseconds are zero-padded)', async () => {
        // Given two mints to alice 2 ms and 10 ms into the same second
        for (const [ms, amount] of [
            [2, '1'],
            [10, '2'],
        ] as const) {
            now = new Date(second + ms);
            await submit(world, 'treasury', pt, 'Mint', 'alice', amount, `order-${ms}`);
        }
        // Then her activity lists the earlier first
        const listed = await evaluate<{ items: { amount: string }[] }>(
            world,
            'alice',
            pt,
            'Activity',
            'alice',
            '10',
            '',
        );
        expect(listed.items.map((item) => item.amount)).toEqual(['1', '2']);
    });

    it('takes 1 to 100 credit ids, each <transaction id>:<sequence> exactly, and changes nothing otherwise', async () => {
        // (credits are listed by transaction id, which is random: take the one of 2)
        const credits = await evaluate<{ items: { id: string; amount: string }[] }>(
            world,
            'alice',
            pt,
            'CreditsOf',
            'alice',
            '10',
            '',
        );
        expect(credits.items.map((credit) => credit.amount).sort()).toEqual(['1', '2']);
        const id = credits.items.find((credit) => credit.amount === '2')?.id ?? '';
        const before = world.stateHash();
        // 101 ids are too many, even of one credit
        expect(await failure(submit(world, 'alice', pt, 'Consolidate', JSON.stringify(Array(101).fill(id))))).toEqual({
            code: 'INVALID_ARGUMENT',
            message: 'INVALID_ARGUMENT: credits must be a JSON list of 1 to 100 credit ids',
        });
        // Garbage before the transaction id or after the sequence is not an id
        for (const bad of [`!!${id}`, `${id}1`])
            expect(await failure(submit(world, 'alice', pt, 'Consolidate', JSON.stringify([bad])))).toEqual({
                code: 'INVALID_ARGUMENT',
                message: `INVALID_ARGUMENT: credits has '${bad}', which is not a credit id <transaction id>:<sequence>`,
            });
        expect(world.stateHash()).toBe(before);
        // And 100 ids, naming one credit each time, merge it once
        const merged = await submit<{ account: string; merged: number; base: string }>(
            world,
            'alice',
            pt,
            'Consolidate',
            JSON.stringify(Array(100).fill(id)),
        );
        expect(merged).toEqual({ account: 'alice', merged: 1, base: '2' });
    });
});

describe('productoken commands: event names, replays, request fingerprints and role lookups (mutation survivors)', () => {
    let world: EmbeddedNetwork;
    beforeAll(async () => {
        world = await createWorld();
        await submit(world, 'treasury', pt, 'Mint', 'alice', '1000', 'ev-fund');
        await submit(world, 'treasury', pt, 'Mint', 'productivist', '1000', 'ev-fund-treasury');
    });

    it('names each command in its event and emits nothing when a request id is replayed', async () => {
        const events = world.chaincodeEvents('alice', pt);
        // Given each money-moving command run, then retried with the same request id
        const runs: [string, TokenResult][] = [];
        for (const [identity, command, args] of [
            ['treasury', 'Mint', ['alice', '7', 'ev-mint']],
            ['treasury', 'Burn', ['3', 'ev-burn']],
            ['alice', 'CreateHold', ['ev-1', '5', rules(), 'ev-hold']],
        ] as const) {
            const first = await submit<TokenResult>(world, identity, pt, command, ...args);
            expect(await submit<TokenResult>(world, identity, pt, command, ...args)).toEqual(first);
            runs.push([command, first]);
        }
        const last = await submit<TokenResult>(world, 'alice', pt, 'Transfer', 'dana', '1', 'end', 'ev-end');
        // Then the events are one per first run, each named by its command: the replays emitted none
        const seen: [string, string][] = [];
        for await (const event of events) {
            expect(event.eventName).toBe(tokenEventName);
            const payload = JSON.parse(Buffer.from(event.payload).toString()) as TokenEvent;
            seen.push([payload.action, payload.transactionId]);
            if (payload.transactionId === last.transactionId) events.close();
        }
        expect(seen).toEqual([
            ...runs.map(([command, run]) => [command, run.transactionId]),
            ['Transfer', last.transactionId],
        ]);
    });

    it.each([
        ['Burn', 'treasury', ['2', 'fp-burn'], ['1', 'fp-burn']],
        ['Transfer', 'alice', ['dana', '2', 'fp', 'fp-transfer'], ['dana', '2', 'fp-other', 'fp-transfer']],
        ['CreateHold', 'alice', ['fp-1', '2', rules(), 'fp-hold'], ['fp-2', '2', rules(), 'fp-hold']],
    ])(
        '%s by %s: a request id reused with other arguments is a CONFLICT that changes nothing',
        async (command, identity, args, other) => {
            const first = await submit<TokenResult>(world, identity, pt, command, ...args);
            const before = world.stateHash();
            const account = identity === 'treasury' ? 'productivist' : identity;
            const requestId = args[args.length - 1] ?? '';
            expect(await failure(submit(world, identity, pt, command, ...other))).toEqual({
                code: 'CONFLICT',
                message: `CONFLICT: request id '${requestId}' of '${account}' was already used by transaction ${first.transactionId} with other arguments; use a new request id`,
            });
            expect(world.stateHash()).toBe(before);
        },
    );

    it('lists the organizations holding a role, sorted as text even when MSP ids are numbers', async () => {
        expect(await evaluate(world, 'erin', pt, 'MspsWithRole', 'producer')).toEqual(['ProducerMSP']);
        // Given two numeric MSP ids granted the producer role (a JS object would list them by number)
        await submit(world, 'admin', pt, 'GrantRole', '45', 'producer');
        await submit(world, 'admin', pt, 'GrantRole', '123', 'producer');
        await submit(world, 'admin', pt, 'GrantRole', '45', 'expert');
        // Then they are listed as text, and only with the role asked for
        expect(await evaluate(world, 'erin', pt, 'MspsWithRole', 'producer')).toEqual(['123', '45', 'ProducerMSP']);
        expect(await evaluate(world, 'erin', pt, 'MspsWithRole', 'expert')).toEqual(['45', 'ExpertMSP']);
        expect(await evaluate(world, 'erin', pt, 'MspsWithRole', 'king')).toEqual([]);
    });
});
