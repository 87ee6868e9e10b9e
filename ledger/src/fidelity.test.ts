// SPDX-License-Identifier: Apache-2.0
//
// ledger/FIDELITY.md stays true: every entry names a test that exists, and every conformance case
// is listed.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { conformanceCases } from './conformance/cases.js';

const repo = join(__dirname, '..', '..');
const fidelity = readFileSync(join(repo, 'ledger', 'FIDELITY.md'), 'utf8');

/** The entries of every section (list items, joined across their wrapped lines). */
function entries(): string[] {
    const body = fidelity.slice(fidelity.indexOf('## Exactly as Fabric'));
    return body
        .split(/\n(?=- )|\n\n/)
        .filter((chunk) => chunk.startsWith('- '))
        .map((chunk) => chunk.replace(/\s+/g, ' '));
}

/** The tests an entry names: `file` “test name”. */
function namedTests(entry: string): { file: string; name: string }[] {
    return [...entry.matchAll(/`([^`]+\.ts)` “([^”]+)”/g)].map((match) => ({ file: match[1]!, name: match[2]! }));
}

describe('ledger/FIDELITY.md', () => {
    it('has entries in each section, and every entry names at least one test', () => {
        const all = entries();
        expect(all.length).toBeGreaterThan(20);
        expect(all.filter((entry) => namedTests(entry).length === 0)).toEqual([]);
    });

    it('names only tests that exist, in files that exist', () => {
        const missing = entries()
            .flatMap(namedTests)
            .filter(({ file, name }) => {
                const path = join(repo, file);
                return !existsSync(path) || !readFileSync(path, 'utf8').includes(name);
            });
        expect(missing).toEqual([]);
    });

    it('lists every conformance case', () => {
        const named = new Set(
            entries()
                .flatMap(namedTests)
                .map((test) => test.name),
        );
        expect(conformanceCases.map((c) => c.name).filter((name) => !named.has(name))).toEqual([]);
    });
});
