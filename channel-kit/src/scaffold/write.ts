// SPDX-License-Identifier: Apache-2.0
//
// Writing a scaffold without losing a user's work: into a new or empty folder, or over a folder
// the same scaffold wrote whose files are as it wrote them. A folder with files the user edited
// (their sha256 differs from the manifest's), or files the scaffold did not write that it would
// overwrite, is refused without --force, and nothing is written.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { ChannelKitError } from '../errors.js';
import type { Tree } from '../render/tree.js';
import { fileHash, readManifest, scaffoldManifestName } from './project.js';

/** The files of `dir` that writing `tree` would overwrite although the user changed them. */
export function editedFiles(tree: Tree, dir: string): string[] {
    if (!existsSync(dir) || readdirSync(dir).length === 0) return [];
    const written = readManifest(dir)?.files ?? {};
    const edited: string[] = [];
    for (const [path, text] of tree) {
        const target = join(dir, path);
        if (path === scaffoldManifestName || !existsSync(target)) continue;
        const now = readFileSync(target, 'utf8');
        if (now === text) continue;
        if (written[path] !== fileHash(now)) edited.push(path);
    }
    return edited;
}

/** Refuses a folder that is a file, or that holds edits the scaffold would overwrite without `force`. */
export function checkTarget(tree: Tree, dir: string, force: boolean, command: string): void {
    if (existsSync(dir) && !statSync(dir).isDirectory()) {
        throw new ChannelKitError(`output ${dir} is a file, not a folder`, {
            code: 'OUT_NOT_A_FOLDER',
            exit: 'usage',
            hint: 'give --out a folder',
        });
    }
    const edited = editedFiles(tree, dir);
    if (edited.length > 0 && !force) {
        throw new ChannelKitError(
            `${dir} holds ${edited.length} file(s) the scaffold would overwrite but did not write as they are: ${edited.join(', ')}; nothing was written`,
            {
                code: 'SCAFFOLD_EDITED',
                exit: 'usage',
                hint: `keep your edits (choose another --out), or run '${command} --force' to overwrite them`,
            },
        );
    }
}

/** Writes every file of `tree` under `dir` (each through a temporary file renamed into place). */
export function writeScaffold(tree: Tree, dir: string): void {
    for (const [path, text] of tree) {
        const target = join(dir, path);
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(`${target}.tmp`, text);
        renameSync(`${target}.tmp`, target);
    }
}
