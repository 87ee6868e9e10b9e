// SPDX-License-Identifier: Apache-2.0
export type {
    ChaincodeEvent,
    CommitStatus,
    EndorsedTransaction,
    EventOptions,
    EventStream,
    Ledger,
    LedgerContract,
    ProposalOptions,
    SubmitResult,
    ValidationCode,
} from './api.js';
export { CommitError, EndorseError, LedgerError, parseChaincodeMessage } from './errors.js';
export { EmbeddedNetwork } from './EmbeddedNetwork.js';
export type {
    CollectionOptions,
    DeployOptions,
    EmbeddedNetworkOptions,
    OrganizationOptions,
} from './EmbeddedNetwork.js';
export type { BlockRecord, TransactionRecord } from './channel.js';
export type { IdentityRole } from './identity.js';
export { compareKeys } from './keys.js';
export { commitOrThrow } from './submit.js';
