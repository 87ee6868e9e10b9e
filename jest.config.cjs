// SPDX-License-Identifier: Apache-2.0
/** One jest run over every workspace package; TypeScript is compiled by swc (decorators with metadata). */
const swc = {
    jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
};

module.exports = {
    testEnvironment: 'node',
    roots: ['<rootDir>'],
    testMatch: ['<rootDir>/*/src/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
    testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/.stryker-tmp/'],
    modulePathIgnorePatterns: ['<rootDir>/.stryker-tmp/'],
    transform: { '^.+\\.ts$': ['@swc/jest', swc] },
    moduleNameMapper: {
        '^@productivist/([a-z-]+)$': '<rootDir>/$1/src/index.ts',
        // Subpath exports (package.json "exports"), mapped to their sources.
        '^@productivist/policies/key-level$': '<rootDir>/policies/src/keyLevel.ts',
        '^@productivist/policies/cli$': '<rootDir>/policies/src/cli.ts',
        '^@productivist/clients/testing$': '<rootDir>/clients/src/testing/index.ts',
        '^@productivist/network/testing$': '<rootDir>/network/src/testing.ts',
        '^@productivist/network/gateway$': '<rootDir>/network/src/gateway/openNetworkLedger.ts',
        '^@productivist/clients/events$': '<rootDir>/clients/src/events.ts',
        '^@productivist/ledger/conformance$': '<rootDir>/ledger/src/conformance/index.ts',
        // Sources import './x.js' (node16 resolution); jest resolves them to the .ts files.
        '^(\\.{1,2}/.*)\\.js$': '$1',
    },
    setupFiles: ['<rootDir>/test/jest.setup.cjs'],
    // jest's own reporter, plus "[n/N]" progress lines when not on a terminal (CI).
    reporters: ['default', '<rootDir>/scripts/jest-progress.cjs'],
    testTimeout: 30000,
};
