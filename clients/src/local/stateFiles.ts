// SPDX-License-Identifier: Apache-2.0
//
// Reading the files of a state directory: each problem names the file (and line) and changes nothing.
import { readFileSync } from 'node:fs';

import { KitError } from '@productivist/common';
import type { KeyPairPem } from '@productivist/ledger';

/** The `format` field of world.json. */
export const worldFormat = 'productivist-local-world';

/** world.json: the format marker and the keys of the world. */
export interface WorldFile {
    readonly format: typeof worldFormat;
    readonly version: 1;
    readonly cas: Readonly<Record<string, KeyPairPem>>;
    readonly members: Readonly<Record<string, KeyPairPem>>;
}

/** One committed transaction of journal.jsonl. */
export interface JournalEntry {
    readonly member: string;
    readonly chaincode: string;
    readonly transaction: string;
    readonly arguments: string[];
    readonly transientData?: Record<string, string>;
    /** The endorsing organizations the client named, when it named them. */
    readonly endorsingOrganizations?: string[];
    /** ISO-8601, the proposal's timestamp. */
    readonly timestamp: string;
    /** The proposal's nonce, base64. */
    readonly nonce: string;
    readonly transactionId: string;
}

/** A damaged state file: names the file and line, says that nothing was changed. */
export function stateError(file: string, line: number | undefined, problem: string, cause?: unknown): KitError {
    return new KitError(`${file}${line === undefined ? '' : `:${line}`}: ${problem}`, {
        code: 'STATE_DAMAGED',
        exit: 'ledger',
        hint: 'the world was not opened and nothing was changed; repair or remove that line, or start a new world in another directory',
        ...(cause === undefined ? {} : { cause }),
    });
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isKeyPair(value: unknown): value is KeyPairPem {
    return (
        isRecord(value) &&
        typeof value['certificatePem'] === 'string' &&
        typeof value['privateKeyPem'] === 'string' &&
        value['certificatePem'].includes('BEGIN CERTIFICATE') &&
        value['privateKeyPem'].includes('PRIVATE KEY')
    );
}

function isKeyPairs(value: unknown): value is Record<string, KeyPairPem> {
    return isRecord(value) && Object.values(value).every(isKeyPair);
}

/** Reads world.json. */
export function parseWorldFile(path: string, file = path): WorldFile {
    let parsed: unknown;
    try {
        parsed = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
        throw stateError(file, undefined, `is not valid JSON (${(error as Error).message})`, error);
    }
    if (!isRecord(parsed) || parsed['format'] !== worldFormat) {
        throw stateError(file, undefined, `is not a Productivist world file (no "format": "${worldFormat}")`);
    }
    if (parsed['version'] !== 1) {
        throw stateError(file, undefined, `has version ${String(parsed['version'])}; this kit reads version 1`);
    }
    if (!isKeyPairs(parsed['cas']) || !isKeyPairs(parsed['members'])) {
        throw stateError(file, undefined, 'has no valid "cas" and "members" keys');
    }
    return parsed as unknown as WorldFile;
}

function isStringArray(value: unknown): value is string[] {
    return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/** Reads one line of journal.jsonl (`line` counts from 1). */
export function parseJournalLine(file: string, line: number, text: string): JournalEntry {
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch (error) {
        throw stateError(file, line, `is not a journal entry: ${(error as Error).message}`, error);
    }
    if (!isRecord(parsed)) throw stateError(file, line, 'is not a journal entry: not a JSON object');
    const missing = ['member', 'chaincode', 'transaction', 'timestamp', 'nonce', 'transactionId'].filter(
        (field) => typeof parsed[field] !== 'string',
    );
    if (!isStringArray(parsed['arguments'])) missing.push('arguments');
    const transient = parsed['transientData'];
    if (
        transient !== undefined &&
        !(isRecord(transient) && Object.values(transient).every((v) => typeof v === 'string'))
    ) {
        missing.push('transientData');
    }
    const endorsers = parsed['endorsingOrganizations'];
    if (endorsers !== undefined && !isStringArray(endorsers)) missing.push('endorsingOrganizations');
    if (missing.length > 0) {
        throw stateError(file, line, `is not a journal entry: missing or invalid ${missing.join(', ')}`);
    }
    if (Number.isNaN(Date.parse(parsed['timestamp'] as string))) {
        throw stateError(file, line, `has an invalid timestamp '${String(parsed['timestamp'])}'`);
    }
    return parsed as unknown as JournalEntry;
}
