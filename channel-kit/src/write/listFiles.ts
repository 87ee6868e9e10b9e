// SPDX-License-Identifier: Apache-2.0
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/** Every file below `root`, as sorted '/'-separated paths relative to it. */
export function listFiles(root: string): string[] {
    const out: string[] = [];
    const walk = (dir: string): void => {
        for (const entry of readdirSync(dir, { withFileTypes: true })) {
            const path = join(dir, entry.name);
            if (entry.isDirectory()) walk(path);
            else out.push(relative(root, path).split('\\').join('/'));
        }
    };
    walk(root);
    return out.sort();
}

/**
 * The golden copy of `tree` in `dir` (each file as `<path>.golden`), as a tree to compare with;
 * with UPDATE_GOLDEN=1 in the environment, `tree` is written there first.
 */
export function goldenTree(dir: string, tree: ReadonlyMap<string, string>): Map<string, string> {
    const suffix = '.golden';
    if (process.env['UPDATE_GOLDEN'] === '1') {
        rmSync(dir, { recursive: true, force: true });
        for (const [path, text] of tree) {
            mkdirSync(dirname(join(dir, path)), { recursive: true });
            writeFileSync(join(dir, `${path}${suffix}`), text);
        }
    }
    return new Map(
        listFiles(dir)
            .filter((path) => path.endsWith(suffix))
            .map((path) => [path.slice(0, -suffix.length), readFileSync(join(dir, path), 'utf8')]),
    );
}
