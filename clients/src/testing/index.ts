// SPDX-License-Identifier: Apache-2.0
//
// Test support for contracts and clients (`@productivist/clients/testing`): the embedded world, the
// production flow as calls, and helpers that call a transaction as a member.
export { createWorld, worldAccountHolders, worldMembers, worldOrgs, worldSetup, worldTokenConfig } from '../world.js';
export type { WorldMember, WorldOptions } from '../world.js';
export { creditsForSpend } from '../credits.js';
export { Flow, sha256 } from './flow.js';
export type { LicenceTerms } from './flow.js';
export { flowScenarios, freshId } from './flowScenarios.js';
export type { FlowBackend, FlowScenario } from './flowScenarios.js';
export {
    contractMetadata,
    enrollMember,
    everyKindOfCaller,
    evaluate,
    failure,
    membersWithAccounts,
    spendOptions,
    submit,
    tryAs,
} from './helpers.js';
export type { AuthorizationOutcome, Outcome, ScenarioLedger } from './helpers.js';
