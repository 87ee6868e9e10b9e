// SPDX-License-Identifier: Apache-2.0
//
// The one retry policy of the kit's clients, on both ledgers: a transaction that failed validation
// with MVCC_READ_CONFLICT or PHANTOM_READ_CONFLICT changed nothing, so it is endorsed again from
// scratch (a fresh proposal on the new state, a new transaction id) a bounded number of times.
// Nothing else is retried: a chaincode refusal or an endorsement policy failure would fail again.
import type { ValidationCode } from './api.js';
import { CommitError } from './errors.js';

/** How often a conflicted transaction is endorsed again. */
export interface RetryPolicy {
    /** Attempts in all, the first one included (1 = never retry). */
    readonly attempts: number;
    /** Called before each new attempt, with the error that ended the previous one. */
    readonly onRetry?: (attempt: number, error: CommitError) => void;
}

/** Four attempts: enough for bursts of conflicting writers, bounded so a hot loop cannot spin forever. */
export const defaultRetryPolicy: RetryPolicy = { attempts: 4 };

const retried: readonly ValidationCode[] = ['MVCC_READ_CONFLICT', 'PHANTOM_READ_CONFLICT'];

/** True for a commit that failed because another transaction changed what this one read. */
export function isReadConflict(error: unknown): error is CommitError {
    return error instanceof CommitError && retried.includes(error.validationCode);
}

/**
 * Runs `attempt` (which must endorse a fresh proposal each time it is called) until it succeeds, it
 * fails with anything but a read conflict, or the policy's attempts are used up; the last error is
 * thrown as it was.
 */
export async function retryReadConflicts<T>(
    attempt: (attemptNumber: number) => Promise<T>,
    policy: RetryPolicy = defaultRetryPolicy,
): Promise<T> {
    const attempts = Math.max(1, Math.floor(policy.attempts));
    for (let number = 1; ; number++) {
        try {
            return await attempt(number);
        } catch (error) {
            if (!isReadConflict(error) || number >= attempts) throw error;
            policy.onRetry?.(number + 1, error);
        }
    }
}
