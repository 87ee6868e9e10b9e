// SPDX-License-Identifier: Apache-2.0
//
// Onboarding commands on ordinary mistakes, without a network: each exits with its documented code,
// one line naming the thing and a hint, and writes nothing.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ExitCode } from '@productivist/common';

import { runCli } from './run.js';

describe('the onboarding commands on user mistakes', () => {
    let dir = '';
    const cli = async (...argv: string[]): Promise<{ code: number; out: string; err: string }> => {
        const out: string[] = [];
        const err: string[] = [];
        const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t), cwd: dir });
        return { code, out: out.join('\n'), err: err.join('\n') };
    };
    const first = (err: string): string => err.split('\n')[0] ?? '';

    beforeAll(() => {
        dir = mkdtempSync(join(tmpdir(), 'productivist-onboarding-mistakes-'));
    });
    afterAll(() => {
        rmSync(dir, { recursive: true, force: true });
    });

    it('org add without a network names the state folder', async () => {
        const org = join(__dirname, '..', '..', 'examples', 'onboarding', 'northlab.yaml');
        const result = await cli('org', 'add', org, '--channel', 'productivist', '--network', 'none');
        expect(result.code).toBe(ExitCode.notFound);
        expect(first(result.err)).toBe(`productivist: no network in ${join(dir, 'none')}: it holds no network.json`);
        expect(existsSync(join(dir, 'productivist-add-NorthLabMSP.update.json'))).toBe(false);
    });

    it('org add with an invalid organization file reports its line and column', async () => {
        writeFileSync(join(dir, 'bad.yaml'), 'name: Bad\nmspId: BadMSP\ndomain: bad.example\nroles: [baker]\n');
        const result = await cli('org', 'add', 'bad.yaml', '--channel', 'productivist');
        expect(result.code).toBe(ExitCode.invalidInput);
        expect(result.err).toContain(`${join(dir, 'bad.yaml')}:4:9`);
        expect(result.err).toContain("roles[0] is 'baker'");
    });

    it('org sign of a file that is not an update file says what it is not', async () => {
        writeFileSync(join(dir, 'notes.json'), '{"hello": 1}');
        const result = await cli('org', 'sign', 'notes.json', '--msp', 'msp', '--msp-id', 'AMSP');
        expect(result.code).toBe(ExitCode.invalidInput);
        expect(first(result.err)).toBe(
            `productivist: ${join(dir, 'notes.json')} is not a config update file of productivist: its format is undefined`,
        );
        expect(readFileSync(join(dir, 'notes.json'), 'utf8')).toBe('{"hello": 1}');
    });

    it('org sign with --msp and no --msp-id is a usage error', async () => {
        const result = await cli('org', 'sign', 'u.json', '--msp', 'msp');
        expect(result.code).toBe(ExitCode.usage);
        expect(first(result.err)).toBe('productivist: --msp needs --msp-id');
    });

    it('role grant of a role the registry does not know names the roles it knows', async () => {
        const result = await cli('role', 'grant', 'NorthLabMSP', 'baker');
        expect(result.code).toBe(ExitCode.invalidInput);
        expect(first(result.err)).toBe("productivist: role 'baker' is not a role of the registry");
        expect(result.err).toContain('customer, designer, producer, expert, treasury');
    });
});
