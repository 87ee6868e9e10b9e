// SPDX-License-Identifier: Apache-2.0
//
// The README's CLI walkthrough, run line by line as written (through the committed bin shim, as npx
// runs it) in a scratch copy of the repository's examples. Every line must succeed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const bin = join(root, 'cli', 'bin', 'productivist.js');

/** The `npx productivist` lines of the README's sh blocks. */
function readmeCommands(markdown: string): string[] {
    const commands: string[] = [];
    let inShell = false;
    for (const line of markdown.split('\n')) {
        if (line.startsWith('```')) inShell = line === '```sh';
        else if (inShell && line.startsWith('npx productivist ')) commands.push(line);
    }
    return commands;
}

/** Splits a shell command line into words: single and double quotes, no expansions (the README uses none). */
function shellWords(line: string): string[] {
    const words: string[] = [];
    let word = '';
    let quote: string | undefined;
    let inWord = false;
    for (const ch of line) {
        if (quote !== undefined) {
            if (ch === quote) quote = undefined;
            else word += ch;
        } else if (ch === '"' || ch === "'") {
            quote = ch;
            inWord = true;
        } else if (ch === ' ') {
            if (inWord) words.push(word);
            word = '';
            inWord = false;
        } else if (ch === '#' && !inWord) {
            break;
        } else {
            word += ch;
            inWord = true;
        }
    }
    if (quote !== undefined) throw new Error(`unclosed quote in: ${line}`);
    if (inWord) words.push(word);
    return words;
}

describe('README CLI walkthrough', () => {
    const commands = readmeCommands(readFileSync(join(root, 'README.md'), 'utf8'));
    let dir: string;
    beforeAll(() => {
        if (!existsSync(join(root, 'cli', 'dist', 'main.js'))) {
            throw new Error("cli/dist is not built; run 'npm run build' (npm test builds before testing)");
        }
        dir = mkdtempSync(join(tmpdir(), 'productivist-readme-'));
        symlinkSync(join(root, 'examples'), join(dir, 'examples'));
    });
    afterAll(() => {
        rmSync(dir, { recursive: true, force: true });
    });

    it('has a walkthrough', () => {
        expect(commands.length).toBeGreaterThanOrEqual(10);
        expect(shellWords(`npx productivist a "b c" 'd "e"' f # note`)).toEqual([
            'npx',
            'productivist',
            'a',
            'b c',
            'd "e"',
            'f',
        ]);
    });

    // One test per line, in order: each builds on the world the previous ones left.
    it.each(commands.map((command, index) => [index + 1, command] as const))(
        'line %i: %s',
        (_index, command) => {
            const args = shellWords(command).slice(2);
            const run = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
            if (run.status !== 0) throw new Error(`exit ${String(run.status)}\n${run.stdout}\n${run.stderr}`);
            expect(run.stderr).not.toContain('internal error');
        },
        120_000,
    );
});
