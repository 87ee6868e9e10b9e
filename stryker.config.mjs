// SPDX-License-Identifier: Apache-2.0
//
// Mutation testing (`npm run test:mutation`): not part of `npm test` nor CI — a full run takes hours
// on two cores. Scope: the four contracts and what they share, the embedded ledger's validation and
// simulation, the policy evaluator, channel-kit's validation rules. Narrow it for a quick run with
// `MUTATION_TESTS='ledger/src/**/*.test.ts' npm run test:mutation -- --mutate ledger/src/validation.ts`.
const tests = (
    process.env.MUTATION_TESTS ??
    'core-chaincode/src/**/*.test.ts,ledger/src/**/*.test.ts,policies/src/**/*.test.ts,channel-kit/src/validate/**/*.test.ts'
).split(',');

/** Name of the reports under reports/mutation/ (and of the sandbox), so two scoped runs can coexist. */
const report = process.env.MUTATION_REPORT ?? 'mutation';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
    packageManager: 'npm',
    testRunner: 'jest',
    jest: {
        configFile: 'jest.config.cjs',
        enableFindRelatedTests: true,
        // The tests of the mutated code only (the real-network and generator suites add hours, not kills).
        // MUTATION_TESTS narrows them further: a comma-separated list of globs under the root.
        config: { testMatch: tests.map((glob) => `<rootDir>/${glob}`) },
    },
    checkers: ['typescript'],
    tsconfigFile: 'tsconfig.json',
    typescriptChecker: { prioritizePerformanceOverAccuracy: true },
    coverageAnalysis: 'perTest',
    // Static mutants (module-level code run at import: key tables, decorators, constant messages) run
    // every test for each mutant: 93 % of the time for few kills. Counted as ignored, not as killed.
    ignoreStatic: true,
    concurrency: 2,
    timeoutMS: 15000,
    mutate: [
        'core-chaincode/src/productoken/**/*.ts',
        'core-chaincode/src/modelcert/**/*.ts',
        'core-chaincode/src/prodcontrol/**/*.ts',
        'core-chaincode/src/qualitycheck/**/*.ts',
        'core-chaincode/src/shared/**/*.ts',
        'ledger/src/validation.ts',
        'ledger/src/simulator.ts',
        'policies/src/evaluate.ts',
        'channel-kit/src/validate/rules.ts',
        '!**/*.test.ts',
    ],
    ignorePatterns: ['**/dist/**', 'coverage', '.productivist', 'reports', '.stryker-tmp'],
    reporters: ['clear-text', 'progress', 'html', 'json'],
    htmlReporter: { fileName: `reports/mutation/${report}.html` },
    jsonReporter: { fileName: `reports/mutation/${report}.json` },
    tempDirName: `.stryker-tmp/${report}`,
    cleanTempDir: true,
};
