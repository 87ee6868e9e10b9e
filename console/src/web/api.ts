// SPDX-License-Identifier: Apache-2.0
//
// The page's side of the console API: JSON over fetch with the session cookie, errors kept with the
// code and message the server (and behind it the contract) gave.

/** A refusal or error as the server reports it. */
export interface ApiError {
    readonly code: string;
    readonly message: string;
    readonly hint: string;
}

export class Refused extends Error {
    constructor(readonly error: ApiError) {
        super(`${error.code}: ${error.message}`);
    }
}

async function parse<T>(response: Response): Promise<T> {
    const body = (await response.json()) as { error?: ApiError } & T;
    if (!response.ok || body.error !== undefined) {
        throw new Refused(body.error ?? { code: `HTTP_${response.status}`, message: response.statusText, hint: '' });
    }
    return body;
}

export async function get<T>(path: string, as?: string): Promise<T> {
    const query = as === undefined ? '' : `?as=${encodeURIComponent(as)}`;
    return parse<T>(await fetch(`/api${path}${query}`, { credentials: 'same-origin' }));
}

export async function post<T>(path: string, body: Readonly<Record<string, string>>): Promise<T> {
    const response = await fetch(`/api${path}`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
    });
    return (await parse<{ result: T }>(response)).result;
}

/** SHA-256 of a file, in hex, computed in the browser (the file never leaves it). */
export async function sha256(file: Blob): Promise<string> {
    const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
    return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** 12345 → "123.45 PDT" (amounts are in cents), without floats. */
export function tokens(amount: string): string {
    const negative = amount.startsWith('-');
    const digits = (negative ? amount.slice(1) : amount).padStart(3, '0');
    return `${negative ? '-' : ''}${digits.slice(0, -2).replace(/^0+(?=\d)/, '')}.${digits.slice(-2)} PDT`;
}

export interface Member {
    readonly name: string;
    readonly mspId: string;
    readonly note: string;
}

export interface Info {
    readonly kind: 'embedded' | 'network';
    readonly label: string;
    readonly members: readonly Member[];
    readonly unavailable: string | null;
}

export interface Movement {
    readonly kind: string;
    readonly from: string;
    readonly to: string;
    readonly amount: string;
    readonly holdId?: string;
    readonly reference?: string;
    readonly transactionId?: string;
}

export interface ConsoleEvent {
    readonly block: string;
    readonly transactionId: string;
    readonly chaincode: string;
    readonly name: string;
    readonly payload: unknown;
}
