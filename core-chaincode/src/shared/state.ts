// SPDX-License-Identifier: Apache-2.0
//
// Small typed helpers over the chaincode stub: JSON records, composite-key scans, pagination.
import type { Context } from 'fabric-contract-api';

import { invalid } from './errors.js';

const decoder = new TextDecoder();

export function toText(bytes: Uint8Array): string {
    return decoder.decode(bytes);
}

/** A composite key of `type` and `attributes`. */
export function compositeKey(ctx: Context, type: string, attributes: readonly string[]): string {
    return ctx.stub.createCompositeKey(type, [...attributes]);
}

/** Reads a JSON record; undefined when the key is absent. */
export async function readJson<T>(ctx: Context, key: string): Promise<T | undefined> {
    const bytes = await ctx.stub.getState(key);
    return bytes.length === 0 ? undefined : (JSON.parse(toText(bytes)) as T);
}

/** Writes a JSON record. Object keys are written in the order the record lists them, so bytes are deterministic. */
export async function writeJson(ctx: Context, key: string, value: unknown): Promise<void> {
    await ctx.stub.putState(key, Buffer.from(JSON.stringify(value)));
}

/** Every entry under a composite-key prefix, in key order. */
export async function scan(
    ctx: Context,
    objectType: string,
    attributes: readonly string[],
): Promise<{ key: string; value: Uint8Array }[]> {
    const entries: { key: string; value: Uint8Array }[] = [];
    for await (const entry of ctx.stub.getStateByPartialCompositeKey(objectType, [...attributes])) {
        entries.push({ key: entry.key, value: entry.value });
    }
    return entries;
}

/** One page of a composite-key listing. A paginated query makes the transaction read-only, as on Fabric. */
export interface Page<T> {
    readonly items: T[];
    /** Pass it back to get the next page; empty when there is none. */
    readonly bookmark: string;
}

export const maxPageSize = 100;

export function parsePageSize(value: number): number {
    if (!Number.isInteger(value) || value < 1 || value > maxPageSize) {
        throw invalid(`page size ${value} must be a whole number from 1 to ${maxPageSize}`);
    }
    return value;
}

export async function page<T>(
    ctx: Context,
    objectType: string,
    attributes: readonly string[],
    pageSize: number,
    bookmark: string,
    map: (key: string, value: Uint8Array) => T,
): Promise<Page<T>> {
    // A peer starts the scan at the bookmark, whatever the range (core/chaincode/handler.go), so a
    // bookmark below the prefix would list other accounts' keys: only a key under the prefix is
    // a bookmark this query can have handed out.
    const prefix = ctx.stub.createCompositeKey(objectType, [...attributes]);
    if (bookmark !== '' && !bookmark.startsWith(prefix)) {
        throw invalid('bookmark is not one this listing handed out; pass the bookmark of its previous page, or none');
    }
    const { iterator, metadata } = await ctx.stub.getStateByPartialCompositeKeyWithPagination(
        objectType,
        [...attributes],
        parsePageSize(pageSize),
        bookmark,
    );
    const items: T[] = [];
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
        items.push(map(next.value.key, next.value.value));
    }
    await iterator.close();
    // An empty page's metadata (0 records, no bookmark) serialises to no bytes, and fabric-shim then
    // gives no metadata at all: treat that as the end.
    const bookmarkOf = (metadata as { bookmark?: string } | undefined)?.bookmark ?? '';
    return { items, bookmark: bookmarkOf };
}

/** Checks an identifier argument: 1..64 characters of letters, digits, '.', '_', ':', '-'. */
export function parseId(value: string, what: string): string {
    if (!/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/.test(value)) {
        throw invalid(
            `${what} '${value}' must be 1 to 64 letters, digits, '.', '_', ':' or '-', starting with a letter or digit`,
        );
    }
    return value;
}

/** Parses a JSON argument, naming it when it is not JSON. */
export function parseJsonArgument(value: string, what: string): unknown {
    try {
        return JSON.parse(value) as unknown;
    } catch {
        throw invalid(`${what} is not valid JSON`);
    }
}

/**
 * A real UTC instant written as ISO-8601 (`2027-01-31T00:00:00Z`, optional fraction): the pattern
 * alone accepts `2020-13-45T99:99:99Z`, so the parsed date must print back to the same fields.
 */
export function isInstant(value: string): boolean {
    const match = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d{1,9})?Z$/.exec(value);
    if (match === null) return false;
    const parsed = Date.parse(`${match[1] ?? ''}Z`);
    return !Number.isNaN(parsed) && new Date(parsed).toISOString().slice(0, 19) === match[1];
}
