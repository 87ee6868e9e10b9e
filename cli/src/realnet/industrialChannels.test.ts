// SPDX-License-Identifier: Apache-2.0
//
// Both industrial examples beside the public example on one machine, on real Fabric 3.1.5: the
// public network up from examples/productivist.yaml (core contracts deployed), then `channel
// create` of examples/acme-raft.yaml (its private channel ordered by the public network's Raft
// orderers, joined by the Productivist admin) and of examples/aero-bft.yaml (two private channels
// on its own four BFT orderers), each linked to the public network by the bundle it published.
// Each ecosystem's organizations listed in publicChannel are onboarded to the public channel
// (org add/sign/submit) and their peers join it; an industrial member evaluates productoken there
// through the Productivist peer's gateway. Only ports.base and the block timeouts differ from the
// examples (a free port range per network, fast blocks).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ecosystemEditor, generateEcosystem } from '@productivist/channel-kit';
import type { ChannelCreateResult, ChannelPlan, GeneratedTree } from '@productivist/network';
import {
    GatewayLedger,
    NetworkContext,
    configFromBlock,
    createIndustrialChannels,
    fabricHome,
    fetchConfigBlock,
    installedPackages,
    loadTree,
    networkCredentials,
    networkDown,
    networkStatus,
    networkUp,
    osnadminArgs,
    readDeployments,
    requireBinary,
    runBinary,
    sharedPorts,
} from '@productivist/network';
import { eventually, freePortBase, requireFabric } from '@productivist/network/testing';

import { repoText, withBatchTimeout, withPortBase } from './support.js';

jest.setTimeout(1_200_000);

const generate = (file: string, outDir: string, publicNetwork?: string): void => {
    generateEcosystem({ path: file, display: file, outDir, publicNetwork });
};

/** The channels an ordering node of a tree serves, asked through its channel participation API. */
async function ordererChannels(tree: GeneratedTree, channel: ChannelPlan): Promise<string[][]> {
    const admin = channel.ordererAdmin;
    if (admin === undefined) throw new Error(`${channel.name} names no orderer admin`);
    return Promise.all(
        channel.consenters.map(async (consenter) => {
            const { stdout } = await runBinary(
                requireBinary('osnadmin'),
                osnadminArgs(tree.root, admin, consenter.adminAddress, ['channel', 'list']),
                { timeoutMs: 30_000 },
            );
            const listed = JSON.parse(stdout.slice(stdout.indexOf('{'))) as { channels?: { name: string }[] | null };
            return (listed.channels ?? []).map((entry) => entry.name).sort();
        }),
    );
}

describe('acme-raft and aero-bft beside the public network, on real Fabric', () => {
    const root = mkdtempSync(join(tmpdir(), 'productivist-industrial-'));
    const publicState = join(root, 'public');
    const states = { acme: join(root, 'acme'), aero: join(root, 'aero') };
    const created: Partial<Record<keyof typeof states, ChannelCreateResult>> = {};

    const files: Partial<Record<keyof typeof states, string>> = {};

    /** Writes an example with its own free port range and fast blocks; returns the file. */
    const example = async (name: string, span: number): Promise<string> => {
        const file = join(root, `${name}.yaml`);
        writeFileSync(
            file,
            withBatchTimeout(withPortBase(repoText('examples', `${name}.yaml`), await freePortBase(span)), '250ms'),
        );
        return file;
    };

    beforeAll(async () => {
        requireFabric();
        await networkUp({
            source: await example('productivist', 40),
            state: publicState,
            fabricHome: fabricHome(),
            generate,
            readyMs: 120_000,
        });
        for (const [name, key, span] of [
            ['acme-raft', 'acme', 30],
            ['aero-bft', 'aero', 45],
        ] as const) {
            files[key] = await example(name, span);
            created[key] = await createIndustrialChannels({
                file: files[key],
                publicState,
                state: states[key],
                fabricHome: fabricHome(),
                generate: (file, outDir, publicNetwork) => {
                    generate(file, outDir, publicNetwork);
                },
                editor: ecosystemEditor,
                readyMs: 120_000,
            });
        }
    }, 1_200_000);

    afterAll(async () => {
        try {
            for (const state of [states.aero, states.acme]) await networkDown(state).catch(() => undefined);
        } finally {
            await networkDown(publicState).catch(() => undefined);
            rmSync(root, { recursive: true, force: true });
        }
    });

    it('the examples as written share no port with the public example', () => {
        const plans = ['productivist', 'acme-raft', 'aero-bft'].map((name) => {
            const out = join(root, 'as-written', name);
            generate(join(__dirname, '..', '..', '..', 'examples', `${name}.yaml`), out, publicState);
            return loadTree(out).start;
        });
        const [pub, acme, aero] = plans as [(typeof plans)[0], (typeof plans)[0], (typeof plans)[0]];
        expect([...sharedPorts(acme, pub), ...sharedPorts(aero, pub), ...sharedPorts(acme, aero)]).toEqual([]);
    });

    it('orders each private channel on its ordering service, every peer of it joined', async () => {
        const publicTree = loadTree(join(publicState, 'tree'));
        const acmeTree = loadTree(join(states.acme, 'tree'));
        const aeroTree = loadTree(join(states.aero, 'tree'));
        // acme-supply on the public network's three Raft orderers, beside the public channel.
        const publicChannel = publicTree.start.channels[0]!;
        expect(await ordererChannels(publicTree, publicChannel)).toEqual(
            Array.from({ length: 3 }, () => ['acme-supply', 'productivist']),
        );
        // aero-wings and aero-engines on aero-bft's own four BFT orderers, and nowhere else.
        expect(await ordererChannels(aeroTree, aeroTree.start.channels[0]!)).toEqual(
            Array.from({ length: 4 }, () => ['aero-engines', 'aero-wings']),
        );
        for (const [state, tree] of [
            [states.acme, acmeTree],
            [states.aero, aeroTree],
        ] as const) {
            const status = await networkStatus(state, fabricHome());
            for (const channel of tree.start.channels) {
                const heights = status.heights[channel.name] ?? {};
                expect(Object.keys(heights).sort()).toEqual(channel.peers.map((peer) => peer.peer).sort());
                expect(Object.values(heights).every((height) => height !== null && height > 0)).toBe(true);
            }
        }
    });

    it('makes the organizations of publicChannel members of the public channel, their peers on it', async () => {
        expect(created.acme?.onboarded).toEqual(['Acme', 'CastCo', 'BoltWorks']);
        expect(created.aero?.onboarded).toEqual(['AeroParts', 'TurbineCo', 'AeroCert']);
        const context = new NetworkContext(publicState, fabricHome(), () => undefined);
        const channel = context.channel('productivist');
        const target = context.target(channel, channel.peers[0]!.admin, 'check-members');
        const config = configFromBlock(await fetchConfigBlock(target));
        const members = [...config.getChannelGroup()!.getGroupsMap().get('Application')!.getGroupsMap().keys()];
        expect(members).toEqual(
            expect.arrayContaining([
                'AcmeMSP',
                'CastCoMSP',
                'BoltWorksMSP',
                'AeroPartsMSP',
                'TurbineCoMSP',
                'AeroCertMSP',
                'ProductivistMSP',
            ]),
        );
        expect(created.acme?.joined).toHaveLength(4);
        expect(created.aero?.joined).toHaveLength(3);
        // Their peers follow the public channel: at the public peers' height.
        const publicHeight = async (): Promise<number> =>
            Math.max(
                ...Object.values((await networkStatus(publicState, fabricHome())).heights['productivist'] ?? {}).map(
                    (height) => height ?? 0,
                ),
            );
        const height = await publicHeight();
        for (const state of [states.acme, states.aero]) {
            const context = new NetworkContext(state, fabricHome(), () => undefined);
            const peers = context.tree.start.channels.flatMap((plan) => plan.peers);
            const on = [...new Map(peers.map((peer) => [peer.peer, peer])).values()].filter((peer) =>
                context.record.joined.includes(`productivist@${peer.peer}`),
            );
            const heights = await eventually(
                () => Promise.all(on.map((peer) => context.runner.height({ ...channel, name: 'productivist' }, peer))),
                (values) => values.every((value) => value === height),
                60_000,
            );
            expect(heights).toEqual(on.map(() => height));
        }
    });

    it('lets an industrial member evaluate productoken on the public channel through the gateway', async () => {
        const publicTree = loadTree(join(publicState, 'tree'));
        const productivistPeer = publicTree.start.channels[0]!.peers.find(
            (peer) => peer.admin.mspId === 'ProductivistMSP',
        )!;
        for (const [state, member, mspId] of [
            // Acme's buyer is enrolled by its intermediate CA 'plant': onboarded with intermediateCerts.
            [states.acme, 'buyer', 'AcmeMSP'],
            [states.aero, 'assembly', 'TurbineCoMSP'],
        ] as const) {
            const store = networkCredentials(state);
            const ledger = new GatewayLedger({
                peer: {
                    endpoint: productivistPeer.address,
                    tlsRootCertPem: readFileSync(join(publicTree.root, productivistPeer.admin.tlsRootCert), 'utf8'),
                },
                channel: 'productivist',
                credentials: (name) => store.load(name),
            });
            try {
                const caller = JSON.parse(
                    Buffer.from(await ledger.contract(member, 'productoken').evaluate('WhoAmI')).toString('utf8'),
                ) as { mspId?: string };
                expect(caller.mspId).toBe(mspId);
            } finally {
                ledger.close();
            }
        }
    });

    it("installs the public chaincodes on the industrial peers of the public channel: an industrial member's own peer endorses productoken", async () => {
        // productoken and the other public chaincodes: installed on every peer joined, approved by every onboarded organization.
        const deployed = Object.values(readDeployments(publicState))
            .filter((record) => record.channel === 'productivist')
            .map((record) => record.name)
            .sort();
        expect(deployed).toContain('productoken');
        expect(created.acme?.approved).toEqual(
            ['Acme', 'BoltWorks', 'CastCo'].flatMap((org) => deployed.map((name) => `${name}@${org}`)).sort(),
        );
        expect(created.aero?.installed).toHaveLength(3 * deployed.length);
        for (const [state, member, mspId] of [
            [states.acme, 'buyer', 'AcmeMSP'],
            [states.aero, 'assembly', 'TurbineCoMSP'],
        ] as const) {
            const context = new NetworkContext(state, fabricHome(), () => undefined);
            const own = context.tree.start.channels
                .flatMap((plan) => plan.peers)
                .find(
                    (peer) => peer.admin.mspId === mspId && context.record.joined.includes(`productivist@${peer.peer}`),
                )!;
            const packages = await installedPackages(context.runner, own);
            expect(packages.filter((id) => id.startsWith('productoken_'))).toEqual([
                readDeployments(publicState)['productivist/productoken']!.packageId,
            ]);
            const store = networkCredentials(state);
            const ledger = new GatewayLedger({
                peer: {
                    endpoint: own.address,
                    tlsRootCertPem: readFileSync(join(context.tree.root, own.admin.tlsRootCert), 'utf8'),
                },
                channel: 'productivist',
                credentials: (name) => store.load(name),
            });
            try {
                const caller = JSON.parse(
                    Buffer.from(
                        await ledger
                            .contract(member, 'productoken')
                            .evaluate('WhoAmI', { endorsingOrganizations: [mspId] }),
                    ).toString('utf8'),
                ) as { mspId?: string };
                expect(caller.mspId).toBe(mspId);
            } finally {
                ledger.close();
            }
        }
    });

    it('does nothing the second time: every node runs, every organization is on the channel, every peer joined', async () => {
        const again = await createIndustrialChannels({
            file: files.acme!,
            publicState,
            state: states.acme,
            fabricHome: fabricHome(),
            generate: (file, outDir, publicNetwork) => {
                generate(file, outDir, publicNetwork);
            },
            editor: ecosystemEditor,
        });
        expect({
            running: again.up.alreadyRunning,
            onboarded: again.onboarded,
            joined: again.joined,
            installed: again.installed,
            approved: again.approved,
        }).toEqual({ running: true, onboarded: [], joined: [], installed: [], approved: [] });
    });

    it('keeps all three networks running', async () => {
        for (const state of [publicState, states.acme, states.aero]) {
            const status = await networkStatus(state, fabricHome());
            expect(status.nodes.filter((node) => !node.healthy)).toEqual([]);
        }
    });
});
