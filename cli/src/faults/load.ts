// SPDX-License-Identifier: Apache-2.0
//
// A steady payment load for the fault tests: K payers, each paying one payee productoken transfers
// one after the other through the clients' Wallet, each transfer under a request id of its own.
// Every request is recorded as it goes (submitted, then committed with its transaction id and
// block, or refused with the contract's or the validation's error), never assuming an outcome: a
// failure that does not say what happened to the transaction (a gateway or ordering error, a
// deadline) is retried with the SAME request id until it settles, which productoken's request-id
// dedup makes safe (a retry of a transfer that did commit returns the original result).
import { ClientError, RecordingLedger, Wallet } from '@productivist/clients';
import type { Ledger } from '@productivist/ledger-api';
import { CommitError } from '@productivist/ledger-api';

/** Where a request stands: `submitted` until the ledger's answer is known. */
export type RequestState = 'submitted' | 'committed' | 'refused';

/** One failed attempt of a request. */
export interface AttemptFailure {
    /** Milliseconds since the epoch. */
    readonly at: number;
    /** The error's code (a contract or validation code, GATEWAY_ERROR, …) or its class name. */
    readonly code: string;
    readonly message: string;
}

/** One payment request and what became of it. */
export interface PaymentRequest {
    readonly requestId: string;
    readonly payer: string;
    readonly payee: string;
    readonly amount: string;
    readonly submittedAt: number;
    state: RequestState;
    attempts: number;
    settledAt?: number;
    /** The transaction that carried the transfer (the original one when a retry was a replay). */
    transactionId?: string;
    /** Its block, when the attempt that committed it was this client's (not known for a replay). */
    block?: bigint;
    /** True when the committing answer was a replay of an earlier attempt that had committed unseen. */
    replayed?: boolean;
    /** The refusal (contract code or validation code and message). */
    refusal?: string;
    readonly failures: AttemptFailure[];
}

export interface PaymentLoadOptions {
    /** The paying members (each with a funded account). */
    readonly payers: readonly string[];
    readonly payee: string;
    /** Each transfer's amount, in the token's smallest unit. */
    readonly amount: string;
    /** A word naming this run; request ids are `<run>-<payer>-<n>`. */
    readonly run: string;
    /** Pause between a payer's requests (pacing of the load), 0 by default. */
    readonly pauseMs?: number;
    /** Pause before retrying a request whose outcome is unclear, 1 s by default. */
    readonly retryPauseMs?: number;
}

/** Counts of the requests by state, and the failed attempts by code. */
export interface LoadSummary {
    readonly requests: number;
    readonly committed: number;
    readonly refused: number;
    readonly unsettled: number;
    readonly replayed: number;
    readonly retriedRequests: number;
    readonly failuresByCode: Readonly<Record<string, number>>;
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Failed attempts counted by code. */
export function countByCode(failures: readonly AttemptFailure[]): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const failure of failures) counts[failure.code] = (counts[failure.code] ?? 0) + 1;
    return counts;
}

/** The code of a failure: a KitError's code, else the error's class name. */
function codeOf(error: unknown): string {
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code === 'string') return code;
    return error instanceof Error ? error.name : 'ERROR';
}

/**
 * True when the error says what the ledger did: the contract refused the proposal (its own code,
 * nothing written), or the transaction was validated in a block and marked invalid. Anything else
 * (the gateway, an orderer, a deadline) leaves the transaction's fate unknown.
 */
export function isDefinitiveRefusal(error: unknown): boolean {
    if (!(error instanceof ClientError)) return false;
    return error.cause instanceof CommitError || error.code !== 'CHAINCODE_ERROR';
}

/** The steady payment load: {@link start} it, then {@link stop} it and read {@link requests}. */
export class PaymentLoad {
    readonly requests: PaymentRequest[] = [];
    private readonly recording: RecordingLedger;
    private stopping = false;
    private settleBy = Number.POSITIVE_INFINITY;
    private running: Promise<void> | undefined;

    constructor(
        ledger: Ledger,
        private readonly options: Readonly<PaymentLoadOptions>,
    ) {
        this.recording = new RecordingLedger(ledger);
    }

    /** Starts every payer's loop. */
    start(): this {
        if (this.running !== undefined) throw new Error('the payment load already runs');
        this.running = Promise.all(this.options.payers.map((payer) => this.payerLoop(payer))).then(() => undefined);
        return this;
    }

    /**
     * Stops issuing requests and waits until those in flight settle: their unclear failures are still
     * retried, until `settleMs` have passed (then they stay `submitted`).
     */
    async stop(settleMs = 120_000): Promise<LoadSummary> {
        this.stopping = true;
        this.settleBy = Date.now() + settleMs;
        await this.running;
        return this.summary();
    }

    /** Requests committed at or after `since` (ms since the epoch). */
    committedSince(since: number): number {
        return this.requests.filter((request) => request.state === 'committed' && (request.settledAt ?? 0) >= since)
            .length;
    }

    /** Failed attempts at or after `since`, oldest first. */
    failuresSince(since: number): AttemptFailure[] {
        return this.requests
            .flatMap((request) => request.failures)
            .filter((failure) => failure.at >= since)
            .sort((a, b) => a.at - b.at);
    }

    summary(): LoadSummary {
        const failuresByCode = countByCode(this.requests.flatMap((request) => request.failures));
        const count = (state: RequestState): number => this.requests.filter((r) => r.state === state).length;
        return {
            requests: this.requests.length,
            committed: count('committed'),
            refused: count('refused'),
            unsettled: count('submitted'),
            replayed: this.requests.filter((request) => request.replayed === true).length,
            retriedRequests: this.requests.filter((request) => request.attempts > 1).length,
            failuresByCode,
        };
    }

    private async payerLoop(payer: string): Promise<void> {
        const wallet = new Wallet(this.recording, payer);
        for (let n = 1; !this.stopping; n++) {
            const request: PaymentRequest = {
                requestId: `${this.options.run}-${payer}-${String(n)}`,
                payer,
                payee: this.options.payee,
                amount: this.options.amount,
                submittedAt: Date.now(),
                state: 'submitted',
                attempts: 0,
                failures: [],
            };
            this.requests.push(request);
            await this.settle(wallet, request);
            const pauseMs = this.options.pauseMs ?? 0;
            if (pauseMs > 0) await pause(pauseMs);
        }
    }

    /** Submits `request` until the ledger's answer is known, or the load stopped and its settle time passed. */
    private async settle(wallet: Wallet, request: PaymentRequest): Promise<void> {
        for (;;) {
            request.attempts += 1;
            try {
                // The request id doubles as the transfer's reference: the books count transfers by it.
                const result = await wallet.transfer(
                    request.payee,
                    request.amount,
                    request.requestId,
                    request.requestId,
                );
                request.state = 'committed';
                request.settledAt = Date.now();
                request.transactionId = result.transactionId;
                request.replayed = result.replayed;
                const block = this.recording.transactions.find(
                    (tx) => tx.transactionId === result.transactionId,
                )?.blockNumber;
                if (block !== undefined) request.block = block;
                return;
            } catch (error) {
                const message = error instanceof Error ? error.message : String(error);
                request.failures.push({ at: Date.now(), code: codeOf(error), message });
                if (isDefinitiveRefusal(error)) {
                    request.state = 'refused';
                    request.settledAt = Date.now();
                    request.refusal = `${codeOf(error)}: ${message}`;
                    return;
                }
            }
            if (this.stopping && Date.now() > this.settleBy) return;
            await pause(this.options.retryPauseMs ?? 1_000);
        }
    }
}
