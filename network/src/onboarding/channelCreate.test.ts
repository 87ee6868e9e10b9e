// SPDX-License-Identifier: Apache-2.0
//
// channel create's refusals before anything starts: no public network running in --public, and a
// running network that publishes no public network bundle. (The real-network case is
// cli/src/realnet/industrialChannels.test.ts.)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { NetworkError } from '../errors.js';
import { createIndustrialChannels } from './channelCreate.js';
import type { EcosystemEditor } from './context.js';

describe('channel create refusals', () => {
    const root = mkdtempSync(join(tmpdir(), 'productivist-channel-create-'));
    const generated: string[] = [];
    const create = (publicState: string): Promise<unknown> =>
        createIndustrialChannels({
            file: join(root, 'industrial.yaml'),
            publicState,
            state: join(root, 'industrial'),
            fabricHome: root,
            generate: (file) => {
                generated.push(file);
            },
            editor: {} as EcosystemEditor,
        });

    afterAll(() => {
        rmSync(root, { recursive: true, force: true });
    });

    it('refuses a --public folder where no public network runs, starting nothing', async () => {
        const error = await create(join(root, 'nothing')).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(NetworkError);
        expect(error).toMatchObject({
            code: 'PUBLIC_NETWORK_DOWN',
            message: `the public network in ${join(root, 'nothing')} is not running`,
        });
        expect(generated).toEqual([]);
    });

    it('refuses a running network that published no public network bundle', async () => {
        const state = join(root, 'running');
        mkdirSync(state, { recursive: true });
        // This test process stands in for a node of the network: its pid is alive.
        writeFileSync(
            join(state, 'network.json'),
            JSON.stringify({
                version: 1,
                ecosystem: 'other',
                source: 'other.yaml',
                enrolled: true,
                joined: [],
                processes: [{ id: 'peer0.other', pid: process.pid, command: [], log: '', startedAt: '' }],
            }),
        );
        const error = await create(state).catch((caught: unknown) => caught);
        expect(error).toMatchObject({
            code: 'PUBLIC_BUNDLE_MISSING',
            message: `the network in ${state} publishes no public network bundle (${join(state, 'published', 'public-network.json')})`,
        });
        expect(generated).toEqual([]);
    });
});
