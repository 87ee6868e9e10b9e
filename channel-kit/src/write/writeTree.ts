// SPDX-License-Identifier: Apache-2.0
//
// Stage 5: the in-memory tree → disk. A first generation is staged in a sibling temporary folder
// and renamed into place in one step. Regenerating into a folder that holds a previous generation
// stages every file first, then renames file by file, and removes files the previous generation
// wrote that are no longer generated; files it did not write (enrolled keys, ledgers) stay.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

import { ChannelKitError } from '../errors.js';
import type { Tree } from '../render/tree.js';
import { lockFileName } from '../render/tree.js';

/** The manifest listing what a generation wrote, at the root of the tree. */
export const manifestFileName = 'generated-files.txt';

/** What {@link writeTree} did. */
export interface WriteResult {
    readonly written: number;
    readonly removed: readonly string[];
}

function stage(tree: Tree, outDir: string, ecosystem: string | undefined): string {
    const parent = dirname(outDir);
    mkdirSync(parent, { recursive: true });
    const staging = join(parent, `.${basename(outDir)}.productivist-${process.pid}-${Date.now().toString(36)}`);
    mkdirSync(staging);
    try {
        for (const [path, text] of tree) {
            const target = join(staging, path);
            mkdirSync(dirname(target), { recursive: true });
            writeFileSync(target, text);
        }
        writeFileSync(join(staging, manifestFileName), manifest(tree, ecosystem));
    } catch (error) {
        rmSync(staging, { recursive: true, force: true });
        throw error;
    }
    return staging;
}

function manifest(tree: Tree, ecosystem: string | undefined): string {
    const header = ecosystem === undefined ? '' : `# ecosystem: ${ecosystem}\n`;
    return `${header}${[...tree.keys(), manifestFileName].sort().join('\n')}\n`;
}

/** What the manifest's first line says of the generation: `# ecosystem: <name>`. */
const ecosystemLine = /^# ecosystem: (.+)$/;

/** The ecosystem a previous generation in `outDir` came from, if its manifest says. */
export function previousEcosystem(outDir: string): string | undefined {
    const file = join(outDir, manifestFileName);
    if (!existsSync(file)) return undefined;
    return ecosystemLine.exec(readFileSync(file, 'utf8').split('\n')[0] ?? '')?.[1];
}

/** Options of {@link writeTree}. */
export interface WriteOptions {
    /** The name of the ecosystem being generated, recorded in the manifest. */
    readonly ecosystem?: string;
    /** Replace a previous generation of another ecosystem. */
    readonly force?: boolean;
}

/** Writes `tree` into `outDir` (see the module comment). */
export function writeTree(tree: Tree, outDir: string, options: Readonly<WriteOptions> = {}): WriteResult {
    const exists = existsSync(outDir);
    if (exists && !statSync(outDir).isDirectory()) {
        throw new ChannelKitError(`output ${outDir} is a file, not a folder`, {
            code: 'OUT_NOT_A_FOLDER',
            hint: 'choose a folder for --out',
        });
    }
    const empty = !exists || readdirSync(outDir).length === 0;
    if (!empty && !existsSync(join(outDir, lockFileName))) {
        throw new ChannelKitError(
            `output folder ${outDir} is not empty and holds no previous generation (${lockFileName})`,
            {
                code: 'OUT_NOT_GENERATED',
                hint: 'choose an empty or new folder for --out; the kit only overwrites folders it generated',
            },
        );
    }
    const other = empty ? undefined : previousEcosystem(outDir);
    if (
        other !== undefined &&
        options.ecosystem !== undefined &&
        other !== options.ecosystem &&
        options.force !== true
    ) {
        throw new ChannelKitError(
            `output folder ${outDir} holds the generation of ecosystem '${other}', not '${options.ecosystem}'`,
            {
                code: 'OUT_OTHER_ECOSYSTEM',
                hint: `choose another folder for --out, or add --force to replace the '${other}' tree`,
            },
        );
    }
    const staging = stage(tree, outDir, options.ecosystem);
    if (empty) {
        if (exists) rmSync(outDir, { recursive: true });
        renameSync(staging, outDir);
        return { written: tree.size + 1, removed: [] };
    }
    const previousManifest = join(outDir, manifestFileName);
    const previous = existsSync(previousManifest)
        ? readFileSync(previousManifest, 'utf8')
              .split('\n')
              .filter((line) => line !== '' && !line.startsWith('#'))
        : [];
    try {
        for (const path of [...tree.keys(), manifestFileName]) {
            const target = join(outDir, path);
            mkdirSync(dirname(target), { recursive: true });
            renameSync(join(staging, path), target);
        }
    } finally {
        rmSync(staging, { recursive: true, force: true });
    }
    const removed = previous.filter((path) => !tree.has(path) && path !== manifestFileName && !path.includes('..'));
    for (const path of removed) rmSync(join(outDir, path), { force: true });
    return { written: tree.size + 1, removed };
}
