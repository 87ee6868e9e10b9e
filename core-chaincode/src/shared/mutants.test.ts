// SPDX-License-Identifier: Apache-2.0
//
// Exact results of the shared helpers (identities, roles, ids, pagination, amounts, calls, the
// transaction definitions), written so that each mutation of their conditions, messages and
// literals makes a test fail.
import { createHash } from 'node:crypto';

import { peer } from '@hyperledger/fabric-protos';
import { EmbeddedNetwork } from '@productivist/ledger';
import type { Context } from 'fabric-contract-api';
import { Contract } from 'fabric-contract-api';
import { ClientIdentity } from 'fabric-shim';

import type { TransactionDescription } from '../transactions.js';
import { parseAmount, splitByBasisPoints } from './amount.js';
import { call, callJson, whoAmI } from './calls.js';
import type { Caller, Role } from './caller.js';
import {
    deviceAttribute,
    entryChaincode,
    memberAttribute,
    nodeOuOfSubject,
    organizationalUnits,
    parseAccount,
    requireMember,
    requireProductivistAdmin,
    requireRole,
    requireTreasury,
    resolveCaller,
    treasuryAttribute,
} from './caller.js';
import { announce, defineTransactions } from './contract.js';
import { ContractError, conflict, forbidden, invalid, notFound } from './errors.js';
import { partyOf, sameParty } from './parties.js';
import {
    compositeKey,
    isInstant,
    page,
    parseId,
    parseJsonArgument,
    parsePageSize,
    readJson,
    scan,
    writeJson,
} from './state.js';

const registry: Record<string, readonly Role[]> = {
    ProductivistMSP: ['treasury', 'customer'],
    ProducerMSP: ['producer'],
    OutsideMSP: ['expert', 'treasury'],
};
const trusted = ['ProductivistMSP', 'ProducerMSP'];

describe('resolveCaller on identities the embedded ledger issues', () => {
    let network: EmbeddedNetwork;
    const mspOf: Record<string, string> = {};

    beforeAll(async () => {
        network = await EmbeddedNetwork.create({
            organizations: [
                { mspId: 'ProductivistMSP' },
                { mspId: 'ProducerMSP' },
                { mspId: 'OutsideMSP' },
                { mspId: 'NobodyMSP' },
            ],
        });
        const members: [string, string, 'client' | 'admin' | 'peer', Record<string, string>][] = [
            ['padmin', 'ProductivistMSP', 'admin', {}],
            [
                'treasury',
                'ProductivistMSP',
                'client',
                { [memberAttribute]: 'productivist', [treasuryAttribute]: 'true' },
            ],
            [
                'treasuryUpper',
                'ProductivistMSP',
                'client',
                { [memberAttribute]: 'productivist', [treasuryAttribute]: 'TRUE' },
            ],
            ['treasuryNoMember', 'ProductivistMSP', 'client', { [treasuryAttribute]: 'true' }],
            [
                'producerTreasury',
                'ProducerMSP',
                'client',
                { [memberAttribute]: 'printlab', [treasuryAttribute]: 'true' },
            ],
            ['printlab', 'ProducerMSP', 'client', { [memberAttribute]: 'printlab' }],
            ['badMember', 'ProducerMSP', 'client', { [memberAttribute]: 'Print Lab' }],
            ['printer', 'ProducerMSP', 'client', { [deviceAttribute]: 'printlab' }],
            ['badPrinter', 'ProducerMSP', 'client', { [deviceAttribute]: '-printlab' }],
            ['producerAdmin', 'ProducerMSP', 'admin', { [memberAttribute]: 'printlab' }],
            ['outsider', 'OutsideMSP', 'client', { [memberAttribute]: 'alice', [treasuryAttribute]: 'true' }],
            ['outsideAdmin', 'OutsideMSP', 'admin', {}],
            ['nobody', 'NobodyMSP', 'peer', {}],
        ];
        for (const [name, mspId, role, attributes] of members) {
            await network.addMember(name, { mspId, role, attributes });
            mspOf[name] = mspId;
        }
    });

    function identityOf(name: string, mspId = mspOf[name] ?? ''): ClientIdentity {
        const stub = {
            getChannelID: () => 'productivist',
            getTxID: () => 'tx',
            getCreator: () => ({ mspid: mspId, idBytes: Buffer.from(network.certificateOf(name)) }),
        };
        return new ClientIdentity(stub as never);
    }

    function callerOf(name: string, mspId?: string): Caller {
        const ctx = { clientIdentity: identityOf(name, mspId) } as unknown as Context;
        return resolveCaller(ctx, trusted, registry);
    }

    function foreignAccount(name: string, mspId?: string): string {
        const identity = identityOf(name, mspId);
        return `${identity.getMSPID()}:${createHash('sha256').update(identity.getID()).digest('hex').slice(0, 40)}`;
    }

    it('resolves a trusted member, its treasury attribute and the Productivist admin exactly', () => {
        // given identities of the trusted orgs; when resolved; then every field is exact
        expect(callerOf('treasury')).toEqual({
            mspId: 'ProductivistMSP',
            account: 'productivist',
            roles: ['treasury', 'customer'],
            deviceOf: undefined,
            nodeOu: 'client',
            trusted: true,
            treasury: true,
            productivistAdmin: false,
        });
        expect(callerOf('padmin')).toEqual({
            mspId: 'ProductivistMSP',
            account: undefined,
            roles: ['treasury', 'customer'],
            deviceOf: undefined,
            nodeOu: 'admin',
            trusted: true,
            treasury: false,
            productivistAdmin: true,
        });
        expect(callerOf('producerAdmin')).toEqual({
            mspId: 'ProducerMSP',
            account: 'printlab',
            roles: ['producer'],
            deviceOf: undefined,
            nodeOu: 'admin',
            trusted: true,
            treasury: false,
            productivistAdmin: false,
        });
    });

    it('grants the treasury only to an org holding the role, with the attribute exactly true and a member id', () => {
        expect(callerOf('treasuryUpper').treasury).toBe(false);
        expect(callerOf('treasuryNoMember')).toMatchObject({ account: undefined, treasury: false });
        expect(callerOf('producerTreasury')).toMatchObject({ account: 'printlab', treasury: false });
    });

    it('ignores a malformed member or device attribute', () => {
        expect(callerOf('badMember')).toMatchObject({ account: undefined, deviceOf: undefined, trusted: true });
        expect(callerOf('printer')).toMatchObject({ account: undefined, deviceOf: 'printlab' });
        expect(callerOf('badPrinter')).toMatchObject({ account: undefined, deviceOf: undefined });
    });

    it('keys an identity of another org by its MSP id and certificate, ignoring its attributes', () => {
        // given an org outside the trusted ones, with the treasury role in the registry
        expect(callerOf('outsider')).toEqual({
            mspId: 'OutsideMSP',
            account: foreignAccount('outsider'),
            roles: ['expert'],
            deviceOf: undefined,
            nodeOu: 'client',
            trusted: false,
            treasury: false,
            productivistAdmin: false,
        });
        expect(foreignAccount('outsider')).toMatch(/^OutsideMSP:[0-9a-f]{40}$/);
        // an admin certificate presented under the Productivist MSP id but not trusted is no admin
        expect(callerOf('outsideAdmin')).toMatchObject({ nodeOu: 'admin', productivistAdmin: false, trusted: false });
        expect(callerOf('nobody')).toEqual({
            mspId: 'NobodyMSP',
            account: foreignAccount('nobody'),
            roles: [],
            deviceOf: undefined,
            nodeOu: 'peer',
            trusted: false,
            treasury: false,
            productivistAdmin: false,
        });
    });
});

describe('the require* checks', () => {
    const base: Caller = {
        mspId: 'ProducerMSP',
        account: 'printlab',
        roles: ['producer'],
        deviceOf: undefined,
        nodeOu: 'client',
        trusted: true,
        treasury: false,
        productivistAdmin: false,
    };
    const device: Caller = { ...base, account: undefined, deviceOf: 'printlab' };
    const anonymous: Caller = { ...base, account: undefined };
    const treasury: Caller = { ...base, mspId: 'ProductivistMSP', account: 'productivist', treasury: true };

    it('requireMember: refuses devices and identities without a member id, by name', () => {
        expect(requireMember(base, 'pay')).toBe('printlab');
        expect(() => requireMember(device, 'pay')).toThrow(
            new ContractError('FORBIDDEN', "a device cannot pay; use the producer's own identity"),
        );
        expect(() => requireMember(anonymous, 'pay')).toThrow(
            new ContractError(
                'FORBIDDEN',
                'identity of ProducerMSP is not a Productivist member (no productivist.member attribute) and cannot pay',
            ),
        );
    });

    it('requireTreasury: only the treasury, never a device', () => {
        expect(requireTreasury(treasury, 'mint')).toBe('productivist');
        expect(() => requireTreasury(base, 'mint')).toThrow(
            new ContractError(
                'FORBIDDEN',
                "only the Productivist treasury may mint; member 'printlab' (ProducerMSP) is not the treasury",
            ),
        );
        expect(() => requireTreasury({ ...treasury, deviceOf: 'productivist' }, 'mint')).toThrow(
            new ContractError(
                'FORBIDDEN',
                "only the Productivist treasury may mint; member 'productivist' (ProductivistMSP) is not the treasury",
            ),
        );
    });

    it('requireProductivistAdmin: only the admin', () => {
        expect(() => {
            requireProductivistAdmin({ ...anonymous, productivistAdmin: true }, 'initialize');
        }).not.toThrow();
        expect(() => {
            requireProductivistAdmin(base, 'initialize');
        }).toThrow(
            new ContractError(
                'FORBIDDEN',
                "only an admin of ProductivistMSP may initialize; member 'printlab' (ProducerMSP) is not",
            ),
        );
    });

    it('requireRole: lets a device act for the producer role only, and names the missing role', () => {
        expect(requireRole(base, 'producer', 'print')).toBe('printlab');
        expect(() => requireRole(device, 'expert', 'judge')).toThrow(
            new ContractError('FORBIDDEN', 'a device cannot judge; only members holding the expert role may'),
        );
        // a device acting for the producer role is still no member
        expect(() => requireRole(device, 'producer', 'print')).toThrow(
            new ContractError('FORBIDDEN', "a device cannot print; use the producer's own identity"),
        );
        expect(() => requireRole(anonymous, 'producer', 'print')).toThrow(
            new ContractError(
                'FORBIDDEN',
                'identity of ProducerMSP is not a Productivist member (no productivist.member attribute) and cannot print',
            ),
        );
        expect(() => requireRole(base, 'expert', 'judge')).toThrow(
            new ContractError(
                'FORBIDDEN',
                "member 'printlab' (ProducerMSP) does not hold the expert role (its organization ProducerMSP is not granted it) and cannot judge",
            ),
        );
    });
});

describe('parseAccount', () => {
    const hash = 'a'.repeat(40);
    it.each([
        'a',
        '0',
        `a${'b'.repeat(63)}`,
        'p.l_x-1',
        `OrgMSP:${hash}`,
        `${'M'.repeat(64)}:${hash}`,
        `a.b-C:${'0123456789abcdef'.repeat(2)}01234567`,
    ])('accepts %j', (value) => {
        expect(parseAccount(value)).toBe(value);
    });

    it.each([
        '',
        'A',
        '.a',
        `a${'b'.repeat(64)}`,
        ' a',
        'a ',
        'a/b',
        `OrgMSP:${'a'.repeat(39)}`,
        `OrgMSP:${'a'.repeat(41)}`,
        `OrgMSP:${'A'.repeat(40)}`,
        `:${hash}`,
        `${'M'.repeat(65)}:${hash}`,
        `x OrgMSP:${hash}`,
        `OrgMSP:${hash}x`,
        `Org_MSP:${hash}`,
    ])('refuses %j, naming the argument', (value) => {
        expect(() => parseAccount(value, 'payee')).toThrow(
            new ContractError(
                'INVALID_ARGUMENT',
                `payee '${value}' is not an account id (lowercase letters, digits, '.', '_', '-'; or MSPID:hash)`,
            ),
        );
    });

    it('calls it an account by default', () => {
        expect(() => parseAccount('A')).toThrow(
            "INVALID_ARGUMENT: account 'A' is not an account id (lowercase letters, digits, '.', '_', '-'; or MSPID:hash)",
        );
    });
});

describe('organizationalUnits and nodeOuOfSubject', () => {
    it.each([
        ['a quoted value', 'OU="admin"\nCN=a', ['admin'], 'admin'],
        ['a quoted value with escapes', 'OU="a\\"b\\\\c"\nCN=a', ['a"b\\c'], 'unknown'],
        ['a bare escaped plus', 'OU=a\\+b\nCN=a', ['a+b'], 'unknown'],
        ['an escaped plus does not split the entry', 'OU=client\\+OU=x\nCN=a', ['client+OU=x'], 'unknown'],
        ['a plus before a longer type', 'OU=a + UID=x + OU=b', ['a', 'b'], 'unknown'],
        ['a plus before no type stays in the value', 'OU=a + b', ['a + b'], 'unknown'],
        ['two quotes', 'OU=""\nCN=a', [''], 'unknown'],
        ['a lone quote', 'OU="\nCN=a', ['"'], 'unknown'],
        ['a quote only at the start', 'OU="client\nCN=a', ['"client'], 'unknown'],
        ['a quote only at the end', 'OU=client"\nCN=a', ['client"'], 'unknown'],
        ['an OU inside another type is none', 'CN=xOU=admin\nO=OU=client', [], 'unknown'],
        ['an empty OU', 'OU=\nCN=a', [''], 'unknown'],
        ['the same node OU twice is one', 'OU=peer\nOU=peer + OU=x', ['peer', 'peer', 'x'], 'peer'],
        ['an orderer', 'OU=orderer', ['orderer'], 'orderer'],
        ['a multi-line value', 'OU=a\r\nCN=b', ['a\r'], 'unknown'],
        ['a lowercase ou is another type', 'OU=client + ou=x', ['client'], 'client'],
        [
            'a plus before a type with digits and dots',
            'OU=client + 2.5.4.11=x + OU=y',
            ['client + 2.5.4.11=x', 'y'],
            'unknown',
        ],
        ['spaces around the plus', 'OU=client+OU=x', ['client', 'x'], 'client'],
        ['no subject', '', [], 'unknown'],
    ])('%s', (_label, subject, units, nodeOu) => {
        expect(organizationalUnits(subject)).toEqual(units);
        expect(nodeOuOfSubject(subject)).toBe(nodeOu);
    });
});

describe('entryChaincode', () => {
    function contextWith(signed: unknown): Context {
        return { stub: { getSignedProposal: () => signed } } as unknown as Context;
    }
    function extension(name: string | undefined): Uint8Array {
        const header = new peer.ChaincodeHeaderExtension();
        if (name !== undefined) {
            const id = new peer.ChaincodeID();
            id.setName(name);
            header.setChaincodeId(id);
        }
        return header.serializeBinary();
    }
    const proposal = (bytes: Uint8Array): unknown => ({
        proposal: { header: { channelHeader: { getExtension_asU8: () => bytes } } },
    });

    it('reads the invoked chaincode from the signed proposal, and is empty when there is none', () => {
        expect(entryChaincode(contextWith(proposal(extension('qualitycheck'))))).toBe('qualitycheck');
        expect(entryChaincode(contextWith(proposal(extension(undefined))))).toBe('');
        expect(entryChaincode(contextWith({}))).toBe('');
        expect(entryChaincode(contextWith({ proposal: {} }))).toBe('');
        expect(entryChaincode(contextWith({ proposal: { header: {} } }))).toBe('');
    });
});

/** A stub over a sorted in-memory map, with Fabric's composite keys. */
function memoryStub(entries: Record<string, string> = {}): {
    ctx: Context;
    state: Map<string, string>;
    events: [string, string][];
    paginated: unknown[][];
    metadata: { value: unknown };
    closed: { count: number };
} {
    const state = new Map(Object.entries(entries));
    const events: [string, string][] = [];
    const paginated: unknown[][] = [];
    const metadata: { value: unknown } = { value: undefined };
    const closed = { count: 0 };
    const key = (type: string, attributes: string[]): string => `\u0000${[type, ...attributes].join('\u0000')}\u0000`;
    const under = (prefix: string): [string, string][] =>
        [...state.entries()].filter(([k]) => k.startsWith(prefix)).sort(([a], [b]) => (a < b ? -1 : 1));
    const stub = {
        createCompositeKey: key,
        getState: (k: string) => Promise.resolve(Buffer.from(state.get(k) ?? '')),
        putState: (k: string, v: Uint8Array) => {
            state.set(k, Buffer.from(v).toString());
            return Promise.resolve();
        },
        setEvent: (name: string, payload: Uint8Array) => {
            events.push([name, Buffer.from(payload).toString()]);
        },
        getStateByPartialCompositeKey: (type: string, attributes: string[]) =>
            under(key(type, attributes)).map(([k, v]) => ({ key: k, value: Buffer.from(v) })),
        getStateByPartialCompositeKeyWithPagination: (
            type: string,
            attributes: string[],
            pageSize: number,
            bookmark: string,
        ) => {
            paginated.push([type, attributes, pageSize, bookmark]);
            const rows = under(key(type, attributes)).filter(([k]) => bookmark === '' || k >= bookmark);
            const taken = rows.slice(0, pageSize);
            let index = 0;
            const iterator = {
                next: () => {
                    const row = taken[index++];
                    return Promise.resolve(
                        row === undefined
                            ? { done: true, value: undefined }
                            : { done: false, value: { key: row[0], value: Buffer.from(row[1]) } },
                    );
                },
                close: () => {
                    closed.count += 1;
                    return Promise.resolve();
                },
            };
            return Promise.resolve({ iterator, metadata: metadata.value });
        },
    };
    return { ctx: { stub } as unknown as Context, state, events, paginated, metadata, closed };
}

describe('state helpers', () => {
    const k = (...parts: string[]): string => `\u0000${parts.join('\u0000')}\u0000`;

    it('reads, writes and scans composite keys under exactly their prefix', async () => {
        // given records of two accounts and another type
        const { ctx, state } = memoryStub({
            [k('hold', 'alice', 'h2')]: '{"n":2}',
            [k('hold', 'alice', 'h1')]: '{"n":1}',
            [k('hold', 'bob', 'h3')]: '{"n":3}',
            [k('other', 'alice', 'h4')]: '{"n":4}',
        });
        expect(compositeKey(ctx, 'hold', ['alice', 'h1'])).toBe(k('hold', 'alice', 'h1'));
        expect(await readJson(ctx, k('hold', 'alice', 'h1'))).toEqual({ n: 1 });
        expect(await readJson(ctx, 'absent')).toBeUndefined();
        await writeJson(ctx, 'x', { b: 1, a: [2] });
        expect(state.get('x')).toBe('{"b":1,"a":[2]}');
        const entries = await scan(ctx, 'hold', ['alice']);
        expect(entries.map((e) => [e.key, Buffer.from(e.value).toString()])).toEqual([
            [k('hold', 'alice', 'h1'), '{"n":1}'],
            [k('hold', 'alice', 'h2'), '{"n":2}'],
        ]);
    });

    it('pages a listing, hands out the bookmark and refuses one from outside its prefix', async () => {
        const { ctx, paginated, metadata, closed } = memoryStub({
            [k('hold', 'alice', 'h1')]: '1',
            [k('hold', 'alice', 'h2')]: '2',
            [k('hold', 'bob', 'h3')]: '3',
        });
        const map = (key: string, value: Uint8Array): string =>
            `${key.split('\u0000')[3] ?? ''}=${Buffer.from(value).toString()}`;
        metadata.value = { bookmark: k('hold', 'alice', 'h2') };
        expect(await page(ctx, 'hold', ['alice'], 1, '', map)).toEqual({
            items: ['h1=1'],
            bookmark: k('hold', 'alice', 'h2'),
        });
        metadata.value = { bookmark: '' };
        expect(await page(ctx, 'hold', ['alice'], 5, k('hold', 'alice', 'h2'), map)).toEqual({
            items: ['h2=2'],
            bookmark: '',
        });
        metadata.value = undefined;
        expect(await page(ctx, 'hold', ['bob'], 100, '', map)).toEqual({ items: ['h3=3'], bookmark: '' });
        metadata.value = {};
        expect(await page(ctx, 'hold', ['carol'], 1, '', map)).toEqual({ items: [], bookmark: '' });
        expect(paginated).toEqual([
            ['hold', ['alice'], 1, ''],
            ['hold', ['alice'], 5, k('hold', 'alice', 'h2')],
            ['hold', ['bob'], 100, ''],
            ['hold', ['carol'], 1, ''],
        ]);
        // when the bookmark is another account's key; then refused before any read
        await expect(page(ctx, 'hold', ['alice'], 1, k('hold', 'bob', 'h3'), map)).rejects.toThrow(
            new ContractError(
                'INVALID_ARGUMENT',
                'bookmark is not one this listing handed out; pass the bookmark of its previous page, or none',
            ),
        );
        await expect(page(ctx, 'hold', ['alice'], 0, '', map)).rejects.toThrow(
            'INVALID_ARGUMENT: page size 0 must be a whole number from 1 to 100',
        );
        expect(paginated).toHaveLength(4);
        // every page's iterator is closed
        expect(closed.count).toBe(4);
    });

    it.each([1, 2, 99, 100])('accepts the page size %d', (size) => {
        expect(parsePageSize(size)).toBe(size);
    });

    it.each([0, -1, 101, 1.5, Number.NaN])('refuses the page size %d', (size) => {
        expect(() => parsePageSize(size)).toThrow(
            new ContractError('INVALID_ARGUMENT', `page size ${String(size)} must be a whole number from 1 to 100`),
        );
    });

    it.each(['a', 'Z', '9', 'a._:-Z', `a${'b'.repeat(63)}`])('accepts the id %j', (value) => {
        expect(parseId(value, 'order id')).toBe(value);
    });

    it.each(['', '.a', '_a', ':a', '-a', `a${'b'.repeat(64)}`, 'a b', ' a', 'a ', 'a/b', 'a\n'])(
        'refuses the id %j, naming it',
        (value) => {
            expect(() => parseId(value, 'order id')).toThrow(
                new ContractError(
                    'INVALID_ARGUMENT',
                    `order id '${value}' must be 1 to 64 letters, digits, '.', '_', ':' or '-', starting with a letter or digit`,
                ),
            );
        },
    );

    it('parses JSON arguments and names a malformed one', () => {
        expect(parseJsonArgument('{"a":[1]}', 'rules')).toEqual({ a: [1] });
        expect(() => parseJsonArgument('{a', 'rules')).toThrow(
            new ContractError('INVALID_ARGUMENT', 'rules is not valid JSON'),
        );
    });

    it.each([
        ['2027-01-31T00:00:00Z', true],
        ['2024-02-29T23:59:59.123456789Z', true],
        ['2027-01-31T00:00:00.1Z', true],
        ['2023-02-29T00:00:00Z', false],
        ['2020-13-45T99:99:99Z', false],
        ['2027-01-31T24:00:00Z', false],
        ['2027-01-31T00:00:00', false],
        ['2027-01-31T00:00:00+00:00', false],
        ['x2027-01-31T00:00:00Z', false],
        ['2027-01-31T00:00:00Zx', false],
        ['2027-01-31T00:00:00.Z', false],
        ['2027-01-31T00:00:00.1234567890Z', false],
        ['27-01-31T00:00:00Z', false],
        ['+012027-01-31T00:00:00Z', false],
        ['2027-1-31T00:00:00Z', false],
        ['0000-01-01T00:00:00Z', true],
    ])('isInstant(%j) is %s', (value, expected) => {
        expect(isInstant(value)).toBe(expected);
    });
});

describe('parties', () => {
    it('makes an org the party of its identities and a member its own party', () => {
        const hash = '0123456789abcdef0123456789abcdef01234567';
        expect(partyOf(`OrgMSP:${hash}`)).toBe('org:OrgMSP');
        expect(partyOf('alice')).toBe('member:alice');
        expect(partyOf(`OrgMSP:${hash}0`)).toBe(`member:OrgMSP:${hash}0`);
        expect(partyOf(`x/OrgMSP:${hash}`)).toBe(`member:x/OrgMSP:${hash}`);
        expect(partyOf(`:${hash}`)).toBe(`member::${hash}`);
        expect(sameParty(`OrgMSP:${hash}`, `OrgMSP:${'f'.repeat(40)}`)).toBe(true);
        expect(sameParty(`OrgMSP:${hash}`, `OtherMSP:${hash}`)).toBe(false);
        expect(sameParty('alice', 'alice')).toBe(true);
        expect(sameParty('alice', 'bob')).toBe(false);
    });
});

describe('amounts', () => {
    it('accepts 40 digits, refuses a positive zero only, and splits by basis points', () => {
        expect(parseAmount('9'.repeat(40), 'amount')).toBe(10n ** 40n - 1n);
        expect(parseAmount('1', 'amount', { positive: true })).toBe(1n);
        expect(parseAmount('0', 'amount', { positive: false })).toBe(0n);
    });

    it('rounds every share down and gives the remainder to the first', () => {
        expect(
            splitByBasisPoints(101n, [
                { account: 'a', bps: 3333 },
                { account: 'b', bps: 3333 },
                { account: 'c', bps: 3334 },
            ]),
        ).toEqual([
            { account: 'a', amount: 35n },
            { account: 'b', amount: 33n },
            { account: 'c', amount: 33n },
        ]);
        expect(splitByBasisPoints(7n, [])).toEqual([]);
    });
});

describe('errors', () => {
    it('carries the code as the message prefix, its name and code', () => {
        const error = new ContractError('LIMIT_EXCEEDED', 'too many');
        expect([error.message, error.name, error.code]).toEqual([
            'LIMIT_EXCEEDED: too many',
            'ContractError',
            'LIMIT_EXCEEDED',
        ]);
        expect([invalid('a'), forbidden('b'), notFound('c'), conflict('d')].map((e) => [e.message, e.code])).toEqual([
            ['INVALID_ARGUMENT: a', 'INVALID_ARGUMENT'],
            ['FORBIDDEN: b', 'FORBIDDEN'],
            ['NOT_FOUND: c', 'NOT_FOUND'],
            ['CONFLICT: d', 'CONFLICT'],
        ]);
    });
});

describe('calls between contracts', () => {
    function calling(response: { status: number; message: string; payload?: Uint8Array }): {
        ctx: Context;
        calls: unknown[][];
    } {
        const calls: unknown[][] = [];
        const stub = {
            invokeChaincode: (chaincode: string, args: string[], channel: string) => {
                calls.push([chaincode, args, channel]);
                return Promise.resolve(response);
            },
        };
        return { ctx: { stub } as unknown as Context, calls };
    }

    it('returns the payload of a 200, and nothing for none', async () => {
        const ok = calling({ status: 200, message: '', payload: Buffer.from('{"a":1}') });
        expect(await call(ok.ctx, 'productoken', ['BalanceOf', 'alice'])).toBe('{"a":1}');
        expect(await callJson(ok.ctx, 'productoken', ['X'])).toEqual({ a: 1 });
        expect(await whoAmI(ok.ctx)).toEqual({ a: 1 });
        expect(ok.calls).toEqual([
            ['productoken', ['BalanceOf', 'alice'], ''],
            ['productoken', ['X'], ''],
            ['productoken', ['WhoAmI'], ''],
        ]);
        expect(await call(calling({ status: 200, message: '' }).ctx, 'x', [])).toBe('');
    });

    it("throws the callee's message on any other status", async () => {
        const failed = calling({ status: 500, message: 'CONFLICT: spent', payload: Buffer.from('x') });
        await expect(call(failed.ctx, 'productoken', ['Pay'])).rejects.toThrow(new Error('CONFLICT: spent'));
    });
});

describe('defineTransactions and announce', () => {
    class Sample extends Contract {}
    const descriptions = {
        List: { chaincode: 'sample', kind: 'evaluate', arguments: ['owner', 'pageSize', 'limit', 'bookmark'] },
        Pay: { chaincode: 'sample', kind: 'submit', arguments: [] },
    } as unknown as Readonly<Record<'List' | 'Pay', TransactionDescription>>;
    const seen: unknown[] = [];
    defineTransactions(Sample, descriptions, (ctx) => Promise.resolve(`who:${(ctx as unknown as { id: string }).id}`), {
        List: (_ctx, who, args, name) => {
            seen.push([who, args, name]);
            return Promise.resolve('listed');
        },
        Pay: (_ctx, who, args, name) => {
            seen.push([who, args, name]);
            return Promise.resolve('paid');
        },
    });
    const reflect = Reflect as typeof Reflect & {
        getMetadata(key: string, target: object, property?: string): unknown;
    };

    it('defines each method with its arguments by name, and the metadata of a decorated method', async () => {
        const prototype = Sample.prototype as unknown as Record<string, (...args: unknown[]) => Promise<string>>;
        const list = prototype.List;
        const pay = prototype.Pay;
        if (list === undefined || pay === undefined) throw new Error('not defined');
        expect(await list({ id: 'c1' }, 'alice', 5, 7, 'b')).toBe('listed');
        expect(await pay({ id: 'c2' })).toBe('paid');
        expect(seen).toEqual([
            ['who:c1', { owner: 'alice', pageSize: 5, limit: 7, bookmark: 'b' }, 'List'],
            ['who:c2', {}, 'Pay'],
        ]);
        expect([list.name, list.toString(), pay.name, pay.toString()]).toEqual([
            'List',
            'async List(ctx, owner, pageSize, limit, bookmark) {}',
            'Pay',
            'async Pay(ctx, ) {}',
        ]);
        expect(reflect.getMetadata('design:type', Sample.prototype, 'List')).toBe(Function);
        expect(reflect.getMetadata('design:returntype', Sample.prototype, 'List')).toBe(Promise);
        const transactions = reflect.getMetadata('fabric:transactions', Sample.prototype) as {
            name: string;
            tag: string[];
            parameters: { name: string; schema: { type: string } }[];
        }[];
        expect(transactions.map((t) => [t.name, t.tag, t.parameters.map((p) => `${p.name}:${p.schema.type}`)])).toEqual(
            [
                ['List', ['EVALUATE'], ['owner:string', 'pageSize:number', 'limit:number', 'bookmark:string']],
                ['Pay', ['SUBMIT', 'submitTx'], []],
            ],
        );
    });

    it('announce sets the event and returns its JSON', () => {
        const { ctx, events } = memoryStub();
        expect(announce(ctx, 'Paid', { a: 1 })).toBe('{"a":1}');
        expect(events).toEqual([['Paid', '{"a":1}']]);
    });
});
