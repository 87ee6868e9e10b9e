// SPDX-License-Identifier: Apache-2.0
//
// Mutation testing (`npm run test:mutation`): not part of `npm test` nor CI — a full run takes hours
// on two cores. Scope: the four contracts and what they share, the embedded ledger's validation and
// simulation, the policy evaluator, channel-kit's validation rules. A run is scoped by name
// (`MUTATION_SCOPE=productoken-balances npm run test:mutation -- --concurrency 1`, see `scopes` below):
// it mutates that scope's files, runs only the tests that exercise them, writes its reports under
// reports/mutation/<scope>.html|json and runs incrementally (reports/mutation/<scope>-incremental.json:
// a rerun after a new test retests only the mutants whose code or covering tests changed).
// Ad hoc scopes: MUTATION_TESTS (comma-separated test globs) and `--mutate`, as before.

import { existsSync } from 'node:fs';

/** The contract tests that run in seconds; the randomised property and concurrency suites take minutes per mutant. */
const contractTests = [
    'core-chaincode/src/flow.test.ts',
    'core-chaincode/src/authorization.test.ts',
    'core-chaincode/src/transactions.test.ts',
];
/**
 * productoken's own test files. The flow suites (contractTests) reach the same lines through the other
 * contracts, each file building a world of four contracts for every mutant it covers: left out, so a
 * productoken mutant that only they would kill counts as a survivor.
 */
const productokenTests = [
    'core-chaincode/src/productoken/accounts.test.ts',
    'core-chaincode/src/productoken/authorization.test.ts',
    'core-chaincode/src/productoken/griefing.test.ts',
    'core-chaincode/src/productoken/productoken.test.ts',
    'core-chaincode/src/productoken/spec.test.ts',
    'core-chaincode/src/productoken/mutants.test.ts',
];
const flowTests = [
    ...contractTests,
    'core-chaincode/src/scenarios.test.ts',
    'core-chaincode/src/prodcontrol/*.test.ts',
    'core-chaincode/src/qualitycheck/*.test.ts',
    'core-chaincode/src/modelcert/*.test.ts',
];

/** Named scopes: files mutated, tests run (globs under the root). */
const scopes = {
    // Small slices that finish within an hour on two loaded cores: the spend path (credits read by key,
    // finding 4 of issue 18) and who may release or refund a hold.
    'productoken-spend': {
        mutate: ['core-chaincode/src/productoken/balances.ts:84-135'],
        tests: [
            'core-chaincode/src/flow.test.ts',
            // concurrency.test.ts: the dust suite (finding 4), the only one naming a spent or foreign credit
            ...['productoken', 'griefing', 'accounts', 'concurrency'].map(
                (f) => `core-chaincode/src/productoken/${f}.test.ts`,
            ),
        ],
    },
    'productoken-hold-permissions': {
        mutate: ['core-chaincode/src/productoken/holds.ts:249-290'],
        tests: [
            'core-chaincode/src/flow.test.ts',
            'core-chaincode/src/authorization.test.ts',
            'core-chaincode/src/prodcontrol/griefing.test.ts',
            ...['productoken', 'griefing', 'authorization'].map((f) => `core-chaincode/src/productoken/${f}.test.ts`),
        ],
    },
    // holds.ts in two runs (450 mutants together): the money paths (create, release, refund, expire,
    // who reads) and the parsing of ids and rules.
    'productoken-holds-money': { mutate: ['core-chaincode/src/productoken/holds.ts:196-366'], tests: productokenTests },
    'productoken-holds-rules': { mutate: ['core-chaincode/src/productoken/holds.ts:1-195'], tests: productokenTests },
    'productoken-balances': {
        mutate: ['balances', 'accounts'].map((f) => `core-chaincode/src/productoken/${f}.ts`),
        // concurrency.test.ts: the credits named by key and Consolidate (finding 4), as in productoken-spend
        tests: [...productokenTests, 'core-chaincode/src/productoken/concurrency.test.ts'],
    },
    'productoken-token': { mutate: ['core-chaincode/src/productoken/token.ts'], tests: productokenTests },
    'productoken-rest': {
        mutate: ['config', 'movements', 'requests', 'keys', 'ProductokenContract'].map(
            (f) => `core-chaincode/src/productoken/${f}.ts`,
        ),
        tests: productokenTests,
    },
    // The escrow exits of issue 18 (finding 3): deadlines, MarkProduced, Cancel, RecordVerdict,
    // DeclareOverdue, Arbitrate: a slice of `prodcontrol` (not yet timed) to run first.
    'prodcontrol-exits': {
        mutate: ['core-chaincode/src/prodcontrol/orders.ts:94-125', 'core-chaincode/src/prodcontrol/orders.ts:370-469'],
        tests: flowTests,
    },
    prodcontrol: { mutate: ['core-chaincode/src/prodcontrol/*.ts', '!**/*.test.ts'], tests: flowTests },
    qualitycheck: { mutate: ['core-chaincode/src/qualitycheck/*.ts', '!**/*.test.ts'], tests: flowTests },
    modelcert: { mutate: ['core-chaincode/src/modelcert/*.ts', '!**/*.test.ts'], tests: flowTests },
    shared: {
        mutate: ['core-chaincode/src/shared/*.ts', '!**/*.test.ts'],
        // Every call goes through shared code, so each mutant would run every contract test: its own tests,
        // the flow and authorization suites (caller resolution, roles) and the griefing suites (pagination).
        tests: [
            'core-chaincode/src/shared/*.test.ts',
            'core-chaincode/src/flow.test.ts',
            'core-chaincode/src/authorization.test.ts',
            'core-chaincode/src/productoken/griefing.test.ts',
            'core-chaincode/src/prodcontrol/griefing.test.ts',
        ],
    },
    'ledger-validation': { mutate: ['ledger/src/validation.ts'], tests: ['ledger/src/**/*.test.ts'] },
    'ledger-simulator': { mutate: ['ledger/src/simulator.ts'], tests: ['ledger/src/**/*.test.ts'] },
    'policies-evaluate': { mutate: ['policies/src/evaluate.ts'], tests: ['policies/src/**/*.test.ts'] },
    // The cross-field rules (rules.ts runs them; rules/ holds them), by the invalid cases, the parser's
    // tests, the examples' golden files and onboarding (which validates the files it writes).
    'channel-kit-rules': {
        mutate: ['channel-kit/src/validate/rules.ts', 'channel-kit/src/validate/rules/*.ts'],
        tests: [
            'channel-kit/src/validate/**/*.test.ts',
            'channel-kit/src/parse/*.test.ts',
            'channel-kit/src/render/golden.test.ts',
            'channel-kit/src/onboard.test.ts',
        ],
    },
};

const scopeName = process.env.MUTATION_SCOPE;
const scope = scopeName === undefined ? undefined : scopes[scopeName];
if (scopeName !== undefined && scope === undefined) {
    throw new Error(
        `MUTATION_SCOPE '${scopeName}' is not a scope of stryker.config.mjs; use one of ${Object.keys(scopes).join(', ')}`,
    );
}

const tests = process.env.MUTATION_TESTS?.split(',') ??
    scope?.tests ?? [
        'core-chaincode/src/**/*.test.ts',
        'ledger/src/**/*.test.ts',
        'policies/src/**/*.test.ts',
        'channel-kit/src/validate/**/*.test.ts',
    ];

/** Name of the reports under reports/mutation/ (and of the sandbox), so two scoped runs can coexist. */
const report = process.env.MUTATION_REPORT ?? scopeName ?? 'mutation';

/**
 * The TypeScript checker builds the mutated package's project and its references only (a scope's
 * files all sit in one package), its sources without its tests where the package splits them
 * (core-chaincode: its tests reference the network and clients packages). A mutant is valid when its
 * package compiles; checking the whole workspace for every mutant group took a core of its own.
 */
function scopeTsconfig(files) {
    const pkg = files[0].split('/')[0];
    return existsSync(`${pkg}/tsconfig.build.json`) ? `${pkg}/tsconfig.build.json` : `${pkg}/tsconfig.json`;
}
const tsconfigFile = scope === undefined ? 'tsconfig.json' : scopeTsconfig(scope.mutate);

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
    tsconfigFile,
    typescriptChecker: { prioritizePerformanceOverAccuracy: true },
    coverageAnalysis: 'perTest',
    // Static mutants (module-level code run at import: key tables, decorators, constant messages) run
    // every test for each mutant: 93 % of the time for few kills. Counted as ignored, not as killed.
    ignoreStatic: true,
    concurrency: 2,
    // A mutant's tests get three times their time in the initial run plus 30 s before it counts as a
    // timeout (counted as killed): on a loaded machine the default (1.5 times plus 5 s) let slow
    // passing runs count as kills. Jest's own 30 s test timeout turns a hung test into a failure.
    timeoutMS: 30000,
    timeoutFactor: 3,
    mutate: scope?.mutate ?? [
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
    incremental: scope !== undefined,
    incrementalFile: `reports/mutation/${report}-incremental.json`,
    cleanTempDir: true,
};
