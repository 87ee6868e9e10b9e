// SPDX-License-Identifier: Apache-2.0
//
// The pipeline: parse → validate → normalise → render → write.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { ChannelKitError } from './errors.js';
import { emptyLock, parseLock } from './model/lock.js';
import { normaliseEcosystem } from './model/normalise.js';
import type { Ecosystem, Lock } from './model/types.js';
import type { Tree } from './render/tree.js';
import { lockFileName, renderTree } from './render/tree.js';
import type { Problem } from './validate/problems.js';
import { requireValidEcosystem } from './validate/validate.js';
import type { WriteResult } from './write/writeTree.js';
import { writeTree } from './write/writeTree.js';

/** Options of {@link buildTree}. */
export interface BuildOptions {
    /** File name used in messages. */
    readonly file: string;
    /** Folder certificate paths are relative to. */
    readonly baseDir: string;
    /** Assignments of a previous generation; none by default. */
    readonly lock?: Lock;
    /** State folder of the public network the ecosystem's `publicNetwork` links to (--public). */
    readonly publicNetwork?: string | undefined;
}

/** What the pipeline produced in memory. */
export interface Built {
    readonly ecosystem: Ecosystem;
    readonly tree: Tree;
    readonly warnings: readonly Problem[];
}

/** Parses, validates, normalises and renders; throws EcosystemInvalidError on any error. */
export function buildTree(text: string, options: Readonly<BuildOptions>): Built {
    const { input, warnings } = requireValidEcosystem(text, {
        file: options.file,
        baseDir: options.baseDir,
        publicNetwork: options.publicNetwork,
    });
    const ecosystem = normaliseEcosystem(input, { baseDir: options.baseDir, lock: options.lock ?? emptyLock });
    return { ecosystem, tree: renderTree(ecosystem), warnings };
}

/** Reads a file the user named, or throws a not-found ChannelKitError. */
export function readUserFile(path: string, display: string): string {
    try {
        return readFileSync(path, 'utf8');
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new ChannelKitError(`cannot read ${display}: ${code === 'ENOENT' ? 'no such file' : String(code)}`, {
            code: 'FILE_NOT_FOUND',
            exit: 'notFound',
            hint: 'check the path of the ecosystem file',
            cause: error,
        });
    }
}

/** Options of {@link generateEcosystem}. */
export interface GenerateOptions {
    /** Absolute path of the ecosystem file. */
    readonly path: string;
    /** How the file is named in messages. */
    readonly display: string;
    /** Absolute path of the output folder. */
    readonly outDir: string;
    /** Lock file to read; `<outDir>/productivist.lock.json` by default. */
    readonly lockFile?: string;
    /** Replace a previous generation of another ecosystem in `outDir`. */
    readonly force?: boolean;
    /** State folder of the public network the ecosystem's `publicNetwork` links to (--public). */
    readonly publicNetwork?: string | undefined;
}

/** The whole pipeline from a file to a folder. Nothing is written when the file has an error. */
export function generateEcosystem(options: Readonly<GenerateOptions>): Built & { readonly written: WriteResult } {
    const text = readUserFile(options.path, options.display);
    const lockFile = options.lockFile ?? join(options.outDir, lockFileName);
    const lock = existsSync(lockFile) ? parseLock(readFileSync(lockFile, 'utf8'), lockFile) : emptyLock;
    const built = buildTree(text, {
        file: options.display,
        baseDir: dirname(options.path),
        lock,
        publicNetwork: options.publicNetwork,
    });
    return {
        ...built,
        written: writeTree(built.tree, options.outDir, {
            ecosystem: built.ecosystem.name,
            force: options.force === true,
        }),
    };
}
