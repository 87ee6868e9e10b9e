// SPDX-License-Identifier: Apache-2.0
//
// A byte-deterministic tar.gz writer for chaincode packages: regular files only, in the order
// given, with fixed owner, mode and time, so the same content always gives the same bytes (and
// so the same package id, which is `label:sha256(package bytes)`).
import { gzipSync } from 'node:zlib';

/** One file of an archive. */
export interface TarEntry {
    /** Path inside the archive, relative, `/`-separated, at most 100 bytes. */
    readonly name: string;
    readonly content: Buffer | string;
}

const block = 512;

function field(header: Buffer, offset: number, length: number, value: string): void {
    header.write(value, offset, length, 'ascii');
}

function octal(value: number, length: number): string {
    return `${value.toString(8).padStart(length - 1, '0')}\0`;
}

function headerOf(name: string, size: number): Buffer {
    if (Buffer.byteLength(name) > 100 || name.startsWith('/') || name.split('/').includes('..')) {
        throw new Error(`tar entry name '${name}' must be relative, without '..', and at most 100 bytes`);
    }
    const header = Buffer.alloc(block, 0);
    field(header, 0, 100, name);
    field(header, 100, 8, octal(0o644, 8));
    field(header, 108, 8, octal(0, 8));
    field(header, 116, 8, octal(0, 8));
    field(header, 124, 12, octal(size, 12));
    field(header, 136, 12, octal(0, 12));
    header.fill(0x20, 148, 156);
    field(header, 156, 1, '0');
    field(header, 257, 6, 'ustar\0');
    field(header, 263, 2, '00');
    let sum = 0;
    for (const byte of header) sum += byte;
    field(header, 148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
    return header;
}

/** The tar archive of `entries` (POSIX ustar). */
export function tar(entries: readonly TarEntry[]): Buffer {
    const parts: Buffer[] = [];
    for (const entry of entries) {
        const content = typeof entry.content === 'string' ? Buffer.from(entry.content) : entry.content;
        parts.push(headerOf(entry.name, content.length), content);
        const pad = (block - (content.length % block)) % block;
        if (pad > 0) parts.push(Buffer.alloc(pad, 0));
    }
    parts.push(Buffer.alloc(block * 2, 0));
    return Buffer.concat(parts);
}

/** The gzip-compressed tar archive of `entries`; Node writes no time or name into the gzip header. */
export function tarGz(entries: readonly TarEntry[]): Buffer {
    return gzipSync(tar(entries), { level: 9 });
}
