// SPDX-License-Identifier: Apache-2.0
import type { EndorsedTransaction, SubmitResult } from './api.js';
import { CommitError } from './errors.js';

/** Sends an endorsed transaction for ordering and waits for it to commit; throws CommitError when it is not VALID. */
export async function commitOrThrow(endorsed: EndorsedTransaction): Promise<SubmitResult> {
    const status = await endorsed.submit();
    if (!status.successful) throw new CommitError(status.transactionId, status.blockNumber, status.code, status.detail);
    return { transactionId: status.transactionId, blockNumber: status.blockNumber, result: endorsed.result };
}
