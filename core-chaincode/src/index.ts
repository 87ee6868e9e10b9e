// SPDX-License-Identifier: Apache-2.0
import { ProductokenContract } from './productoken/ProductokenContract.js';

export const coreContractNames = ['productoken', 'modelcert', 'prodcontrol', 'qualitycheck'] as const;
export type CoreContractName = (typeof coreContractNames)[number];

export { ProductokenContract } from './productoken/ProductokenContract.js';
export type { TokenResult } from './productoken/ProductokenContract.js';
export type { TokenConfig } from './productoken/config.js';
export type { Hold, HoldRules, HoldStatus, Party, Permission } from './productoken/holds.js';
export { holdAccount, tokenEventName, tokenEventPayload } from './productoken/movements.js';
export type { Movement, MovementKind, TokenEvent } from './productoken/movements.js';
export { ContractError, contractErrorCodes } from './shared/errors.js';
export type { ContractErrorCode } from './shared/errors.js';
export { parseAmount, splitByBasisPoints } from './shared/amount.js';
export type { Caller, Role } from './shared/caller.js';
export { deviceAttribute, memberAttribute, productivistMsp, roles, treasuryAttribute } from './shared/caller.js';

/** The productoken chaincode's contracts, as its package's `contracts` export. */
export const contracts = [ProductokenContract];
export { createWorld, worldMembers, worldOrgs, worldTokenConfig } from './world.js';
export type { WorldMember, WorldOptions } from './world.js';
