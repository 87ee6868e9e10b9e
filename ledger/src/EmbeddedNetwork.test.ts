// SPDX-License-Identifier: Apache-2.0
import { createHash } from 'node:crypto';

import { Context, Contract, Transaction } from 'fabric-contract-api';

import { KeyEndorsementPolicy } from '@productivist/policies';

import { EmbeddedNetwork } from './EmbeddedNetwork.js';
import { CommitError, EndorseError, LedgerError } from '@productivist/ledger-api';
import { compareKeys } from './keys.js';

class Notes extends Contract {
    constructor() {
        super('notes');
    }

    @Transaction()
    async Write(ctx: Context, key: string, value: string): Promise<void> {
        if (value === '') throw new Error('INVALID_ARGUMENT: value is empty');
        await ctx.stub.putState(key, Buffer.from(value));
        ctx.stub.setEvent('Written', Buffer.from(key));
    }

    @Transaction(false)
    async Read(ctx: Context, key: string): Promise<string> {
        return Buffer.from(await ctx.stub.getState(key)).toString();
    }

    @Transaction()
    async WriteNow(ctx: Context, key: string): Promise<void> {
        // Deliberately wrong: the wall clock differs between endorsing peers.
        await ctx.stub.putState(key, Buffer.from(`${Date.now()}-${process.hrtime.bigint()}`));
    }

    @Transaction()
    async WritePrivate(ctx: Context, collection: string, key: string, value: string): Promise<void> {
        await ctx.stub.putPrivateData(collection, key, Buffer.from(value));
    }

    /** Read-modify-write of a private counter. */
    @Transaction()
    async IncrementPrivate(ctx: Context, collection: string, key: string): Promise<void> {
        const current = Number(Buffer.from(await ctx.stub.getPrivateData(collection, key)).toString() || '0');
        await ctx.stub.putPrivateData(collection, key, Buffer.from(String(current + 1)));
    }

    /** A key-level policy on a private key: `org`'s peers alone. */
    @Transaction()
    async SetPrivatePolicy(ctx: Context, collection: string, key: string, org: string): Promise<void> {
        const policy = new KeyEndorsementPolicy().addOrgs('peer', org).getPolicy();
        await ctx.stub.setPrivateDataValidationParameter(collection, key, policy);
    }

    @Transaction()
    async DeletePrivate(ctx: Context, collection: string, key: string): Promise<void> {
        await ctx.stub.deletePrivateData(collection, key);
    }

    @Transaction(false)
    async ReadPrivate(ctx: Context, collection: string, key: string): Promise<string> {
        return Buffer.from(await ctx.stub.getPrivateData(collection, key)).toString();
    }

    @Transaction(false)
    async Timestamp(ctx: Context): Promise<string> {
        return Promise.resolve(ctx.stub.getDateTimestamp().toISOString());
    }
}

const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString();

async function network(options: { peers?: [number, number, number] } = {}): Promise<EmbeddedNetwork> {
    const [a, b, c] = options.peers ?? [1, 1, 1];
    const net = await EmbeddedNetwork.create({
        organizations: [
            { mspId: 'AMSP', peers: a },
            { mspId: 'BMSP', peers: b },
            { mspId: 'CMSP', peers: c },
        ],
        now: () => new Date('2026-01-02T03:04:05.678Z'),
    });
    await net.addMember('alice', { mspId: 'AMSP' });
    await net.addMember('bob', { mspId: 'BMSP' });
    return net;
}

/** The notes chaincode (any of A or B) with private collection `ab` of A and B, as alice of A uses it. */
async function notesWithCollection(): Promise<ReturnType<EmbeddedNetwork['contract']>> {
    const net = await network();
    net.deploy({
        name: 'notes',
        contracts: [Notes],
        endorsementPolicy: { any: ['AMSP', 'BMSP'] },
        collections: [{ name: 'ab', members: ['AMSP', 'BMSP'] }],
    });
    return net.contract('alice', 'notes');
}

describe('EmbeddedNetwork', () => {
    it('cuts the transactions submitted in one tick into one block, in order', async () => {
        // Given three writes endorsed
        const net = await network();
        net.deploy({ name: 'notes', contracts: [Notes], endorsementPolicy: { any: ['AMSP', 'BMSP'] } });
        const notes = net.contract('alice', 'notes');
        const endorsed = await Promise.all(
            ['k1', 'k2', 'k3'].map((key) => notes.endorse('Write', { arguments: [key, 'v'] })),
        );
        // When they are submitted together
        const statuses = await Promise.all(endorsed.map((tx) => tx.submit()));
        // Then they share block 1, in submission order
        expect(statuses.map((s) => [s.blockNumber, s.code])).toEqual([
            [1n, 'VALID'],
            [1n, 'VALID'],
            [1n, 'VALID'],
        ]);
        expect(net.blocks()[1]?.transactions.map((tx) => tx.transactionId)).toEqual(
            endorsed.map((tx) => tx.transactionId),
        );
    });

    it('delivers events after commit to live listeners, and none for invalid transactions', async () => {
        const net = await network();
        net.deploy({ name: 'notes', contracts: [Notes], endorsementPolicy: { all: ['AMSP', 'BMSP'] } });
        const stream = net.chaincodeEvents('alice', 'notes');
        const notes = net.contract('alice', 'notes');
        await expect(
            notes.submit('Write', { arguments: ['bad', 'v'], endorsingOrganizations: ['AMSP'] }),
        ).rejects.toThrow(CommitError);
        const good = await notes.submit('Write', { arguments: ['good', 'v'] });
        const received = [];
        for await (const event of stream) {
            received.push(event);
            stream.close();
        }
        expect(received).toHaveLength(1);
        expect(received[0]).toMatchObject({ transactionId: good.transactionId, blockNumber: 2n, eventName: 'Written' });
        expect(text(received[0]!.payload)).toBe('good');
    });

    it('fails endorsement of a chaincode that reads the clock, and changes nothing', async () => {
        const net = await network();
        net.deploy({ name: 'notes', contracts: [Notes], endorsementPolicy: { all: ['AMSP', 'BMSP'] } });
        const before = net.stateHash();
        await expect(net.contract('alice', 'notes').submit('WriteNow', { arguments: ['t'] })).rejects.toMatchObject({
            name: 'EndorseError',
            code: 'ENDORSEMENT_MISMATCH',
        });
        expect(net.stateHash()).toBe(before);
        expect(net.blocks()).toHaveLength(1);
    });

    it('gives the contract the client-set timestamp of the proposal', async () => {
        const net = await network();
        net.deploy({ name: 'notes', contracts: [Notes] });
        expect(text(await net.contract('alice', 'notes').evaluate('Timestamp'))).toBe('2026-01-02T03:04:05.678Z');
    });

    it('reports a chaincode error with its code', async () => {
        const net = await network();
        net.deploy({ name: 'notes', contracts: [Notes] });
        const failure = net.contract('alice', 'notes').submit('Write', { arguments: ['k', ''] });
        await expect(failure).rejects.toBeInstanceOf(EndorseError);
        await expect(failure).rejects.toMatchObject({
            code: 'INVALID_ARGUMENT',
            chaincodeMessage: 'INVALID_ARGUMENT: value is empty',
            message: 'chaincode response 500, INVALID_ARGUMENT: value is empty',
        });
    });

    it('chooses the fewest endorsers that satisfy the policy, preferring the client org', async () => {
        const net = await network();
        net.deploy({
            name: 'notes',
            contracts: [Notes],
            endorsementPolicy: { outOf: 2, of: ['AMSP', 'BMSP', 'CMSP'] },
        });
        await net.contract('bob', 'notes').submit('Write', { arguments: ['k', 'v'] });
        expect(net.blocks()[1]?.transactions[0]?.endorsers).toEqual(['peer0.AMSP', 'peer0.BMSP']);
        net.deploy({ name: 'notes-c', contracts: [Notes], endorsementPolicy: { any: ['BMSP', 'CMSP'] } });
        await net.contract('alice', 'notes-c').submit('Write', { arguments: ['k', 'v'] });
        expect(net.blocks()[2]?.transactions[0]?.endorsers).toEqual(['peer0.BMSP']);
    });

    it('uses two peers of one org when the policy needs two of them', async () => {
        const net = await network({ peers: [2, 1, 1] });
        net.deploy({ name: 'notes', contracts: [Notes], endorsementPolicy: "AND('AMSP.peer', 'AMSP.peer')" });
        await net.contract('bob', 'notes').submit('Write', { arguments: ['k', 'v'] });
        expect(net.blocks()[1]?.transactions[0]?.endorsers).toEqual(['peer0.AMSP', 'peer1.AMSP']);
    });

    it('refuses to endorse when no peers can satisfy the policy', async () => {
        const net = await network({ peers: [1, 0, 1] });
        net.deploy({ name: 'notes', contracts: [Notes], endorsementPolicy: { all: ['AMSP', 'BMSP'] } });
        await expect(net.contract('alice', 'notes').submit('Write', { arguments: ['k', 'v'] })).rejects.toMatchObject({
            name: 'EndorseError',
            code: 'NO_ENDORSERS',
        });
    });

    it('applies a collection endorsement policy to its private writes', async () => {
        const net = await network();
        net.deploy({
            name: 'notes',
            contracts: [Notes],
            endorsementPolicy: { all: ['AMSP', 'BMSP', 'CMSP'] },
            collections: [{ name: 'ab', members: ['AMSP', 'BMSP'], endorsementPolicy: { any: ['AMSP', 'BMSP'] } }],
        });
        const notes = net.contract('alice', 'notes');
        await notes.submit('WritePrivate', { arguments: ['ab', 'k', 'secret'], endorsingOrganizations: ['AMSP'] });
        expect(text(await notes.evaluate('ReadPrivate', { arguments: ['ab', 'k'] }))).toBe('secret');
        await expect(
            notes.submit('Write', { arguments: ['k', 'v'], endorsingOrganizations: ['AMSP'] }),
        ).rejects.toMatchObject({
            validationCode: 'ENDORSEMENT_POLICY_FAILURE',
        });
    });

    it('validates private reads by their hashes: two read-modify-writes on one private key, one MVCC_READ_CONFLICT', async () => {
        const notes = await notesWithCollection();
        const endorse = (): ReturnType<typeof notes.endorse> =>
            notes.endorse('IncrementPrivate', { arguments: ['ab', 'n'], endorsingOrganizations: ['AMSP'] });
        // A never-written private key, then an existing one
        for (const expected of ['1', '2']) {
            const [a, b] = await Promise.all([endorse(), endorse()]);
            const codes = (await Promise.all([a.submit(), b.submit()])).map((s) => s.code).sort();
            expect(codes).toEqual(['MVCC_READ_CONFLICT', 'VALID']);
            expect(text(await notes.evaluate('ReadPrivate', { arguments: ['ab', 'n'] }))).toBe(expected);
        }
        // And a private delete removes the value and its hash
        await notes.submit('DeletePrivate', { arguments: ['ab', 'n'], endorsingOrganizations: ['AMSP'] });
        expect(text(await notes.evaluate('ReadPrivate', { arguments: ['ab', 'n'] }))).toBe('');
        const [c, d] = await Promise.all([endorse(), endorse()]);
        expect((await Promise.all([c.submit(), d.submit()])).map((s) => s.code).sort()).toEqual([
            'MVCC_READ_CONFLICT',
            'VALID',
        ]);
    });

    it('applies a key-level policy set on an existing private key to its later writes', async () => {
        const notes = await notesWithCollection();
        const as = (org: string): { endorsingOrganizations: string[] } => ({ endorsingOrganizations: [org] });
        await notes.submit('WritePrivate', { arguments: ['ab', 'k', 'v1'], ...as('AMSP') });
        await notes.submit('SetPrivatePolicy', { arguments: ['ab', 'k', 'BMSP'], ...as('AMSP') });
        await expect(
            notes.submit('WritePrivate', { arguments: ['ab', 'k', 'v2'], ...as('AMSP') }),
        ).rejects.toMatchObject({ validationCode: 'ENDORSEMENT_POLICY_FAILURE' });
        await notes.submit('WritePrivate', { arguments: ['ab', 'k', 'v3'], ...as('BMSP') });
        expect(text(await notes.evaluate('ReadPrivate', { arguments: ['ab', 'k'] }))).toBe('v3');
    });

    it('purges private data after blockToLive blocks', async () => {
        const net = await network();
        net.deploy({
            name: 'notes',
            contracts: [Notes],
            endorsementPolicy: { any: ['AMSP'] },
            collections: [{ name: 'short', members: ['AMSP'], blockToLive: 2 }],
        });
        const notes = net.contract('alice', 'notes');
        await notes.submit('WritePrivate', { arguments: ['short', 'k', 'soon-gone'] }); // block 1
        const read = async (): Promise<string> =>
            text(await notes.evaluate('ReadPrivate', { arguments: ['short', 'k'] }));
        await notes.submit('Write', { arguments: ['x', '1'] }); // block 2
        await notes.submit('Write', { arguments: ['x', '2'] }); // block 3: still within 1 + 2
        expect(await read()).toBe('soon-gone');
        await notes.submit('Write', { arguments: ['x', '3'] }); // block 4: purged
        expect(await read()).toBe('');
    });

    it('names the unknown thing and how to fix it', async () => {
        const net = await network();
        net.deploy({ name: 'notes', contracts: [Notes] });
        const cases: [() => unknown, string, string][] = [
            [
                () => net.contract('mallory', 'notes').evaluate('Read', { arguments: ['k'] }),
                'NOT_FOUND',
                "member 'mallory' is not enrolled",
            ],
            [
                () => net.contract('alice', 'nope').evaluate('Read'),
                'NOT_FOUND',
                "chaincode 'nope' is not deployed on channel 'productivist'",
            ],
            [() => net.contract('alice', 'notes', 'elsewhere'), 'NOT_FOUND', "channel 'elsewhere' does not exist"],
            [
                () => {
                    net.deploy({ name: 'notes', contracts: [Notes] });
                },
                'CONFLICT',
                "chaincode 'notes' is already deployed on channel 'productivist'",
            ],
        ];
        for (const [act, code, message] of cases) {
            let error: unknown;
            try {
                await act();
            } catch (caught) {
                error = caught;
            }
            expect(error).toBeInstanceOf(LedgerError);
            expect(error).toMatchObject({ code, message });
        }
        await expect(net.addMember('eve', { mspId: 'ZMSP' })).rejects.toMatchObject({
            code: 'NOT_FOUND',
            message: "organization 'ZMSP' named in member 'eve' does not exist",
        });
        expect(() => {
            net.deploy({ name: 'other', contracts: [Notes], endorsementPolicy: { all: ['AMSP', 'ZMSP'] } });
        }).toThrow("policy at chaincodes.other.endorsementPolicy.all[1]: organization 'ZMSP' is not known here");
        await expect(EmbeddedNetwork.create({ organizations: [{ mspId: 'A' }, { mspId: 'A' }] })).rejects.toMatchObject(
            {
                code: 'INVALID_ARGUMENT',
            },
        );
        await expect(
            net.contract('alice', 'notes').submit('Write', { arguments: ['k', 'v'], endorsingOrganizations: ['ZMSP'] }),
        ).rejects.toMatchObject({
            name: 'EndorseError',
            message: "endorsing organization 'ZMSP' has no peer on channel 'productivist'",
        });
    });

    it('issues certificates that carry the role and attributes', async () => {
        const net = await network();
        await net.addMember('dev1', { mspId: 'AMSP', attributes: { 'productivist.device': 'printer-7' } });
        const pem = net.certificateOf('dev1');
        expect(pem).toMatch(/^-----BEGIN CERTIFICATE-----/);
        const { X509Certificate } = await import('node:crypto');
        const cert = new X509Certificate(pem);
        expect(cert.subject).toContain('OU=client');
        expect(cert.checkIssued(new X509Certificate(net.caCertificateOf('AMSP')))).toBe(true);
        expect(createHash('sha256').update(pem).digest('hex')).toHaveLength(64);
    });
});

describe('compareKeys', () => {
    it("orders by code point, as Fabric's LevelDB orders UTF-8 bytes", () => {
        const keys = ['b', '\u{10000}', '\uffff', 'a', '\u0000x', '\ue000'];
        expect([...keys].sort(compareKeys)).toEqual(['\u0000x', 'a', 'b', '\ue000', '\uffff', '\u{10000}']);
        // JavaScript's default order puts the astral character before U+E000
        expect([...keys].sort()).not.toEqual([...keys].sort(compareKeys));
    });
});
