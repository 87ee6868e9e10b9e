// SPDX-License-Identifier: Apache-2.0
//
// The ledger interface of the kit's clients. Two implementations: the embedded ledger (in-process,
// Fabric's semantics) and the Fabric gateway (real peers). Its shape follows @hyperledger/fabric-gateway:
// evaluate, submit, or endorse then submit, and chaincode events after commit.

/** Fabric's transaction validation codes (peer.TxValidationCode) that the kit reports. */
export type ValidationCode =
    | 'VALID'
    | 'DUPLICATE_TXID'
    | 'ENDORSEMENT_POLICY_FAILURE'
    | 'MVCC_READ_CONFLICT'
    | 'PHANTOM_READ_CONFLICT'
    | 'INVALID_OTHER_REASON';

/** What a proposal carries besides the transaction name. */
export interface ProposalOptions {
    /** Transaction arguments; strings are sent as UTF-8. */
    readonly arguments?: readonly (string | Uint8Array)[];
    /** Private inputs: seen by the chaincode, never written to the ledger. */
    readonly transientData?: Readonly<Record<string, string | Uint8Array>>;
    /** Endorse on exactly these organizations (MSP ids) instead of letting the ledger choose. */
    readonly endorsingOrganizations?: readonly string[];
}

/** The outcome of validating one transaction. */
export interface CommitStatus {
    readonly transactionId: string;
    readonly blockNumber: bigint;
    readonly code: ValidationCode;
    readonly successful: boolean;
    /** What the ledger found out about a failure, e.g. the organizations whose endorsement is missing. */
    readonly detail?: string;
}

/** A transaction endorsed and ready to be sent for ordering. */
export interface EndorsedTransaction {
    readonly transactionId: string;
    /** What the chaincode returned. */
    readonly result: Uint8Array;
    /** Sends it for ordering and waits for its commit status (which may be a failure code). */
    submit(): Promise<CommitStatus>;
}

/** A committed, valid transaction. */
export interface SubmitResult {
    readonly transactionId: string;
    readonly blockNumber: bigint;
    readonly result: Uint8Array;
}

/** One chaincode of one channel, used as one member. */
export interface LedgerContract {
    readonly chaincodeName: string;
    /** Runs a query on one peer; nothing is ordered or committed. */
    evaluate(transactionName: string, options?: ProposalOptions): Promise<Uint8Array>;
    /** Endorses, orders and waits for commit; throws when any step fails or the commit is invalid. */
    submit(transactionName: string, options?: ProposalOptions): Promise<SubmitResult>;
    /** Endorses only, so that several transactions can be endorsed on the same state before any commits. */
    endorse(transactionName: string, options?: ProposalOptions): Promise<EndorsedTransaction>;
}

/** A chaincode event of a valid, committed transaction. */
export interface ChaincodeEvent {
    readonly blockNumber: bigint;
    readonly transactionId: string;
    readonly chaincodeName: string;
    readonly eventName: string;
    readonly payload: Uint8Array;
}

/** Options of {@link Ledger.chaincodeEvents}. */
export interface EventOptions {
    /** Replay from this block; by default only events committed after the call. */
    readonly startBlock?: bigint;
}

/** A stream of events; `close()` ends the iteration. */
export interface EventStream<T> extends AsyncIterable<T> {
    close(): void;
}

/** A ledger the clients can use. */
export interface Ledger {
    /** The contract `chaincodeName` on `channel` (the default channel when omitted), acting as `member`. */
    contract(member: string, chaincodeName: string, channel?: string): LedgerContract;
    /** Events of a chaincode, delivered after commit, in block order. */
    chaincodeEvents(
        member: string,
        chaincodeName: string,
        options?: EventOptions & { channel?: string },
    ): EventStream<ChaincodeEvent>;
}
