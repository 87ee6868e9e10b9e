// SPDX-License-Identifier: Apache-2.0
import { spawnSync } from 'node:child_process';

import { ExitCode } from '@productivist/common';

import { runCli } from './run.js';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t), cwd: process.cwd() });
    return { code, out: out.join('\n'), err: err.join('\n') };
}

/** What bash completes after `words` (the last one being typed), with the generated script loaded. */
function complete(script: string, words: readonly string[]): string[] {
    const run = spawnSync(
        'bash',
        [
            '-c',
            `${script}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _productivist; echo "\${COMPREPLY[@]}"`,
        ],
        { encoding: 'utf8' },
    );
    return run.stdout.trim().split(/\s+/).filter(Boolean);
}

describe('productivist completion', () => {
    it('completes commands, subcommands and their options in bash', async () => {
        const { code, out } = await cli('completion', 'bash');
        expect(code).toBe(ExitCode.success);
        expect(complete(out, ['productivist', 'wal'])).toEqual(['wallet']);
        expect(complete(out, ['productivist', 'wallet', '--as', 'alice', 'tr'])).toEqual(['transfer']);
        expect(complete(out, ['productivist', 'wallet', 'transfer', '--r'])).toEqual(['--request', '--reference']);
        expect(complete(out, ['productivist', 'comp'])).toEqual(['completion']);
    });

    it('prints a zsh script through bashcompinit, and refuses other shells', async () => {
        expect((await cli('completion', 'zsh')).out).toContain('bashcompinit');
        const fish = await cli('completion', 'fish');
        expect(fish.code).toBe(ExitCode.usage);
        expect(fish.err.split('\n')).toEqual([
            "productivist: shell 'fish' has no completion script",
            'hint: use bash or zsh',
        ]);
    });
});
