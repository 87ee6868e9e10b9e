// SPDX-License-Identifier: Apache-2.0
//
// Two real `productivist wallet transfer` processes at once on one state directory, each paying 60 %
// of the balance: the state directory's lock serialises them, so exactly one commits, the other is
// refused for funds, the world still opens and the balances add up.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ExitCode } from '@productivist/common';

import { runCli } from './run.js';

const bin = join(__dirname, '..', 'bin', 'productivist.js');

function productivist(cwd: string, args: readonly string[]): Promise<{ code: number; out: string; err: string }> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [bin, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        let err = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
        child.on('error', reject);
        child.on('close', (code) => {
            resolve({ code: code ?? -1, out: out.trim(), err: err.trim() });
        });
    });
}

describe('two CLI commands at once on one state directory', () => {
    let dir: string;
    const cli = async (...argv: string[]): Promise<{ code: number; out: string }> => {
        const out: string[] = [];
        const code = await runCli(argv, { out: (t) => out.push(t), err: () => undefined, cwd: dir });
        return { code, out: out.join('\n') };
    };
    beforeAll(() => {
        dir = mkdtempSync(join(tmpdir(), 'productivist-concurrent-'));
        if (!existsSync(join(__dirname, '..', 'dist', 'main.js'))) {
            throw new Error("cli/dist is not built; run 'npm run build' (npm test builds before testing)");
        }
    });
    afterAll(() => {
        rmSync(dir, { recursive: true, force: true });
    });

    it('commits exactly one of two transfers of 60 % each; the world opens and balances add up', async () => {
        expect((await cli('demo', '--state', 'world')).code).toBe(ExitCode.success);
        const balance = async (member: string): Promise<bigint> =>
            BigInt(
                (
                    JSON.parse((await cli('wallet', 'balance', '--as', member, '--state', 'world', '--json')).out) as {
                        available: string;
                    }
                ).available,
            );
        const alice = await balance('alice');
        const dana = await balance('dana');
        const sixty = ((alice * 60n) / 100n).toString();
        const transfer = (request: string): Promise<{ code: number; out: string; err: string }> =>
            productivist(dir, [
                'wallet',
                'transfer',
                'dana',
                sixty,
                '--request',
                request,
                '--as',
                'alice',
                '--state',
                'world',
            ]);

        const results = await Promise.all([transfer('sixty-a'), transfer('sixty-b')]);

        const committed = results.filter((result) => result.code === ExitCode.success);
        const refused = results.filter((result) => result.code !== ExitCode.success);
        expect(committed).toHaveLength(1);
        expect(refused).toHaveLength(1);
        expect(refused[0]?.code).toBe(ExitCode.ledger);
        expect(refused[0]?.err).toContain('INSUFFICIENT_FUNDS');
        expect(await balance('alice')).toBe(alice - BigInt(sixty));
        expect(await balance('dana')).toBe(dana + BigInt(sixty));
        const journal = readFileSync(join(dir, 'world', 'journal.jsonl'), 'utf8');
        expect(journal.match(/"sixty-[ab]"/g)).toHaveLength(1);
        expect(existsSync(join(dir, 'world', 'lock'))).toBe(false);
    }, 120_000);
});
