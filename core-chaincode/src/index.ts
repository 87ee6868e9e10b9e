// SPDX-License-Identifier: Apache-2.0

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
export type { Page } from './shared/state.js';
export { deviceAttribute, memberAttribute, productivistMsp, roles, treasuryAttribute } from './shared/caller.js';

export { ModelcertContract } from './modelcert/ModelcertContract.js';
export type { Certification, CertificationStatus, Licence, Model } from './modelcert/model.js';
export { ProdcontrolContract } from './prodcontrol/ProdcontrolContract.js';
export { specCollection } from './prodcontrol/orders.js';
export type { Order, OrderResult, OrderStatus, PrintEntry, PrintUsage, ProgressEntry } from './prodcontrol/orders.js';
export { QualitycheckContract } from './qualitycheck/QualitycheckContract.js';
export type { Campaign, Fact, Outcome, Reputation, TestResult } from './qualitycheck/campaigns.js';
export {
    describedCommands,
    descriptionProblems,
    documentedCommands,
    metadataCommands,
    requiredSections,
    specProblems,
} from './spec.js';
export type { ContractMetadata, DocumentedCommand } from './spec.js';
export {
    coreTransactions,
    findTransaction,
    modelcertTransactions,
    prodcontrolTransactions,
    productokenTransactions,
    qualitycheckTransactions,
} from './transactions.js';
export type {
    ArgumentsOf,
    Balance,
    ModelView,
    RankingEntry,
    ResultOf,
    TransactionDescription,
} from './transactions.js';
export type { AccountInfo, AccountRecord } from './productoken/accounts.js';
