// SPDX-License-Identifier: Apache-2.0
//
// Onboarding on real Fabric 3.1.5: a three-organization channel whose Admins policy is MAJORITY
// Admins. An organization is added by a config update that travels as a file between admins; the
// check before submission names the organizations whose signatures are missing; the orderer refuses
// a forced submission one signature short; bad input (an MSP id already on the channel, a signature
// of a non-admin, a signature over another update, a stale update) is refused with a message naming
// it and no config change; the new organization's peer joins; an organization is removed.
import { X509Certificate } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
    addOrganization,
    enrollMember,
    fabricConfigDir,
    listMembers,
    loadTree,
    requireBinary,
    revokeMember,
    runBinary,
    configFromBlock,
    fabricHome,
    fetchConfigBlock,
    NetworkContext,
    networkDown,
    networkUp,
    readUpdateFile,
    removeOrganization,
    resolveSigner,
    signUpdate,
    signUpdateFile,
    submitUpdate,
    updateBytes,
    writeUpdateFile,
} from '@productivist/network';
import type { NetworkError } from '@productivist/network';

import { generateEcosystem } from '../generate.js';
import { ecosystemEditor } from '../onboard.js';
import { soloEcosystem } from '@productivist/network/testing';

import { eventually, freePortBase, requireFabric } from './support.js';

jest.setTimeout(420_000);

function ecosystem(base: number): string {
    return `version: 1
name: onboard
description: Three organizations; channel admins by majority.
ports:
    base: ${String(base)}
organizations:
    - name: Alpha
      mspId: AlphaMSP
      domain: alpha.example
      roles: [treasury]
    - name: Beta
      mspId: BetaMSP
      domain: beta.example
      roles: [customer]
      users:
          - name: buyer
            roles: [customer]
    - name: Gamma
      mspId: GammaMSP
      domain: gamma.example
      roles: [expert]
      peers: 0
ordering:
    organization: Alpha
    type: raft
    nodes: 1
channels:
    - name: market
      type: public
      members: [Alpha, Beta, Gamma]
      policies:
          admins: majority
      blockCutting:
          batchTimeout: 300ms
`;
}

const newCo = `name: NewCo
mspId: NewCoMSP
domain: newco.example
roles: [producer]
users:
    - name: shop
      roles: [producer]
`;

const clash = `name: Impostor
mspId: BetaMSP
domain: impostor.example
roles: [producer]
`;

async function expectRefusal(action: Promise<unknown>, code: string, pattern: RegExp): Promise<NetworkError> {
    const error = await action.then(
        () => undefined,
        (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(Error);
    const kit = error as NetworkError;
    expect(kit.code).toBe(code);
    expect(kit.message).toMatch(pattern);
    return kit;
}

describe('onboarding an organization onto a running channel, on real Fabric', () => {
    let dir = '';
    let state = '';
    const home = fabricHome();

    const sequence = async (): Promise<number> => {
        const context = new NetworkContext(state, home, () => undefined);
        const channel = context.channel('market');
        const admin = context.admin('Alpha');
        const target = context.target(channel, admin, 'test-sequence');
        return configFromBlock(await fetchConfigBlock(target)).getSequence();
    };

    beforeAll(async () => {
        requireFabric();
        dir = mkdtempSync(join(tmpdir(), 'productivist-onboard-'));
        state = join(dir, 'state');
        writeFileSync(join(dir, 'onboard.yaml'), ecosystem(await freePortBase(60)));
        writeFileSync(join(dir, 'newco.yaml'), newCo);
        writeFileSync(join(dir, 'impostor.yaml'), clash);
        await networkUp({
            source: join(dir, 'onboard.yaml'),
            state,
            fabricHome: home,
            generate: (file, outDir) => {
                generateEcosystem({ path: file, display: file, outDir });
            },
        });
    });

    afterAll(async () => {
        try {
            await networkDown(join(dir, 'remote-state'));
            await networkDown(state);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });

    it('adds an organization by MAJORITY signatures; refuses what is short, foreign or stale; removes one', async () => {
        const options = { network: state, fabricHome: home, editor: ecosystemEditor };
        const start = await sequence();

        // An MSP id already on the channel is refused, naming the file position; nothing changes.
        await expectRefusal(
            addOrganization({
                ...options,
                organizationFile: join(dir, 'impostor.yaml'),
                channel: 'market',
                out: join(dir, 'x.json'),
            }),
            'ORGANIZATION_ON_CHANNEL',
            /impostor\.yaml:2:8: MSP id BetaMSP is already a member of channel market/,
        );

        // Given the update adding NewCo, and a second update (removing Gamma) computed at the same config.
        const add = join(dir, 'add-newco.json');
        await addOrganization({ ...options, organizationFile: join(dir, 'newco.yaml'), channel: 'market', out: add });
        const removeGamma = join(dir, 'remove-gamma.json');
        await removeOrganization({ ...options, organization: 'Gamma', channel: 'market', out: removeGamma });
        // Nobody signed and no submitter named: refused (peer channel update would sign as the submitter).
        await expectRefusal(
            submitUpdate({ ...options, update: add }),
            'SUBMITTER_REQUIRED',
            /add-newco\.json has no signature of an organization this network runs; nothing was submitted/,
        );
        await signUpdateFile({
            update: add,
            signer: resolveSigner({ network: state, organization: 'Alpha', fabricHome: home }),
        });

        // One signature (Alpha's; the submitter is Alpha too): refused before submission, naming who is missing.
        const short = await expectRefusal(
            submitUpdate({ ...options, update: add, submitter: 'Alpha' }),
            'UPDATE_UNSIGNED',
            /short of signatures: missing an admin signature from BetaMSP or GammaMSP; nothing was submitted/,
        );
        expect(short.details.join('\n')).toMatch(
            /MAJORITY Admins: 2 of 3 \(AlphaMSP, BetaMSP, GammaMSP\); signed: AlphaMSP/,
        );
        // Forced, the orderer refuses it and says why.
        await expectRefusal(
            submitUpdate({ ...options, update: add, submitter: 'Alpha', force: true }),
            'UPDATE_REFUSED',
            /the orderer refused .*add-newco\.json: .*policy for \[Group\]\s+\/Channel\/Application not satisfied/,
        );
        expect(await sequence()).toBe(start);

        // A signature of a non-admin (Beta's client 'buyer') is refused by name.
        const context = new NetworkContext(state, home, () => undefined);
        const buyer = context.tree.enrollment.organizations
            .find((org) => org.mspId === 'BetaMSP')
            ?.identities.find((identity) => identity.enrollmentId.startsWith('buyer'));
        if (buyer === undefined) throw new Error('no buyer identity');
        const withClient = join(dir, 'add-with-client.json');
        const file = readUpdateFile(add);
        const clientSignature = await signUpdate(updateBytes(file), {
            mspId: 'BetaMSP',
            mspDir: join(context.tree.root, buyer.mspDir),
        });
        writeUpdateFile(withClient, { ...file, signatures: [...file.signatures, clientSignature] });
        await expectRefusal(
            submitUpdate({ ...options, update: withClient, submitter: 'Alpha' }),
            'SIGNATURE_REFUSED',
            /carries 1 signature\(s\) that cannot count/,
        ).then((error) => {
            expect(error.details.join('\n')).toMatch(
                /signature 2 of .*add-with-client\.json by buyer.* \(BetaMSP\): it is not an admin of BetaMSP \(its role is client\)/,
            );
        });
        await expect(
            signUpdateFile({
                update: withClient,
                signer: { mspId: 'BetaMSP', mspDir: join(context.tree.root, buyer.mspDir) },
            }),
        ).rejects.toThrow(/is not an admin identity of BetaMSP/);

        // A signature over another update: detached (its digest differs) and pasted into the file (it does not verify).
        const beta = resolveSigner({ network: state, organization: 'Beta', fabricHome: home });
        const foreign = join(dir, 'beta-on-remove.sig.json');
        await signUpdateFile({ update: removeGamma, signer: beta, out: foreign });
        await expectRefusal(
            submitUpdate({ ...options, update: add, signatureFiles: [foreign], submitter: 'Alpha' }),
            'SIGNATURE_OTHER_UPDATE',
            /beta-on-remove\.sig\.json \(Admin@beta\.example|beta-on-remove\.sig\.json \(.*BetaMSP\) signs another update/,
        );
        const pasted = join(dir, 'add-pasted.json');
        const foreignEntry = JSON.parse(readFileSync(foreign, 'utf8')) as (typeof file.signatures)[number];
        writeUpdateFile(pasted, { ...file, signatures: [...file.signatures, foreignEntry] });
        await expectRefusal(
            submitUpdate({ ...options, update: pasted, submitter: 'Alpha' }),
            'SIGNATURE_REFUSED',
            /cannot count/,
        ).then((error) => {
            expect(error.details.join('\n')).toMatch(
                /signature 2 of .*add-pasted\.json by .*\(BetaMSP\): it does not verify over this update/,
            );
        });
        expect(await sequence()).toBe(start);

        // When Beta signs on its own machine (a detached signature file) and Alpha submits with it.
        const betaSig = join(dir, 'beta.sig.json');
        await signUpdateFile({ update: add, signer: beta, out: betaSig });
        const result = await submitUpdate({ ...options, update: add, signatureFiles: [betaSig], submitter: 'Alpha' });

        // Then the update is committed and NewCo's peer runs, joined the channel, with its anchor peer set.
        expect(result.joined).toEqual(['peer0.newco']);
        expect(await sequence()).toBeGreaterThan(start);
        const after = new NetworkContext(state, home, () => undefined);
        const channel = after.channel('market');
        expect(channel.peers.map((peer) => peer.admin.mspId)).toContain('NewCoMSP');
        const newPeer = channel.peers.find((peer) => peer.admin.mspId === 'NewCoMSP');
        if (newPeer === undefined) throw new Error('no NewCo peer in the plan');
        const heights = await eventually(
            async () => Promise.all(channel.peers.map((peer) => after.runner.height(channel, peer))),
            (values) => values.every((value) => value !== undefined && value === values[0]),
            30_000,
        );
        expect(new Set(heights).size).toBe(1);
        const config = configFromBlock(
            await fetchConfigBlock(after.target(channel, after.admin('NewCo'), 'test-anchors')),
        );
        const anchors = config.getChannelGroup()?.getGroupsMap().get('Application')?.getGroupsMap().get('NewCoMSP');
        expect(anchors?.getValuesMap().has('AnchorPeers')).toBe(true);

        // The remove-Gamma update computed before is now stale: refused by name, nothing submitted.
        await signUpdateFile({
            update: removeGamma,
            signer: resolveSigner({ network: state, organization: 'Alpha', fabricHome: home }),
        });
        await expectRefusal(
            submitUpdate({ ...options, update: removeGamma, signatureFiles: [foreign], submitter: 'Alpha' }),
            'UPDATE_STALE',
            /remove-gamma\.json is stale: the channel config changed since it was computed; nothing was submitted/,
        ).then((error) => {
            expect(error.details.join('\n')).toMatch(
                /stale: Group \/Channel\/Application was at version \d+ when the update was computed and is at \d+ now/,
            );
        });

        // Removing Gamma now needs 3 of 4 admins (NewCo counts): Alpha + Beta is short, naming the two left.
        const removeNow = join(dir, 'remove-gamma-2.json');
        await removeOrganization({ ...options, organization: 'Gamma', channel: 'market', out: removeNow });
        await signUpdateFile({ update: removeNow, signer: beta });
        await expectRefusal(
            submitUpdate({ ...options, update: removeNow, submitter: 'Alpha' }),
            'UPDATE_UNSIGNED',
            /missing an admin signature from GammaMSP or NewCoMSP/,
        );
        const newCoSig = join(dir, 'newco.sig.json');
        await signUpdateFile({
            update: removeNow,
            signer: resolveSigner({ network: state, organization: 'NewCo', fabricHome: home }),
            out: newCoSig,
        });
        copyFileSync(removeNow, join(dir, 'remove-gamma-2.copy.json'));
        await submitUpdate({ ...options, update: removeNow, signatureFiles: [newCoSig], submitter: 'Alpha' });
        const final = configFromBlock(
            await fetchConfigBlock(after.target(channel, after.admin('Alpha'), 'test-final')),
        );
        expect(
            [...(final.getChannelGroup()?.getGroupsMap().get('Application')?.getGroupsMap().keys() ?? [])].sort(),
        ).toEqual(['AlphaMSP', 'BetaMSP', 'NewCoMSP']);
    });

    it('enrolls members with their attributes; a revoked member is refused by the peers while another still is served', async () => {
        // Given two members of NewCo (the organization onboarded above), enrolled through its CA.
        const options = { network: state, fabricHome: home };
        const kim = await enrollMember({ ...options, organization: 'NewCo', name: 'kim', role: 'producer' });
        const lee = await enrollMember({
            ...options,
            organization: 'NewCoMSP',
            name: 'lee',
            role: 'producer',
            memberId: 'lee-co',
        });
        const robot = await enrollMember({
            ...options,
            organization: 'NewCo',
            name: 'robot',
            role: 'producer',
            deviceOf: 'lee-co',
        });
        const context = new NetworkContext(state, home, () => undefined);
        const certificate = (mspDir: string): string =>
            readFileSync(join(context.tree.root, mspDir, 'signcerts', 'cert.pem'), 'utf8');
        const attrs = (mspDir: string): string =>
            Buffer.from(new X509Certificate(certificate(mspDir)).raw).toString('latin1');
        expect(attrs(kim.mspDir)).toContain('"productivist.member":"kim@newco.example"');
        expect(attrs(lee.mspDir)).toContain('"productivist.member":"lee-co"');
        expect(attrs(robot.mspDir)).toContain('"productivist.device":"lee-co"');
        expect((await listMembers({ ...options, organization: 'NewCo' })).map((entry) => entry.name)).toEqual(
            expect.arrayContaining(['kim@newco.example', 'lee@newco.example', 'robot@newco.example']),
        );
        const channel = context.channel('market');
        const peer = channel.peers.find((candidate) => candidate.admin.mspId === 'NewCoMSP');
        if (peer === undefined) throw new Error('no NewCo peer');
        const query = async (mspDir: string): Promise<string> => {
            try {
                await runBinary(
                    requireBinary('peer'),
                    ['chaincode', 'query', '-C', 'market', '-n', 'qscc', '-c', '{"Args":["GetChainInfo","market"]}'],
                    {
                        env: {
                            FABRIC_CFG_PATH: fabricConfigDir(home),
                            CORE_PEER_LOCALMSPID: 'NewCoMSP',
                            CORE_PEER_MSPCONFIGPATH: join(context.tree.root, mspDir),
                            CORE_PEER_ADDRESS: peer.address,
                            CORE_PEER_TLS_ENABLED: 'true',
                            CORE_PEER_TLS_ROOTCERT_FILE: join(context.tree.root, peer.admin.tlsRootCert),
                        },
                        timeoutMs: 30_000,
                    },
                );
                return 'served';
            } catch (error) {
                return (error as Error).message + ((error as { stderrTail?: string }).stderrTail ?? '');
            }
        };
        expect(await query(kim.mspDir)).toBe('served');
        expect(await query(lee.mspDir)).toBe('served');

        // An unknown reason and an unknown member are refused by name.
        await expect(
            revokeMember({
                ...options,
                organization: 'NewCo',
                name: 'kim',
                reason: 'bored',
                channel: 'market',
                out: join(dir, 'r.json'),
            }),
        ).rejects.toThrow(/revocation reason 'bored' is not one Fabric CA knows/);
        await expect(
            revokeMember({
                ...options,
                organization: 'NewCo',
                name: 'nobody',
                reason: 'keycompromise',
                channel: 'market',
                out: join(dir, 'r.json'),
            }),
        ).rejects.toThrow(/nobody@newco\.example is not a member registered at NewCo's CA/);

        // When kim is revoked (CRL into NewCo's MSP by a config update NewCo's admin signs).
        const revoked = await revokeMember({
            ...options,
            organization: 'NewCo',
            name: 'kim',
            reason: 'keycompromise',
            channel: 'market',
            out: join(dir, 'revoke-kim.json'),
        });
        expect(revoked.submitted?.check.policies.map((policy) => policy.policyPath)).toEqual([
            '/Channel/Application/NewCoMSP/Admins',
        ]);

        // Then the peers refuse kim's proposals, and lee of the same organization is still served.
        const refused = await eventually(
            () => query(kim.mspDir),
            (outcome) => outcome !== 'served',
            30_000,
        );
        expect(refused).toMatch(/access denied: channel \[market\] creator org \[NewCoMSP\]/);
        // The peer says why in its log: the certificate is on NewCo's CRL.
        expect(readFileSync(join(state, 'logs', `${peer.peer}.log`), 'utf8')).toMatch(/has been revoked/);
        expect(await query(lee.mspDir)).toBe('served');
    });

    it('onboards an organization that runs elsewhere from its published bundle, with signatures passed as files', async () => {
        // Given an organization run by another party: its own CA and identities (another state
        // folder), known here only from the bundle its generation publishes.
        const remoteState = join(dir, 'remote-state');
        writeFileSync(join(dir, 'remote.yaml'), soloEcosystem('remote', await freePortBase(20)));
        await networkUp({
            source: join(dir, 'remote.yaml'),
            state: remoteState,
            fabricHome: home,
            until: 'enrolled',
            generate: (file, outDir) => {
                generateEcosystem({ path: file, display: file, outDir });
            },
        });
        const remoteTree = loadTree(join(remoteState, 'tree'));
        const remoteAdmin = remoteTree.enrollment.organizations[0]?.identities.find(
            (identity) => identity.kind === 'admin',
        );
        if (remoteAdmin === undefined) throw new Error('no remote admin');
        const remoteSigner = { mspId: 'SoloMSP', mspDir: join(remoteTree.root, remoteAdmin.mspDir) };
        const options = { network: state, fabricHome: home, editor: ecosystemEditor };
        const ownMachine = (organization: string): { mspId: string; mspDir: string } =>
            resolveSigner({ network: state, organization, fabricHome: home });

        // When it is added from bundles/solo/bundle.json: Alpha signs the file, NewCo sends a signature file.
        const add = join(dir, 'add-solo.json');
        await addOrganization({
            ...options,
            organizationFile: join(remoteTree.root, 'bundles', 'solo', 'bundle.json'),
            channel: 'market',
            out: add,
        });
        await signUpdateFile({ update: add, signer: ownMachine('Alpha') });
        const newCoSig = join(dir, 'newco-on-solo.sig.json');
        await signUpdateFile({ update: add, signer: ownMachine('NewCo'), out: newCoSig });
        const added = await submitUpdate({ ...options, update: add, signatureFiles: [newCoSig], submitter: 'Alpha' });
        expect(added.joined).toEqual([]);
        const context = new NetworkContext(state, home, () => undefined);
        const target = context.target(context.channel('market'), context.admin('Alpha'), 'test-solo');
        const members = async (): Promise<string[]> =>
            [
                ...(configFromBlock(await fetchConfigBlock(target))
                    .getChannelGroup()
                    ?.getGroupsMap()
                    .get('Application')
                    ?.getGroupsMap()
                    .keys() ?? []),
            ].sort();
        expect(await members()).toEqual(['AlphaMSP', 'BetaMSP', 'NewCoMSP', 'SoloMSP']);

        // Then its admin's signature, made on its own machine, counts: removing Beta needs 3 of 4.
        const removeBeta = join(dir, 'remove-beta.json');
        await removeOrganization({ ...options, organization: 'Beta', channel: 'market', out: removeBeta });
        const newCoOnRemove = join(dir, 'newco-on-remove.sig.json');
        await signUpdateFile({ update: removeBeta, signer: ownMachine('NewCo'), out: newCoOnRemove });
        await expectRefusal(
            submitUpdate({ ...options, update: removeBeta, signatureFiles: [newCoOnRemove], submitter: 'Alpha' }),
            'UPDATE_UNSIGNED',
            /missing an admin signature from BetaMSP or SoloMSP/,
        );
        const soloSig = join(dir, 'solo.sig.json');
        await signUpdateFile({ update: removeBeta, signer: remoteSigner, out: soloSig });
        const removed = await submitUpdate({
            ...options,
            update: removeBeta,
            signatureFiles: [newCoOnRemove, soloSig],
            submitter: 'Alpha',
        });
        expect(removed.check.signers.map((signer) => signer.identity.mspId).sort()).toEqual([
            'AlphaMSP',
            'NewCoMSP',
            'SoloMSP',
        ]);
        expect(await members()).toEqual(['AlphaMSP', 'NewCoMSP', 'SoloMSP']);
    });
});
