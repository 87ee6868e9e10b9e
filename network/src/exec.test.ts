// SPDX-License-Identifier: Apache-2.0
import { CommandFailedError } from './errors.js';
import { runBinary } from './exec.js';

async function failure(promise: Promise<unknown>): Promise<CommandFailedError> {
    try {
        await promise;
    } catch (error) {
        expect(error).toBeInstanceOf(CommandFailedError);
        return error as CommandFailedError;
    }
    throw new Error('expected the command to fail');
}

describe('runBinary', () => {
    it('returns stdout of a successful run, passing arguments without a shell', async () => {
        const result = await runBinary(process.execPath, [
            '-e',
            'process.stdout.write(process.argv[1])',
            'a b;$(echo x)',
        ]);
        expect(result.stdout).toBe('a b;$(echo x)');
    });

    it('carries the command line, exit code and stderr tail of a failure', async () => {
        const script = 'for (let i = 0; i < 30; i++) console.error("line " + i); process.exit(3)';
        const error = await failure(runBinary(process.execPath, ['-e', script]));
        expect(error.code).toBe('COMMAND_FAILED');
        expect(error.exitCode).toBe(3);
        expect(error.command).toContain(`${process.execPath} -e 'for (let i`);
        expect(error.message).toMatch(/exited with code 3$/);
        expect(error.stderrTail.split('\n')).toHaveLength(20);
        expect(error.stderrTail.split('\n').at(-1)).toBe('line 29');
    });

    it('reports a binary that does not exist', async () => {
        const error = await failure(runBinary('/nonexistent/peer', ['version']));
        expect(error.message).toMatch(/^\/nonexistent\/peer version could not run: .*ENOENT/);
        expect(error.exitCode).toBe(-1);
    });

    it('kills a process that passes its deadline', async () => {
        const error = await failure(
            runBinary(process.execPath, ['-e', 'setTimeout(() => {}, 10000)'], { timeoutMs: 200 }),
        );
        expect(error.message).toMatch(/timed out after 200 ms$/);
    });
});
