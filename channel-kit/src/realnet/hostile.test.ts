// SPDX-License-Identifier: Apache-2.0
//
// network up refusing what it cannot do, on real Fabric, with a one-orderer one-peer ecosystem:
// --state on a file, a missing binary, a taken port, a CA that fails to start, a node killed
// during up, down twice. Each refusal is a clear error and leaves no process and no bound port.
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { isKitError } from '@productivist/common';
import {
    checkPorts,
    fabricHome,
    isAlive,
    loadTree,
    networkDown,
    networkStatus,
    networkUp,
    planPorts,
} from '@productivist/network';

import { soloEcosystem } from '@productivist/network/testing';

import { freePortBase, generateTree, listeningAddresses, requireFabric, stateDir } from './support.js';

jest.setTimeout(120_000);

const small = (base: number): string => soloEcosystem('small', base, '500ms');

/** The error a promise rejects with. */
async function failure(promise: Promise<unknown>): Promise<Error & { code?: string; details?: readonly string[] }> {
    try {
        await promise;
    } catch (error) {
        if (isKitError(error)) return error;
        throw error;
    }
    throw new Error('expected a failure');
}

describe('network up refusals on real Fabric (one orderer, one peer)', () => {
    let tree = '';
    const folders: string[] = [];

    beforeAll(async () => {
        requireFabric();
        tree = generateTree(small(await freePortBase(12)), 'small');
        folders.push(dirname(tree));
    });

    afterAll(async () => {
        for (const folder of folders) {
            try {
                await networkDown(folder);
            } catch {
                // not a state folder
            }
            rmSync(folder, { recursive: true, force: true });
        }
    });

    const fresh = (name: string): string => {
        const state = stateDir(name);
        folders.push(state);
        return state;
    };

    /** No recorded process alive and every plan port free. */
    async function nothingLeft(state: string): Promise<void> {
        let record: { processes: { pid: number }[] } = { processes: [] };
        try {
            record = JSON.parse(readFileSync(join(state, 'network.json'), 'utf8')) as typeof record;
        } catch {
            // never got that far
        }
        expect(record.processes.filter((started) => isAlive(started.pid))).toEqual([]);
        const ports = await checkPorts(planPorts(loadTree(tree).start));
        expect(ports.filter((port) => !port.free)).toEqual([]);
    }

    it('--state on a file is refused', async () => {
        const folder = mkdtempSync(join(tmpdir(), 'productivist-file-'));
        folders.push(folder);
        const file = join(folder, 'not-a-folder');
        writeFileSync(file, 'x');
        const error = await failure(networkUp({ source: tree, state: file, fabricHome: fabricHome() }));
        expect(error.code).toBe('STATE_NOT_DIR');
        expect(error.message).toBe(`--state ${file} is a file, not a folder`);
    });

    it('a missing binary is named with the install hint, before anything starts', async () => {
        const home = mkdtempSync(join(tmpdir(), 'productivist-nobin-'));
        folders.push(home);
        const state = fresh('nobin');
        const error = await failure(networkUp({ source: tree, state, fabricHome: home }));
        expect(error.code).toBe('BINARY_MISSING');
        expect(error.message).toBe(
            `Fabric binary 'fabric-ca-server' is not installed at ${join(home, 'bin', 'fabric-ca-server')}`,
        );
        expect((error as { hint?: string }).hint).toContain('scripts/install-fabric.sh');
        await nothingLeft(state);
    });

    it('a taken port is refused before anything starts, naming the port, its use and the holding process', async () => {
        const plan = loadTree(tree).start;
        const orderer = plan.processes.find((node) => node.kind === 'orderer')!;
        const port = orderer.ports['listen']!;
        const server: Server = createServer();
        await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port }, resolve));
        try {
            const state = fresh('taken');
            const error = await failure(networkUp({ source: tree, state, fabricHome: fabricHome() }));
            expect(error.code).toBe('PORT_TAKEN');
            expect(error.message).toContain(`port ${port} (${orderer.id} listen) is held by pid ${process.pid} (`);
            // Nothing was started, so nothing was recorded.
            expect(existsSync(join(state, 'network.json'))).toBe(false);
            expect(readdirSync(join(state, 'logs'))).toEqual([]);
        } finally {
            await new Promise((resolve) => server.close(resolve));
        }
    });

    it('a CA that fails to start (bad config) stops up with its name, its log tail and log path; nothing is left', async () => {
        const broken = join(mkdtempSync(join(tmpdir(), 'productivist-badca-')), 'tree');
        folders.push(dirname(broken));
        cpSync(tree, broken, { recursive: true });
        const config = join(broken, 'ca', 'solo', 'fabric-ca-server-config.yaml');
        writeFileSync(config, readFileSync(config, 'utf8').replace('type: sqlite3', 'type: nosuchdb'));
        const state = fresh('badca');
        const error = await failure(networkUp({ source: broken, state, fabricHome: fabricHome() }));
        expect(error.code).toBe('NODE_NOT_READY');
        expect(error.message).toMatch(/^ca\.solo (exited before it was ready|was not healthy)/);
        expect(error.details?.[0]).toBe(`last lines of ${join(state, 'logs', 'ca.solo.log')}:`);
        // The log's last 20 lines follow its path; the whole log names the bad setting.
        expect(error.details).toHaveLength(21);
        expect(readFileSync(join(state, 'logs', 'ca.solo.log'), 'utf8')).toContain(
            "Invalid db.type in config file: 'nosuchdb'",
        );
        await nothingLeft(state);
    });

    let killedState = '';

    it('a node killed during up stops the whole up with a clear error; nothing is left', async () => {
        const state = fresh('killed');
        killedState = state;
        const error = await failure(
            networkUp({
                source: tree,
                state,
                fabricHome: fabricHome(),
                progress: (line) => {
                    // The CA dies right after it became ready, before enrollment.
                    const pid = /ca\.solo ready \(pid (\d+)/.exec(line)?.[1];
                    if (pid !== undefined) process.kill(Number(pid), 'SIGKILL');
                },
            }),
        );
        expect(error.code).toBe('COMMAND_FAILED');
        expect(error.message).toContain('fabric-ca-client enroll');
        await nothingLeft(state);
    });

    it('up again after the killed up starts over and runs; then down twice: the second has nothing to stop', async () => {
        const state = killedState;
        const result = await networkUp({ source: tree, state, fabricHome: fabricHome() });
        expect(result.processes.map((started) => started.id).sort()).toEqual([
            'ca.solo',
            'orderer0.solo',
            'peer0.solo',
        ]);
        // Every socket they listen on is on 127.0.0.1, and each is a port of the plan.
        const planned = planPorts(loadTree(tree).start).map((entry) => `127.0.0.1:${String(entry.port)}`);
        expect(listeningAddresses(result.processes.map((started) => started.pid))).toEqual([...planned].sort());
        const status = await networkStatus(state, fabricHome());
        expect(status.nodes.every((node) => node.healthy)).toBe(true);
        expect(status.heights['solo']).toEqual({ 'peer0.solo': 2 });
        expect((await networkDown(state)).stopped).toHaveLength(3);
        await nothingLeft(state);
        expect(await networkDown(state)).toEqual({ stopped: [], wasRunning: false });
    });
});
