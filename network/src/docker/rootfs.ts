// SPDX-License-Identifier: Apache-2.0
//
// A root file system as a tar archive, written in Node: directories and files with fixed owners
// and times, in path order, so the same inputs give the same bytes (and the same content hash).
import { createHash } from 'node:crypto';
import { readFileSync, realpathSync } from 'node:fs';
import { dirname } from 'node:path';

import { CommandFailedError, NetworkError } from '../errors.js';
import { runBinary } from '../exec.js';

/** One file of a root file system. */
export interface RootFsFile {
    /** Absolute path inside the image. */
    readonly path: string;
    readonly content: Buffer;
    readonly mode: number;
    /** A symbolic link to this target instead of a file (content empty). */
    readonly link?: string;
}

function octal(value: number, width: number): string {
    return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

function header(path: string, size: number, mode: number, type: '0' | '2' | '5', link = ''): Buffer {
    const block = Buffer.alloc(512, 0);
    let name = path;
    let prefix = '';
    if (Buffer.byteLength(name) > 100) {
        const cut = path.lastIndexOf('/', 154);
        prefix = path.slice(0, cut);
        name = path.slice(cut + 1);
        if (cut <= 0 || Buffer.byteLength(name) > 100) {
            throw new NetworkError(`path too long for the image archive: ${path}`, {
                code: 'IMAGE_BUILD_FAILED',
                exit: 'environment',
                hint: 'shorten the path',
            });
        }
    }
    block.write(name, 0, 100, 'utf8');
    block.write(octal(mode, 8), 100, 8, 'ascii');
    block.write(octal(0, 8), 108, 8, 'ascii');
    block.write(octal(0, 8), 116, 8, 'ascii');
    block.write(octal(size, 12), 124, 12, 'ascii');
    block.write(octal(0, 12), 136, 12, 'ascii');
    block.write('        ', 148, 8, 'ascii');
    block.write(type, 156, 1, 'ascii');
    if (Buffer.byteLength(link) > 100) {
        throw new NetworkError(`link target too long for the image archive: ${path} -> ${link}`, {
            code: 'IMAGE_BUILD_FAILED',
            exit: 'environment',
            hint: 'shorten the path',
        });
    }
    block.write(link, 157, 100, 'utf8');
    block.write('ustar\0', 257, 6, 'ascii');
    block.write('00', 263, 2, 'ascii');
    block.write(prefix, 345, 155, 'utf8');
    let sum = 0;
    for (const byte of block) sum += byte;
    block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'ascii');
    return block;
}

/** The tar archive of `files`, with every parent directory; paths are sorted, owners root, times 0. */
export function tarRootFs(files: readonly RootFsFile[], extraDirs: readonly string[] = []): Buffer {
    const dirs = new Set<string>(extraDirs.map((dir) => dir.replace(/^\/+|\/+$/g, '')));
    const byPath = new Map<string, RootFsFile>();
    for (const file of files) {
        const relative = file.path.replace(/^\/+/, '');
        byPath.set(relative, file);
        for (let dir = dirname(relative); dir !== '.' && dir !== ''; dir = dirname(dir)) dirs.add(dir);
    }
    const parts: Buffer[] = [];
    const entries = [...[...dirs].map((dir) => ({ dir })), ...[...byPath.keys()].map((file) => ({ file }))].sort(
        (a, b) => ('dir' in a ? `${a.dir}/` : a.file).localeCompare('dir' in b ? `${b.dir}/` : b.file),
    );
    for (const entry of entries) {
        if ('dir' in entry) {
            parts.push(header(`${entry.dir}/`, 0, entry.dir === 'tmp' ? 0o1777 : 0o755, '5'));
            continue;
        }
        const file = byPath.get(entry.file);
        if (file === undefined) continue;
        if (file.link !== undefined) {
            parts.push(header(entry.file, 0, 0o777, '2', file.link));
            continue;
        }
        parts.push(header(entry.file, file.content.length, file.mode, '0'));
        parts.push(file.content);
        const pad = (512 - (file.content.length % 512)) % 512;
        if (pad > 0) parts.push(Buffer.alloc(pad, 0));
    }
    parts.push(Buffer.alloc(1024, 0));
    return Buffer.concat(parts);
}

/** sha256 of bytes, hex. */
export function sha256(bytes: Buffer): string {
    return createHash('sha256').update(bytes).digest('hex');
}

/** The shared libraries `ldd` lists for a binary (none for a static one), as paths on this machine. */
export async function sharedLibraries(binary: string): Promise<string[]> {
    let out: string;
    try {
        out = (await runBinary('ldd', [binary], { timeoutMs: 30_000 })).stdout;
    } catch (error) {
        const text = error instanceof CommandFailedError ? error.stderrTail : String(error);
        // ldd exits 1 for a static binary.
        if (/not a dynamic executable|statically linked/.test(text)) return [];
        throw error;
    }
    if (/not a dynamic executable|statically linked/.test(out)) return [];
    const paths = new Set<string>();
    for (const line of out.split('\n')) {
        const mapped = /=>\s*(\/\S+)/.exec(line)?.[1];
        const loader = /^\s*(\/\S+)\s+\(/.exec(line)?.[1];
        const path = mapped ?? loader;
        if (path !== undefined) paths.add(path);
    }
    return [...paths].sort();
}

/** A machine file placed at its own path in the image (symlinks resolved to their content). */
export function hostFile(path: string, mode = 0o755): RootFsFile {
    return { path, content: readFileSync(realpathSync(path)), mode };
}
