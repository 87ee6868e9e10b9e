// SPDX-License-Identifier: Apache-2.0
//
// Support of the fault test files: each brings up ONE faults network (cli/src/faults/network.ts) with
// its payers funded, runs `productivist` commands on it, and ends with the books read after the load:
// the orderers level, the ledger's transfers against the requests, every peer's commit hash.
import type { GatewayLedger, OrdererConsensus } from '@productivist/network';
import { openNetworkLedger, ordererConsensus } from '@productivist/network';
import { eventually } from '@productivist/network/testing';

import type {
    Books,
    ChaincodeServers,
    FundedPayers,
    Ordering,
    PaymentRequest,
    PeerAgreement,
} from '../faults/index.js';
import { checkBooks, faultsEcosystem, fundPayers, samePeerState } from '../faults/index.js';
import { runCli } from '../run.js';
import type { SuiteNetwork } from './support.js';
import { startNetwork } from './support.js';

/** The channel of the faults network. */
export const faultsChannel = 'productivist';

/** A running faults network, its gateway ledger and its funded payers. */
export interface FaultsNetwork {
    readonly network: SuiteNetwork;
    readonly state: string;
    readonly ledger: GatewayLedger;
    readonly funded: FundedPayers;
}

/** Brings up the faults network ordered by `ordering` (productoken's servers as `servers` says) and funds `payers` payers. */
export async function startFaultsNetwork(
    ordering: Ordering,
    payers: number,
    commitStatusMs = 60_000,
    servers: ChaincodeServers = 'shared',
): Promise<FaultsNetwork> {
    const network = await startNetwork(
        `faults-${ordering}`,
        (base) => faultsEcosystem(ordering, base, undefined, servers),
        40,
    );
    try {
        // A loaded 2-core machine: deadlines long enough that what is counted is the fault, not a client giving up.
        const ledger = openNetworkLedger({
            state: network.state,
            deadlines: { evaluate: 30_000, endorse: 60_000, submit: 30_000, commitStatus: commitStatusMs },
        });
        try {
            const funded = await fundPayers(network.state, ledger, payers, '1000000');
            return { network, state: network.state, ledger, funded };
        } catch (error) {
            ledger.close();
            throw error;
        }
    } catch (error) {
        await network.stop();
        throw error;
    }
}

/** Closes the ledger and takes the network down (nothing when it never came up). */
export async function stopFaultsNetwork(faults: FaultsNetwork | undefined): Promise<void> {
    faults?.ledger.close();
    await faults?.network.stop();
}

/** Runs a `productivist` command in this process; its output, or an error with its exit code and stderr. */
export async function productivist(...argv: string[]): Promise<string> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t), cwd: process.cwd() });
    if (code !== 0) throw new Error(`productivist ${argv.join(' ')} exited ${String(code)}: ${err.join('\n')}`);
    return out.join('\n');
}

/** What the books say once the load stopped. */
export interface SettledBooks {
    /** Every orderer's view once they hold the same height (or at the deadline). */
    readonly orderers: readonly OrdererConsensus[];
    readonly books: Books;
    readonly peers: PeerAgreement;
}

/** Waits for the orderers to be level, then checks the books and every peer's state. */
export async function settledBooks(faults: FaultsNetwork, requests: readonly PaymentRequest[]): Promise<SettledBooks> {
    const orderers = await eventually(
        () => ordererConsensus(faults.state, faultsChannel),
        (views) => views.every((view) => view.height !== undefined && view.height === views[0]?.height),
        120_000,
    );
    const books = await checkBooks(faults.ledger, {
        treasury: 'treasury',
        accounts: faults.funded.accounts,
        minted: faults.funded.minted,
        requests,
    });
    const peers = await samePeerState(faults.state, 'treasury', faultsChannel);
    return { orderers, books, peers };
}
