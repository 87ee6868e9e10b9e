// SPDX-License-Identifier: Apache-2.0
import { KitError } from '@productivist/common';
import type { KitErrorOptions } from '@productivist/common';

import type { ValidationCode } from './api.js';

/** Base error of the ledger package. */
export class LedgerError extends KitError {
    constructor(
        message: string,
        options: Readonly<Omit<KitErrorOptions, 'exit'>> & { exit?: KitErrorOptions['exit'] },
    ) {
        super(message, { exit: 'ledger', ...options });
        this.name = 'LedgerError';
    }
}

/**
 * Splits a chaincode error message into its stable code and text: contracts write `CODE: text`
 * (only the message crosses from chaincode to client), e.g. `INSUFFICIENT_FUNDS: balance 5 < 10`.
 */
export function parseChaincodeMessage(message: string): { readonly code: string | undefined; readonly text: string } {
    const match = /^([A-Z][A-Z0-9_]{2,}): ([\s\S]*)$/.exec(message);
    return match ? { code: match[1], text: match[2] ?? '' } : { code: undefined, text: message };
}

/** Endorsement failed: the chaincode returned an error, peers disagreed, or no peers could endorse. */
export class EndorseError extends LedgerError {
    readonly transactionId: string;
    /** The chaincode's own message, when the chaincode failed. */
    readonly chaincodeMessage: string | undefined;

    constructor(
        transactionId: string,
        message: string,
        options: { readonly code: string; readonly chaincodeMessage?: string; readonly hint?: string },
    ) {
        super(message, { code: options.code, hint: options.hint });
        this.name = 'EndorseError';
        this.transactionId = transactionId;
        this.chaincodeMessage = options.chaincodeMessage;
    }

    /** An error for a chaincode response with status >= 400; its code is the message's `CODE:` prefix. */
    static fromChaincode(transactionId: string, status: number, chaincodeMessage: string): EndorseError {
        const { code } = parseChaincodeMessage(chaincodeMessage);
        return new EndorseError(transactionId, `chaincode response ${status}, ${chaincodeMessage}`, {
            code: code ?? 'CHAINCODE_ERROR',
            chaincodeMessage,
        });
    }
}

/** The transaction was ordered but validated with a code other than VALID. */
export class CommitError extends LedgerError {
    readonly transactionId: string;
    readonly blockNumber: bigint;
    readonly validationCode: ValidationCode;
    /** What the ledger found out about the failure, e.g. the organizations whose endorsement is missing. */
    readonly detail: string | undefined;

    constructor(transactionId: string, blockNumber: bigint, validationCode: ValidationCode, detail?: string) {
        super(
            `transaction ${transactionId} failed to commit with status code ${validationCode} in block ${blockNumber}${detail === undefined ? '' : `: ${detail}`}`,
            {
                code: validationCode,
                hint:
                    validationCode === 'MVCC_READ_CONFLICT' || validationCode === 'PHANTOM_READ_CONFLICT'
                        ? 'another transaction changed what this one read; endorse it again and resubmit'
                        : validationCode === 'ENDORSEMENT_POLICY_FAILURE'
                          ? 'endorse on peers of the organizations the policy needs (or let the gateway choose them)'
                          : undefined,
            },
        );
        this.detail = detail;
        this.name = 'CommitError';
        this.transactionId = transactionId;
        this.blockNumber = blockNumber;
        this.validationCode = validationCode;
    }
}
