// SPDX-License-Identifier: Apache-2.0
//
// `productivist scaffold contract` and `scaffold app` through the CLI: what they print, and a bad
// name or a folder with the user's edits refused with its exit code, message and hint.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { withPrivateChannel } from '@productivist/channel-kit';
import { ExitCode } from '@productivist/common';

import { runCli } from './run.js';

const examples = join(__dirname, '..', '..', 'examples');

describe('productivist scaffold', () => {
    let dir = '';
    const cli = async (...argv: string[]): Promise<{ code: number; out: string; err: string }> => {
        const out: string[] = [];
        const err: string[] = [];
        const code = await runCli(argv, { out: (text) => out.push(text), err: (text) => err.push(text), cwd: dir });
        return { code, out: out.join('\n'), err: err.join('\n') };
    };
    const ecosystem = withPrivateChannel(readFileSync(join(examples, 'productivist.yaml'), 'utf8'), 'supply', [
        'Customer',
        'Producer',
    ]);
    beforeEach(() => {
        dir = mkdtempSync(join(tmpdir(), 'productivist-scaffold-cli-'));
        writeFileSync(join(dir, 'eco.yaml'), ecosystem);
    });
    afterEach(() => {
        rmSync(dir, { recursive: true, force: true });
    });

    it('writes a contract and its app, saying what it did', async () => {
        const contract = await cli('scaffold', 'contract', 'orders', '--ecosystem', 'eco.yaml', '--channel', 'supply');
        expect(contract).toEqual({
            code: ExitCode.success,
            out: [
                'orders: 18 files in orders (private channel supply, pays on productivist, proves on supply)',
                'eco.yaml: orders added to channel supply (endorsement: all of Customer, Producer; uses: [productoken])',
                'next: cd orders && npm install && npm test',
            ].join('\n'),
            err: '',
        });
        const app = await cli('scaffold', 'app', 'orders-app', '--contract', 'orders');
        expect(app.code).toBe(ExitCode.success);
        expect(app.out).toContain('orders-app: 11 files in orders-app (a client of orders on supply)');
    });

    it('refuses an invalid name with exit 64, its message and hint, and writes nothing', async () => {
        const refused = await cli(
            'scaffold',
            'contract',
            'My_Orders',
            '--ecosystem',
            'eco.yaml',
            '--channel',
            'supply',
        );
        expect(refused.code).toBe(ExitCode.usage);
        expect(refused.err).toContain("contract name 'My_Orders' is not a valid chaincode name");
        expect(refused.err).toContain("use 1 to 40 lowercase letters, digits, '-' or '_', starting with a letter");
        expect(readdirSync(dir)).toEqual(['eco.yaml']);
        expect(readFileSync(join(dir, 'eco.yaml'), 'utf8')).toBe(ecosystem);
    });

    it('refuses to overwrite an edited file without --force', async () => {
        await cli('scaffold', 'contract', 'orders', '--ecosystem', 'eco.yaml', '--channel', 'supply');
        writeFileSync(join(dir, 'orders', 'SPEC.md'), '# my spec\n');
        const refused = await cli('scaffold', 'contract', 'orders', '--ecosystem', 'eco.yaml', '--channel', 'supply');
        expect(refused.code).toBe(ExitCode.usage);
        expect(refused.err).toContain('SPEC.md');
        expect(refused.err).toContain("run 'productivist scaffold contract orders --force' to overwrite them");
        expect(readFileSync(join(dir, 'orders', 'SPEC.md'), 'utf8')).toBe('# my spec\n');
    });
});
