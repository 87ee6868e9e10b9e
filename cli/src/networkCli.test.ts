// SPDX-License-Identifier: Apache-2.0
//
// The `productivist network` commands as a user types them, on real Fabric: up from an ecosystem
// file (generated through the CLI composition), up again, status --json, logs, a killed peer shown
// down and brought back by restart, down twice, and status of a folder holding no network.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ExitCode } from '@productivist/common';
import type { NetworkStatus } from '@productivist/network';
import { networkDown } from '@productivist/network';

import { eventually, freePortBase, requireFabric, soloEcosystem } from '@productivist/network/testing';

import { runCli } from './run.js';

jest.setTimeout(120_000);

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, { out: (text) => out.push(text), err: (text) => err.push(text), cwd: tmpdir() });
    return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('productivist network (CLI) on real Fabric', () => {
    const dir = mkdtempSync(join(tmpdir(), 'productivist-netcli-'));
    const state = join(dir, 'state');
    const file = join(dir, 'solo.yaml');

    beforeAll(async () => {
        requireFabric();
        writeFileSync(file, soloEcosystem('solo', await freePortBase(12)));
    });

    afterAll(async () => {
        try {
            await networkDown(state);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });

    const status = async (): Promise<NetworkStatus> => {
        const result = await cli('network', 'status', '--state', state, '--json');
        expect(result.code).toBe(ExitCode.success);
        return JSON.parse(result.out) as NetworkStatus;
    };

    it('up from an ecosystem file prints one line per step and ends with the elapsed time', async () => {
        const result = await cli('network', 'up', file, '--state', state);
        expect(result.err).toBe('');
        expect(result.code).toBe(ExitCode.success);
        expect(result.out).toMatch(/\[ +\d+\.\d s\] ca\.solo ready \(pid \d+, ca\)/);
        expect(result.out).toMatch(/\[ +\d+\.\d s\] channel solo: 1 peers joined/);
        expect(result.out).toMatch(new RegExp(`\\nup in \\d+\\.\\d s; state in ${state}$`));
        const again = await cli('network', 'up', file, '--state', state);
        expect(again.out).toBe(`the network in ${state} is already running (3 processes); nothing done`);
    });

    it('status --json lists each node healthy with its pid, and the channel height per peer', async () => {
        const now = await status();
        expect(now.nodes.map((node) => [node.id, node.healthy])).toEqual([
            ['ca.solo', true],
            ['orderer0.solo', true],
            ['peer0.solo', true],
        ]);
        // The genesis block and the anchor-peer config update.
        expect(now.heights).toEqual({ solo: { 'peer0.solo': 2 } });
        // The Raft election follows the join: its log line comes a moment later.
        const elected = await eventually(status, (value) => value.leaders['solo'] !== null, 15_000);
        expect(elected.leaders).toEqual({ solo: 'orderer0.solo' });
    });

    it('logs prints a node log; an unknown node is named', async () => {
        const logs = await cli('network', 'logs', 'orderer0.solo', '--state', state);
        expect(logs.code).toBe(ExitCode.success);
        expect(logs.out).toContain('Beginning to serve requests');
        const unknown = await cli('network', 'logs', 'peer9.solo', '--state', state);
        expect(unknown.code).toBe(ExitCode.notFound);
        expect(unknown.err).toContain(`productivist: no log for node 'peer9.solo' in ${join(state, 'logs')}`);
    });

    it('a killed peer shows as down, stop finds it down, and restart brings it back healthy', async () => {
        const peer = (await status()).nodes.find((node) => node.id === 'peer0.solo')!;
        process.kill(peer.pid!, 'SIGKILL');
        for (let i = 0; i < 50 && (await status()).nodes.find((node) => node.id === 'peer0.solo')!.running; i++) {
            await new Promise((resolve) => setTimeout(resolve, 100));
        }
        expect((await status()).nodes.find((node) => node.id === 'peer0.solo')).toMatchObject({
            running: false,
            healthy: false,
        });
        // stop says what it found: a node down already, a node the network does not have.
        expect((await cli('network', 'stop', 'peer0.solo', '--state', state)).out).toBe('peer0.solo was not running');
        const unknown = await cli('network', 'stop', 'peer9.solo', '--state', state);
        expect(unknown.code).toBe(ExitCode.notFound);
        expect(unknown.err).toContain("productivist: no node 'peer9.solo' in solo");
        const restarted = await cli('network', 'restart', 'peer0.solo', '--state', state);
        expect(restarted.code).toBe(ExitCode.success);
        expect(restarted.out).toMatch(/peer0\.solo restarted \(pid \d+\)$/);
        expect((await status()).nodes.find((node) => node.id === 'peer0.solo')).toMatchObject({
            running: true,
            healthy: true,
        });
    });

    it('down stops the three processes; down again and status of an empty folder say so', async () => {
        expect((await cli('network', 'down', '--state', state)).out).toBe(
            'stopped 3 processes; every port of the plan is free',
        );
        expect((await cli('network', 'down', '--state', state)).out).toBe(`nothing runs in ${state}; nothing to stop`);
        const empty = await cli('network', 'status', '--state', join(dir, 'nothing-here'));
        expect(empty.code).toBe(ExitCode.notFound);
        expect(empty.err).toContain(
            `productivist: no network in ${join(dir, 'nothing-here')}: it holds no network.json`,
        );
    });
});
