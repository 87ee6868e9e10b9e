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
//
// On the same networks, issue 14's end to end: a contract scaffolded by `scaffold contract orders
// --ecosystem <the acme-raft copy> --channel acme-supply --out <tmp>` (before `channel create`, so
// the industrial's tree has its definition), its own `npm install` (beside the networks' set-up)
// and `npm test`, `network deploy <folder> --channel acme-supply` on the industrial's state, and the
// app `scaffold app` wrote, run as its own process with both state folders: Acme's buyer pays
// CastCo's foundry on the public channel with a reference and the private contract confirms it by
// a cross-channel read of productoken on the endorsing peers (on both channels, productoken
// installed). A confirmation with a wrong amount, an unknown reference or a reference already
// consumed is refused, with its message, and the order is unchanged.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ecosystemEditor, generateEcosystem } from '@productivist/channel-kit';
import { Wallet } from '@productivist/clients';
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
    openNetworkLedger,
    osnadminArgs,
    readDeployments,
    requireBinary,
    runBinary,
    sharedPorts,
} from '@productivist/network';
import { eventually, freePortBase, requireFabric } from '@productivist/network/testing';

import { runCli } from '../run.js';
import { repoText, withBatchTimeout, withPortBase } from './support.js';

jest.setTimeout(1_500_000);

const generate = (file: string, outDir: string, publicNetwork?: string): void => {
    generateEcosystem({ path: file, display: file, outDir, publicNetwork });
};

interface Run {
    readonly code: number;
    readonly out: string;
    readonly err: string;
    readonly seconds: number;
}

/** Runs a program in its own process (npm, node), with a deadline. */
function run(file: string, args: readonly string[], cwd: string, timeoutMs = 600_000): Promise<Run> {
    const started = Date.now();
    return new Promise((resolve) => {
        execFile(
            file,
            [...args],
            { cwd, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, env: { ...process.env } },
            (error, stdout, stderr) => {
                const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
                resolve({ code, out: stdout, err: stderr, seconds: (Date.now() - started) / 1000 });
            },
        );
    });
}

const npm = (args: readonly string[], cwd: string): Promise<Run> =>
    run('npm', [...args, '--prefer-offline', '--no-audit', '--no-fund'], cwd);

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

    // The scaffolded contract and its app.
    const contractDir = join(root, 'orders');
    const appDir = join(root, 'orders-app');
    const timings: string[] = [];
    /** The accounts productoken gives Acme's buyer and CastCo's foundry on the public channel. */
    const accounts = { buyer: '', foundry: '' };
    const cli = async (...argv: string[]): Promise<{ code: number; out: string; err: string }> => {
        const out: string[] = [];
        const err: string[] = [];
        const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t), cwd: root });
        return { code, out: out.join('\n'), err: err.join('\n') };
    };
    /** The app's command, as its own process on the public and the industrial state; its JSON output parsed when it succeeds. */
    const app = async (...args: string[]): Promise<Run & { json: unknown }> => {
        const result = await run(
            process.execPath,
            [
                // The gateway's TLS options print a Node deprecation warning (a server name that is an IP address).
                '--no-deprecation',
                join(appDir, 'dist', 'main.js'),
                ...args,
                '--network',
                publicState,
                '--contract-network',
                states.acme,
            ],
            appDir,
            180_000,
        );
        return { ...result, json: result.code === 0 ? (JSON.parse(result.out) as unknown) : undefined };
    };

    /** The public network up from the public example. */
    const publicUp = async (): Promise<void> => {
        await networkUp({
            source: await example('productivist', 40),
            state: publicState,
            fabricHome: fabricHome(),
            generate,
            readyMs: 120_000,
        });
    };

    /** acme-raft's and aero-bft's channels beside it. */
    const industrials = async (): Promise<void> => {
        for (const [name, key, span] of [
            ['acme-raft', 'acme', 30],
            ['aero-bft', 'aero', 45],
        ] as const) {
            files[key] ??= await example(name, span);
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
    };

    beforeAll(async () => {
        requireFabric();
        const started = Date.now();
        await publicUp();
        // The contract is scaffolded into the acme-raft copy (linked to the public network's bundle)
        // before `channel create` generates it (the ecosystem gains the chaincode), the app beside it.
        files.acme = await example('acme-raft', 30);
        const contract = await cli(
            'scaffold',
            'contract',
            'orders',
            '--ecosystem',
            files.acme,
            '--channel',
            'acme-supply',
            '--out',
            contractDir,
            '--public',
            publicState,
        );
        expect(contract.err).toBe('');
        expect(contract.code).toBe(0);
        expect(contract.out).toContain('orders added to channel acme-supply (endorsement: ');
        const made = await cli('scaffold', 'app', 'orders-app', '--contract', contractDir, '--out', appDir);
        expect(made.code).toBe(0);
        // The private channels come up while the projects install (their packages come from the npm cache).
        const [up, installed] = await Promise.allSettled([
            industrials(),
            Promise.all([npm(['install'], contractDir), npm(['install'], appDir)]),
        ]);
        if (up.status === 'rejected') throw up.reason;
        if (installed.status === 'rejected') throw installed.reason;
        for (const [name, result] of [
            ['orders', installed.value[0]],
            ['orders-app', installed.value[1]],
        ] as const) {
            if (result.code !== 0) throw new Error(`npm install in ${name} failed:\n${result.err}`);
            timings.push(`npm install ${name}: ${result.seconds.toFixed(0)} s`);
        }
        timings.push(`networks up and installs: ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }, 1_500_000);

    afterAll(async () => {
        process.stdout.write(`industrial real-network timings: ${timings.join('; ')}\n`);
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

    it("passes the scaffolded contract's own npm test (the embedded ledger), and the public-channel variant's", async () => {
        const own = await npm(['test'], contractDir);
        timings.push(`npm test orders: ${own.seconds.toFixed(0)} s`);
        expect(own.out + own.err).toMatch(/Tests: +6 passed, 6 total/);
        expect(own.code).toBe(0);
        // The public-channel variant, scaffolded into a copy of the public example, on the same packages.
        writeFileSync(join(root, 'public.yaml'), repoText('examples', 'productivist.yaml'));
        const market = await cli(
            'scaffold',
            'contract',
            'market',
            '--ecosystem',
            join(root, 'public.yaml'),
            '--channel',
            'productivist',
        );
        expect(market.code).toBe(0);
        symlinkSync(join(contractDir, 'node_modules'), join(root, 'market', 'node_modules'));
        const variant = await npm(['test'], join(root, 'market'));
        expect(variant.out + variant.err).toMatch(/Tests: +4 passed, 4 total/);
        expect(variant.code).toBe(0);
    });

    it('deploys the scaffold to acme-supply; the app pays on public and the private contract confirms', async () => {
        // Given Acme's buyer and CastCo's foundry with productoken accounts, the buyer funded
        const ledger = openNetworkLedger({ state: publicState, channel: 'productivist', members: [states.acme] });
        try {
            for (const member of ['buyer', 'foundry'] as const) {
                await ledger.contract(member, 'productoken').submit('OpenAccount');
                accounts[member] = await new Wallet(ledger, member).account();
            }
            await new Wallet(ledger, 'treasury').mint(accounts.buyer, '100000', 'scaffold-fund-buyer');
        } finally {
            ledger.close();
        }
        // and the contract built and deployed on acme-supply, and the app built
        expect((await npm(['run', 'build'], contractDir)).code).toBe(0);
        const built = await npm(['run', 'build'], appDir);
        expect(built.err).not.toContain('error');
        expect(built.code).toBe(0);
        const deployed = await cli(
            'network',
            'deploy',
            contractDir,
            '--channel',
            'acme-supply',
            '--network',
            states.acme,
        );
        expect(deployed.err).toBe('');
        expect(deployed.out).toMatch(/orders on acme-supply: version 1\.0, sequence 1 committed/);
        const before = (await app('balance', '--as', 'foundry')).json as { available: string };
        // When the app runs the example flow
        const flow = await app(
            'flow',
            '--id',
            'o-1',
            '--buyer',
            'buyer',
            '--seller',
            'foundry',
            '--price',
            '500',
            '--reference',
            'pay-o-1',
        );
        // Then the order (of the buyer's account to foundry's) went open → paid (by the transfer pay-o-1) → done, and foundry got 500
        expect(flow.err).toBe('');
        expect(flow.code).toBe(0);
        expect(flow.json).toMatchObject({
            created: { id: 'o-1', buyer: accounts.buyer, seller: accounts.foundry, price: '500', state: 'open' },
            paid: { state: 'paid', reference: 'pay-o-1' },
            completed: { state: 'done' },
        });
        const after = (await app('balance', '--as', 'foundry')).json as { available: string };
        expect(BigInt(after.available) - BigInt(before.available)).toBe(500n);
    });

    it.each([
        {
            case: 'a wrong amount',
            pay: ['--amount', '400', '--reference', 'pay-o-2'],
            reference: 'pay-o-2',
            message: (payer: string) =>
                `PAYMENT_MISMATCH: transfer 'pay-o-2' of '${payer}' does not pay order 'o-2': amount 400 (expected 500)`,
        },
        {
            case: 'an unknown reference',
            pay: undefined,
            reference: 'never-paid',
            message: (payer: string) =>
                `NOT_FOUND: proving order 'o-2': productoken on 'productivist' says: no transfer by '${payer}' with reference 'never-paid'`,
        },
        {
            case: 'a reference already consumed',
            pay: undefined,
            reference: 'pay-o-1',
            message: (payer: string) =>
                `CONFLICT: reference 'pay-o-1' of '${payer}' was already claimed by order 'o-1'`,
        },
    ])('refuses a confirmation with $case, and the order stays as it was', async ({ pay, reference, message }) => {
        // Given the open order o-2 of Acme's buyer to foundry for 500 (and, maybe, a payment that does not match it)
        if ((await app('show', '--id', 'o-2', '--as', 'buyer')).code !== 0) {
            expect(
                (await app('create', '--id', 'o-2', '--buyer', 'buyer', '--seller', 'foundry', '--price', '500')).code,
            ).toBe(0);
        }
        if (pay !== undefined) {
            const paid = await app('pay', '--buyer', 'buyer', '--seller', 'foundry', ...pay);
            expect(paid.err).toBe('');
        }
        const before = await app('show', '--id', 'o-2', '--as', 'foundry');
        expect(before.json).toMatchObject({ state: 'open' });
        // When foundry confirms it with the reference
        const confirm = await app('confirm', '--id', 'o-2', '--as', 'foundry', '--reference', reference);
        // Then it is refused with the contract's message, and neither o-2 nor o-1 changed
        expect(confirm.code).toBe(1);
        expect(confirm.err).toContain(`orders.ConfirmPayment refused: ${message(accounts.buyer)}`);
        expect((await app('show', '--id', 'o-2', '--as', 'foundry')).json).toEqual(before.json);
        expect((await app('show', '--id', 'o-1', '--as', 'foundry')).json).toMatchObject({ state: 'done' });
    });
});
