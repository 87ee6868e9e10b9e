// SPDX-License-Identifier: Apache-2.0
import { createHash } from 'node:crypto';

/**
 * Orders keys as Fabric's LevelDB state database does: by their UTF-8 bytes, which is code-point
 * order. JavaScript's `<` compares UTF-16 code units and puts U+E000..U+FFFF after characters
 * outside the BMP; this does not.
 */
export function compareKeys(a: string, b: string): number {
    const length = Math.min(a.length, b.length);
    for (let i = 0; i < length; i++) {
        const x = a.charCodeAt(i);
        const y = b.charCodeAt(i);
        if (x === y) continue;
        if ((x >= 0xd800 && x <= 0xdfff) || (y >= 0xd800 && y <= 0xdfff)) {
            return (a.codePointAt(i) ?? 0) - (b.codePointAt(i) ?? 0);
        }
        return x - y;
    }
    return a.length - b.length;
}

/** Index of the first element of the sorted `keys` that is not less than `key`. */
export function lowerBound(keys: readonly string[], key: string): number {
    let low = 0;
    let high = keys.length;
    while (low < high) {
        const mid = (low + high) >>> 1;
        if (compareKeys(keys[mid] as string, key) < 0) low = mid + 1;
        else high = mid;
    }
    return low;
}

/** SHA-256 of a string's UTF-8 bytes or of bytes, as Fabric hashes private keys and values. */
export function sha256(data: string | Uint8Array): Buffer {
    return createHash('sha256').update(data).digest();
}
