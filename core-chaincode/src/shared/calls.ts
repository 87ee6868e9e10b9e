// SPDX-License-Identifier: Apache-2.0
//
// Calls between core contracts on the same channel. A failed callee comes back as a status 500
// response, not an exception, and the writes it made stay in the transaction: every call checks
// the status and throws the callee's message (which keeps its CODE: prefix), so the whole
// transaction fails instead of committing partial writes.
import type { Context } from 'fabric-contract-api';

import type { Caller } from './caller.js';
import { toText } from './state.js';

export async function call(ctx: Context, chaincode: string, args: readonly string[]): Promise<string> {
    const response = await ctx.stub.invokeChaincode(chaincode, [...args], '');
    if (response.status !== 200) throw new Error(response.message);
    return toText(response.payload ?? new Uint8Array());
}

export async function callJson<T>(ctx: Context, chaincode: string, args: readonly string[]): Promise<T> {
    return JSON.parse(await call(ctx, chaincode, args)) as T;
}

/** The caller as productoken resolves it (productoken holds the configuration and the role registry). */
export async function whoAmI(ctx: Context): Promise<Caller> {
    return callJson<Caller>(ctx, 'productoken', ['WhoAmI']);
}
