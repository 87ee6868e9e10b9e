// SPDX-License-Identifier: Apache-2.0
import type { CliIo } from '@productivist/common';
import { ExitCode, isKitError } from '@productivist/common';
import { CommanderError } from 'commander';

import { buildProgram } from './program.js';

const helpHint = "run 'productivist --help' to see the commands, or 'productivist <command> --help' for one";

/** Commander's message without its "error: " prefix, on one line. */
function commanderMessage(error: CommanderError): string {
    return error.message
        .replace(/^error: /, '')
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '')
        .join(' ');
}

/**
 * Runs the CLI on `argv` (without the node and script paths) and returns the exit code. This is the
 * one place that maps errors to output and exit codes: user errors print one line and a hint, with
 * no stack; anything unexpected prints its stack and exits with `internal`.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
    const program = buildProgram(io);
    try {
        await program.parseAsync([...argv], { from: 'user' });
        return ExitCode.success;
    } catch (error) {
        if (error instanceof CommanderError) {
            if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') {
                return ExitCode.success;
            }
            if (error.code === 'commander.help' || error.code === 'commander.executeSubCommandAsync') {
                return ExitCode.usage;
            }
            io.err(`productivist: ${commanderMessage(error)}`);
            io.err(`hint: ${helpHint}`);
            return ExitCode.usage;
        }
        if (isKitError(error)) {
            io.err(`productivist: ${error.message}`);
            for (const line of error.details) io.err(line);
            if (error.hint !== undefined && error.hint !== '') io.err(`hint: ${error.hint}`);
            return error.exitCode;
        }
        const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
        io.err(`productivist: internal error (please report it): ${stack}`);
        return ExitCode.internal;
    }
}
