// SPDX-License-Identifier: Apache-2.0
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ExitCode } from '@productivist/common';

import { runCli } from './run.js';

describe('productivist demo and the flow command groups', () => {
    let dir: string;
    const cli = async (...argv: string[]): Promise<{ code: number; out: string; err: string }> => {
        const out: string[] = [];
        const err: string[] = [];
        const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t), cwd: dir });
        return { code, out: out.join('\n'), err: err.join('\n') };
    };
    beforeAll(() => {
        dir = mkdtempSync(join(tmpdir(), 'productivist-cli-'));
    });
    afterAll(() => {
        rmSync(dir, { recursive: true, force: true });
    });

    it('runs the demo and leaves a world the other commands can use', async () => {
        const demo = await cli('demo', '--state', 'world');
        expect(demo.code).toBe(ExitCode.success);
        expect(demo.out).toContain('Every step reached its expected state.');
        expect(demo.out).toMatch(/alice +960\.00 +0\.00/);

        const balance = await cli('wallet', 'balance', '--as', 'printlab', '--state', 'world');
        expect(balance.out).toBe('printlab: 34.00 PDT available, 0.00 PDT held');
        const raw = await cli('wallet', 'balance', '--as', 'printlab', '--state', 'world', '--json');
        expect(JSON.parse(raw.out)).toEqual({ account: 'printlab', available: '3400', held: '0' });

        writeFileSync(join(dir, 'vase.stl'), 'solid vase');
        const registered = await cli(
            'model',
            'register',
            'vase',
            'A vase',
            'vase.stl',
            '--royalty',
            '500',
            '--as',
            'dana',
            '--state',
            'world',
        );
        expect(registered.code).toBe(ExitCode.success);
        expect(JSON.parse(registered.out)).toMatchObject({
            id: 'vase',
            licence: { royaltyBps: 500, printLimit: null },
        });

        const certified = await cli('model', 'certify', 'vase', 'a'.repeat(64), '--as', 'erin', '--state', 'world');
        expect(JSON.parse(certified.out)).toMatchObject({ status: 'CERTIFIED' });
        const ordered = await cli(
            'order',
            'create',
            'o-9',
            'vase',
            '1',
            '1000',
            '--producer',
            'printlab',
            '--spec',
            'blue',
            '--as',
            'alice',
            '--state',
            'world',
        );
        expect(JSON.parse(ordered.out)).toMatchObject({ order: { status: 'ASSIGNED' } });
    });

    it("prints a model's print usage to its designer; the customer is refused by the contract", async () => {
        const prints = await cli('order', 'prints', 'vase', '--as', 'dana', '--state', 'world');
        expect(prints.out).toBe('vase: 1 of unlimited prints used (o-9 ×1)');
        const nosy = await cli('order', 'prints', 'vase', '--as', 'alice', '--state', 'world');
        expect(nosy.code).toBe(ExitCode.invalidInput);
        expect(nosy.err).toContain("FORBIDDEN: 'alice' may not read the print usage of model 'vase'");
    });

    it('prints contract refusals with their code and a distinct exit code', async () => {
        await cli('demo', '--state', 'refusals');
        const poor = await cli(
            'wallet',
            'transfer',
            'dana',
            '99999999',
            '--request',
            'r1',
            '--as',
            'alice',
            '--state',
            'refusals',
        );
        expect(poor.code).toBe(ExitCode.ledger);
        expect(poor.err.split('\n')).toEqual([
            "productivist: productoken.Transfer refused: INSUFFICIENT_FUNDS: account 'alice' has 96000 available and cannot pay 99999999 " +
                "(base 96000, named credits 0; credits not named are not read: name them from CreditsOf in transient field 'credits', " +
                'or merge them into the base with Consolidate)',
            "hint: check the balance with 'productivist wallet balance', or pay a smaller amount",
        ]);
        const nosy = await cli('wallet', 'balance', 'dana', '--as', 'alice', '--state', 'refusals');
        expect(nosy.code).toBe(ExitCode.invalidInput);
        expect(nosy.err).toContain("FORBIDDEN: 'alice' may not read the balance of 'dana'");
        const missing = await cli('wallet', 'balance', '--state', 'refusals');
        expect(missing.code).toBe(ExitCode.usage);
        expect(missing.err.split('\n')[0]).toBe("productivist: required option '--as <member>' not specified");
    });

    it('prints the demo summary as JSON with --json', async () => {
        const result = await cli('demo', '--json');
        expect(result.code).toBe(ExitCode.success);
        const summary = JSON.parse(result.out) as { balances: Record<string, { available: string }>; steps: number };
        expect(summary.balances['printlab']).toMatchObject({ available: '3400' });
        expect(summary.steps).toBe(8);
    });

    it('refuses to run the demo into a directory that is not empty', async () => {
        writeFileSync(join(dir, 'notes.txt'), 'mine');
        const result = await cli('demo', '--state', '.');
        expect(result.code).toBe(ExitCode.invalidInput);
        expect(result.err.split('\n')).toEqual([
            'productivist: state directory . is not empty',
            'hint: remove it, or choose a new directory: the demo starts from a fresh world',
        ]);
    });
});
