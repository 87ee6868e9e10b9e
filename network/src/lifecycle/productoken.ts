// SPDX-License-Identifier: Apache-2.0
//
// After the core contracts are committed, `network up` makes productoken ready to use: the
// Productivist admin (`admin` in the state's credential store) initializes it with the public
// network's configuration (the one the embedded world uses) and the members of the store who hold
// an account in that world open theirs. What is done already is skipped, so a resumed `up`
// changes nothing.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { LedgerError } from '@productivist/ledger-api';
import { publicAccountHolders, publicTokenConfig } from '@productivist/policies';

import { NetworkError } from '../errors.js';
import type { GatewayCredential } from '../gateway/GatewayLedger.js';
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
    readonly accounts: readonly string[];
}

/** Initializes productoken on `channel` (unless it is) and opens the accounts of the members with credentials. */
export async function initializeProductoken(runner: Runner, channel: ChannelPlan): Promise<TokenSetup> {
    const stored = new Set(
        networkCredentials(runner.state.root)
            .list()
            .map((entry) => entry.name),
    );
    if (!stored.has('admin')) {
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
        const token = ledger.contract('admin', 'productoken');
        let initialized: TokenSetup['initialized'] = 'before';
        try {
            await token.evaluate('TokenInfo');
        } catch (error) {
            // The evaluate error carries the chaincode's `NOT_INITIALIZED: ...` message.
            if (!(error instanceof LedgerError && /NOT_INITIALIZED/.test(`${error.code} ${error.message}`)))
                throw error;
            await token.submit('Initialize', { arguments: [JSON.stringify(publicTokenConfig)] });
            initialized = 'now';
        }
        const holders = publicAccountHolders.filter((name) => stored.has(name));
        // One after the other: two identities of one member (alice, alice-designer) write one account.
        for (const name of holders) await ledger.contract(name, 'productoken').submit('OpenAccount');
        runner.say(
            `productoken: ${initialized === 'now' ? 'initialized' : 'was initialized'}; accounts open: ${holders.join(', ') || '(no member credentials)'}`,
        );
        return { initialized, accounts: holders };
    } finally {
        ledger.close();
    }
}
