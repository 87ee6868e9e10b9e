// SPDX-License-Identifier: Apache-2.0
//
// Only an error's message crosses from chaincode to client (also through nested calls), so the
// stable code travels as its prefix: `INSUFFICIENT_FUNDS: account alice has 5, needs 10`. The
// client side parses it back with parseChaincodeMessage (@productivist/ledger).

/** The stable error codes of the core contracts. */
export type ContractErrorCode =
    | 'INVALID_ARGUMENT'
    | 'FORBIDDEN'
    | 'NOT_FOUND'
    | 'CONFLICT'
    | 'INSUFFICIENT_FUNDS'
    | 'NOT_INITIALIZED'
    | 'LIMIT_EXCEEDED';

export const contractErrorCodes: readonly ContractErrorCode[] = [
    'INVALID_ARGUMENT',
    'FORBIDDEN',
    'NOT_FOUND',
    'CONFLICT',
    'INSUFFICIENT_FUNDS',
    'NOT_INITIALIZED',
    'LIMIT_EXCEEDED',
];

/** An error a contract raises on purpose; its message starts with the code. */
export class ContractError extends Error {
    readonly code: ContractErrorCode;

    constructor(code: ContractErrorCode, text: string) {
        super(`${code}: ${text}`);
        this.name = 'ContractError';
        this.code = code;
    }
}

/** Shorthands, so call sites read as sentences. */
export const invalid = (text: string): ContractError => new ContractError('INVALID_ARGUMENT', text);
export const forbidden = (text: string): ContractError => new ContractError('FORBIDDEN', text);
export const notFound = (text: string): ContractError => new ContractError('NOT_FOUND', text);
export const conflict = (text: string): ContractError => new ContractError('CONFLICT', text);
