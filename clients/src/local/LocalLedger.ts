// SPDX-License-Identifier: Apache-2.0
//
// The embedded Productivist world kept in a state directory, so that CLI commands run one after
// another see each other's transactions. The directory holds a journal of the committed
// submissions (member, command, arguments, transient inputs, timestamp); opening it rebuilds the
// world and replays them in order, with their original timestamps. Transient inputs are kept in
// the journal (never on the ledger) because a replay needs them: the journal is a local
// development file, not something to share.
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { KitError } from '@productivist/common';
import type { EmbeddedNetwork } from '@productivist/ledger';
import type {
    ChaincodeEvent,
    EndorsedTransaction,
    EventOptions,
    EventStream,
    Ledger,
    LedgerContract,
    ProposalOptions,
    SubmitResult,
} from '@productivist/ledger-api';
import { commitOrThrow } from '@productivist/ledger-api';

import { createWorld } from '../world.js';

interface JournalEntry {
    readonly member: string;
    readonly chaincode: string;
    readonly transaction: string;
    readonly arguments: string[];
    readonly transientData?: Record<string, string>;
    readonly timestamp: string;
}

const journalName = 'journal.jsonl';

function strings(values: readonly (string | Uint8Array)[] | undefined): string[] {
    return (values ?? []).map((value) => (typeof value === 'string' ? value : Buffer.from(value).toString()));
}

export class LocalLedger implements Ledger {
    private constructor(
        readonly network: EmbeddedNetwork,
        private readonly journal: string | undefined,
        private readonly clock: { now: Date | undefined },
    ) {}

    /** Opens (or starts) the world in `stateDirectory`; without one the world lives in memory only. */
    static async open(stateDirectory?: string): Promise<LocalLedger> {
        const clock: { now: Date | undefined } = { now: undefined };
        const network = await createWorld({ now: () => clock.now ?? new Date() });
        let journal: string | undefined;
        if (stateDirectory !== undefined) {
            mkdirSync(stateDirectory, { recursive: true });
            journal = join(stateDirectory, journalName);
            if (existsSync(journal)) {
                const lines = readFileSync(journal, 'utf8')
                    .split('\n')
                    .filter((line) => line.trim() !== '');
                for (const [index, line] of lines.entries()) {
                    const entry = JSON.parse(line) as JournalEntry;
                    clock.now = new Date(entry.timestamp);
                    try {
                        await network.contract(entry.member, entry.chaincode).submit(entry.transaction, {
                            arguments: entry.arguments,
                            ...(entry.transientData ? { transientData: entry.transientData } : {}),
                        });
                    } catch (error) {
                        throw new KitError(
                            `the state in ${stateDirectory} cannot be replayed: entry ${index + 1} (${entry.chaincode}.${entry.transaction} by ${entry.member}) failed: ${error instanceof Error ? error.message : String(error)}`,
                            {
                                code: 'STATE_CORRUPT',
                                exit: 'ledger',
                                hint: `delete ${stateDirectory} to start a fresh world`,
                                cause: error,
                            },
                        );
                    } finally {
                        clock.now = undefined;
                    }
                }
            }
        }
        return new LocalLedger(network, journal, clock);
    }

    private record(
        member: string,
        chaincode: string,
        transaction: string,
        options: ProposalOptions,
        timestamp: Date,
    ): void {
        if (this.journal === undefined) return;
        const transient = options.transientData
            ? Object.fromEntries(
                  Object.entries(options.transientData).map(([k, v]) => [
                      k,
                      typeof v === 'string' ? v : Buffer.from(v).toString(),
                  ]),
              )
            : undefined;
        const entry: JournalEntry = {
            member,
            chaincode,
            transaction,
            arguments: strings(options.arguments),
            ...(transient ? { transientData: transient } : {}),
            timestamp: timestamp.toISOString(),
        };
        appendFileSync(this.journal, `${JSON.stringify(entry)}\n`);
    }

    contract(member: string, chaincodeName: string): LedgerContract {
        const inner = this.network.contract(member, chaincodeName);
        const endorse = async (transaction: string, options: ProposalOptions = {}): Promise<EndorsedTransaction> => {
            const timestamp = new Date();
            this.clock.now = timestamp;
            let endorsed: EndorsedTransaction;
            try {
                endorsed = await inner.endorse(transaction, options);
            } finally {
                this.clock.now = undefined;
            }
            return {
                transactionId: endorsed.transactionId,
                result: endorsed.result,
                submit: async () => {
                    const status = await endorsed.submit();
                    if (status.successful) this.record(member, chaincodeName, transaction, options, timestamp);
                    return status;
                },
            };
        };
        return {
            chaincodeName,
            evaluate: (transaction, options) => inner.evaluate(transaction, options),
            endorse,
            submit: async (transaction: string, options: ProposalOptions = {}): Promise<SubmitResult> => {
                const endorsed = await endorse(transaction, options);
                return commitOrThrow(endorsed);
            },
        };
    }

    chaincodeEvents(member: string, chaincodeName: string, options?: EventOptions): EventStream<ChaincodeEvent> {
        return this.network.chaincodeEvents(member, chaincodeName, options);
    }
}
