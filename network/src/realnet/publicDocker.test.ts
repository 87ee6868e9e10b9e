// SPDX-License-Identifier: Apache-2.0
//
// The public example as containers: `network up --runtime docker` on this test file's own engine,
// every node a labelled container on the host network, as the tree's compose.yaml declares it
// (names, images, command, environment, ports); `productivist demo --network` gives the
// embedded demo's balances and reputation on it; a killed container is reported by status
// and comes back with restart; down leaves no container and no volume of the network, and a
// container that is not the network's is never touched.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { parse } from 'yaml';

import { containerName, labels } from '../docker/DockerRuntime.js';
import { ensureOfficialImages, imageSpecs, officialTag } from '../docker/images.js';
import { openNetworkLedger } from '../gateway/openNetworkLedger.js';
import { networkDown, networkStatus, nodeLog, restartNode } from '../runtime/ops.js';
import type { StartPlan } from '../runtime/plans.js';
import { StateDir } from '../runtime/state.js';
import type { UpResult } from '../runtime/up.js';
import { networkUp } from '../runtime/up.js';
import { demoOutcome, eventually, freePortBase, requireFabric } from '../testing.js';
import { fabricHome } from '../toolchain.js';
import type { TestEngine } from './dockerSupport.js';
import {
    exampleText,
    generateWithCli,
    runCliProcess,
    startTestEngine,
    stopTestEngine,
    transferAliceToDana,
} from './dockerSupport.js';

jest.setTimeout(300_000);

/** What compose.yaml declares of one service (the fields the Docker runtime also sets). */
interface ComposeService {
    readonly image: string;
    readonly container_name: string;
    readonly network_mode: string;
    readonly labels: Readonly<Record<string, string>>;
    readonly working_dir?: string;
    readonly volumes: readonly string[];
    readonly command: readonly string[];
    readonly environment?: Readonly<Record<string, string>>;
}

/** Compose's interpolation of `${NAME}`, `${NAME:?message}` and `${NAME:-default}`; a name without a value fails the test. */
function interpolate(text: string, values: Readonly<Record<string, string>>): string {
    return text.replace(/\$\{([A-Z0-9_]+)(?::\?[^}]*|:-([^}]*))?\}/g, (_match, name: string, fallback?: string) => {
        const value = values[name] ?? fallback;
        if (value === undefined) throw new Error(`compose.yaml uses \${${name}}, which the test does not provide`);
        return value;
    });
}

/** The values of a compose argument's `${NAME}`s (the deploy-time package ids and module folders) in a running argument. */
function bindings(declared: string, running: string): Record<string, string> | undefined {
    const names: string[] = [];
    const pattern = declared
        .split(/(\$\{[A-Z0-9_]+\})/)
        .map((part) => {
            const name = /^\$\{([A-Z0-9_]+)\}$/.exec(part)?.[1];
            if (name === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
            names.push(name);
            return '(.+)';
        })
        .join('');
    const match = new RegExp(`^${pattern}$`).exec(running);
    return match === null ? undefined : Object.fromEntries(names.map((name, index) => [name, match[index + 1] ?? '']));
}

/** The ports a command line and environment name: host:port addresses and *PORT values. */
function portsOf(command: readonly string[], env: Readonly<Record<string, string>>): number[] {
    const found = [...command, ...Object.values(env)].flatMap((text) =>
        [...text.matchAll(/127\.0\.0\.1:(\d+)/g)].map((match) => Number(match[1])),
    );
    for (const [key, value] of Object.entries(env)) if (/PORT$/.test(key)) found.push(Number(value));
    return [...new Set(found)].sort((a, b) => a - b);
}

/** Host variables every runtime passes to its nodes (Runner's base environment), which compose leaves to the image. */
const hostEnv = ['PATH', 'HOME', 'TMPDIR', 'LANG'];

describe('network up --runtime docker of the public example', () => {
    let engine: TestEngine | undefined;
    let tree = '';
    let state = '';
    let up: UpResult | undefined;

    beforeAll(async () => {
        requireFabric();
        engine = await startTestEngine('public');
        tree = await generateWithCli(exampleText('productivist'), await freePortBase(40), 'public');
        state = mkdtempSync(join(tmpdir(), 'productivist-state-public-docker-'));
        up = await networkUp({
            source: tree,
            state,
            fabricHome: fabricHome(),
            runtime: 'docker',
            dockerSocket: engine.socket,
        });
    });

    afterAll(async () => {
        try {
            if (state !== '') await networkDown(state).catch(() => undefined);
            await stopTestEngine(engine);
        } finally {
            if (state !== '') rmSync(state, { recursive: true, force: true });
            if (tree !== '') rmSync(dirname(tree), { recursive: true, force: true });
        }
    });

    const docker = (): NonNullable<TestEngine['docker']> => {
        if (engine === undefined) throw new Error('no engine');
        return engine.docker;
    };

    test('every node is a running container labelled with the network, node and organization', async () => {
        expect(up?.alreadyRunning).toBe(false);
        const containers = await docker().listContainers({ filters: { label: [`${labels.state}=${state}`] } });
        // 5 CAs, 3 orderers, 5 peers and the servers of the four core contracts.
        expect(containers).toHaveLength(18);
        const nodes = containers.map((info) => info.Labels[labels.node]).sort();
        expect(nodes).toContain('peer0.designer');
        expect(nodes).toContain('orderer2.productivist');
        expect(nodes).toContain('cc.productivist.productoken');
        for (const info of containers) {
            expect(info.Labels[labels.network]).toBe('productivist');
            expect(info.Labels[labels.org]).not.toBe('');
            expect(info.HostConfig.NetworkMode).toBe('host');
        }
        // Health is asked over HTTP with a 2 s limit: on a loaded machine a node can miss one answer.
        const status = await eventually(
            () => networkStatus(state, fabricHome()),
            (now) => now.nodes.every((node) => node.healthy),
            60_000,
        );
        expect(status.nodes.filter((node) => !node.healthy)).toEqual([]);
        expect(new Set(Object.values(status.heights['productivist'] ?? {}))).toEqual(
            new Set([status.heights['productivist']?.['peer0.productivist']]),
        );
        expect(status.leaders['productivist']).toMatch(/^orderer\d\.productivist$/);
    });

    test('compose.yaml declares the containers network up started: names, images, labels, command, environment, ports', async () => {
        const root = new StateDir(state).tree;
        const compose = parse(readFileSync(join(root, 'compose.yaml'), 'utf8')) as {
            services: Record<string, ComposeService>;
        };
        const plan = JSON.parse(readFileSync(join(root, 'start-plan.json'), 'utf8')) as StartPlan;
        const values = { PRODUCTIVIST_ROOT: root };
        expect(Object.keys(compose.services).sort()).toEqual(plan.processes.map((node) => node.id).sort());
        const started = await docker().listContainers({ filters: { label: [`${labels.state}=${state}`] } });
        expect(
            Object.values(compose.services)
                .map((service) => service.container_name)
                .sort(),
        ).toEqual(started.map((info) => (info.Names[0] ?? '').replace(/^\//, '')).sort());
        const fabricNodes = plan.processes.filter((node) => node.kind !== 'chaincode');
        expect(fabricNodes).toHaveLength(14);
        for (const node of plan.processes) {
            const service = compose.services[node.id];
            if (service === undefined) throw new Error(`compose.yaml has no service ${node.id}`);
            expect(service.container_name).toBe(containerName(plan.ecosystem, node.id));
            const info = await docker().getContainer(service.container_name).inspect();
            // The alias compose names is the content-hash tag the runtime started, on the same image.
            const image = interpolate(service.image, values);
            expect((await docker().getImage(image).inspect()).Id).toBe(info.Image);
            expect(service.network_mode).toBe(info.HostConfig.NetworkMode);
            const { [labels.state]: stateLabel, ...ownLabels } = info.Config.Labels;
            expect(stateLabel).toBe(state);
            expect(service.labels).toEqual(ownLabels);
            expect(service.volumes.map((volume) => interpolate(volume, values))).toEqual(info.HostConfig.Binds);
            if (node.kind === 'chaincode') {
                // The chaincode image is the one network up built from the module: node and the shim as entrypoint.
                expect(image).toBe(`productivist/chaincode-node:${node.id.split('.')[2] ?? ''}`);
                expect((await docker().getImage(image).inspect()).Config.Entrypoint).toEqual([info.Path, info.Args[0]]);
                expect(service.working_dir).toBeUndefined();
                const running = info.Args.slice(1);
                expect(service.command).toHaveLength(running.length);
                // The package id and module folder are known at deploy time: the rest is the plan's, as it is.
                const bound = service.command.map((arg, index) =>
                    bindings(arg.split('${PRODUCTIVIST_ROOT}').join(root), running[index] ?? ''),
                );
                expect(bound).not.toContain(undefined);
                const found = Object.assign({}, ...bound) as Record<string, string>;
                expect(Object.keys(found).sort()).toEqual([
                    expect.stringMatching(/^PRODUCTIVIST_CHAINCODE_/) as string,
                    expect.stringMatching(/^PRODUCTIVIST_PACKAGE_ID_/) as string,
                ]);
                expect(Object.values(found).every((value) => value !== '' && !value.includes('${'))).toBe(true);
                expect(info.Config.Env).toEqual(
                    expect.arrayContaining(Object.entries(service.environment ?? {}).map(([k, v]) => `${k}=${v}`)),
                );
                continue;
            }
            expect(image).toBe(info.Config.Image.replace(/-[0-9a-f]{12}$/, ''));
            // The same plan runs on Fabric's official images of the same version (--images official).
            const role = node.kind === 'ca' ? 'ca' : node.kind === 'orderer' ? 'orderer' : 'peer';
            const spec = imageSpecs.find((candidate) => candidate.role === role);
            if (spec === undefined) throw new Error(`no image spec for ${role}`);
            expect(interpolate(service.image, { PRODUCTIVIST_IMAGES: 'hyperledger' })).toBe(officialTag(spec));
            expect(interpolate(service.working_dir ?? '', values)).toBe(info.Config.WorkingDir);
            const command = service.command.map((arg) => interpolate(arg, values));
            expect(command).toEqual([info.Path, ...info.Args]);
            const declared = Object.fromEntries(
                Object.entries(service.environment ?? {}).map(([key, value]) => [key, interpolate(value, values)]),
            );
            const running = Object.fromEntries(
                info.Config.Env.map((entry) => [
                    entry.slice(0, entry.indexOf('=')),
                    entry.slice(entry.indexOf('=') + 1),
                ]),
            );
            expect(Object.fromEntries(Object.entries(running).filter(([key]) => !hostEnv.includes(key)))).toEqual(
                declared,
            );
            const ports = portsOf(command, declared);
            expect(portsOf([info.Path, ...info.Args], running)).toEqual(ports);
            if (node.kind !== 'ca') expect(ports).toEqual(expect.arrayContaining(Object.values(node.ports)));
        }
    });

    // Before the transfer below: the demo's balances are those of a fresh ledger.
    test("productivist demo --network passes on the containers with the embedded demo's balances and reputation", async () => {
        const cwd = mkdtempSync(join(tmpdir(), 'productivist-demo-docker-'));
        try {
            const embedded = await runCliProcess(['demo'], cwd, 60_000);
            expect(embedded.code).toBe(0);
            const onNetwork = await runCliProcess(['demo', '--network', state], cwd, 240_000);
            expect(onNetwork.err).toBe('');
            expect(onNetwork.code).toBe(0);
            expect(onNetwork.out).toContain(`on the Fabric network in ${state}`);
            expect(demoOutcome(onNetwork.out)).toBe(demoOutcome(embedded.out));
            expect(demoOutcome(onNetwork.out)).toMatch(/alice +960\.00 +0\.00/);
        } finally {
            rmSync(cwd, { recursive: true, force: true });
        }
    });

    test('a productoken transfer goes through the gateway to the chaincode containers', async () => {
        const ledger = openNetworkLedger({ state });
        try {
            const gained = await transferAliceToDana(
                { treasury: ledger, alice: ledger, dana: ledger },
                `docker-${Date.now()}`,
            );
            expect(gained).toBe(250n);
        } finally {
            ledger.close();
        }
    });

    test('a killed container is reported by status and restart brings it back', async () => {
        const target = up?.processes.find((started) => started.id === 'peer0.customer');
        if (target?.container === undefined) throw new Error('peer0.customer has no container');
        await docker().getContainer(target.container).kill();
        const down = await eventually(
            () => networkStatus(state, fabricHome()),
            (status) => status.nodes.find((node) => node.id === 'peer0.customer')?.running === false,
            20_000,
        );
        expect(down.nodes.find((node) => node.id === 'peer0.customer')).toMatchObject({
            running: false,
            healthy: false,
        });
        expect(down.heights['productivist']?.['peer0.customer']).toBeNull();
        const restarted = await restartNode(state, 'peer0.customer', fabricHome());
        expect(restarted.container).toBe(target.container);
        const back = await eventually(
            () => networkStatus(state, fabricHome()),
            (status) => typeof status.heights['productivist']?.['peer0.customer'] === 'number',
            30_000,
        );
        expect(back.nodes.find((node) => node.id === 'peer0.customer')?.healthy).toBe(true);
    });

    test('a chaincode server container that dies is restarted by the engine and reported by status', async () => {
        const server = up?.processes.find((started) => started.id === 'cc.productivist.productoken');
        if (server?.container === undefined) throw new Error('productoken has no server container');
        const before = await docker().getContainer(server.container).inspect();
        process.kill(before.State.Pid, 'SIGKILL');
        const after = await eventually(
            () => networkStatus(state, fabricHome()),
            (status) => {
                const entry = status.chaincodes.find((candidate) => candidate.id === server.id);
                return entry?.running === true && entry.restarts >= 1;
            },
            30_000,
        );
        const entry = after.chaincodes.find((candidate) => candidate.id === server.id);
        expect(entry).toMatchObject({ running: true, address: expect.stringMatching(/^127\.0\.0\.1:\d+$/) as string });
        expect(entry?.restarts).toBeGreaterThanOrEqual(1);
        expect(entry?.pid).not.toBe(before.State.Pid);
    });

    test('--images official: an official image the engine lacks and cannot pull is a clear error within the pull deadline', async () => {
        const begin = Date.now();
        const missing = ensureOfficialImages(docker(), () => undefined, ['peer'], 10_000);
        await expect(missing).rejects.toMatchObject({
            code: 'IMAGE_NOT_AVAILABLE',
            message: expect.stringContaining('hyperledger/fabric-peer:3.1.5') as string,
            hint: expect.stringContaining('--images local') as string,
        });
        expect(Date.now() - begin).toBeLessThan(20_000);
        expect(await docker().listImages({ filters: { reference: ['hyperledger/*'] } })).toEqual([]);
    });

    test('logs come from the container', async () => {
        const log = await nodeLog(state, 'orderer0.productivist');
        expect(readFileSync(log, 'utf8')).toMatch(/Beginning to serve requests/);
    });

    test('down removes every container of the network, leaves no volume and never touches another container', async () => {
        const [image] = (
            await docker().listImages({ filters: { reference: ['productivist/fabric-orderer'] } })
        ).flatMap((info) => info.RepoTags ?? []);
        if (image === undefined) throw new Error('no orderer image');
        const bystander = await docker().createContainer({
            name: 'bystander-of-productivist',
            Image: image,
            Cmd: ['/usr/local/bin/orderer', 'version'],
            Labels: { [labels.network]: 'productivist' },
        });
        try {
            const result = await networkDown(state);
            expect(result.stopped).toHaveLength(18);
            expect(
                await docker().listContainers({ all: true, filters: { label: [`${labels.state}=${state}`] } }),
            ).toEqual([]);
            const volumes = await docker().listVolumes();
            expect(volumes.Volumes).toEqual([]);
            expect((await bystander.inspect()).Name).toBe('/bystander-of-productivist');
        } finally {
            await bystander.remove({ force: true });
        }
    });
});
