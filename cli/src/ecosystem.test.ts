// SPDX-License-Identifier: Apache-2.0
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ExitCode } from '@productivist/common';

import { runCli } from './run.js';

const root = join(__dirname, '..', '..');
/** The industrial examples link to a public network: the channel kit's test bundle stands in for one. */
const testPublic = ['--public', 'channel-kit/test-fixtures/public-network'];

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, { out: (text) => out.push(text), err: (text) => err.push(text), cwd: root });
    return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('productivist validate and generate', () => {
    let dir: string;
    beforeAll(() => {
        dir = mkdtempSync(join(tmpdir(), 'productivist-cli-'));
    });
    afterAll(() => {
        rmSync(dir, { recursive: true, force: true });
    });

    it.each([
        ['productivist', '6 organizations, 0 imported, 1 channel, 4 chaincodes, raft ordering by Productivist'],
        ['acme-raft', '3 organizations, 1 imported, 1 channel, 1 chaincode, raft ordering by Productivist'],
        ['aero-bft', '4 organizations, 1 imported, 2 channels, 3 chaincodes, bft ordering by AeroParts'],
    ])('validates examples/%s.yaml and prints a summary', async (name, summary) => {
        expect(await cli('validate', `examples/${name}.yaml`, ...testPublic)).toEqual({
            code: ExitCode.success,
            out: `examples/${name}.yaml: valid (${summary}); 0 warnings`,
            err: '',
        });
    });

    it('says what is missing when the public network an industrial example links to is not there', async () => {
        const validated = await cli('validate', 'examples/acme-raft.yaml', '--public', dir);
        expect(validated.code).toBe(ExitCode.invalidInput);
        expect(validated.err.split('\n')[1]).toBe(
            `  examples/acme-raft.yaml:61:5: error [public-network-missing] publicNetwork: the public network's bundle ${join(dir, 'published', 'public-network.json')} cannot be read (ENOENT); 'productivist network up --state ${dir}' of the public network writes it; or give --public the state folder of the running public network`,
        );
    });

    it('lists every problem with exit code 2 and writes nothing', async () => {
        const file = join(dir, 'bad.yaml');
        const text = readFileSync(join(root, 'examples', 'acme-raft.yaml'), 'utf8')
            .replace('members: [Acme, CastCo, BoltWorks]', 'members: [Acme, CastCo, BoltWork]')
            .replace('type: raft', 'type: kafka');
        writeFileSync(file, text);
        const validated = await cli('validate', file, ...testPublic);
        expect(validated.code).toBe(ExitCode.invalidInput);
        expect(validated.out).toBe('');
        const lines = validated.err.split('\n');
        expect(lines[0]).toBe(`productivist: ${file} has 1 error and 0 warnings; nothing was written`);
        expect(lines[1]).toMatch(
            /^ {2}\/.*bad\.yaml:\d+:\d+: error \[schema-enum\] ordering\.type is 'kafka', expected one of "raft", "bft"; use one of "raft", "bft"$/,
        );
        expect(lines.at(-1)).toBe('hint: fix each problem at the line and column shown, then run the command again');
        const out = join(dir, 'never');
        const generated = await cli('generate', file, '--out', out, ...testPublic);
        expect(generated.code).toBe(ExitCode.invalidInput);
        expect(existsSync(out)).toBe(false);
    });

    it('generates into a folder, regenerates into it, and refuses a folder it did not generate', async () => {
        const out = join(dir, 'acme');
        const first = await cli('generate', 'examples/acme-raft.yaml', '--out', out, ...testPublic);
        expect(first).toEqual({ code: 0, out: `examples/acme-raft.yaml: wrote 54 files to ${out}`, err: '' });
        const lock = readFileSync(join(out, 'productivist.lock.json'), 'utf8');
        writeFileSync(join(out, 'organizations', 'enrolled-by-hand.pem'), 'kept');
        expect((await cli('generate', 'examples/acme-raft.yaml', '--out', out, ...testPublic)).code).toBe(0);
        expect(readFileSync(join(out, 'productivist.lock.json'), 'utf8')).toBe(lock);
        expect(readFileSync(join(out, 'organizations', 'enrolled-by-hand.pem'), 'utf8')).toBe('kept');
        const foreign = join(dir, 'foreign');
        await cli('generate', 'examples/productivist.yaml', '--out', foreign);
        rmSync(join(foreign, 'productivist.lock.json'));
        const refused = await cli('generate', 'examples/productivist.yaml', '--out', foreign);
        expect(refused.code).toBe(ExitCode.invalidInput);
        expect(refused.err.split('\n')[0]).toBe(
            `productivist: output folder ${foreign} is not empty and holds no previous generation (productivist.lock.json)`,
        );
    });

    it("refuses to replace another ecosystem's generation unless --force", async () => {
        const out = join(dir, 'shared-out');
        expect((await cli('generate', 'examples/acme-raft.yaml', '--out', out, ...testPublic)).code).toBe(0);
        const refused = await cli('generate', 'examples/aero-bft.yaml', '--out', out, ...testPublic);
        expect(refused.code).toBe(ExitCode.invalidInput);
        expect(refused.err.split('\n')).toEqual([
            `productivist: output folder ${out} holds the generation of ecosystem 'acme-raft', not 'aero-bft'`,
            "hint: choose another folder for --out, or add --force to replace the 'acme-raft' tree",
        ]);
        expect(readFileSync(join(out, 'generated-files.txt'), 'utf8').split('\n')[0]).toBe('# ecosystem: acme-raft');
        const forced = await cli(
            'generate',
            'examples/aero-bft.yaml',
            '--out',
            out,
            '--force',
            '--json',
            ...testPublic,
        );
        expect(forced.code).toBe(0);
        expect(JSON.parse(forced.out)).toMatchObject({ file: 'examples/aero-bft.yaml', warnings: [] });
        expect(readFileSync(join(out, 'generated-files.txt'), 'utf8').split('\n')[0]).toBe('# ecosystem: aero-bft');
    });

    it('prints validate results as JSON with --json', async () => {
        const valid = await cli('validate', 'examples/acme-raft.yaml', '--json', ...testPublic);
        expect(JSON.parse(valid.out)).toMatchObject({ file: 'examples/acme-raft.yaml', valid: true, problems: [] });
        writeFileSync(join(dir, 'broken.yaml'), 'version: 1\n');
        const invalid = await cli('validate', join(dir, 'broken.yaml'), '--json');
        expect(invalid.code).toBe(ExitCode.invalidInput);
        const report = JSON.parse(invalid.out) as { valid: boolean; problems: { line: number; message: string }[] };
        expect(report.valid).toBe(false);
        expect(report.problems.length).toBeGreaterThan(0);
    });

    it('reports a missing file as not found', async () => {
        const result = await cli('validate', 'examples/nope.yaml');
        expect(result.code).toBe(ExitCode.notFound);
        expect(result.err.split('\n')[0]).toBe('productivist: cannot read examples/nope.yaml: no such file');
    });

    it('has --help on validate and generate', async () => {
        for (const command of ['validate', 'generate']) {
            const result = await cli(command, '--help');
            expect(result.code).toBe(ExitCode.success);
            expect(result.out).toContain(`Usage: productivist ${command}`);
        }
    });
});
