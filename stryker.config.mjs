// SPDX-License-Identifier: Apache-2.0
//
// Mutation testing (`npm run test:mutation`): not part of `npm test` nor CI — a full run takes hours
// on two cores. Scope: the four contracts and what they share, the embedded ledger's validation and
// simulation, the policy evaluator, channel-kit's validation rules. Narrow it for a quick run with
// `npm run test:mutation -- --mutate 'ledger/src/validation.ts'`.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
    packageManager: 'npm',
    testRunner: 'jest',
    jest: { configFile: 'jest.config.cjs', enableFindRelatedTests: true },
    checkers: ['typescript'],
    tsconfigFile: 'tsconfig.json',
    typescriptChecker: { prioritizePerformanceOverAccuracy: true },
    coverageAnalysis: 'perTest',
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
    htmlReporter: { fileName: 'reports/mutation/mutation.html' },
    jsonReporter: { fileName: 'reports/mutation/mutation.json' },
    tempDirName: '.stryker-tmp',
    cleanTempDir: true,
};
