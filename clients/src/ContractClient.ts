// SPDX-License-Identifier: Apache-2.0
//
// The base of the four clients: JSON in and out over the Ledger interface (the embedded ledger or
// the Fabric gateway alike), with contract errors turned into readable errors that keep their code.
import { KitError } from '@productivist/common';
import type { ArgumentsOf, ResultOf, TransactionDescription } from '@productivist/core-chaincode';
import type { Ledger, ProposalOptions, SubmitResult } from '@productivist/ledger-api';
import type { RetryPolicy } from '@productivist/ledger-api';
import {
    CommitError,
    defaultRetryPolicy,
    EndorseError,
    parseChaincodeMessage,
    retryReadConflicts,
} from '@productivist/ledger-api';

import { spends, spendTransient } from './credits.js';
import { trustedEndorsers } from './endorsers.js';

/** What to do about each refusal code; the contract's message says what was refused and why. */
const hints: Readonly<Record<string, string>> = {
    FORBIDDEN: "act as a member allowed to do this: the contract's SPEC.md lists who may call each command",
    NOT_FOUND: 'check the id or account; it must exist on the ledger first',
    INVALID_ARGUMENT: 'correct the argument the message names and run the command again',
    INSUFFICIENT_FUNDS: "check the balance with 'productivist wallet balance', or pay a smaller amount",
    CONFLICT: 'the ledger already holds something that conflicts; use another id, or check its state first',
    NOT_INITIALIZED: 'productoken must be initialized by a Productivist admin first',
    LIMIT_EXCEEDED: 'stay within the limit the message names',
    MVCC_READ_CONFLICT: 'another transaction changed what this one read; run the command again',
    PHANTOM_READ_CONFLICT: 'another transaction changed what this one read; run the command again',
    ENDORSEMENT_POLICY_FAILURE:
        "the endorsements did not satisfy the chaincode's policy: the organizations named must run a peer that endorses",
};

/** A refusal by a contract (its stable code, e.g. INSUFFICIENT_FUNDS) or a failed commit. */
export class ClientError extends KitError {
    constructor(message: string, code: string, cause: unknown) {
        super(message, {
            code,
            exit:
                code === 'FORBIDDEN' || code === 'NOT_FOUND' || code.startsWith('INVALID') ? 'invalidInput' : 'ledger',
            hint: hints[code] ?? 'the ledger refused the transaction; the message says why',
            cause,
        });
        this.name = 'ClientError';
    }
}

/** True when a contract refused the proposal at endorsement with `code` (nothing was written). */
function refusedFor(error: unknown, code: string): boolean {
    return (
        error instanceof EndorseError &&
        error.chaincodeMessage !== undefined &&
        parseChaincodeMessage(error.chaincodeMessage).code === code
    );
}

function translate(error: unknown, chaincode: string, transaction: string): unknown {
    if (error instanceof EndorseError && error.chaincodeMessage !== undefined) {
        const { code } = parseChaincodeMessage(error.chaincodeMessage);
        return new ClientError(
            `${chaincode}.${transaction} refused: ${error.chaincodeMessage}`,
            code ?? 'CHAINCODE_ERROR',
            error,
        );
    }
    if (error instanceof CommitError) {
        return new ClientError(
            `${chaincode}.${transaction} was not committed: ${error.validationCode}${error.detail === undefined ? '' : ` (${error.detail})`}`,
            error.validationCode,
            error,
        );
    }
    return error;
}

/** A result's JSON; a bare integer (an amount such as TotalSupply's) stays a decimal string, never a float. */
function parseResult(bytes: Uint8Array): unknown {
    const text = Buffer.from(bytes).toString();
    if (text === '') return undefined;
    return /^-?\d+$/.test(text) ? text : JSON.parse(text);
}

/** What a submitted transaction returned, and the id it was submitted under. */
export interface Submitted<T> {
    readonly result: T;
    readonly transactionId: string;
}

export abstract class ContractClient {
    /** How conflicted submissions are retried (the same policy on every ledger). */
    retryPolicy: RetryPolicy = defaultRetryPolicy;

    protected constructor(
        protected readonly ledger: Ledger,
        /** The member the client acts as. */
        readonly member: string,
        protected readonly chaincode: string,
    ) {}

    /**
     * Runs the transaction `tx` describes with named arguments (ordered as the description orders
     * them): submitted or evaluated as described, its JSON result parsed. A spending transaction
     * (transient `credits` in its description) is first proposed on the caller's base balance alone;
     * only when the contract refuses it with INSUFFICIENT_FUNDS (at endorsement: nothing is written)
     * does the client read the member's CreditsOf and propose it again naming the credit entries to
     * consume. A payer whose base covers the amount so pays in one endorsement round, without the
     * three queries (WhoAmI, BalanceOf, CreditsOf) the credit lookup costs.
     */
    protected async call<T extends TransactionDescription>(
        tx: T,
        args: ArgumentsOf<T>,
        transientData?: Readonly<Record<string, string>>,
    ): Promise<Submitted<ResultOf<T>>> {
        const named = args as Readonly<Record<string, string>>;
        const contract = this.ledger.contract(this.member, this.chaincode);
        // Each attempt is a fresh proposal: credits chosen again on the state the retry sees.
        const proposal = async (credits?: Readonly<Record<string, string>>): Promise<ProposalOptions> => {
            const transient = credits || transientData ? { ...credits, ...transientData } : undefined;
            const endorsers = tx.kind === 'submit' ? await trustedEndorsers(this.ledger, this.member, tx) : undefined;
            return {
                arguments: tx.arguments.map((name) => named[name] ?? ''),
                ...(transient ? { transientData: transient } : {}),
                ...(endorsers ? { endorsingOrganizations: endorsers } : {}),
            };
        };
        const submit = async (): Promise<SubmitResult> => {
            try {
                return await contract.submit(tx.name, await proposal());
            } catch (error) {
                if (!spends(tx) || !refusedFor(error, 'INSUFFICIENT_FUNDS')) throw error;
                const credits = await spendTransient(this.ledger, this.member, tx, named);
                if (credits === undefined) throw error;
                return contract.submit(tx.name, await proposal(credits));
            }
        };
        try {
            if (tx.kind === 'evaluate') {
                const credits = await spendTransient(this.ledger, this.member, tx, named);
                const result = await contract.evaluate(tx.name, await proposal(credits));
                return { result: parseResult(result) as ResultOf<T>, transactionId: '' };
            }
            const { result, transactionId } = await retryReadConflicts(submit, this.retryPolicy);
            return { result: parseResult(result) as ResultOf<T>, transactionId };
        } catch (error) {
            throw translate(error, this.chaincode, tx.name);
        }
    }

    /** {@link call}, the result only. */
    protected async run<T extends TransactionDescription>(
        tx: T,
        args: ArgumentsOf<T>,
        transientData?: Readonly<Record<string, string>>,
    ): Promise<ResultOf<T>> {
        return (await this.call(tx, args, transientData)).result;
    }
}
