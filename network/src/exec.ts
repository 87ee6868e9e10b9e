// SPDX-License-Identifier: Apache-2.0
//
// The one way the kit runs a binary: argument arrays (never a shell string), a deadline, and
// errors that carry the command line, the exit code and the tail of stderr.
import { accessSync, constants } from 'node:fs';

import execa from 'execa';

import { CommandFailedError } from './errors.js';

/** Options of {@link runBinary}. */
export interface RunOptions {
    readonly cwd?: string;
    /** Extra environment variables; the process environment is inherited. */
    readonly env?: Readonly<Record<string, string>>;
    /** Milliseconds before the process is killed; 60 s by default. */
    readonly timeoutMs?: number;
    /** Bytes written to stdin. */
    readonly input?: string | Buffer;
}

/** What a successful run printed. */
export interface RunResult {
    readonly stdout: string;
    readonly stderr: string;
}

const tailLines = 20;

/** The last lines of a process's error output, for messages. */
export function tail(text: string, lines = tailLines): string {
    return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/** Quotes an argument for display only (the process never sees a shell). */
function display(file: string, args: readonly string[]): string {
    return [file, ...args]
        .map((part) => (/^[\w@%+=:,./-]+$/.test(part) ? part : `'${part.replace(/'/g, `'\\''`)}'`))
        .join(' ');
}

/** Runs `file` with `args` and resolves with its output, or rejects with a {@link CommandFailedError}. */
export async function runBinary(
    file: string,
    args: readonly string[],
    options: Readonly<RunOptions> = {},
): Promise<RunResult> {
    const command = display(file, args);
    if (file.includes('/')) {
        // Checked up front: a spawn that fails with ENOENT leaves execa's deadline timer running.
        try {
            accessSync(file, constants.X_OK);
        } catch (error) {
            throw new CommandFailedError(command, undefined, '', `could not run: ${String(error)}`, error);
        }
    }
    try {
        const result = await execa(file, [...args], {
            cwd: options.cwd,
            env: options.env,
            extendEnv: true,
            timeout: options.timeoutMs ?? 60_000,
            killSignal: 'SIGKILL',
            input: options.input,
            reject: false,
            stripFinalNewline: true,
        });
        if (result.failed) {
            const stderr = tail(result.stderr || result.stdout || '');
            if (result.timedOut) {
                throw new CommandFailedError(
                    command,
                    undefined,
                    stderr,
                    `timed out after ${options.timeoutMs ?? 60_000} ms`,
                );
            }
            // A process that could not start (ENOENT, EACCES) has no exit code.
            const exitCode = result.exitCode as number | undefined;
            if (exitCode === undefined) {
                const reason = (result as { originalMessage?: string }).originalMessage;
                throw new CommandFailedError(
                    command,
                    undefined,
                    stderr,
                    `could not run: ${reason ?? 'unknown reason'}`,
                );
            }
            throw new CommandFailedError(command, result.exitCode, stderr, `exited with code ${result.exitCode}`);
        }
        return { stdout: result.stdout, stderr: result.stderr };
    } catch (error) {
        if (error instanceof CommandFailedError) throw error;
        throw new CommandFailedError(command, undefined, '', `could not run: ${String(error)}`, error);
    }
}
