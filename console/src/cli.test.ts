// SPDX-License-Identifier: Apache-2.0
//
// `productivist console` without a browser: its refusals of bad options, and a start on an
// embedded world — 127.0.0.1, the token required, the session cookie HttpOnly, the world's lock
// released on stop.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { LocalLedger } from '@productivist/clients';
import type { CliIo } from '@productivist/common';
import { KitError } from '@productivist/common';
import { Command } from 'commander';

import { consoleCommand } from './cli.js';

const root = join(__dirname, '..', '..');

describe('productivist console', () => {
    let dir: string;
    let out: string[];
    let stop: () => void = () => undefined;

    const program = (): Command => {
        const io: CliIo = { out: (line) => out.push(line), err: (line) => out.push(line), cwd: dir };
        const command = new Command('productivist').exitOverride();
        consoleCommand({
            until: () =>
                new Promise<void>((resolve) => {
                    stop = resolve;
                }),
        })(command, io);
        return command;
    };
    const run = (...argv: string[]): Promise<Command> => program().parseAsync(['console', ...argv], { from: 'user' });

    beforeAll(async () => {
        execFileSync(process.execPath, [join(root, 'console', 'scripts', 'bundle.mjs')]);
        dir = mkdtempSync(join(tmpdir(), 'productivist-console-cli-'));
        (await LocalLedger.open(join(dir, 'world'), { create: true })).close();
    }, 60_000);
    afterAll(() => {
        rmSync(dir, { recursive: true, force: true });
    });
    beforeEach(() => {
        out = [];
    });

    it.each([
        [['--state', 'world', '--network', 'net'], 'INVALID_ARGUMENT', '--state and --network were both given'],
        [['--state', 'nowhere'], 'NOT_FOUND', 'state directory nowhere does not exist'],
        [['--network', 'world'], 'NO_NETWORK', 'holds no network.json'],
        [['--state', 'world', '--updates', 'pending'], 'INVALID_ARGUMENT', '--updates needs --network'],
    ])('refuses %j', async (argv, code, message) => {
        const refusal = await run(...argv).catch((error: unknown) => error);
        expect(refusal).toBeInstanceOf(KitError);
        expect(refusal).toMatchObject({ code });
        expect((refusal as KitError).message).toContain(message);
        expect(out).toEqual([]);
    });

    it('refuses a port that is not a whole number in range, as the CLI parser does', async () => {
        const refusal = await run('--state', 'world', '--port', '70000').catch((error: unknown) => error);
        expect(refusal).toMatchObject({
            code: 'INVALID_ARGUMENT',
            message: '--port 70000 is too large; the largest is 65535',
        });
    });

    it('serves the world on 127.0.0.1 behind the one-time token, and releases the world when stopped', async () => {
        const running = run('--state', 'world');
        const deadline = Date.now() + 20_000;
        while (!out.some((line) => line.includes('/login?token=')) && Date.now() < deadline) {
            await new Promise((resolve) => setTimeout(resolve, 50));
        }
        const login = /open (\S+)/.exec(out.join('\n'))?.[1] ?? '';
        const url = new URL(login);
        expect(url.hostname).toBe('127.0.0.1');
        expect(url.searchParams.get('token')).toMatch(/^[A-Za-z0-9_-]{32}$/);

        expect((await fetch(`${url.origin}/api/info`)).status).toBe(401);
        const answer = await fetch(login, { redirect: 'manual' });
        expect(answer.status).toBe(303);
        const cookie = answer.headers.get('set-cookie') ?? '';
        expect(cookie).toMatch(/HttpOnly/);
        expect(cookie).toMatch(/SameSite=Strict/);
        const session = cookie.split(';')[0] ?? '';
        const info = (await (await fetch(`${url.origin}/api/info`, { headers: { cookie: session } })).json()) as {
            kind: string;
            members: { name: string }[];
        };
        expect(info.kind).toBe('embedded');
        expect(info.members.map((member) => member.name)).toEqual(
            expect.arrayContaining(['alice', 'treasury', 'erin']),
        );
        expect((await fetch(login, { redirect: 'manual' })).status).toBe(401);
        // While it runs the console holds the world.
        await expect(LocalLedger.open(join(dir, 'world'), { lockTimeoutMs: 100 })).rejects.toMatchObject({
            code: 'LOCKED',
        });

        stop();
        await running;
        await expect(fetch(`${url.origin}/api/info`)).rejects.toThrow();
        (await LocalLedger.open(join(dir, 'world'), { lockTimeoutMs: 1_000 })).close();
    }, 60_000);
});
