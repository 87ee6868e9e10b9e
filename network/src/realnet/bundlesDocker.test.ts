// SPDX-License-Identifier: Apache-2.0
//
// The public example org by org from its per-organization bundles, as containers on this test
// file's own engine: each bundle's own `up` (its own state folder) starts only its organization's
// nodes; the bundles meet in one exchange folder (certificates, the channel block); the ordering
// organization's bundle creates the channel, each bundle with peers joins them; productoken (the one
// core contract this file keeps: each contract is its own chaincode image, built one after another,
// and the other three are publicDocker.test.ts's) is committed by the bundle running its server and
// approved by each endorsing organization's bundle; a productoken transfer goes through the gateway
// between members of three bundles; each bundle's `down` removes its containers and only those.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { labels } from '../docker/DockerRuntime.js';
import type { GatewayLedger } from '../gateway/GatewayLedger.js';
import { openNetworkLedger } from '../gateway/openNetworkLedger.js';
import { ensureFabricImages } from '../docker/images.js';
import { networkDown, networkStatus } from '../runtime/ops.js';
import { networkUp } from '../runtime/up.js';
import { eventually, freePortBase, requireFabric } from '../testing.js';
import { fabricHome } from '../toolchain.js';
import type { TestEngine } from './dockerSupport.js';
import { exampleText, generateWithCli, startTestEngine, stopTestEngine, transferAliceToDana } from './dockerSupport.js';

jest.setTimeout(600_000);

const organizations = ['Productivist', 'Customer', 'Designer', 'Producer', 'Expert', 'Industrial'];

/** The public example with productoken as its only chaincode (the block of the other three cut out). */
function productokenOnly(text: string): string {
    const lean = text.replace(/^( +)- name: modelcert\n[\s\S]*?all: \[Productivist, Expert\]\n/m, '');
    if (lean === text || /modelcert|prodcontrol|qualitycheck/.test(lean.replace(/^ *#.*$/gm, '')))
        throw new Error('the public example changed: cut its chaincodes other than productoken here anew');
    return lean;
}

describe('the public example from its bundles, one up per organization (docker runtime)', () => {
    let engine: TestEngine | undefined;
    let tree = '';
    let exchange = '';
    const states = new Map<string, string>();

    beforeAll(async () => {
        requireFabric();
        engine = await startTestEngine('bundles');
        tree = await generateWithCli(productokenOnly(exampleText('productivist')), await freePortBase(40), 'bundles');
        exchange = mkdtempSync(join(tmpdir(), 'productivist-exchange-'));
        for (const org of organizations) states.set(org, mkdtempSync(join(tmpdir(), `productivist-bundle-${org}-`)));
        // The images once, before the bundles start side by side (each would otherwise import its own copy).
        await ensureFabricImages(engine.docker, fabricHome(), join(engine.root, 'images'));
        const socket = engine.socket;
        // Every bundle's own up at once, as parties on separate hosts would: each waits for what it needs.
        const lines = new Map<string, string[]>(organizations.map((org) => [org, []]));
        const begin = Date.now();
        const stamp = (line: string): string => `${((Date.now() - begin) / 1000).toFixed(0)} s ${line}`;
        const results = await Promise.allSettled(
            organizations.map((org) =>
                networkUp({
                    source: join(tree, 'bundles', org.toLowerCase()),
                    state: states.get(org) ?? '',
                    exchange,
                    fabricHome: fabricHome(),
                    runtime: 'docker',
                    dockerSocket: socket,
                    readyMs: 180_000,
                    waitMs: 480_000,
                    progress: (line) => lines.get(org)?.push(stamp(line)),
                }),
            ),
        );
        // One bundle's failure makes the others wait in vain: every failure is told, with its bundle's last lines.
        const failures = results.flatMap((result, index) => {
            const org = organizations[index] ?? '';
            if (result.status === 'fulfilled') return [];
            const reason = result.reason instanceof Error ? result.reason.message : String(result.reason);
            return [`${org}: ${reason}\n  ${(lines.get(org) ?? []).slice(-12).join('\n  ')}`];
        });
        if (failures.length > 0) throw new Error(`bundle ups failed:\n${failures.join('\n')}`);
    });

    afterAll(async () => {
        try {
            for (const state of states.values()) await networkDown(state).catch(() => undefined);
            await stopTestEngine(engine);
        } finally {
            for (const state of states.values()) rmSync(state, { recursive: true, force: true });
            if (exchange !== '') rmSync(exchange, { recursive: true, force: true });
            if (tree !== '') rmSync(dirname(tree), { recursive: true, force: true });
        }
    });

    const containersOf = async (state: string): Promise<{ node: string; org: string }[]> => {
        if (engine === undefined) throw new Error('no engine');
        const found = await engine.docker.listContainers({ filters: { label: [`${labels.state}=${state}`] } });
        return found.map((info) => ({ node: info.Labels[labels.node] ?? '', org: info.Labels[labels.org] ?? '' }));
    };

    test("each bundle runs only its organization's nodes; the channel is created and every peer joined at one height", async () => {
        const productivist = await containersOf(states.get('Productivist') ?? '');
        expect(productivist.map((entry) => entry.node).sort()).toEqual([
            'ca.productivist',
            'cc.productivist.productoken',
            'orderer0.productivist',
            'orderer1.productivist',
            'orderer2.productivist',
            'peer0.productivist',
        ]);
        expect((await containersOf(states.get('Customer') ?? '')).map((entry) => entry.node).sort()).toEqual([
            'ca.customer',
            'peer0.customer',
        ]);
        expect((await containersOf(states.get('Industrial') ?? '')).map((entry) => entry.node)).toEqual([
            'ca.industrial',
        ]);
        for (const org of organizations) {
            for (const entry of await containersOf(states.get(org) ?? '')) expect(entry.org).toBe(org);
        }
        // The block the ordering organization's bundle made, in the exchange for the others.
        expect(existsSync(join(exchange, 'channels', 'productivist', 'productivist.block'))).toBe(true);
        // Every peer, asked by its own bundle as its organization's admin, at one height.
        const heights = await eventually(
            async () =>
                Promise.all(
                    organizations
                        .filter((org) => org !== 'Industrial')
                        .map(
                            async (org) =>
                                Object.values(
                                    (await networkStatus(states.get(org) ?? '', fabricHome())).heights[
                                        'productivist'
                                    ] ?? {},
                                )[0],
                        ),
                ),
            (now) => now.every((height) => typeof height === 'number' && height === now[0]),
            60_000,
        );
        expect(heights).toHaveLength(5);
        // The genesis block, five anchor-peer updates, then productoken's approvals and its commit.
        expect(heights[0]).toBeGreaterThan(6);
        expect(new Set(heights).size).toBe(1);
    });

    test('a productoken transfer goes through the gateway: the treasury of one bundle, alice of another, dana of a third', async () => {
        const ledger = (org: string): GatewayLedger => openNetworkLedger({ state: states.get(org) ?? '' });
        const ledgers = { treasury: ledger('Productivist'), alice: ledger('Customer'), dana: ledger('Designer') };
        try {
            expect(await transferAliceToDana(ledgers, `bundles-${Date.now()}`)).toBe(250n);
        } finally {
            for (const entry of Object.values(ledgers)) entry.close();
        }
    });

    test("a bundle's down removes its containers and leaves the other bundles' running", async () => {
        const customer = states.get('Customer') ?? '';
        const result = await networkDown(customer);
        expect(result.stopped.map((started) => started.id).sort()).toEqual(['ca.customer', 'peer0.customer']);
        expect(await containersOf(customer)).toEqual([]);
        expect(await containersOf(states.get('Productivist') ?? '')).toHaveLength(6);
        expect(await containersOf(states.get('Designer') ?? '')).toHaveLength(2);
        for (const org of organizations.filter((name) => name !== 'Customer')) {
            await networkDown(states.get(org) ?? '');
            expect(await containersOf(states.get(org) ?? '')).toEqual([]);
        }
    });
});
