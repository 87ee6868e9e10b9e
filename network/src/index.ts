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
export { networkDown, networkStatus, nodeLog, restartNode, stopNode } from './runtime/ops.js';
export type { DownResult, NetworkStatus, NodeStatus } from './runtime/ops.js';
export { loadTree, osnadminArgs, planPorts, sharedPorts } from './runtime/plans.js';
export { isAlive } from './runtime/processes.js';
export { channelGauge, channelLeader, ordererConsensus } from './runtime/leaders.js';
export type { OrdererConsensus } from './runtime/leaders.js';
export { updateChannelConfig, withAnchorPeers } from './runtime/configUpdate.js';
export type { ChannelConfig, ConfigGroupJson, ConfigUpdateTarget } from './runtime/configUpdate.js';
export type { AdminPlan, ChannelPlan, GeneratedTree, ProcessPlan, StartPlan } from './runtime/plans.js';
export { checkPorts, describeTaken, portHolders } from './runtime/portOwners.js';
export type { PortCheck, PortHolder } from './runtime/portOwners.js';
export { decodeBlock, readBlockPage } from './gateway/blocks.js';
export type { BlockPage, DecodedBlock, DecodedTransaction } from './gateway/blocks.js';
export { committedChaincodes } from './gateway/chaincodes.js';
export type { CommittedChaincode } from './gateway/chaincodes.js';
export { openNetworkExplorer } from './gateway/explorer.js';
export type { NetworkExplorer } from './gateway/explorer.js';
export { commitHashOf, peerStates } from './gateway/peerStates.js';
export type { PeerState } from './gateway/peerStates.js';
export { GatewayLedger, translateGatewayError, validationCodeName } from './gateway/GatewayLedger.js';
export type { GatewayCredential, GatewayLedgerOptions, GatewayPeer } from './gateway/GatewayLedger.js';
export { registrarAttributes, withBootstrapRegistrar } from './runtime/caConfig.js';
export type { Registrar } from './runtime/caConfig.js';
export {
    computeConfigUpdate,
    decodeConfigBlock,
    fetchConfigBlock,
    submitConfigEnvelope,
} from './runtime/configUpdate.js';
export { NetworkContext } from './onboarding/context.js';
export { createIndustrialChannels } from './onboarding/channelCreate.js';
export type { ChannelCreateOptions, ChannelCreateResult } from './onboarding/channelCreate.js';
export type { EcosystemEditor, OrganizationDraft } from './onboarding/context.js';
export {
    addOrganization,
    describeCheck,
    removeOrganization,
    resolveSigner,
    signUpdateFile,
    submitUpdate,
} from './onboarding/organizations.js';
export type {
    AddOrganizationOptions,
    OnboardingOptions,
    RemoveOrganizationOptions,
    SignerChoice,
    SignOptions,
    SubmitOptions,
    SubmitResult,
} from './onboarding/organizations.js';
export { checkUpdate } from './onboarding/check.js';
export { pendingUpdates, updatesDirectory } from './onboarding/pending.js';
export type { PendingUpdate, PendingUpdates, UnreadableFile } from './onboarding/pending.js';
export type { PolicyCheck, RefusedSignature, SourcedSignature, UpdateCheck } from './onboarding/check.js';
export { configFromBlock } from './onboarding/configTx.js';
export {
    readSignatureFile,
    readUpdateFile,
    signUpdate,
    updateBytes,
    updateDigest,
    writeUpdateFile,
} from './onboarding/updateFile.js';
export type { MspSigner, SignatureEntry, SignatureFile, UpdateAction, UpdateFile } from './onboarding/updateFile.js';
export { deployNetworkChaincode } from './lifecycle/command.js';
export type { NetworkDeployOptions } from './lifecycle/command.js';
export { readDeployments } from './lifecycle/deploy.js';
export { installedPackages } from './lifecycle/peerLifecycle.js';
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
export { enrollMember, listMembers, memberAttributes, revokeMember } from './onboarding/members.js';
export type {
    EnrolledMember,
    EnrollMemberOptions,
    MemberListing,
    MemberRole,
    RevokeMemberOptions,
} from './onboarding/members.js';
export { grantRole, registryRoles, revokeRole, rolesOf } from './onboarding/roles.js';
export type { RoleOptions } from './onboarding/roles.js';
export { approveChaincodesFor } from './onboarding/chaincodes.js';
export type { OrganizationChaincode } from './onboarding/chaincodes.js';
export { NativeRuntime, runtimeKinds } from './runtime/adapter.js';
export type { NodeLaunch, NodeRuntime, RuntimeKind } from './runtime/adapter.js';
export { runningNodes } from './runtime/up.js';
export {
    connectEngine,
    dockerClient,
    enginePid,
    engineDirs,
    engineSocket,
    kitEngineDir,
    startEngine,
    stopEngine,
} from './docker/engine.js';
export type { EngineStart } from './docker/engine.js';
export { ensureFabricImages, imageSpecs, ImageBuildError, importRootFs, imageTag } from './docker/images.js';
export type { ImageRole, ImageSource, ImageSpec } from './docker/images.js';
export type { BundleFile } from './runtime/bundle.js';
export { DockerRuntime, containerName, labels as containerLabels } from './docker/DockerRuntime.js';
export { enrollMembers } from './runtime/enrollMembers.js';
export type { EnrollMembersOptions, NewMember } from './runtime/enrollMembers.js';
export { killNode } from './runtime/kill.js';
export type { Killed } from './runtime/kill.js';
