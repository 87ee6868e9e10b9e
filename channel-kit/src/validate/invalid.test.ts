// SPDX-License-Identifier: Apache-2.0
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { catchError } from '@productivist/common';

import { EcosystemInvalidError } from '../errors.js';
import { generateEcosystem } from '../generate.js';
import { baseEcosystem, invalidCases } from './invalid.cases.js';
import { formatProblem } from './problems.js';

const publicNetwork = join(__dirname, '..', '..', 'test-fixtures', 'public-network');

function apply(edits: readonly (readonly [string, string])[]): string {
    let text = baseEcosystem;
    for (const [from, to] of edits) {
        if (!text.includes(from)) throw new Error(`edit target not found: ${from}`);
        text = text.replace(from, to);
    }
    return text;
}

describe('invalid ecosystem files', () => {
    let dir: string;
    beforeAll(() => {
        dir = mkdtempSync(join(tmpdir(), 'productivist-invalid-'));
        symlinkSync(join(publicNetwork, 'published'), join(dir, 'published'));
    });
    afterAll(() => {
        rmSync(dir, { recursive: true, force: true });
    });

    it('the base file is valid and generates', () => {
        writeFileSync(join(dir, 'eco.yaml'), baseEcosystem);
        const result = generateEcosystem({
            path: join(dir, 'eco.yaml'),
            display: 'eco.yaml',
            outDir: join(dir, 'out-base'),
        });
        expect(result.warnings).toEqual([]);
        expect(existsSync(join(dir, 'out-base', 'configtx.yaml'))).toBe(true);
    });

    it('has at least 30 cases', () => {
        expect(invalidCases.length).toBeGreaterThanOrEqual(30);
    });

    it.each(invalidCases.map((testCase) => [testCase.title, testCase] as const))('%s', (_title, testCase) => {
        const path = join(dir, 'eco.yaml');
        writeFileSync(path, apply(testCase.edits));
        const out = join(dir, 'out');
        const error = catchError(() => generateEcosystem({ path, display: 'eco.yaml', outDir: out }));
        expect(error).toBeInstanceOf(EcosystemInvalidError);
        const invalid = error as EcosystemInvalidError;
        expect(invalid.code).toBe('ECOSYSTEM_INVALID');
        expect(invalid.exitCode).toBe(2);
        expect(invalid.message).toMatch(/^eco\.yaml has \d+ errors? and \d+ warnings?; nothing was written$/);
        const lines = invalid.problems.map(formatProblem);
        if (process.env['PRINT_CASES'] === '1') console.log(JSON.stringify(lines, null, 4));
        expect(lines).toEqual(testCase.expected);
        expect(existsSync(out)).toBe(false);
    });
});
