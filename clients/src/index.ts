// SPDX-License-Identifier: Apache-2.0
export { ClientError } from './ContractClient.js';
export { Controller, Modeler, Validator, Wallet } from './clients.js';
export type { Balance } from './clients.js';
export { chooseCredits, creditsForSpend, listCredits, maxCreditsPerSpend } from './credits.js';
export type { CreditEntry } from './credits.js';
export { CredentialStore } from '@productivist/common';
export type { Credential, CredentialSummary } from '@productivist/common';
export { LocalLedger } from './local/LocalLedger.js';
export { createWorld, worldMembers, worldOrgs, worldTokenConfig } from './world.js';
export type { WorldMember, WorldOptions } from './world.js';
export { formatAmount, runDemo } from './demo.js';
export type { DemoSummary } from './demo.js';
export { registerFlowCommands } from './cli/register.js';
