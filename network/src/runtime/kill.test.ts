// SPDX-License-Identifier: Apache-2.0
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { NetworkError } from '../errors.js';
import { killNode } from './kill.js';
import { isAlive, startDetached, stopProcess } from './processes.js';
import { StateDir } from './state.js';

describe('killNode', () => {
    let root = '';
    beforeEach(() => {
        root = mkdtempSync(join(tmpdir(), 'productivist-kill-'));
    });
    afterEach(() => {
        rmSync(root, { recursive: true, force: true });
    });

    const record = (state: StateDir, processes: ReturnType<typeof startDetached>[]): void => {
        state.ensure();
        state.write({ version: 1, ecosystem: 'kill', source: root, enrolled: true, joined: [], processes });
    };

    it('kills a recorded node with SIGKILL, even one that ignores SIGTERM, and refuses it once it is gone', async () => {
        const state = new StateDir(join(root, 'state'));
        // A node that ignores SIGTERM: only SIGKILL ends it.
        const node = startDetached(
            'peer0.stubborn',
            process.execPath,
            ['-e', "process.on('SIGTERM', () => undefined); setInterval(() => undefined, 1000);"],
            { PATH: process.env.PATH ?? '' },
            state.log('peer0.stubborn'),
            root,
        );
        try {
            record(state, [node]);
            expect(isAlive(node.pid)).toBe(true);
            const started = Date.now();
            await expect(killNode(state.root, 'peer0.stubborn')).resolves.toEqual({
                id: 'peer0.stubborn',
                pid: node.pid,
            });
            expect(isAlive(node.pid)).toBe(false);
            // Not a stop's grace period: SIGKILL at once.
            expect(Date.now() - started).toBeLessThan(5_000);
            const again = await killNode(state.root, 'peer0.stubborn').catch((error: unknown) => error);
            expect(again).toBeInstanceOf(NetworkError);
            expect(again).toMatchObject({
                code: 'NODE_NOT_RUNNING',
                message: `node 'peer0.stubborn' of ${state.root} is not running`,
            });
        } finally {
            await stopProcess(node.pid, 100);
        }
    });

    it('refuses a node the network does not have, listing those it has', async () => {
        const state = new StateDir(join(root, 'state'));
        record(state, []);
        const error = await killNode(state.root, 'peer9.nowhere').catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(NetworkError);
        expect(error).toMatchObject({
            code: 'NODE_NOT_FOUND',
            message: `no node 'peer9.nowhere' runs in ${state.root}`,
        });
    });

    it('refuses a folder without a network', async () => {
        await expect(killNode(join(root, 'none'), 'peer0.x')).rejects.toMatchObject({ code: 'NO_NETWORK' });
    });
});
