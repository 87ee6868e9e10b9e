// SPDX-License-Identifier: Apache-2.0
//
// The chaincode-server supervisor with real processes: a small TCP server stands in for a
// chaincode server (the realnet tests run real ones behind real peers).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePortBase } from '../testing.js';
import { isAlive, stopProcess } from '../runtime/processes.js';
import type { NetworkRecord } from '../runtime/state.js';
import { StateDir } from '../runtime/state.js';
import { readServerStatus, superviseServers, supervisorId, waitServing } from './servers.js';
import type { SupervisedServer } from './supervisor.js';
import { backoffMs } from './supervisor.js';

const listen = (port: number, word: string): string =>
    `require('node:net').createServer((s) => s.end('${word}')).listen(${port}, '127.0.0.1');`;

describe('the chaincode-server supervisor', () => {
    let root = '';
    let state: StateDir;
    let record: NetworkRecord;
    let port = 0;

    beforeAll(async () => {
        root = mkdtempSync(join(tmpdir(), 'productivist-supervisor-'));
        state = new StateDir(root);
        state.ensure();
        record = { version: 1, ecosystem: 'test', source: root, enrolled: true, joined: [], processes: [] };
        state.write(record);
        port = await freePortBase(2);
    });

    afterAll(async () => {
        const supervisor = record.processes.find((entry) => entry.id === supervisorId);
        if (supervisor !== undefined) await stopProcess(supervisor.pid);
        rmSync(root, { recursive: true, force: true });
    });

    const server = (word: string): SupervisedServer => ({
        id: 'cc.test.echo',
        file: process.execPath,
        args: ['-e', listen(port, word)],
        env: {},
        cwd: root,
        log: state.log('cc.test.echo'),
        address: `127.0.0.1:${port}`,
    });

    it('doubles the backoff while a server keeps failing fast, up to 30 s', () => {
        expect([0, 1, 2, 3, 7, 20].map(backoffMs)).toEqual([250, 500, 1000, 2000, 30_000, 30_000]);
    });

    it('starts detached, is recorded, and serves what the spec lists', async () => {
        const supervisor = await superviseServers(state, record, [server('one')]);
        expect(state.read()?.processes.map((entry) => entry.id)).toEqual([supervisorId]);
        const pid = await waitServing(state, server('one'), 10_000);
        expect(isAlive(pid)).toBe(true);
        expect(readServerStatus(root)?.supervisor).toBe(supervisor.pid);
    });

    it('restarts a killed server under a new pid and counts the restart', async () => {
        const before = readServerStatus(root)!.servers['cc.test.echo']!;
        process.kill(before.pid!, 'SIGKILL');
        const pid = await waitServing(state, server('one'), 10_000).then(async (first) => {
            // The status may still show the dead pid for a moment.
            for (let i = 0; i < 50 && (first === before.pid || !isAlive(first)); i++) {
                await new Promise((resolve) => setTimeout(resolve, 100));
                first = readServerStatus(root)!.servers['cc.test.echo']!.pid ?? first;
            }
            return first;
        });
        expect(pid).not.toBe(before.pid);
        expect(readServerStatus(root)!.servers['cc.test.echo']).toMatchObject({
            restarts: 1,
            lastExit: { signal: 'SIGKILL' },
        });
        expect(readFileSync(state.log(supervisorId), 'utf8')).toContain('cc.test.echo restarts in 250 ms');
    });

    it('a changed spec entry replaces the running server (reload on SIGHUP, same supervisor)', async () => {
        const old = readServerStatus(root)!.servers['cc.test.echo']!.pid!;
        const supervisor = await superviseServers(state, record, [server('two')]);
        const pid = await waitServing(state, server('two'), 10_000);
        expect(pid).not.toBe(old);
        expect(isAlive(old)).toBe(false);
        expect(readServerStatus(root)?.supervisor).toBe(supervisor.pid);
    });

    it('stopping the supervisor stops its servers', async () => {
        const pid = readServerStatus(root)!.servers['cc.test.echo']!.pid!;
        const supervisor = record.processes.find((entry) => entry.id === supervisorId)!;
        await stopProcess(supervisor.pid);
        expect(isAlive(supervisor.pid)).toBe(false);
        expect(isAlive(pid)).toBe(false);
    });
});
