// SPDX-License-Identifier: Apache-2.0
//
// `network deploy` on real Fabric 3.1.5, on one small network (two organizations with a peer each,
// one orderer): a Node chaincode project that is not the kit's, given by path, deploys and answers
// (one shared server for both peers); a second deploy of the same code does nothing; its server
// killed during the run is restarted by the supervisor and the next transaction is VALID; changed
// code becomes the next sequence with a new version; the same project deployed under a name the
// ecosystem declares with `servers: per-organization` runs one server and one package per
// organization, both endorsing; down stops the supervisor and its servers.
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { DeployResult } from '@productivist/network';
import {
    adminCredential,
    deployNetworkChaincode,
    fabricHome,
    GatewayLedger,
    isAlive,
    loadTree,
    networkDown,
    networkStatus,
    networkUp,
    readServerStatus,
} from '@productivist/network';

import { eventually, prepareNetwork, removeNetwork } from './support.js';

jest.setTimeout(180_000);

const repoRoot = join(__dirname, '..', '..', '..');

/** Two organizations, one Raft orderer; `notes` is declared with a server per organization. */
function duoEcosystem(base: number): string {
    return `version: 1
name: duo
ports:
    base: ${base}
organizations:
    - name: Alpha
      mspId: AlphaMSP
      domain: alpha.example
      roles: [producer]
    - name: Beta
      mspId: BetaMSP
      domain: beta.example
      roles: [customer]
ordering:
    organization: Alpha
    type: raft
    nodes: 1
channels:
    - name: duo
      type: public
      members: [Alpha, Beta]
      blockCutting:
          batchTimeout: 250ms
      chaincodes:
          - name: notes
            endorsement:
                all: [Alpha, Beta]
            servers: per-organization
`;
}

describe('network deploy of a Node chaincode project on real Fabric', () => {
    let tree = '';
    let state = '';
    let project = '';
    let ledger: GatewayLedger | undefined;
    let firstPackage = '';

    beforeAll(async () => {
        ({ tree, state } = await prepareNetwork('deploy', duoEcosystem, 30));
        // The project as its author has it: its own folder, its dependencies installed.
        project = join(mkdtempSync(join(tmpdir(), 'productivist-notes-')), 'notes-contract');
        cpSync(join(__dirname, 'fixtures', 'notes-contract'), project, { recursive: true });
        symlinkSync(join(repoRoot, 'node_modules'), join(project, 'node_modules'));
        await networkUp({ source: tree, state, fabricHome: fabricHome() });
        const channel = loadTree(join(state, 'tree')).start.channels[0]!;
        const peer = channel.peers[0]!;
        ledger = new GatewayLedger({
            peer: {
                endpoint: peer.address,
                tlsRootCertPem: readFileSync(join(state, 'tree', peer.admin.tlsRootCert), 'utf8'),
            },
            channel: channel.name,
            credentials: () => adminCredential(join(state, 'tree'), peer.admin),
        });
    });

    afterAll(async () => {
        ledger?.close();
        try {
            await removeNetwork({ tree, state });
        } finally {
            rmSync(join(project, '..'), { recursive: true, force: true });
        }
    });

    const deploy = (): Promise<DeployResult> =>
        deployNetworkChaincode({ state, chaincode: project, fabricHome: fabricHome() });
    const notes = (name = 'notes-contract') => ledger!.contract('admin', name);
    const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');
    /** Endorses and submits a Put; resolves with the transaction's validation code. */
    const putCode = async (key: string, value: string, name?: string): Promise<string> =>
        (await (await notes(name).endorse('Put', { arguments: [key, value] })).submit()).code;

    it('deploys the project by path: version 1.0, sequence 1; it answers a submit and an evaluate', async () => {
        const result = await deploy();
        expect(result.outcome).toBe('committed');
        expect(result.record).toMatchObject({
            name: 'notes-contract',
            channel: 'duo',
            version: '1.0',
            sequence: 1,
            server: 'cc.duo.notes-contract',
            servers: ['cc.duo.notes-contract'],
        });
        // Not declared by the ecosystem: the channel's default policy (a majority: both), one server for both peers.
        expect(Object.keys(result.record.packages).sort()).toEqual(['Alpha', 'Beta']);
        expect(new Set(Object.values(result.record.packages))).toEqual(new Set([result.record.packageId]));
        expect(result.record.packageId).toMatch(/^notes-contract_[0-9a-f]{12}:[0-9a-f]{64}$/);
        firstPackage = result.record.packageId;
        expect([...result.installedOn].sort()).toEqual(['peer0.alpha', 'peer0.beta']);
        expect(await putCode('n1', 'first note')).toBe('VALID');
        expect(text(await notes().evaluate('Get', { arguments: ['n1'] }))).toBe('first note');
        expect(text(await notes().evaluate('Edition'))).toBe('first');
    });

    it('a second deploy of the same code installs, approves and commits nothing', async () => {
        const result = await deploy();
        expect(result).toMatchObject({ outcome: 'unchanged', installedOn: [] });
        expect(result.record).toMatchObject({ version: '1.0', sequence: 1 });
    });

    it('a chaincode server killed during the run is restarted by the supervisor; the next transaction is VALID', async () => {
        const id = 'cc.duo.notes-contract';
        const before = readServerStatus(state)!.servers[id]!;
        expect(isAlive(before.pid!)).toBe(true);
        // Given the server killed.
        process.kill(before.pid!, 'SIGKILL');
        // Then the supervisor starts it again under a new pid.
        const after = await eventually(
            () => Promise.resolve(readServerStatus(state)!.servers[id]!),
            (status) => status.pid !== null && status.pid !== before.pid && isAlive(status.pid),
            20_000,
        );
        expect(after).toMatchObject({ restarts: before.restarts + 1, lastExit: { signal: 'SIGKILL' } });
        // And the next transaction commits (the peer dials the new server; it may take a moment to listen).
        const next = await eventually(
            () => putCode('n2', 'after the restart').catch((error: unknown) => String(error)),
            (code) => code === 'VALID',
            20_000,
        );
        expect(next).toBe('VALID');
        expect(text(await notes().evaluate('Get', { arguments: ['n2'] }))).toBe('after the restart');
        // And status shows the server serving, restarted once.
        const { chaincodes } = await networkStatus(state, fabricHome());
        expect(chaincodes).toEqual([
            expect.objectContaining({ id, running: true, pid: after.pid, restarts: after.restarts }),
        ]);
    });

    it('changed code bumps the version and the sequence; the new code answers, the old state stays', async () => {
        const module = join(project, 'lib', 'notes.js');
        writeFileSync(module, readFileSync(module, 'utf8').replace("return 'first';", "return 'second';"));
        const result = await deploy();
        expect(result.outcome).toBe('committed');
        expect(result.record.sequence).toBe(2);
        expect(result.record.version).toMatch(/^1\.0\+[0-9a-f]{8}$/);
        expect(result.record.packageId).not.toBe(firstPackage);
        expect(text(await notes().evaluate('Edition'))).toBe('second');
        expect(text(await notes().evaluate('Get', { arguments: ['n1'] }))).toBe('first note');
    });

    it("deployed under the declared name 'notes', it runs one server and one package per organization; both endorse", async () => {
        const result = await deployNetworkChaincode({
            state,
            chaincode: project,
            name: 'notes',
            fabricHome: fabricHome(),
        });
        expect(result.outcome).toBe('committed');
        expect(result.record).toMatchObject({ name: 'notes', version: '1.0', sequence: 1 });
        expect(result.record.servers).toEqual(['cc.duo.notes.alpha', 'cc.duo.notes.beta']);
        // Each organization's package names its own server (address, TLS root): two package ids.
        expect(new Set(Object.values(result.record.packages)).size).toBe(2);
        const servers = readServerStatus(state)!.servers;
        expect(isAlive(servers['cc.duo.notes.alpha']!.pid!)).toBe(true);
        expect(isAlive(servers['cc.duo.notes.beta']!.pid!)).toBe(true);
        // AND(Alpha, Beta): the transaction is VALID only with both servers answering.
        expect(await putCode('p1', 'per organization', 'notes')).toBe('VALID');
        expect(text(await notes('notes').evaluate('Get', { arguments: ['p1'] }))).toBe('per organization');
    });

    it('down stops the supervisor and the chaincode server with the nodes', async () => {
        const server = readServerStatus(state)!.servers['cc.duo.notes-contract']!;
        const result = await networkDown(state);
        expect(result.stopped.map((started) => started.id)).toContain('chaincode-supervisor');
        expect(isAlive(server.pid!)).toBe(false);
    });
});
