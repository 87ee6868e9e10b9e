// SPDX-License-Identifier: Apache-2.0
//
// The books after a fault: what the payment load recorded against what the ledger holds.
// - supply: TotalSupply equals what was minted, and the balances plus holds of every account add
//   up to it (no token made or lost by a fault);
// - requests: each transfer movement on the ledger carries its request id as reference, so the
//   transfers per request id are counted in each payer's Activity (read as the treasury): a request
//   the client saw committed has exactly one, a refused one none, and no request has two;
// - peers: every peer of the channel, asked on its own, reaches the same height with the same
//   commit hash (see network/src/gateway/peerStates.ts): the same validation and the same writes
//   for every block, so the same world state.
import type { PeerState } from '@productivist/network';
import { peerStates } from '@productivist/network';
import { eventually } from '@productivist/network/testing';
import type { Ledger } from '@productivist/ledger-api';
import { Wallet } from '@productivist/clients';

import type { PaymentRequest } from './load.js';

export interface BooksOptions {
    /** The treasury member (reads every account). */
    readonly treasury: string;
    /** Every account that holds tokens. */
    readonly accounts: readonly string[];
    /** The total the test minted (the supply the ledger must show). */
    readonly minted: bigint;
    readonly requests: readonly PaymentRequest[];
}

/** The books' figures; `problems` names each request or account that is wrong. */
export interface Books {
    readonly supply: bigint;
    readonly minted: bigint;
    /** Sum of available and held over the accounts. */
    readonly accountsTotal: bigint;
    readonly requests: number;
    readonly committed: number;
    readonly refused: number;
    /** Requests whose outcome the client never learnt. */
    readonly unsettled: number;
    /** Committed for the client, no transfer on the ledger. */
    readonly lost: number;
    /** More than one transfer on the ledger for one request id. */
    readonly duplicated: number;
    /** Refused for the client, yet a transfer on the ledger. */
    readonly refusedButOnLedger: number;
    readonly problems: readonly string[];
}

/** Every transfer each payer made, counted by reference (the load's request id). */
export async function transfersByReference(wallet: Wallet, payers: readonly string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const payer of payers) {
        let bookmark = '';
        do {
            const page = await wallet.activity(payer, 100, bookmark);
            for (const movement of page.items) {
                if (movement.kind !== 'transfer' || movement.from !== payer || movement.reference === undefined)
                    continue;
                counts.set(movement.reference, (counts.get(movement.reference) ?? 0) + 1);
            }
            bookmark = page.bookmark;
        } while (bookmark !== '');
    }
    return counts;
}

/** Reads the ledger and checks the books against the requests. */
export async function checkBooks(ledger: Ledger, options: Readonly<BooksOptions>): Promise<Books> {
    const treasury = new Wallet(ledger, options.treasury);
    const problems: string[] = [];
    const supply = BigInt(await treasury.supply());
    if (supply !== options.minted)
        problems.push(`supply ${String(supply)} is not the ${String(options.minted)} minted`);
    let accountsTotal = 0n;
    for (const account of options.accounts) {
        const balance = await treasury.balance(account);
        accountsTotal += BigInt(balance.available) + BigInt(balance.held);
    }
    if (accountsTotal !== supply) {
        problems.push(`the accounts hold ${String(accountsTotal)} in all, the supply is ${String(supply)}`);
    }
    const payers = [...new Set(options.requests.map((request) => request.payer))];
    const onLedger = await transfersByReference(treasury, payers);
    let lost = 0;
    let duplicated = 0;
    let refusedButOnLedger = 0;
    for (const request of options.requests) {
        const count = onLedger.get(request.requestId) ?? 0;
        if (count > 1) {
            duplicated += 1;
            problems.push(`request ${request.requestId}: ${String(count)} transfers on the ledger`);
        }
        if (request.state === 'committed' && count === 0) {
            lost += 1;
            problems.push(
                `request ${request.requestId}: committed (${request.transactionId ?? '?'}) but not on the ledger`,
            );
        }
        if (request.state === 'refused' && count > 0) {
            refusedButOnLedger += 1;
            problems.push(`request ${request.requestId}: refused (${request.refusal ?? '?'}) but on the ledger`);
        }
        if (request.state === 'submitted') {
            problems.push(`request ${request.requestId}: never settled (${String(count)} on the ledger)`);
        }
    }
    const known = new Set(options.requests.map((request) => request.requestId));
    for (const reference of onLedger.keys()) {
        if (!known.has(reference)) problems.push(`a transfer with reference ${reference} that no request made`);
    }
    const count = (state: PaymentRequest['state']): number =>
        options.requests.filter((request) => request.state === state).length;
    return {
        supply,
        minted: options.minted,
        accountsTotal,
        requests: options.requests.length,
        committed: count('committed'),
        refused: count('refused'),
        unsettled: count('submitted'),
        lost,
        duplicated,
        refusedButOnLedger,
        problems,
    };
}

/** Every peer's height and commit hash once they agree, or as they were when the deadline passed. */
export interface PeerAgreement {
    readonly equal: boolean;
    readonly peers: readonly PeerState[];
}

/** True when every peer answered with the same height and the same non-empty commit hash. */
export function peersAgree(peers: readonly PeerState[]): boolean {
    const [first] = peers;
    if (first?.height === undefined || first.commitHash === undefined || first.commitHash === '') return false;
    return peers.every((peer) => peer.height === first.height && peer.commitHash === first.commitHash);
}

/** Polls every peer of the channel until they hold the same blocks and the same state (bounded). */
export async function samePeerState(
    state: string,
    member: string,
    channel?: string,
    deadlineMs = 60_000,
): Promise<PeerAgreement> {
    const peers = await eventually(() => peerStates(state, member, channel), peersAgree, deadlineMs);
    return { equal: peersAgree(peers), peers };
}
