// SPDX-License-Identifier: Apache-2.0
//
// Summarises the mutation reports written by `npm run test:mutation` (reports/mutation/<scope>.json):
// one line per scope with its counts and score, then every mutant that survived or had no coverage,
// with its file, line, mutator and replacement. `node scripts/mutation-summary.mjs [scope ...]`
// (default: every report present). Score = (killed + timed out) / (killed + timed out + survived +
// no coverage), Stryker's own; mutants that do not compile or are static (ignored) are not counted.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';

const dir = 'reports/mutation';
if (!existsSync(dir)) {
    console.error(`no mutation reports in ${dir}: run MUTATION_SCOPE=<scope> npm run test:mutation first`);
    process.exit(2);
}
const scopes =
    process.argv.length > 2
        ? process.argv.slice(2)
        : readdirSync(dir)
              .filter((f) => f.endsWith('.json') && !f.endsWith('-incremental.json'))
              .map((f) => f.slice(0, -'.json'.length))
              .sort();

for (const scope of scopes) {
    const file = join(dir, `${scope}.json`);
    if (!existsSync(file)) {
        console.error(`no report ${file}: run MUTATION_SCOPE=${scope} npm run test:mutation`);
        process.exitCode = 2;
        continue;
    }
    const report = JSON.parse(readFileSync(file, 'utf8'));
    const count = {};
    const left = [];
    for (const [path, entry] of Object.entries(report.files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        for (const mutant of entry.mutants) {
            count[mutant.status] = (count[mutant.status] ?? 0) + 1;
            if (mutant.status === 'Survived' || mutant.status === 'NoCoverage') {
                const line = mutant.location.start.line;
                const source = entry.source.split('\n')[line - 1]?.trim() ?? '';
                left.push(
                    `  ${mutant.status === 'Survived' ? 'survived   ' : 'no coverage'} ` +
                        `${relative(process.cwd(), path)}:${line} ${mutant.mutatorName} -> ${JSON.stringify(mutant.replacement ?? '')}` +
                        `\n      ${source.slice(0, 110)}`,
                );
            }
        }
    }
    const n = (status) => count[status] ?? 0;
    const detected = n('Killed') + n('Timeout');
    const valid = detected + n('Survived') + n('NoCoverage');
    const score = valid === 0 ? 'n/a' : `${((100 * detected) / valid).toFixed(2)} %`;
    const total = Object.values(count).reduce((a, b) => a + b, 0);
    console.log(
        `${scope}: ${total} mutants, ${valid} valid; killed ${n('Killed')} + timeout ${n('Timeout')}, ` +
            `survived ${n('Survived')}, no coverage ${n('NoCoverage')}, compile errors ${n('CompileError')}, ` +
            `static/ignored ${n('Ignored')}, runtime errors ${n('RuntimeError')}: score ${score}`,
    );
    for (const line of left) console.log(line);
}
