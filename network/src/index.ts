// SPDX-License-Identifier: Apache-2.0
export { CommandFailedError, NetworkError } from './errors.js';
export { runBinary, tail } from './exec.js';
export type { RunOptions, RunResult } from './exec.js';
export { isPortFree } from './ports.js';
export {
    binaryOrigin,
    binaryPath,
    ccaasBuilderDir,
    fabricBinaries,
    fabricConfigDir,
    fabricCaVersion,
    fabricHome,
    fabricVersion,
    inspectToolchain,
    parseVersionOutput,
    requireBinary,
} from './toolchain.js';
export type { BinaryReport, FabricBinary } from './toolchain.js';
export { defaultEcosystem, networkCommands, registerNetworkCommands } from './cli.js';
export type { NetworkCommandOptions } from './cli.js';
export { networkUp, runningProcesses } from './runtime/up.js';
export type { Progress, UpOptions, UpResult } from './runtime/up.js';
export { networkDown, networkStatus, nodeLog, restartNode } from './runtime/ops.js';
export type { DownResult, NetworkStatus, NodeStatus } from './runtime/ops.js';
export { loadTree, osnadminArgs, planPorts } from './runtime/plans.js';
export { isAlive } from './runtime/processes.js';
export { updateChannelConfig, withAnchorPeers } from './runtime/configUpdate.js';
export type { ChannelConfig, ConfigGroupJson, ConfigUpdateTarget } from './runtime/configUpdate.js';
export type { AdminPlan, ChannelPlan, GeneratedTree, ProcessPlan, StartPlan } from './runtime/plans.js';
export { checkPorts, describeTaken, portHolders } from './runtime/portOwners.js';
export type { PortCheck, PortHolder } from './runtime/portOwners.js';
export { GatewayLedger, translateGatewayError, validationCodeName } from './gateway/GatewayLedger.js';
export type { GatewayCredential, GatewayLedgerOptions, GatewayPeer } from './gateway/GatewayLedger.js';
export { registrarAttributes, withBootstrapRegistrar } from './runtime/caConfig.js';
export type { Registrar } from './runtime/caConfig.js';
export { deployNetworkChaincode } from './lifecycle/command.js';
export type { NetworkDeployOptions } from './lifecycle/command.js';
export { readDeployments } from './lifecycle/deploy.js';
export type { DeploymentRecord, DeployResult } from './lifecycle/deploy.js';
export { ccaasPackage, packageIdOf } from './lifecycle/ccaasPackage.js';
export type { CcaasPackage, CcaasPackageOptions } from './lifecycle/ccaasPackage.js';
export { coreChaincodes, resolveChaincodeSource } from './lifecycle/source.js';
export type { ChaincodeSource } from './lifecycle/source.js';
export { chaincodeServers, readServerStatus, supervisorId } from './lifecycle/servers.js';
export type { ChaincodeServerStatus } from './lifecycle/servers.js';
export type { ServerStatus, SupervisorStatus } from './lifecycle/supervisor.js';
export { adminCredential } from './lifecycle/productoken.js';
export { openNetworkLedger } from './gateway/openNetworkLedger.js';
export type { NetworkLedgerOptions } from './gateway/openNetworkLedger.js';
export { memberIdentities, networkCredentials, writeCredentials } from './runtime/credentials.js';
export type { MemberIdentity } from './runtime/credentials.js';
export { enrollMembers } from './runtime/enrollMembers.js';
export type { EnrollMembersOptions, NewMember } from './runtime/enrollMembers.js';
