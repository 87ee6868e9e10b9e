// SPDX-License-Identifier: Apache-2.0
export { embeddedBackend, networkBackend } from './backend.js';
export type { BlockView, ConsoleBackend, ConsoleMember, NetworkLedgerFactory, NetworkView } from './backend.js';
export { consoleCommand } from './cli.js';
export type { ConsoleCommandOptions } from './cli.js';
export { EventHub } from './events.js';
export type { ConsoleEvent } from './events.js';
export { sessionCookie, startConsole, webDirectory } from './server.js';
export type { ConsoleOptions, RunningConsole } from './server.js';
