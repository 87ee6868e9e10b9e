// SPDX-License-Identifier: Apache-2.0
//
// The image of a chaincode server: Node from this machine (with the libraries `ldd` lists), the
// chaincode's module folder and every package it loads (its dependencies, followed through
// node_modules the way Node resolves them), each at the path it has on this machine so the server's
// command line is the same as the native runtime's.
import { existsSync, lstatSync, readFileSync, readdirSync, readlinkSync, realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

import type { RootFsFile } from './rootfs.js';
import { hostFile, sharedLibraries } from './rootfs.js';

interface Manifest {
    readonly main?: string;
    readonly dependencies?: Readonly<Record<string, string>>;
    readonly optionalDependencies?: Readonly<Record<string, string>>;
}

/** The package folder holding a file: the nearest parent with a package.json. */
export function packageRootOf(file: string): string | undefined {
    for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
        if (existsSync(join(dir, 'package.json'))) return dir;
    }
    return undefined;
}

/** Where Node finds package `name` from `dir`: the first node_modules/<name> up the tree. */
function resolvePackage(name: string, dir: string): string | undefined {
    for (let at = dir; ; at = dirname(at)) {
        const candidate = join(at, 'node_modules', name);
        if (existsSync(join(candidate, 'package.json'))) return candidate;
        if (at === dirname(at)) return undefined;
    }
}

/** The files of the module folders `roots` and of every package they depend on. */
export function moduleClosure(roots: readonly string[]): RootFsFile[] {
    const files = new Map<string, RootFsFile>();
    const walked = new Set<string>();
    const walkFiles = (dir: string): void => {
        for (const entry of readdirSync(dir, { withFileTypes: true })) {
            if (entry.name === 'node_modules' || entry.name === '.git') continue;
            const path = join(dir, entry.name);
            const stat = lstatSync(path);
            if (stat.isSymbolicLink())
                files.set(path, { path, content: Buffer.alloc(0), mode: 0o777, link: readlinkSync(path) });
            else if (stat.isDirectory()) walkFiles(path);
            else if (stat.isFile()) files.set(path, { path, content: readFileSync(path), mode: stat.mode & 0o777 });
        }
    };
    const addPackage = (location: string): void => {
        if (lstatSync(location).isSymbolicLink()) {
            files.set(location, {
                path: location,
                content: Buffer.alloc(0),
                mode: 0o777,
                link: readlinkSync(location),
            });
        }
        const real = realpathSync(location);
        if (walked.has(real)) return;
        walked.add(real);
        walkFiles(real);
        const manifest = JSON.parse(readFileSync(join(real, 'package.json'), 'utf8')) as Manifest;
        const names = [
            ...Object.keys(manifest.dependencies ?? {}),
            ...Object.keys(manifest.optionalDependencies ?? {}),
        ];
        for (const name of names.sort()) {
            // Resolved from the link's folder as well as the real one (Node uses the real path).
            const found = resolvePackage(name, real) ?? resolvePackage(name, location);
            if (found !== undefined) addPackage(found);
        }
        // A package whose main module lives in another package (a deploy folder pointing into dist/).
        if (typeof manifest.main === 'string') {
            const main = resolve(real, manifest.main);
            const owner = main.startsWith(`${real}/`) ? undefined : packageRootOf(main);
            if (owner !== undefined) addPackage(owner);
        }
    };
    for (const root of roots) addPackage(root);
    return [...files.values()];
}

/** The files of a chaincode server's image: `node` at its path here, its libraries, the module closure. */
export async function chaincodeImageFiles(node: string, roots: readonly string[]): Promise<RootFsFile[]> {
    const files: RootFsFile[] = [hostFile(node)];
    for (const library of await sharedLibraries(node)) files.push(hostFile(library));
    files.push(...moduleClosure(roots));
    const byPath = new Map(files.map((file) => [file.path, file]));
    return [...byPath.values()].sort((a, b) => a.path.localeCompare(b.path));
}
