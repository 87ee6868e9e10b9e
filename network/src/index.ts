// SPDX-License-Identifier: Apache-2.0
export { CommandFailedError, NetworkError } from './errors.js';
export { runBinary, tail } from './exec.js';
export type { RunOptions, RunResult } from './exec.js';
export { defaultNetworkPorts, isPortFree } from './ports.js';
export {
    binaryPath,
    fabricBinaries,
    fabricCaVersion,
    fabricHome,
    fabricVersion,
    inspectToolchain,
    parseVersionOutput,
    requireBinary,
} from './toolchain.js';
export type { BinaryReport, FabricBinary } from './toolchain.js';
export { registerNetworkCommands } from './cli.js';
export { GatewayLedger, translateGatewayError, validationCodeName } from './gateway/GatewayLedger.js';
export type { GatewayCredential, GatewayLedgerOptions, GatewayPeer } from './gateway/GatewayLedger.js';
