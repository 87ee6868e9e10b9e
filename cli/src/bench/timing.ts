// SPDX-License-Identifier: Apache-2.0
//
// A Ledger that times every submit made through it (and records it, as the RecordingLedger does), from the client's submit call (endorsement,
// ordering) until its commit status came back: the submit-to-commit latency of the benchmark. It
// counts read conflicts, and can retry them (the flows, whose shared keys may conflict), counting
// the retries.
import { RecordingLedger } from '@productivist/clients';
import type { Ledger, LedgerContract, RetryPolicy, SubmitResult } from '@productivist/ledger-api';
import { retryReadConflicts } from '@productivist/ledger-api';

import { isConflict } from './load.js';

export class TimingLedger extends RecordingLedger {
    /** Submit-to-commit milliseconds of each submit that committed VALID. */
    readonly committedMs: number[] = [];
    conflicts = 0;
    retries = 0;

    constructor(
        inner: Ledger,
        /** Retries of read conflicts at this level (attempts 1: none). */
        private readonly retry: RetryPolicy = { attempts: 1 },
    ) {
        super(inner);
    }

    /** Forgets what was measured (between phases). */
    reset(): void {
        this.committedMs.length = 0;
        this.conflicts = 0;
        this.retries = 0;
        this.transactions.length = 0;
    }

    override contract(member: string, chaincodeName: string, channel?: string): LedgerContract {
        const contract = super.contract(member, chaincodeName, channel);
        const once = async (name: string, options: Parameters<LedgerContract['submit']>[1]): Promise<SubmitResult> => {
            const start = performance.now();
            try {
                const submitted = await contract.submit(name, options);
                this.committedMs.push(performance.now() - start);
                return submitted;
            } catch (error) {
                if (isConflict(error)) this.conflicts += 1;
                throw error;
            }
        };
        return {
            chaincodeName,
            evaluate: (name, options) => contract.evaluate(name, options),
            endorse: (name, options) => contract.endorse(name, options),
            submit: (name, options) =>
                retryReadConflicts(() => once(name, options), {
                    ...this.retry,
                    onRetry: () => {
                        this.retries += 1;
                    },
                }),
        };
    }
}
