// SPDX-License-Identifier: Apache-2.0
export { ClientError } from './ContractClient.js';
export { Controller, Modeler, Validator, Wallet } from './clients.js';
export type { Balance } from './clients.js';
export { chooseCredits, creditsForSpend, listCredits, maxCreditsPerSpend } from './credits.js';
export type { CreditEntry } from './credits.js';
export { CredentialStore } from './CredentialStore.js';
export type { Credential, CredentialSummary } from './CredentialStore.js';
export { LocalLedger } from './local/LocalLedger.js';
export { createWorld, worldMembers, worldOrgs, worldTokenConfig } from './world.js';
export type { WorldMember, WorldOptions } from './world.js';
export { formatAmount, runDemo } from './demo.js';
export type { DemoOptions, DemoReputation, DemoSummary } from './demo.js';
export { flowCommands, registerFlowCommands } from './cli/register.js';
export type { FlowCommandOptions } from './cli/register.js';
export { networkEnvironmentVariable } from './cli/shared.js';
export type { NetworkLedgerOpener, OpenedNetworkLedger } from './cli/shared.js';
export { RecordingLedger } from './recording.js';
export type { RecordedTransaction } from './recording.js';
