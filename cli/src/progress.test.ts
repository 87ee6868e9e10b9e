// SPDX-License-Identifier: Apache-2.0
//
// The long steps of `npm test` say what they do and how long they have run; off a terminal (CI) in
// plain lines, with a heartbeat while a silent step runs.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const progress = join(__dirname, '..', '..', 'scripts', 'progress.mjs');

function runSteps(steps: readonly (readonly [string, string, readonly string[]])[]): {
    status: number | null;
    lines: string[];
} {
    const script = `
        import { runSteps } from ${JSON.stringify(progress)};
        const steps = ${JSON.stringify(steps)}.map(([title, command, args]) => [title, command, args, () => false]);
        await runSteps(steps, process.cwd());`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
        encoding: 'utf8',
        env: { ...process.env, PRODUCTIVIST_PROGRESS_MS: '200', CI: '1' },
    });
    return { status: run.status, lines: run.stdout.trim().split('\n') };
}

describe('progress of the pretest steps', () => {
    it('names each step, beats while a silent one runs, and says when it is done', () => {
        const { status, lines } = runSteps([
            ['quiet step', process.execPath, ['-e', 'setTimeout(() => {}, 900)']],
            ['quick step', process.execPath, ['-e', '']],
        ]);
        expect(status).toBe(0);
        expect(lines[0]).toBe('[1/2] quiet step: started');
        expect(
            lines.filter((line) => /^\[1\/2\] quiet step: still running, \d+\.\d s$/.test(line)).length,
        ).toBeGreaterThanOrEqual(2);
        expect(lines).toContainEqual(expect.stringMatching(/^\[1\/2\] quiet step: done in \d+\.\d s$/));
        expect(lines.at(-1)).toMatch(/^\[2\/2\] quick step: done in \d+\.\d s$/);
        expect(lines.join('\n')).not.toContain('\r');
    });

    it('stops at a failing step and prints its output', () => {
        const { status, lines } = runSteps([
            ['failing step', process.execPath, ['-e', 'console.error("tsc: error TS1005"); process.exit(3)']],
            ['never runs', process.execPath, ['-e', '']],
        ]);
        expect(status).toBe(3);
        expect(lines).toContainEqual(
            expect.stringMatching(/^\[1\/2\] failing step: failed after \d+\.\d s \(exit 3\)$/),
        );
        expect(lines).toContain('tsc: error TS1005');
        expect(lines.join('\n')).not.toContain('never runs');
    });
});
