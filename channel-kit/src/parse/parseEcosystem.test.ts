// SPDX-License-Identifier: Apache-2.0
import { catchError } from '@productivist/common';

import { EcosystemInvalidError } from '../errors.js';
import { formatProblem } from '../validate/problems.js';
import { parseEcosystem } from './parseEcosystem.js';
import { findExcessiveNesting } from './prescan.js';

function problems(text: string): string[] {
    const error = catchError(() => parseEcosystem(text, 'f.yaml'));
    expect(error).toBeInstanceOf(EcosystemInvalidError);
    return (error as EcosystemInvalidError).problems.map(formatProblem);
}

describe('parseEcosystem', () => {
    it('locates keys and values by path, 1-based', () => {
        const parsed = parseEcosystem('a:\n  b: [x, y]\n  c: 1\n', 'f.yaml');
        expect(parsed.value).toEqual({ a: { b: ['x', 'y'], c: 1 } });
        expect(parsed.locate(['a', 'b', 1])).toEqual({ line: 2, column: 10 });
        expect(parsed.locate(['a', 'c'], 'key')).toEqual({ line: 3, column: 3 });
        expect(parsed.locate(['a', 'missing'])).toEqual({ line: 2, column: 3 });
    });

    it.each([
        ['', 'f.yaml:1:1: error [yaml-syntax] the file is empty; describe the ecosystem in it'],
        [
            'a: 1\na: 2\n',
            "f.yaml:2:1: error [duplicate-key] key 'a' appears twice in the same mapping; keep one of the keys: YAML mappings may not repeat a key",
        ],
    ])('refuses %j', (text, line) => {
        expect(problems(text)).toEqual([line]);
    });

    it.each([
        ['a flow bomb', `a: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`],
        ['a block bomb', Array.from({ length: 5000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n')],
        ['a sequence bomb', `${'- '.repeat(5000)}x\n`],
        [
            'an alias bomb',
            `a: &a [x, x, x, x, x, x, x, x]\n${Array.from({ length: 12 }, (_, i) => `b${i}: &b${i} [${`*${i === 0 ? 'a' : `b${i - 1}`}, `.repeat(8)}x]`).join('\n')}\n`,
        ],
        ['a huge file', `a: "${'x'.repeat(2 * 1024 * 1024)}"\n`],
    ])('refuses %s quickly and clearly', (_name, text) => {
        const started = process.hrtime.bigint();
        const [line] = problems(text);
        expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(500);
        expect(line).toMatch(/^f\.yaml:\d+:\d+: error \[(nesting-too-deep|alias-limit|file-too-large)\] /);
    });

    it('measures nesting without counting brackets inside quotes or comments', () => {
        expect(findExcessiveNesting(`a: "${'['.repeat(100)}" # ${'{'.repeat(100)}\n`, 4)).toBeUndefined();
        expect(findExcessiveNesting('a: [[[[[x]]]]]\n', 4)).toEqual({ line: 1, column: 7, depth: 5 });
    });
});
