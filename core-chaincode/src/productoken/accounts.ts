// SPDX-License-Identifier: Apache-2.0
//
// Wallet accounts. An account exists once its owner opened it (OpenAccount, from any identity of
// the member: each identity adds its organization); tokens are minted, transferred and paid out of
// holds only to existing accounts, so a mistyped account id is refused instead of swallowing tokens.
// An account's roles are those its organizations hold in the role registry.
import type { Context } from 'fabric-contract-api';

import type { Caller, Role } from '../shared/caller.js';
import { requireMember } from '../shared/caller.js';
import { notFound } from '../shared/errors.js';
import { readJson, writeJson } from '../shared/state.js';
import { readRegistry } from './config.js';

const accountPrefix = 'pt.account';

/** What the ledger keeps of an account. */
export interface AccountRecord {
    readonly account: string;
    /** The organizations the owner opened or used it from, sorted. */
    readonly mspIds: readonly string[];
    /** The transaction that opened it. */
    readonly openedIn: string;
}

/** An account and the roles its organizations hold now. */
export interface AccountInfo {
    readonly account: string;
    readonly mspIds: readonly string[];
    readonly roles: readonly Role[];
}

function accountKey(ctx: Context, account: string): string {
    return ctx.stub.createCompositeKey(accountPrefix, [account]);
}

export async function readAccount(ctx: Context, account: string): Promise<AccountRecord | undefined> {
    return readJson<AccountRecord>(ctx, accountKey(ctx, account));
}

/** Opens the caller's account, or adds the caller's organization to it; opening twice changes nothing. */
export async function openAccount(ctx: Context, caller: Caller): Promise<AccountRecord> {
    const account = requireMember(caller, 'open a wallet account');
    const existing = await readAccount(ctx, account);
    if (existing?.mspIds.includes(caller.mspId) === true) return existing;
    const record: AccountRecord = {
        account,
        mspIds: [...(existing?.mspIds ?? []), caller.mspId].sort(),
        openedIn: existing?.openedIn ?? ctx.stub.getTxID(),
    };
    await writeJson(ctx, accountKey(ctx, account), record);
    return record;
}

/** The account, or NOT_FOUND naming what it was given as. */
export async function requireAccount(ctx: Context, account: string, what: string): Promise<AccountRecord> {
    const record = await readAccount(ctx, account);
    if (record === undefined) {
        throw notFound(
            `${what} account '${account}' does not exist; accounts are opened by their owner (productoken OpenAccount)`,
        );
    }
    return record;
}

/** An existing account and the roles its organizations hold. */
export async function accountInfo(ctx: Context, account: string): Promise<AccountInfo> {
    const record = await requireAccount(ctx, account, 'the');
    const registry = await readRegistry(ctx);
    const roles = new Set(record.mspIds.flatMap((mspId) => registry[mspId] ?? []));
    return { account, mspIds: record.mspIds, roles: [...roles].sort() };
}
