// SPDX-License-Identifier: Apache-2.0
//
// Exact refusals, payloads and read results of modelcert (issue 18, item 7: mutation testing).
// Each test names what a caller did wrong and checks the whole message, the event, and the exact
// contents of GetModel, ModelsByDesigner, ModelsByStatus and ModelHistory, so that a changed check,
// message, key or index fails a test.
import { createHash } from 'node:crypto';

import type { EmbeddedNetwork } from '@productivist/ledger';

import { memberAttribute } from '../shared/caller.js';
import { createWorld, enrollMember, evaluate, failure, submit } from '@productivist/clients/testing';
import type { Certification, Licence, Model } from './model.js';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const file = sha256('file');
const report = sha256('report');
const open: Licence = { royaltyBps: 1000, printLimit: null, allowedProducers: null };
const licence = JSON.stringify(open);
const notMember = `identity of CustomerMSP is not a Productivist member (no ${memberAttribute} attribute) and cannot`;

let world: EmbeddedNetwork;

/** The event of one submitted transaction: its name and parsed payload. */
async function eventOf(attempt: () => Promise<unknown>): Promise<{ name: string; payload: unknown }> {
    const events = world.chaincodeEvents('alice', 'modelcert');
    await attempt();
    for await (const event of events) {
        events.close();
        return { name: event.eventName, payload: JSON.parse(Buffer.from(event.payload).toString()) as unknown };
    }
    throw new Error('no event');
}

/** A refusal that changes nothing. */
async function refused(
    member: string,
    transaction: string,
    args: readonly string[],
): Promise<{ code: string; message: string }> {
    const before = world.stateHash();
    const outcome = await failure(submit(world, member, 'modelcert', transaction, ...args));
    expect(world.stateHash()).toBe(before);
    return outcome;
}

const pending = (modelId: string): Certification => ({
    modelId,
    status: 'PENDING',
    expert: null,
    expertMsp: null,
    reportHash: null,
    decidedIn: null,
});

beforeAll(async () => {
    // Given the world, IndustrialMSP (acme) granted the expert role, and dana's identity in the expert org
    world = await createWorld();
    await submit(world, 'admin', 'productoken', 'GrantRole', 'IndustrialMSP', 'expert');
    await enrollMember(world, 'dana-expert', { mspId: 'ExpertMSP', attributes: { [memberAttribute]: 'dana' } });
});

describe('modelcert: RegisterModel', () => {
    const register = (id: string, licenceJson: string, previous = ''): Promise<{ code: string; message: string }> =>
        refused('dana', 'RegisterModel', [id, 'Title', file, licenceJson, previous]);

    it('names a non-designer, a malformed id, a bad title and a bad content hash', async () => {
        expect(await refused('alice', 'RegisterModel', ['m', 'T', file, licence, ''])).toEqual({
            code: 'FORBIDDEN',
            message:
                "FORBIDDEN: member 'alice' (CustomerMSP) does not hold the designer role (its organization CustomerMSP is not granted it) and cannot register models",
        });
        expect(await refused('dana', 'RegisterModel', ['m 1', 'T', file, licence, ''])).toEqual({
            code: 'INVALID_ARGUMENT',
            message:
                "INVALID_ARGUMENT: model id 'm 1' must be 1 to 64 letters, digits, '.', '_', ':' or '-', starting with a letter or digit",
        });
        const title = { code: 'INVALID_ARGUMENT', message: 'INVALID_ARGUMENT: title must be 1 to 200 characters' };
        for (const bad of ['', '   ', 'x'.repeat(201)])
            expect(await refused('dana', 'RegisterModel', ['m', bad, file, licence, ''])).toEqual(title);
        const hash = {
            code: 'INVALID_ARGUMENT',
            message: 'INVALID_ARGUMENT: contentHash must be a SHA-256 hash in lowercase hex (64 characters)',
        };
        for (const bad of [`x${file}`, `${file}x`, file.toUpperCase(), file.slice(1), ''])
            expect(await refused('dana', 'RegisterModel', ['m', 'T', bad, licence, ''])).toEqual(hash);
    });

    it('names each bad licence field', async () => {
        const bad = (message: string): { code: string; message: string } => ({
            code: 'INVALID_ARGUMENT',
            message: `INVALID_ARGUMENT: ${message}`,
        });
        expect(await register('m', '{')).toEqual(bad('licence is not valid JSON'));
        for (const value of ['null', '[]', '5', '"x"'])
            expect(await register('m', value)).toEqual(bad('licence must be a JSON object'));
        expect(await register('m', JSON.stringify({ ...open, fee: 1, owner: 'x' }))).toEqual(
            bad('licence has unknown fields fee, owner; allowed: royaltyBps, printLimit, allowedProducers'),
        );
        const royalty = bad('licence.royaltyBps must be a whole number of basis points from 0 to 5000');
        for (const value of ['10', 1.5, -1, 5001, null])
            expect(await register('m', JSON.stringify({ ...open, royaltyBps: value }))).toEqual(royalty);
        expect(await register('m', JSON.stringify({ printLimit: null, allowedProducers: null }))).toEqual(royalty);
        const limit = bad('licence.printLimit must be a positive whole number, or null for unlimited');
        for (const value of [0, -1, 1.5, '5', false])
            expect(await register('m', JSON.stringify({ ...open, printLimit: value }))).toEqual(limit);
        const producers = bad(
            'licence.allowedProducers must be a non-empty list of producer accounts, or null for any producer',
        );
        for (const value of [[], ['printlab', 3], [3], 'printlab', { printlab: true }])
            expect(await register('m', JSON.stringify({ ...open, allowedProducers: value }))).toEqual(producers);
        expect(await register('m', JSON.stringify({ ...open, allowedProducers: ['printlab', 'Bad One'] }))).toEqual(
            bad(
                "licence.allowedProducers 'Bad One' is not an account id (lowercase letters, digits, '.', '_', '-'; or MSPID:hash)",
            ),
        );
    });

    it('registers a model at the licence bounds, returns and announces it and indexes it', async () => {
        // When dana registers 'vase' with the boundary values and a duplicate producer
        const given = { royaltyBps: 5000, printLimit: 1, allowedProducers: ['printlab', 'amy', 'printlab'] };
        const { name, payload } = await eventOf(() =>
            submit(
                world,
                'dana',
                'modelcert',
                'RegisterModel',
                'vase',
                'x'.repeat(200),
                file,
                JSON.stringify(given),
                '',
            ),
        );
        // Then the model is returned and announced with a sorted, deduplicated producer list
        const vase: Record<string, unknown> = {
            id: 'vase',
            designer: 'dana',
            title: 'x'.repeat(200),
            contentHash: file,
            version: 1,
            previous: null,
            licence: { royaltyBps: 5000, printLimit: 1, allowedProducers: ['amy', 'printlab'] },
            registeredIn: expect.any(String) as unknown,
        };
        expect(name).toBe('ModelRegistered');
        expect(payload).toEqual(vase);
        const read = await evaluate<{ model: Model; certification: Certification }>(
            world,
            'alice',
            'modelcert',
            'GetModel',
            'vase',
        );
        expect(read).toEqual({ model: payload, certification: pending('vase') });
        expect(read.model.registeredIn).toMatch(/^[0-9a-f]{64}$/);
        // And a licence without printLimit and allowedProducers means unlimited and any producer, royalty 0 allowed
        const bare = await submit<Model>(
            world,
            'dana',
            'modelcert',
            'RegisterModel',
            'bare',
            'B',
            file,
            '{"royaltyBps":0}',
            '',
        );
        expect(bare.licence).toEqual({ royaltyBps: 0, printLimit: null, allowedProducers: null });
        // And the id is taken
        expect(await register('vase', licence)).toEqual({
            code: 'CONFLICT',
            message: "CONFLICT: model 'vase' already exists; a new version needs a new id",
        });
    });

    it('versions only the designer’s own existing models', async () => {
        await submit(world, 'alice-designer', 'modelcert', 'RegisterModel', 'alice-cup', 'A', file, licence, '');
        expect(await register('v2', licence, 'alice-cup')).toEqual({
            code: 'FORBIDDEN',
            message: "FORBIDDEN: model 'alice-cup' belongs to 'alice'; only its designer may version it",
        });
        expect(await register('v2', licence, 'nothing')).toEqual({
            code: 'NOT_FOUND',
            message: "NOT_FOUND: model 'nothing' does not exist",
        });
        expect(await register('v2', licence, 'bad id')).toEqual({
            code: 'INVALID_ARGUMENT',
            message:
                "INVALID_ARGUMENT: model id 'bad id' must be 1 to 64 letters, digits, '.', '_', ':' or '-', starting with a letter or digit",
        });
        // When dana versions vase twice
        const v2 = await submit<Model>(
            world,
            'dana',
            'modelcert',
            'RegisterModel',
            'vase-2',
            'V',
            file,
            licence,
            'vase',
        );
        const v3 = await submit<Model>(
            world,
            'dana',
            'modelcert',
            'RegisterModel',
            'vase-3',
            'V',
            file,
            licence,
            'vase-2',
        );
        // Then each names its predecessor and counts up
        expect([v2.version, v2.previous, v3.version, v3.previous]).toEqual([2, 'vase', 3, 'vase-2']);
    });

    it('lists models by designer and by status, exactly', async () => {
        const ids = async (transaction: string, value: string): Promise<string[]> => {
            const found = await evaluate<{ items: { model: Model; certification: Certification }[]; bookmark: string }>(
                world,
                'alice',
                'modelcert',
                transaction,
                value,
                '10',
                '',
            );
            return found.items.map((item) => `${item.model.id}:${item.certification.status}`);
        };
        expect(await ids('ModelsByDesigner', 'dana')).toEqual([
            'bare:PENDING',
            'vase:PENDING',
            'vase-2:PENDING',
            'vase-3:PENDING',
        ]);
        expect(await ids('ModelsByDesigner', 'alice')).toEqual(['alice-cup:PENDING']);
        // A page of two names where the next page starts
        const first = await evaluate<{ items: { model: Model }[]; bookmark: string }>(
            world,
            'alice',
            'modelcert',
            'ModelsByDesigner',
            'dana',
            '2',
            '',
        );
        expect(first.items.map((item) => item.model.id)).toEqual(['bare', 'vase']);
        const second = await evaluate<{ items: { model: Model }[]; bookmark: string }>(
            world,
            'alice',
            'modelcert',
            'ModelsByDesigner',
            'dana',
            '2',
            first.bookmark,
        );
        expect(second.items.map((item) => item.model.id)).toEqual(['vase-2', 'vase-3']);
        expect(await ids('ModelsByStatus', 'PENDING')).toEqual([
            'alice-cup:PENDING',
            'bare:PENDING',
            'vase:PENDING',
            'vase-2:PENDING',
            'vase-3:PENDING',
        ]);
        expect(await ids('ModelsByStatus', 'CERTIFIED')).toEqual([]);
        expect(await failure(evaluate(world, 'alice', 'modelcert', 'ModelsByStatus', 'pending', '10', ''))).toEqual({
            code: 'INVALID_ARGUMENT',
            message: "INVALID_ARGUMENT: status 'pending' is not one of PENDING, CERTIFIED, REJECTED, REVOKED",
        });
        expect(await failure(evaluate(world, 'alice', 'modelcert', 'ModelsByDesigner', 'Dana', '10', ''))).toEqual({
            code: 'INVALID_ARGUMENT',
            message:
                "INVALID_ARGUMENT: designer 'Dana' is not an account id (lowercase letters, digits, '.', '_', '-'; or MSPID:hash)",
        });
        expect(await failure(evaluate(world, 'stranger', 'modelcert', 'ModelsByDesigner', 'dana', '10', ''))).toEqual({
            code: 'FORBIDDEN',
            message: `FORBIDDEN: ${notMember} list models`,
        });
    });
});

describe('modelcert: UpdateModel', () => {
    it('names a non-member, another designer, an unknown model and a bad title, then updates', async () => {
        expect(await refused('stranger', 'UpdateModel', ['vase', 'T', licence])).toEqual({
            code: 'FORBIDDEN',
            message: `FORBIDDEN: ${notMember} change models`,
        });
        expect(await refused('alice', 'UpdateModel', ['vase', 'T', licence])).toEqual({
            code: 'FORBIDDEN',
            message: "FORBIDDEN: model 'vase' belongs to 'dana'; only its designer may change it",
        });
        expect(await refused('dana', 'UpdateModel', ['nothing', 'T', licence])).toEqual({
            code: 'NOT_FOUND',
            message: "NOT_FOUND: model 'nothing' does not exist",
        });
        const title = { code: 'INVALID_ARGUMENT', message: 'INVALID_ARGUMENT: title must be 1 to 200 characters' };
        for (const bad of ['', '  ', 'y'.repeat(201)])
            expect(await refused('dana', 'UpdateModel', ['vase', bad, licence])).toEqual(title);
        expect(await refused('dana', 'UpdateModel', ['vase', 'T', '{"royaltyBps":5001}'])).toEqual({
            code: 'INVALID_ARGUMENT',
            message: 'INVALID_ARGUMENT: licence.royaltyBps must be a whole number of basis points from 0 to 5000',
        });
        // When dana changes the title and licence of vase
        const before = await evaluate<{ model: Model }>(world, 'alice', 'modelcert', 'GetModel', 'vase');
        const { name, payload } = await eventOf(() =>
            submit(world, 'dana', 'modelcert', 'UpdateModel', 'vase', 'y'.repeat(200), licence),
        );
        // Then only those change, in the event, the reply and the state
        const updated: Model = { ...before.model, title: 'y'.repeat(200), licence: open };
        expect(name).toBe('ModelUpdated');
        expect(payload).toEqual(updated);
        expect(await evaluate(world, 'alice', 'modelcert', 'GetModel', 'vase')).toEqual({
            model: updated,
            certification: pending('vase'),
        });
    });
});

describe('modelcert: Certify, Reject, Revoke', () => {
    const decided = (
        modelId: string,
        status: string,
        expert: string,
        expertMsp: string,
        hash = report,
    ): Record<string, unknown> => ({
        modelId,
        status,
        expert,
        expertMsp,
        reportHash: hash,
        decidedIn: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown,
    });

    it('names a non-expert for each decision, the designer and a bad report hash', async () => {
        for (const [transaction, action] of [
            ['Certify', 'certify'],
            ['Reject', 'reject'],
            ['Revoke', 'revoke'],
        ] as const) {
            expect(await refused('alice', transaction, ['vase', report])).toEqual({
                code: 'FORBIDDEN',
                message: `FORBIDDEN: member 'alice' (CustomerMSP) does not hold the expert role (its organization CustomerMSP is not granted it) and cannot ${action} models`,
            });
            expect(await refused('dana-expert', transaction, ['vase', report])).toEqual({
                code: 'FORBIDDEN',
                message: `FORBIDDEN: 'dana' designed model 'vase' and cannot ${action} it`,
            });
        }
        expect(await refused('erin', 'Certify', ['nothing', report])).toEqual({
            code: 'NOT_FOUND',
            message: "NOT_FOUND: model 'nothing' does not exist",
        });
        const hash = {
            code: 'INVALID_ARGUMENT',
            message: 'INVALID_ARGUMENT: reportHash must be a SHA-256 hash in lowercase hex (64 characters)',
        };
        for (const bad of [`x${report}`, `${report}x`, report.toUpperCase(), ''])
            expect(await refused('erin', 'Certify', ['vase', bad])).toEqual(hash);
        // A pending model was certified by nobody: no one may revoke it
        expect(await refused('erin', 'Revoke', ['vase', report])).toEqual({
            code: 'FORBIDDEN',
            message: "FORBIDDEN: model 'vase' was certified by nobody; only that organization may revoke it",
        });
    });

    it('moves a model PENDING → REJECTED → CERTIFIED → REVOKED, with events, index and conflicts', async () => {
        const status = async (value: string): Promise<string[]> =>
            (
                await evaluate<{ items: { model: Model }[] }>(
                    world,
                    'alice',
                    'modelcert',
                    'ModelsByStatus',
                    value,
                    '10',
                    '',
                )
            ).items.map((item) => item.model.id);
        // When erin rejects vase
        const rejected = await eventOf(() => submit(world, 'erin', 'modelcert', 'Reject', 'vase', report));
        expect(rejected).toEqual({
            name: 'ModelCertification',
            payload: decided('vase', 'REJECTED', 'erin', 'ExpertMSP'),
        });
        expect(await status('REJECTED')).toEqual(['vase']);
        expect(await status('PENDING')).not.toContain('vase');
        expect(await refused('erin', 'Reject', ['vase', report])).toEqual({
            code: 'CONFLICT',
            message: "CONFLICT: model 'vase' is REJECTED and cannot be rejected",
        });
        expect(await refused('erin', 'Revoke', ['vase', report])).toEqual({
            code: 'CONFLICT',
            message: "CONFLICT: model 'vase' is REJECTED and cannot be revoked",
        });
        // When acme (another organization) certifies the rejected model
        const acme = sha256('acme report');
        const certified = await eventOf(() => submit(world, 'acme', 'modelcert', 'Certify', 'vase', acme));
        const acmeAccount = (certified.payload as Certification).expert ?? '';
        expect(acmeAccount).toMatch(/^IndustrialMSP:[0-9a-f]{40}$/);
        expect(certified).toEqual({
            name: 'ModelCertification',
            payload: decided('vase', 'CERTIFIED', acmeAccount, 'IndustrialMSP', acme),
        });
        expect(await status('CERTIFIED')).toEqual(['vase']);
        expect(await status('REJECTED')).toEqual([]);
        expect(
            (await evaluate<{ certification: Certification }>(world, 'alice', 'modelcert', 'GetModel', 'vase'))
                .certification,
        ).toEqual(certified.payload);
        for (const [transaction, action] of [
            ['Certify', 'certified'],
            ['Reject', 'rejected'],
        ] as const)
            expect(await refused('erin', transaction, ['vase', report])).toEqual({
                code: 'CONFLICT',
                message: `CONFLICT: model 'vase' is CERTIFIED and cannot be ${action}`,
            });
        // Then erin's organization did not certify it and may not revoke it
        expect(await refused('erin', 'Revoke', ['vase', report])).toEqual({
            code: 'FORBIDDEN',
            message: "FORBIDDEN: model 'vase' was certified by IndustrialMSP; only that organization may revoke it",
        });
        // When acme revokes it
        const revoked = await eventOf(() => submit(world, 'acme', 'modelcert', 'Revoke', 'vase', report));
        expect(revoked).toEqual({
            name: 'ModelCertification',
            payload: decided('vase', 'REVOKED', acmeAccount, 'IndustrialMSP'),
        });
        expect(await status('REVOKED')).toEqual(['vase']);
        expect(await status('CERTIFIED')).toEqual([]);
        for (const [transaction, action] of [
            ['Certify', 'certified'],
            ['Reject', 'rejected'],
            ['Revoke', 'revoked'],
        ] as const)
            expect(await refused('acme', transaction, ['vase', report])).toEqual({
                code: 'CONFLICT',
                message: `CONFLICT: model 'vase' is REVOKED and cannot be ${action}`,
            });
    });

    it('certifies a pending model directly and lets the certifying organization revoke it', async () => {
        const certified = await submit<Certification>(world, 'erin', 'modelcert', 'Certify', 'bare', report);
        expect(certified).toEqual(decided('bare', 'CERTIFIED', 'erin', 'ExpertMSP'));
        expect(await refused('erin', 'Certify', ['bare', report])).toEqual({
            code: 'CONFLICT',
            message: "CONFLICT: model 'bare' is CERTIFIED and cannot be certified",
        });
        const revoked = await submit<Certification>(world, 'erin', 'modelcert', 'Revoke', 'bare', sha256('why'));
        expect(revoked).toEqual(decided('bare', 'REVOKED', 'erin', 'ExpertMSP', sha256('why')));
    });
});

describe('modelcert: Acknowledge, GetModel, ModelHistory', () => {
    it('acknowledges once per customer and model', async () => {
        expect(await refused('dana', 'Acknowledge', ['vase-2'])).toEqual({
            code: 'FORBIDDEN',
            message:
                "FORBIDDEN: member 'dana' (DesignerMSP) does not hold the customer role (its organization DesignerMSP is not granted it) and cannot acknowledge models",
        });
        expect(await refused('alice', 'Acknowledge', ['nothing'])).toEqual({
            code: 'NOT_FOUND',
            message: "NOT_FOUND: model 'nothing' does not exist",
        });
        const acknowledged = await eventOf(() => submit(world, 'alice', 'modelcert', 'Acknowledge', 'vase-2'));
        expect(acknowledged).toEqual({
            name: 'ModelAcknowledged',
            payload: { modelId: 'vase-2', account: 'alice', contentHash: file },
        });
        expect(await refused('alice', 'Acknowledge', ['vase-2'])).toEqual({
            code: 'CONFLICT',
            message: "CONFLICT: 'alice' already acknowledged model 'vase-2'",
        });
        // Another customer acknowledges the same model on its own
        await enrollMember(world, 'carol', { mspId: 'CustomerMSP', attributes: { [memberAttribute]: 'carol' } });
        expect(await submit(world, 'carol', 'modelcert', 'Acknowledge', 'vase-2')).toEqual({
            modelId: 'vase-2',
            account: 'carol',
            contentHash: file,
        });
        // Another model is acknowledged separately
        expect(await submit(world, 'alice', 'modelcert', 'Acknowledge', 'vase-3')).toEqual({
            modelId: 'vase-3',
            account: 'alice',
            contentHash: file,
        });
    });

    it('GetModel serves members, devices and Productivist admins, not strangers', async () => {
        const vase2 = await evaluate(world, 'alice', 'modelcert', 'GetModel', 'vase-2');
        for (const reader of ['printer', 'admin', 'dana'])
            expect(await evaluate(world, reader, 'modelcert', 'GetModel', 'vase-2')).toEqual(vase2);
        expect(await failure(evaluate(world, 'stranger', 'modelcert', 'GetModel', 'vase-2'))).toEqual({
            code: 'FORBIDDEN',
            message: 'FORBIDDEN: identity of CustomerMSP is not a Productivist member',
        });
    });

    it('ModelHistory lists the model and its certification, newest first', async () => {
        expect(await failure(evaluate(world, 'stranger', 'modelcert', 'ModelHistory', 'bare'))).toEqual({
            code: 'FORBIDDEN',
            message: `FORBIDDEN: ${notMember} read model history`,
        });
        expect(await failure(evaluate(world, 'alice', 'modelcert', 'ModelHistory', 'nothing'))).toEqual({
            code: 'NOT_FOUND',
            message: "NOT_FOUND: model 'nothing' does not exist",
        });
        const { model } = await evaluate<{ model: Model }>(world, 'alice', 'modelcert', 'GetModel', 'bare');
        const history = await evaluate<{
            model: { transactionId: string; isDelete: boolean; value: unknown }[];
            certification: { transactionId: string; isDelete: boolean; value: Certification }[];
        }>(world, 'alice', 'modelcert', 'ModelHistory', 'bare');
        expect(history.model).toEqual([{ transactionId: model.registeredIn, isDelete: false, value: model }]);
        expect(history.certification.map((entry) => [entry.isDelete, entry.value.status])).toEqual([
            [false, 'REVOKED'],
            [false, 'CERTIFIED'],
            [false, 'PENDING'],
        ]);
        expect(history.certification[2]).toEqual({
            transactionId: model.registeredIn,
            isDelete: false,
            value: pending('bare'),
        });
        expect(history.certification[0]?.transactionId).toBe(history.certification[0]?.value.decidedIn);
    });
});

describe('modelcert: the certification key-level policy', () => {
    let policyWorld: EmbeddedNetwork;
    /** Submits a modelcert transaction endorsed by the peers of the given organizations only. */
    const endorsedBy = (
        member: string,
        transaction: string,
        args: string[],
        endorsingOrganizations: string[],
    ): Promise<unknown> =>
        policyWorld.contract(member, 'modelcert').submit(transaction, { arguments: args, endorsingOrganizations });

    beforeAll(async () => {
        // Given a world where ExpertMSP and IndustrialMSP hold the expert role
        policyWorld = await createWorld();
        await submit(policyWorld, 'admin', 'productoken', 'GrantRole', 'IndustrialMSP', 'expert');
    });

    it('needs two of Productivist and the expert organizations to certify, then the certifying one to revoke', async () => {
        await submit(policyWorld, 'dana', 'modelcert', 'RegisterModel', 'k', 'K', file, licence, '');
        // Productivist and the designer org satisfy the chaincode policy but not the certification key's
        const before = policyWorld.stateHash();
        const forged = await failure(endorsedBy('erin', 'Certify', ['k', report], ['ProductivistMSP', 'DesignerMSP']));
        expect(forged.code).toBe('ENDORSEMENT_POLICY_FAILURE');
        expect(policyWorld.stateHash()).toBe(before);
        // Productivist and one expert organization (two of three) may certify
        await endorsedBy('erin', 'Certify', ['k', report], ['ProductivistMSP', 'ExpertMSP']);
        // Once certified, the other expert organization's peer no longer counts: only ExpertMSP's
        const certified = policyWorld.stateHash();
        const revoke = await failure(
            endorsedBy('erin', 'Revoke', ['k', report], ['ProductivistMSP', 'DesignerMSP', 'IndustrialMSP']),
        );
        expect(revoke.code).toBe('ENDORSEMENT_POLICY_FAILURE');
        expect(policyWorld.stateHash()).toBe(certified);
        await endorsedBy('erin', 'Revoke', ['k', report], ['ProductivistMSP', 'ExpertMSP']);
        expect(
            (await evaluate<{ certification: Certification }>(policyWorld, 'alice', 'modelcert', 'GetModel', 'k'))
                .certification.status,
        ).toBe('REVOKED');
    });

    it('keeps the registration policy after a rejection: another expert organization may certify', async () => {
        await submit(policyWorld, 'dana', 'modelcert', 'RegisterModel', 'k2', 'K', file, licence, '');
        // Given erin's organization rejected k2
        await endorsedBy('erin', 'Reject', ['k2', report], ['ProductivistMSP', 'ExpertMSP']);
        // When acme certifies it with Productivist's and its own peers (and the designer org's for the chaincode policy)
        await endorsedBy('acme', 'Certify', ['k2', report], ['ProductivistMSP', 'DesignerMSP', 'IndustrialMSP']);
        // Then it is certified by IndustrialMSP: ExpertMSP's peer was not needed
        const { certification } = await evaluate<{ certification: Certification }>(
            policyWorld,
            'alice',
            'modelcert',
            'GetModel',
            'k2',
        );
        expect([certification.status, certification.expertMsp]).toEqual(['CERTIFIED', 'IndustrialMSP']);
    });

    it('refuses to register a model while no organization holds the expert role', async () => {
        // Given no expert organization left
        await submit(policyWorld, 'admin', 'productoken', 'RevokeRole', 'ExpertMSP', 'expert');
        await submit(policyWorld, 'admin', 'productoken', 'RevokeRole', 'IndustrialMSP', 'expert');
        const before = policyWorld.stateHash();
        expect(
            await failure(submit(policyWorld, 'dana', 'modelcert', 'RegisterModel', 'lonely', 'L', file, licence, '')),
        ).toEqual({
            code: 'CONFLICT',
            message: 'CONFLICT: no organization holds the expert role yet; the Productivist admin must grant it first',
        });
        expect(policyWorld.stateHash()).toBe(before);
    });
});
