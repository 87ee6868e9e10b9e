// SPDX-License-Identifier: Apache-2.0
//
// CLI command groups of the core contracts, over the embedded world kept in a state directory:
//   productivist demo | wallet ... | model ... | order ... | qc ...
import type { CliIo, CommandRegistrar } from '@productivist/common';
import type { Command } from 'commander';

import { registerDemoCommand } from './demo.js';
import { registerModelCommands } from './model.js';
import { registerOrderCommands } from './order.js';
import { registerQualityCommands } from './qc.js';
import { registerWalletCommands } from './wallet.js';

export const registerFlowCommands: CommandRegistrar = (program: Command, io: CliIo) => {
    registerDemoCommand(program, io);
    registerWalletCommands(program, io);
    registerModelCommands(program, io);
    registerOrderCommands(program, io);
    registerQualityCommands(program, io);
};
