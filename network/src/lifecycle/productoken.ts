// SPDX-License-Identifier: Apache-2.0
//
// After the core contracts are committed, `network up` makes productoken ready to use: its
// Productivist admin initializes it with the public network's configuration (the one the embedded
// world uses) and the members with credentials in the state open their accounts. What is done
// already is skipped, so a resumed `up` changes nothing.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { LedgerError } from '@productivist/ledger-api';
import { publicAccountHolders, publicTokenConfig } from '@productivist/policies';

import { NetworkError } from '../errors.js';
import type { GatewayCredential } from '../gateway/GatewayLedger.js';
import { GatewayLedger } from '../gateway/GatewayLedger.js';
import type { AdminPlan, ChannelPlan } from '../runtime/plans.js';
import type { Runner } from '../runtime/Runner.js';

/** The MSP id whose admin initializes productoken. */
const productivistMsp = 'ProductivistMSP';

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

/** A member's credential from `<state>/credentials/<name>.json`, if `network up` wrote one. */
function memberCredential(stateRoot: string, name: string): GatewayCredential | undefined {
    const file = join(stateRoot, 'credentials', `${name}.json`);
    if (!existsSync(file)) return undefined;
    const json = JSON.parse(readFileSync(file, 'utf8')) as Partial<GatewayCredential>;
    if (json.mspId === undefined || json.certificatePem === undefined || json.privateKeyPem === undefined)
        return undefined;
    return { mspId: json.mspId, certificatePem: json.certificatePem, privateKeyPem: json.privateKeyPem };
}

/** What {@link initializeProductoken} did. */
export interface TokenSetup {
    readonly initialized: 'now' | 'before';
    readonly accounts: readonly string[];
}

/** Initializes productoken on `channel` (unless it is) and opens the accounts of the members with credentials. */
export async function initializeProductoken(runner: Runner, channel: ChannelPlan): Promise<TokenSetup> {
    const peer = channel.peers.find((candidate) => candidate.admin.mspId === productivistMsp);
    if (peer === undefined) {
        throw new NetworkError(`channel ${channel.name} has no ${productivistMsp} peer to initialize productoken on`, {
            code: 'PLAN_INVALID',
            exit: 'usage',
            hint: 'productoken belongs to the public channel, which the Productivist organization runs',
        });
    }
    const admin = adminCredential(runner.tree.root, peer.admin);
    const ledger = new GatewayLedger({
        peer: {
            endpoint: peer.address,
            tlsRootCertPem: readFileSync(join(runner.tree.root, peer.admin.tlsRootCert), 'utf8'),
        },
        channel: channel.name,
        credentials: (member) => {
            if (member === 'productivist-admin') return admin;
            const credential = memberCredential(runner.state.root, member);
            if (credential === undefined) throw new Error(`no credentials for ${member}`);
            return credential;
        },
        deadlines: { endorse: 30_000, evaluate: 15_000 },
    });
    try {
        const token = ledger.contract('productivist-admin', 'productoken');
        let initialized: TokenSetup['initialized'] = 'before';
        try {
            await token.evaluate('TokenInfo');
        } catch (error) {
            if (!(error instanceof LedgerError && /NOT_INITIALIZED/.test(`${error.code} ${error.message}`)))
                throw error;
            await token.submit('Initialize', { arguments: [JSON.stringify(publicTokenConfig)] });
            initialized = 'now';
        }
        const holders = publicAccountHolders.filter((name) => memberCredential(runner.state.root, name) !== undefined);
        // One after the other: two identities of one member (alice, aliceDesigner) write one account.
        for (const name of holders) await ledger.contract(name, 'productoken').submit('OpenAccount');
        runner.say(
            `productoken: ${initialized === 'now' ? 'initialized' : 'was initialized'}; accounts open: ${holders.join(', ') || '(no member credentials)'}`,
        );
        return { initialized, accounts: holders };
    } finally {
        ledger.close();
    }
}
