// SPDX-License-Identifier: Apache-2.0
//
// CLI command groups of the core contracts, over the embedded world kept in a state directory or a
// Fabric network (`--network <dir>`, opened by what the composition root injects):
//   productivist demo | wallet ... | model ... | order ... | qc ...
import type { CliIo, CommandRegistrar } from '@productivist/common';
import type { Command } from 'commander';

import { registerDemoCommand } from './demo.js';
import { registerModelCommands } from './model.js';
import { registerOrderCommands } from './order.js';
import { registerQualityCommands } from './qc.js';
import type { NetworkLedgerOpener } from './shared.js';
import { registerWalletCommands } from './wallet.js';

/** What the composition root gives the flow commands. */
export interface FlowCommandOptions {
    /** Opens a network's ledger from its state folder; without it, `--network` is refused. */
    readonly openNetwork?: NetworkLedgerOpener;
}

/** The flow command groups, with `--network` served by `options.openNetwork`. */
export function flowCommands(options: Readonly<FlowCommandOptions> = {}): CommandRegistrar {
    return (program: Command, cliIo: CliIo) => {
        const io = options.openNetwork === undefined ? cliIo : { ...cliIo, openNetwork: options.openNetwork };
        registerDemoCommand(program, io);
        registerWalletCommands(program, io);
        registerModelCommands(program, io);
        registerOrderCommands(program, io);
        registerQualityCommands(program, io);
    };
}

/** The flow command groups on the embedded world only. */
export const registerFlowCommands: CommandRegistrar = flowCommands();
