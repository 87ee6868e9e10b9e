// SPDX-License-Identifier: Apache-2.0
//
// Idempotency: a request id, namespaced per member, makes a retry safe. The same id with the same
// arguments returns the original result and changes nothing; the same id with other arguments is
// refused with CONFLICT.
import { createHash } from 'node:crypto';

import type { Context } from 'fabric-contract-api';

import { conflict } from '../shared/errors.js';
import { parseId, readJson, writeJson } from '../shared/state.js';
import { keys } from './keys.js';

interface StoredRequest {
    readonly fingerprint: string;
    readonly transactionId: string;
    readonly result: string;
}

/** Runs `action` once per (account, request id); a replay with the same arguments returns the stored result. */
export async function once(
    ctx: Context,
    account: string,
    requestId: string,
    command: string,
    args: readonly string[],
    action: () => Promise<string>,
): Promise<{ result: string; replayed: boolean }> {
    parseId(requestId, 'request id');
    const key = ctx.stub.createCompositeKey(keys.request, [account, requestId]);
    const fingerprint = createHash('sha256')
        .update(JSON.stringify([command, ...args]))
        .digest('hex');
    const stored = await readJson<StoredRequest>(ctx, key);
    if (stored !== undefined) {
        if (stored.fingerprint !== fingerprint) {
            throw conflict(
                `request id '${requestId}' of '${account}' was already used by transaction ${stored.transactionId} with other arguments; use a new request id`,
            );
        }
        return { result: stored.result, replayed: true };
    }
    const result = await action();
    await writeJson(ctx, key, { fingerprint, transactionId: ctx.stub.getTxID(), result } satisfies StoredRequest);
    return { result, replayed: false };
}
