// SPDX-License-Identifier: Apache-2.0
//
// The native and the Docker runtime run the same orchestration: one solo network brought up through
// each adapter in turn gives the same steps in the same order. A container that only shares a
// node's name is refused and left alone.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { containerName, labels } from '../docker/DockerRuntime.js';
import { NetworkError } from '../errors.js';
import { networkDown } from '../runtime/ops.js';
import { networkUp } from '../runtime/up.js';
import { fabricHome } from '../toolchain.js';
import { freePortBase, requireFabric, soloEcosystem } from '../testing.js';
import type { TestEngine } from './dockerSupport.js';
import { generateWithCli, startTestEngine, stopTestEngine } from './dockerSupport.js';

jest.setTimeout(300_000);

let engine: TestEngine | undefined;
let tree = '';
const states: string[] = [];

function newState(name: string): string {
    const state = mkdtempSync(join(tmpdir(), `productivist-state-${name}-`));
    states.push(state);
    return state;
}

/** The steps of an `up` without times, pids and container names. */
function steps(lines: readonly string[], state: string): string[] {
    return lines
        .map((line) =>
            line
                .replace(/^\[\s*[\d.]+ s\] /, '')
                .split(state)
                .join('<state>'),
        )
        .filter((line) => !line.startsWith('images: ') && !line.startsWith('image '))
        .map((line) =>
            line
                .replace(/ \((pid \d+|container \S+), /, ' (')
                .replace(/ \((pid \d+|container \S+)\)$/, '')
                .replace(/ \((native|docker) runtime\)$/, ''),
        );
}

beforeAll(async () => {
    requireFabric();
    engine = await startTestEngine('shared');
    tree = await generateWithCli(soloEcosystem('shared', 0), await freePortBase(10), 'shared');
});

afterAll(async () => {
    try {
        for (const state of states) await networkDown(state).catch(() => undefined);
        await stopTestEngine(engine);
    } finally {
        for (const state of states) rmSync(state, { recursive: true, force: true });
        if (tree !== '') rmSync(dirname(tree), { recursive: true, force: true });
    }
});

test('no engine: the error says where it looked and how to start one', async () => {
    const error: unknown = await networkUp({
        source: tree,
        state: newState('noengine'),
        fabricHome: fabricHome(),
        runtime: 'docker',
        dockerSocket: join(tmpdir(), 'no-engine-here', 'docker.sock'),
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).code).toBe('DOCKER_ENGINE_DOWN');
    expect((error as NetworkError).message).toContain('no-engine-here');
    expect((error as NetworkError).hint).toContain('productivist engine start');
});

test('the same steps run through the native and the Docker adapter', async () => {
    const nativeLines: string[] = [];
    const nativeState = newState('native');
    const native = await networkUp({
        source: tree,
        state: nativeState,
        fabricHome: fabricHome(),
        progress: (line) => nativeLines.push(line),
    });
    expect(native.processes.map((started) => started.container)).toEqual([undefined, undefined, undefined]);
    expect((await networkDown(nativeState)).stopped).toHaveLength(3);

    const dockerLines: string[] = [];
    const dockerState = newState('docker');
    const docker = await networkUp({
        source: tree,
        state: dockerState,
        fabricHome: fabricHome(),
        runtime: 'docker',
        dockerSocket: engine?.socket,
        progress: (line) => dockerLines.push(line),
    });
    expect(docker.processes.map((started) => started.container)).toEqual(
        ['ca.solo', 'orderer0.solo', 'peer0.solo'].map((id) => containerName('shared', id)),
    );
    expect(steps(dockerLines, dockerState)).toEqual(steps(nativeLines, nativeState));
    expect(steps(nativeLines, nativeState)).toContain('peer0.solo ready (peer)');
    expect((await networkDown(dockerState)).stopped).toHaveLength(3);
});

test('a container that only shares a node name is refused and left alone', async () => {
    const docker = engine?.docker;
    if (docker === undefined) throw new Error('no engine');
    const [image] = (await docker.listImages({ filters: { reference: ['productivist/fabric-peer'] } })).flatMap(
        (info) => info.RepoTags ?? [],
    );
    if (image === undefined) throw new Error('the previous test built no peer image');
    const name = containerName('shared', 'ca.solo');
    const stranger = await docker.createContainer({ name, Image: image, Cmd: ['/usr/local/bin/peer', 'version'] });
    try {
        const state = newState('clash');
        const error: unknown = await networkUp({
            source: tree,
            state,
            fabricHome: fabricHome(),
            runtime: 'docker',
            dockerSocket: engine?.socket,
        }).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(NetworkError);
        expect((error as NetworkError).code).toBe('CONTAINER_NAME_TAKEN');
        expect((error as NetworkError).message).toContain(name);
        const info = await stranger.inspect();
        expect(info.Config.Labels[labels.state]).toBeUndefined();
        const ours = await docker.listContainers({ all: true, filters: { label: [`${labels.state}=${state}`] } });
        expect(ours).toEqual([]);
    } finally {
        await stranger.remove({ force: true });
    }
});
