// SPDX-License-Identifier: Apache-2.0
//
// After the core contracts are committed, `network up` makes productoken ready to use: the
// Productivist admin (`admin` in the state's credential store) initializes it with the public
// network's configuration (the one the embedded world uses) and the members of the store who hold
// an account in that world open theirs. What is done already is skipped, so a resumed `up`
// changes nothing.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { LedgerError, retryReadConflicts } from '@productivist/ledger-api';
import { publicAccountHolders, publicTokenConfig } from '@productivist/policies';

import { NetworkError } from '../errors.js';
import type { GatewayCredential, GatewayLedger } from '../gateway/GatewayLedger.js';
import { openNetworkLedger } from '../gateway/openNetworkLedger.js';
import { networkCredentials } from '../runtime/credentials.js';
import type { AdminPlan, ChannelPlan } from '../runtime/plans.js';
import type { Runner } from '../runtime/Runner.js';

/** The credential of an organization admin from its MSP folder in the tree. */
export function adminCredential(root: string, admin: AdminPlan): GatewayCredential {
    const msp = join(root, admin.mspDir);
    const certificatePem = readFileSync(join(msp, 'signcerts', 'cert.pem'), 'utf8');
    const keys = readdirSync(join(msp, 'keystore'));
    const [key] = keys;
    if (key === undefined || keys.length !== 1) {
        throw new NetworkError(`${join(msp, 'keystore')} holds ${keys.length} keys, expected one`, {
            code: 'ENROLL_FAILED',
            exit: 'environment',
            hint: "start over with 'network up --fresh'",
        });
    }
    return { mspId: admin.mspId, certificatePem, privateKeyPem: readFileSync(join(msp, 'keystore', key), 'utf8') };
}

/** What {@link initializeProductoken} did. */
export interface TokenSetup {
    readonly initialized: 'now' | 'before';
    /** The members with credentials who hold an account. */
    readonly accounts: readonly string[];
    /** Those whose OpenAccount was submitted now (the others had it open from their organization). */
    readonly opened: readonly string[];
}

/** The member's account and whether it already lists the member's organization (evaluated, no transaction). */
async function accountState(ledger: GatewayLedger, member: string): Promise<{ account: string; open: boolean }> {
    const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');
    const caller = JSON.parse(text(await ledger.contract(member, 'productoken').evaluate('WhoAmI'))) as {
        mspId: string;
        account?: string;
    };
    if (caller.account === undefined) return { account: member, open: false };
    try {
        const info = JSON.parse(
            text(await ledger.contract(member, 'productoken').evaluate('AccountInfo', { arguments: [caller.account] })),
        ) as { mspIds: string[] };
        return { account: caller.account, open: info.mspIds.includes(caller.mspId) };
    } catch (error) {
        if (error instanceof LedgerError && /NOT_FOUND/.test(`${error.code} ${error.message}`))
            return { account: caller.account, open: false };
        throw error;
    }
}

/** Retries `action` until it succeeds or `waitMs` has passed (then its last error is thrown). */
async function untilDone<T>(action: () => Promise<T>, waitMs: number): Promise<T> {
    const end = Date.now() + waitMs;
    for (;;) {
        try {
            return await action();
        } catch (error) {
            if (Date.now() >= end) throw error;
            await new Promise((resolve) => setTimeout(resolve, 2_000));
        }
    }
}

/**
 * Initializes productoken on `channel` (unless it is) and opens the accounts of the members with
 * credentials. With `waitMs` (a bundle's up, one organization's credentials): the bundle holding the
 * Productivist admin retries Initialize until other organizations' peers can endorse it, and a
 * bundle without it waits until productoken is initialized before opening its members' accounts.
 */
export async function initializeProductoken(
    runner: Runner,
    channel: ChannelPlan,
    options: { readonly waitMs?: number } = {},
): Promise<TokenSetup> {
    const stored = new Set(
        networkCredentials(runner.state.root)
            .list()
            .map((entry) => entry.name),
    );
    const waitMs = options.waitMs;
    const holders = publicAccountHolders.filter((name) => stored.has(name));
    const [reader] = holders;
    if (!stored.has('admin') && waitMs !== undefined) {
        if (reader === undefined) return { initialized: 'before', accounts: [], opened: [] };
        const ledger = openNetworkLedger({ state: runner.state.root, channel: channel.name });
        try {
            await untilDone(() => ledger.contract(reader, 'productoken').evaluate('TokenInfo'), waitMs);
        } finally {
            ledger.close();
        }
    } else if (!stored.has('admin')) {
        throw new NetworkError(`no credential 'admin' (the Productivist admin) in ${runner.state.root}/credentials`, {
            code: 'CREDENTIAL_MISSING',
            exit: 'environment',
            hint: "start over with 'network up --fresh'",
        });
    }
    const ledger = openNetworkLedger({
        state: runner.state.root,
        channel: channel.name,
        deadlines: { endorse: 30_000, evaluate: 15_000 },
    });
    try {
        const token = ledger.contract(stored.has('admin') ? 'admin' : (reader ?? 'admin'), 'productoken');
        let initialized: TokenSetup['initialized'] = 'before';
        try {
            await token.evaluate('TokenInfo');
        } catch (error) {
            // The evaluate error carries the chaincode's `NOT_INITIALIZED: ...` message.
            if (!(error instanceof LedgerError && /NOT_INITIALIZED/.test(`${error.code} ${error.message}`)))
                throw error;
            const initialize = async (): Promise<void> => {
                await token.submit('Initialize', { arguments: [JSON.stringify(publicTokenConfig)] });
            };
            await (waitMs === undefined ? initialize() : untilDone(initialize, waitMs));
            initialized = 'now';
        }
        // In parallel, except a second identity of one member (alice-designer after alice): both write
        // the same account key, so they go in a later round. Bundles open their members' accounts side
        // by side (alice in Customer's, alice-designer in Designer's): a read conflict is endorsed again.
        const states = await Promise.all(holders.map((name) => accountState(ledger, name)));
        const toOpen = holders.filter((_name, i) => states[i]?.open === false);
        const seen = new Set<string>();
        const rounds: string[][] = [[], []];
        for (const name of toOpen) {
            const account = states[holders.indexOf(name)]?.account ?? name;
            (seen.has(account) ? rounds[1] : rounds[0])?.push(name);
            seen.add(account);
        }
        for (const round of rounds)
            await Promise.all(
                round.map((name) =>
                    retryReadConflicts(() => ledger.contract(name, 'productoken').submit('OpenAccount')),
                ),
            );
        const opened = rounds.flat();
        runner.say(
            `productoken: ${initialized === 'now' ? 'initialized' : 'was initialized'}; accounts opened now: ${opened.join(', ') || 'none'} (holders with credentials: ${holders.join(', ') || 'none'})`,
        );
        return { initialized, accounts: holders, opened };
    } finally {
        ledger.close();
    }
}
