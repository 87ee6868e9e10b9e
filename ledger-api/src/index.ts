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
export { commitOrThrow } from './submit.js';
export { defaultRetryPolicy, isReadConflict, retryReadConflicts } from './retry.js';
export type { RetryPolicy } from './retry.js';
