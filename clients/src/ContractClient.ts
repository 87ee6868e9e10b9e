// SPDX-License-Identifier: Apache-2.0
//
// The base of the four clients: JSON in and out over the Ledger interface (the embedded ledger or
// the Fabric gateway alike), with contract errors turned into readable errors that keep their code.
import { KitError } from '@productivist/common';
import type { Ledger, ProposalOptions } from '@productivist/ledger-api';
import { CommitError, EndorseError, parseChaincodeMessage } from '@productivist/ledger-api';

/** A refusal by a contract (its stable code, e.g. INSUFFICIENT_FUNDS) or a failed commit. */
export class ClientError extends KitError {
    constructor(message: string, code: string, cause: unknown) {
        super(message, {
            code,
            exit:
                code === 'FORBIDDEN' || code === 'NOT_FOUND' || code.startsWith('INVALID') ? 'invalidInput' : 'ledger',
            cause,
        });
        this.name = 'ClientError';
    }
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
            `${chaincode}.${transaction} was not committed: ${error.validationCode}`,
            error.validationCode,
            error,
        );
    }
    return error;
}

export abstract class ContractClient {
    protected constructor(
        protected readonly ledger: Ledger,
        /** The member the client acts as. */
        readonly member: string,
        protected readonly chaincode: string,
    ) {}

    protected async submit<T>(
        transaction: string,
        args: readonly string[],
        transientData?: Record<string, string>,
    ): Promise<T> {
        const options: ProposalOptions = { arguments: [...args], ...(transientData ? { transientData } : {}) };
        try {
            const { result } = await this.ledger.contract(this.member, this.chaincode).submit(transaction, options);
            const text = Buffer.from(result).toString();
            return (text === '' ? undefined : JSON.parse(text)) as T;
        } catch (error) {
            throw translate(error, this.chaincode, transaction);
        }
    }

    protected async evaluate<T>(transaction: string, args: readonly string[]): Promise<T> {
        try {
            const result = await this.ledger
                .contract(this.member, this.chaincode)
                .evaluate(transaction, { arguments: [...args] });
            return JSON.parse(Buffer.from(result).toString()) as T;
        } catch (error) {
            throw translate(error, this.chaincode, transaction);
        }
    }
}
