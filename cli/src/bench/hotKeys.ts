// SPDX-License-Identifier: Apache-2.0
//
// The hot-key measurement, on any Ledger: many payers pay one producer at the same moment, once
// with productoken (credit entries: each payment writes a key of its own) and once with the naive
// single-balance-key token (each payment rewrites the producer's one balance key). Every payment is
// submitted once, without the clients' conflict retries, so that what the ledger's validation
// decides is what is counted.
import type { Ledger } from '@productivist/ledger-api';
import { CommitError, isReadConflict } from '@productivist/ledger-api';
import { RecordingLedger, Wallet } from '@productivist/clients';

import { failureCode } from './load.js';

/** What one round of concurrent payments came to. */
export interface PaymentOutcome {
    readonly contract: string;
    readonly payments: number;
    readonly valid: number;
    /** MVCC_READ_CONFLICT and PHANTOM_READ_CONFLICT. */
    readonly conflicts: number;
    /** Any other failure (refusals, other validation codes, transport errors), with its first message. */
    readonly otherFailures: number;
    /** Every failure by its code (a validation code, or the error's code such as ENDORSEMENT_MISMATCH). */
    readonly failures: Readonly<Record<string, number>>;
    readonly firstOtherFailure?: string;
    /** Distinct blocks the payments were validated in. */
    readonly blocks: number;
    readonly seconds: number;
}

function tally(contract: string, settled: readonly PromiseSettledResult<bigint>[], started: number): PaymentOutcome {
    const blocks = new Set<bigint>();
    let valid = 0;
    let conflicts = 0;
    let otherFailures = 0;
    let firstOtherFailure: string | undefined;
    const failures: Record<string, number> = {};
    for (const result of settled) {
        if (result.status === 'fulfilled') {
            valid += 1;
            blocks.add(result.value);
            continue;
        }
        const error: unknown = result.reason;
        const commit = error instanceof CommitError ? error : (error as { cause?: unknown } | null)?.cause;
        if (commit instanceof CommitError) blocks.add(commit.blockNumber);
        const code = failureCode(error);
        failures[code] = (failures[code] ?? 0) + 1;
        if (isReadConflict(commit)) conflicts += 1;
        else {
            otherFailures += 1;
            firstOtherFailure ??= error instanceof Error ? error.message : String(error);
        }
    }
    return {
        contract,
        payments: settled.length,
        valid,
        conflicts,
        otherFailures,
        failures,
        ...(firstOtherFailure === undefined ? {} : { firstOtherFailure }),
        blocks: blocks.size,
        seconds: (Date.now() - started) / 1000,
    };
}

/** Each payer pays `producer` `amount` through productoken's Transfer, all at once, each submitted once. */
export async function productokenPayments(
    ledger: Ledger,
    payers: readonly string[],
    producer: string,
    amount: string,
    run: string,
): Promise<PaymentOutcome> {
    // The Wallet reports transaction ids; the recording gives their blocks.
    const recording = new RecordingLedger(ledger);
    const started = Date.now();
    const settled = await Promise.allSettled(
        payers.map(async (payer) => {
            const wallet = new Wallet(recording, payer);
            wallet.retryPolicy = { attempts: 1 };
            const result = await wallet.transfer(producer, amount, `hot-key bench ${run}`, `bench-${run}-${payer}`);
            const committed = recording.transactions.find((tx) => tx.transactionId === result.transactionId);
            if (committed === undefined) throw new Error(`transfer by ${payer} was not recorded`);
            return committed.blockNumber;
        }),
    );
    return tally('productoken (credit entries)', settled, started);
}

/** The same payments with the naive token: Transfer(from, to, amount) rewriting both balance keys. */
export async function naivePayments(
    ledger: Ledger,
    chaincode: string,
    payers: readonly string[],
    producer: string,
    amount: string,
): Promise<PaymentOutcome> {
    const started = Date.now();
    const settled = await Promise.allSettled(
        payers.map(async (payer) => {
            const submitted = await ledger
                .contract(payer, chaincode)
                .submit('Transfer', { arguments: [payer, producer, amount] });
            return submitted.blockNumber;
        }),
    );
    return tally('naive (one balance key)', settled, started);
}

/** Table lines: counts, and the conflicts of the naive token against productoken's as a ratio. */
export function formatOutcomes(outcomes: readonly PaymentOutcome[]): string[] {
    const lines = [
        `${'contract'.padEnd(30)} ${'payments'.padStart(8)} ${'valid'.padStart(6)} ${'conflicts'.padStart(9)} ${'other'.padStart(6)} ${'blocks'.padStart(6)} ${'seconds'.padStart(8)}`,
        ...outcomes.map(
            (o) =>
                `${o.contract.padEnd(30)} ${String(o.payments).padStart(8)} ${String(o.valid).padStart(6)} ${String(o.conflicts).padStart(9)} ${String(o.otherFailures).padStart(6)} ${String(o.blocks).padStart(6)} ${o.seconds.toFixed(2).padStart(8)}`,
        ),
    ];
    for (const o of outcomes) {
        const codes = Object.entries(o.failures).map(([code, count]) => `${code} ${count}`);
        if (codes.length > 0) lines.push(`${o.contract} failures: ${codes.join(', ')}`);
        if (o.firstOtherFailure !== undefined)
            lines.push(`  first other failure: ${o.firstOtherFailure.slice(0, 300)}`);
    }
    const [token, naive] = outcomes;
    if (token !== undefined && naive !== undefined) {
        lines.push(
            `conflict rate: productoken ${token.conflicts}/${token.payments}, naive ${naive.conflicts}/${naive.payments}; ` +
                `valid payments productoken : naive = ${token.valid} : ${naive.valid}` +
                (naive.valid > 0 ? ` (${(token.valid / naive.valid).toFixed(1)}x)` : ''),
        );
    }
    return lines;
}
