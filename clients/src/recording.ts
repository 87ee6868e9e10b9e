// SPDX-License-Identifier: Apache-2.0
//
// A Ledger that records every transaction committed through it (block, id, chaincode, name,
// submitter, result), on any ledger: the demo prints its timeline from this record, with the real
// block numbers of whichever ledger it ran on.
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

/** One committed, valid transaction. */
export interface RecordedTransaction {
    readonly blockNumber: bigint;
    readonly transactionId: string;
    readonly chaincodeName: string;
    readonly transactionName: string;
    readonly member: string;
    readonly result: Uint8Array;
}

/** Wraps `ledger` so that each valid commit made through it is passed to `record`. */
export class RecordingLedger implements Ledger {
    readonly transactions: RecordedTransaction[] = [];

    constructor(private readonly inner: Ledger) {}

    contract(member: string, chaincodeName: string, channel?: string): LedgerContract {
        const contract = this.inner.contract(member, chaincodeName, channel);
        const endorse = async (transactionName: string, options?: ProposalOptions): Promise<EndorsedTransaction> => {
            const endorsed = await contract.endorse(transactionName, options);
            return {
                transactionId: endorsed.transactionId,
                result: endorsed.result,
                submit: async () => {
                    const status = await endorsed.submit();
                    if (status.successful) {
                        this.transactions.push({
                            blockNumber: status.blockNumber,
                            transactionId: status.transactionId,
                            chaincodeName,
                            transactionName,
                            member,
                            result: endorsed.result,
                        });
                    }
                    return status;
                },
            };
        };
        return {
            chaincodeName,
            evaluate: (transactionName, options) => contract.evaluate(transactionName, options),
            endorse,
            submit: async (transactionName: string, options?: ProposalOptions): Promise<SubmitResult> =>
                commitOrThrow(await endorse(transactionName, options)),
        };
    }

    chaincodeEvents(
        member: string,
        chaincodeName: string,
        options?: EventOptions & { channel?: string },
    ): EventStream<ChaincodeEvent> {
        return this.inner.chaincodeEvents(member, chaincodeName, options);
    }
}
