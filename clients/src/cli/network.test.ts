// SPDX-License-Identifier: Apache-2.0
//
// `--network` routing of the flow commands: the opener the composition root injects gets the
// network folder, every command and the demo run on the ledger it returns, and the options that
// belong to the embedded world are refused with it. The opener here returns an in-memory embedded
// world (a real ledger); the real-Fabric runs are in cli/src/realnet.
import { KitError } from '@productivist/common';
import { Command } from 'commander';

import { LocalLedger } from '../local/LocalLedger.js';
import { RecordingLedger } from '../recording.js';
import { flowCommands, registerFlowCommands } from './register.js';
import type { NetworkLedgerOpener } from './shared.js';

async function catchError(act: () => Promise<unknown>): Promise<unknown> {
    try {
        await act();
    } catch (error) {
        return error;
    }
    throw new Error('expected an error, but none was thrown');
}

interface Run {
    readonly out: string[];
    readonly run: (...argv: string[]) => Promise<void>;
}

function program(openNetwork?: NetworkLedgerOpener): Run {
    const out: string[] = [];
    const run = async (...argv: string[]): Promise<void> => {
        const root = new Command('productivist').exitOverride();
        const register = openNetwork === undefined ? registerFlowCommands : flowCommands({ openNetwork });
        register(root, { out: (line) => out.push(line), err: () => undefined, cwd: '/nonexistent-cwd' });
        await root.parseAsync(argv, { from: 'user' });
    };
    return { out, run };
}

describe('the flow commands on a network (--network, PRODUCTIVIST_NETWORK)', () => {
    let world: LocalLedger;
    const opened: { directory: string; label: string }[] = [];
    let closed = 0;
    const opener: NetworkLedgerOpener = (directory, label) => {
        opened.push({ directory, label });
        return Promise.resolve({
            ledger: new RecordingLedger(world),
            close: () => {
                closed += 1;
            },
        });
    };
    beforeAll(async () => {
        world = await LocalLedger.open();
    });
    afterAll(() => {
        world.close();
    });

    it('runs the demo on the opened ledger, names the network, and closes it', async () => {
        const { out, run } = program(opener);
        await run('demo', '--network', 'net');
        expect(opened).toEqual([{ directory: '/nonexistent-cwd/net', label: 'net' }]);
        expect(closed).toBe(1);
        expect(out[0]).toBe('Productivist demo: the whole production flow on the Fabric network in net');
        expect(out).toContain('Every step reached its expected state.');
        expect(out.join('\n')).toMatch(/alice +960\.00 +0\.00/);
    });

    it('refuses a second demo on the same network before any transaction, saying how to start again', async () => {
        const { run } = program(opener);
        const error = await catchError(() => run('demo', '--network', 'net'));
        expect(error).toBeInstanceOf(KitError);
        expect(error).toMatchObject({
            code: 'DEMO_ALREADY_RAN',
            message: "the demo already ran on this ledger (model 'bracket' exists)",
            hint: "the demo runs once per network (fixed ids): start a fresh one with 'productivist network up --fresh --state net'",
        });
        expect(closed).toBe(2);
    });

    it('runs a command group on the network named by PRODUCTIVIST_NETWORK', async () => {
        const { out, run } = program(opener);
        process.env.PRODUCTIVIST_NETWORK = 'from-env';
        try {
            await run('wallet', 'balance', '--as', 'printlab');
        } finally {
            delete process.env.PRODUCTIVIST_NETWORK;
        }
        expect(opened.at(-1)).toEqual({ directory: '/nonexistent-cwd/from-env', label: 'from-env' });
        expect(out).toEqual(['printlab: 34.00 PDT available, 0.00 PDT held']);
    });

    it.each([
        [['wallet', 'balance', '--as', 'alice', '--network', 'net', '--create'], '--create starts an embedded world'],
        [['demo', '--network', 'net', '--state', 'world'], '--state keeps an embedded world'],
        [['wallet', 'identities', '--as', 'alice', '--network', 'net', '--store', 'ids'], 'wallet identities works'],
    ])('refuses %j', async (argv, message) => {
        const { run } = program(opener);
        const error = await catchError(() => run(...argv));
        expect(error).toBeInstanceOf(KitError);
        expect((error as KitError).message).toContain(message);
        expect((error as KitError).exitCode).toBe(64);
    });

    it('says that --network needs the productivist binary when no opener was injected', async () => {
        const { run } = program();
        const error = await catchError(() => run('wallet', 'balance', '--as', 'alice', '--network', 'net'));
        expect(error).toMatchObject({ code: 'NO_NETWORK_SUPPORT' });
    });
});
