// SPDX-License-Identifier: Apache-2.0
import type { Command } from 'commander';

/** Where a command writes. Tests pass their own sinks; the binary passes the process streams. */
export interface CliIo {
    readonly out: (text: string) => void;
    readonly err: (text: string) => void;
    /** Directory relative paths are resolved against. */
    readonly cwd: string;
}

/**
 * A package that owns CLI commands exports one registrar; the `productivist` binary calls each
 * registrar with the root program. Action handlers throw {@link KitError}s for user errors.
 */
export type CommandRegistrar = (program: Command, io: CliIo) => void;
