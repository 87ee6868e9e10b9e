// SPDX-License-Identifier: Apache-2.0
//
// The public example as real Fabric 3.1.5 processes: network up (the four core contracts committed
// and served, productoken initialized, the members' accounts open), its genesis block decoded, up
// twice, one Raft orderer of three killed while the channel orders a block, restarted and caught
// up, network down leaving nothing. One network, its own ports and state folder.
import { X509Certificate } from 'node:crypto';
import { join } from 'node:path';

import type { ChannelPlan, NetworkStatus, UpResult } from '@productivist/network';
import {
    checkPorts,
    fabricHome,
    isAlive,
    loadTree,
    networkCredentials,
    networkDown,
    networkStatus,
    networkUp,
    openNetworkLedger,
    osnadminArgs,
    planPorts,
    readDeployments,
    readServerStatus,
    requireBinary,
    restartNode,
    runBinary,
} from '@productivist/network';

import {
    decode,
    eventually,
    exampleText,
    orderConfigBlock,
    prepareNetwork,
    removeNetwork,
    withPortBase,
} from './support.js';

jest.setTimeout(180_000);

interface ConfigGroup {
    groups: Record<string, ConfigGroup>;
    values: Record<string, { value: Record<string, unknown> }>;
    policies: Record<string, { policy: { type: number; value: Record<string, unknown> } }>;
}

describe('network up of the public example (examples/productivist.yaml) on real Fabric', () => {
    let tree = '';
    let state = '';
    let first: UpResult | undefined;
    /** The channel height after up (genesis, anchor peers, chaincode approvals and commits, productoken set-up). */
    let height = 0;

    beforeAll(async () => {
        ({ tree, state } = await prepareNetwork(
            'public',
            (base) => withPortBase(exampleText('productivist'), base),
            40,
        ));
    });

    afterAll(() => removeNetwork({ tree, state }));

    const status = (): Promise<NetworkStatus> => networkStatus(state, fabricHome());
    const heights = (value: NetworkStatus): (number | null)[] => Object.values(value.heights['productivist'] ?? {});

    it('starts 6 CAs, 3 orderers, 5 peers and the chaincode supervisor; every node is healthy and every peer at one height', async () => {
        first = await networkUp({ source: tree, state, fabricHome: fabricHome() });
        expect(first.alreadyRunning).toBe(false);
        expect(first.processes.map((started) => started.id).sort()).toHaveLength(15);
        expect(first.processes.map((started) => started.id)).toContain('chaincode-supervisor');
        const now = await eventually(status, (value) => new Set(heights(value)).size === 1, 15_000);
        expect(now.nodes.filter((node) => !node.healthy).map((node) => node.id)).toEqual([]);
        expect(Object.keys(now.heights['productivist'] ?? {})).toHaveLength(5);
        // The genesis block, one anchor-peer config update per organization, then the chaincode
        // lifecycle and productoken's set-up: every peer at one height above 6.
        expect(new Set(heights(now)).size).toBe(1);
        height = heights(now)[0] ?? 0;
        expect(height).toBeGreaterThan(6);
        // The Raft election follows the joins: its log line may come a moment later.
        const elected = await eventually(status, (value) => value.leaders['productivist'] !== null, 15_000);
        expect(elected.leaders['productivist']).toMatch(/^orderer[012]\.productivist$/);
    });

    it("wrote the example world's members into the state's credential store; each reaches the channel through the gateway", async () => {
        const store = networkCredentials(state);
        const names = store.list().map((entry) => entry.name);
        expect(names).toEqual(
            expect.arrayContaining(['treasury', 'admin', 'alice', 'alice-designer', 'dana', 'printlab', 'printer']),
        );
        expect(names).toEqual(
            expect.arrayContaining(['erin', 'acme', 'stranger', 'admin.customer', 'admin.industrial']),
        );
        // The certificates carry the attributes the contracts read, written by the orgs' Fabric CAs.
        const attributes = (name: string): Record<string, string> => {
            const raw = new X509Certificate(store.load(name).certificatePem).raw.toString('latin1');
            const start = raw.indexOf('{"attrs":');
            return (JSON.parse(raw.slice(start, raw.indexOf('}}', start) + 2)) as { attrs: Record<string, string> })
                .attrs;
        };
        expect(attributes('treasury')).toMatchObject({
            'productivist.member': 'productivist',
            'productivist.treasury': 'true',
        });
        expect(attributes('alice-designer')).toMatchObject({ 'productivist.member': 'alice' });
        expect(attributes('printer')).toMatchObject({ 'productivist.device': 'printlab' });
        expect(store.load('alice-designer').mspId).toBe('DesignerMSP');
        expect(store.load('acme').mspId).toBe('IndustrialMSP');
        // Every member, on its own organization's peer (acme's has none: the channel's first), is a channel member.
        const ledger = openNetworkLedger({ state });
        try {
            for (const member of ['admin', 'alice', 'alice-designer', 'printer', 'erin', 'acme', 'stranger']) {
                const info = await ledger
                    .contract(member, 'qscc')
                    .evaluate('GetChainInfo', { arguments: ['productivist'] });
                expect(info.length).toBeGreaterThan(0);
            }
        } finally {
            ledger.close();
        }
    });

    it('committed the four core contracts at sequence 1, each served over TLS under the supervisor; productoken is initialized and the accounts open', async () => {
        const deployments = readDeployments(state);
        expect(Object.keys(deployments).sort()).toEqual([
            'productivist/modelcert',
            'productivist/prodcontrol',
            'productivist/productoken',
            'productivist/qualitycheck',
        ]);
        expect(Object.values(deployments).map((entry) => [entry.version, entry.sequence])).toEqual(
            Array.from({ length: 4 }, () => ['1.0', 1]),
        );
        const servers = readServerStatus(state);
        expect(Object.keys(servers?.servers ?? {}).sort()).toEqual(
            Object.values(deployments)
                .map((entry) => entry.server)
                .sort(),
        );
        for (const server of Object.values(servers?.servers ?? {})) expect(isAlive(server.pid ?? -1)).toBe(true);
        const ledger = openNetworkLedger({ state });
        try {
            // The Productivist admin initialized productoken with the public network's configuration.
            const info = JSON.parse(
                Buffer.from(await ledger.contract('admin', 'productoken').evaluate('TokenInfo')).toString(),
            ) as { name: string; platformFeeBps: number };
            expect(info).toMatchObject({ name: 'ProducToken', platformFeeBps: 500 });
            // Alice opened her account from both of her organizations.
            const account = JSON.parse(
                Buffer.from(
                    await ledger.contract('alice', 'productoken').evaluate('AccountInfo', { arguments: ['alice'] }),
                ).toString(),
            ) as { mspIds: string[] };
            expect(account.mspIds).toEqual(['CustomerMSP', 'DesignerMSP']);
        } finally {
            ledger.close();
        }
    });

    it('made the genesis block with the six orgs, three Raft consenters, V2_0 capabilities and Productivist as Admins', async () => {
        const block = (await decode(
            join(state, 'tree', 'channels', 'productivist', 'productivist.block'),
            'common.Block',
        )) as { data: { data: { payload: { data: { config: { channel_group: ConfigGroup } } } }[] } };
        const root = block.data.data[0]!.payload.data.config.channel_group;
        const application = root.groups['Application']!;
        expect(Object.keys(application.groups).sort()).toEqual([
            'CustomerMSP',
            'DesignerMSP',
            'ExpertMSP',
            'IndustrialMSP',
            'ProducerMSP',
            'ProductivistMSP',
        ]);
        expect(Object.keys(application.values['Capabilities']!.value['capabilities'] as object)).toContain('V2_5');
        expect(Object.keys(root.values['Capabilities']!.value['capabilities'] as object)).toEqual(['V2_0']);
        const consensus = root.groups['Orderer']!.values['ConsensusType']!.value as {
            type: string;
            metadata: { consenters: { port: number }[] };
        };
        expect(consensus.type).toBe('etcdraft');
        expect(consensus.metadata.consenters).toHaveLength(3);
        expect(JSON.stringify(application.policies['Admins']!.policy)).toContain('ProductivistMSP');
        expect(JSON.stringify(application.policies['Admins']!.policy)).not.toContain('CustomerMSP');
        // Anchor peers are not in the genesis block: each organization sets its own by a config update.
        expect(application.groups['CustomerMSP']!.values['AnchorPeers']).toBeUndefined();
    });

    it('up on a running network says so and starts nothing', async () => {
        const again = await networkUp({ source: tree, state, fabricHome: fabricHome() });
        expect(again.alreadyRunning).toBe(true);
        expect(again.processes.map((started) => started.pid).sort()).toEqual(
            first!.processes.map((started) => started.pid).sort(),
        );
    });

    it('with one Raft orderer of three killed the channel still orders a block; restarted, the orderer catches up', async () => {
        const plan = loadTree(join(state, 'tree')).start;
        const channel: ChannelPlan = plan.channels[0]!;
        const orderers = plan.processes.filter((node) => node.kind === 'orderer');
        const victim = first!.processes.find((started) => started.id === orderers[2]!.id)!;
        // Given orderer2 killed.
        process.kill(victim.pid, 'SIGKILL');
        const down = await eventually(
            status,
            (value) => value.nodes.some((node) => node.id === victim.id && !node.running),
            10_000,
        );
        expect(down.nodes.find((node) => node.id === victim.id)).toMatchObject({ running: false, healthy: false });
        // And the leader status names is a running orderer (a new one if the killed node led).
        const led = await eventually(
            status,
            (value) => /^orderer[01]\.productivist$/.test(value.leaders['productivist'] ?? ''),
            20_000,
        );
        expect(led.leaders['productivist']).toMatch(/^orderer[01]\.productivist$/);
        // When a config update is ordered through orderer0.
        const peerAddress = channel.peers[0]!.address;
        await orderConfigBlock(
            join(state, 'tree'),
            channel,
            `127.0.0.1:${orderers[0]!.ports['listen']!}`,
            peerAddress,
            '1s',
        );
        // Then every peer reaches the next height.
        const after = await eventually(status, (value) => heights(value).every((seen) => seen === height + 1), 30_000);
        expect(new Set(heights(after))).toEqual(new Set([height + 1]));
        // And the restarted orderer catches up to that height.
        await restartNode(state, victim.id, fabricHome());
        const admin = channel.ordererAdmin!;
        const root = join(state, 'tree');
        const info = await eventually(
            async (): Promise<{ height: number; answer: string }> => {
                // A just-restarted orderer may refuse the call until it loaded the channel: keep asking.
                const list = ['channel', 'list', '--channelID', channel.name];
                const result = await runBinary(
                    requireBinary('osnadmin'),
                    osnadminArgs(root, admin, channel.consenters[2]!.adminAddress, list),
                ).catch((error: unknown) => ({ stdout: '', stderr: String(error) }));
                if (!result.stdout.includes('{')) return { height: -1, answer: result.stderr };
                const info = JSON.parse(result.stdout.slice(result.stdout.indexOf('{'))) as { height: number };
                return { height: info.height, answer: result.stdout };
            },
            (value) => value.height === height + 1,
            30_000,
        );
        expect(info).toMatchObject({ height: height + 1 });
        expect((await status()).nodes.find((node) => node.id === victim.id)).toMatchObject({
            running: true,
            healthy: true,
        });
    });

    it('down stops every process and frees every port of the plan; a second down has nothing to stop', async () => {
        const servers = Object.values(readServerStatus(state)?.servers ?? {}).map((server) => server.pid ?? -1);
        expect(servers).toHaveLength(4);
        const nodes = (await status()).nodes.map((node) => node.pid).filter((pid) => pid !== undefined);
        expect(nodes).toHaveLength(14);
        const running = [...nodes, ...servers];
        const result = await networkDown(state);
        // The nodes and the chaincode supervisor, which stops its servers.
        expect(result.stopped).toHaveLength(15);
        // Gone: no process, or only a zombie its parent (this test process) has not reaped yet.
        expect(running.filter((pid) => isAlive(pid))).toEqual([]);
        const ports = await checkPorts(planPorts(loadTree(join(state, 'tree')).start));
        expect(ports.filter((port) => !port.free)).toEqual([]);
        expect((await networkDown(state)).wasRunning).toBe(false);
    });
});
