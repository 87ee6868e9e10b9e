// SPDX-License-Identifier: Apache-2.0
import type { PathSegment } from '../parse/parseEcosystem.js';

/** `channels[1].members[0]`. */
export function displayPath(path: readonly PathSegment[]): string {
    if (path.length === 0) return 'the file';
    let out = '';
    for (const segment of path) {
        if (typeof segment === 'number') out += `[${segment}]`;
        else out += out === '' ? segment : `.${segment}`;
    }
    return out;
}

/** A value as it appears in a message: strings quoted, objects named by kind. */
export function describeValue(value: unknown): string {
    if (typeof value === 'string') return `'${value.length > 60 ? `${value.slice(0, 57)}...` : value}'`;
    if (value === null) return 'null';
    if (Array.isArray(value)) return 'a list';
    if (typeof value === 'object') return 'a mapping';
    return typeof value === 'number' || typeof value === 'boolean' ? String(value) : typeof value;
}

function distance(a: string, b: string): number {
    const row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        let previous = row[0] ?? 0;
        row[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const current = row[j] ?? 0;
            row[j] = Math.min(
                current + 1,
                (row[j - 1] ?? 0) + 1,
                previous + (a[i - 1]?.toLowerCase() === b[j - 1]?.toLowerCase() ? 0 : 1),
            );
            previous = current;
        }
    }
    return row[b.length] ?? 0;
}

/** The closest candidate within a small edit distance, for "did you mean". */
export function suggest(value: string, candidates: readonly string[]): string | undefined {
    let best: string | undefined;
    let bestDistance = Math.max(2, Math.floor(value.length / 3)) + 1;
    for (const candidate of candidates) {
        const d = distance(value, candidate);
        if (d < bestDistance) {
            best = candidate;
            bestDistance = d;
        }
    }
    return best;
}
