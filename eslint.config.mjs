// SPDX-License-Identifier: Apache-2.0
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
    {
        ignores: [
            '**/dist/**',
            '**/dist-test/**',
            '**/node_modules/**',
            'coverage/**',
            '.stryker-tmp/**',
            'reports/**',
            '**/*.js',
            '**/*.mjs',
            '**/*.cjs',
        ],
    },
    eslint.configs.recommended,
    ...tseslint.configs.strictTypeChecked,
    {
        languageOptions: {
            parserOptions: {
                projectService: true,
                tsconfigRootDir: import.meta.dirname,
            },
        },
        rules: {
            '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
            '@typescript-eslint/consistent-type-imports': 'error',
            'no-restricted-syntax': [
                'error',
                { selector: 'TSEnumDeclaration', message: 'Use a string-literal union instead of an enum.' },
                { selector: 'ExportDefaultDeclaration', message: 'Use named exports only.' },
            ],
        },
    },
    {
        // Chaincode must be deterministic: every endorsing peer must compute the same read-write set.
        files: ['core-chaincode/src/{productoken,modelcert,prodcontrol,qualitycheck,shared}/**/*.ts'],
        ignores: ['core-chaincode/src/**/*.test.ts'],
        rules: {
            'no-restricted-properties': [
                'error',
                {
                    object: 'Date',
                    property: 'now',
                    message: 'Chaincode must be deterministic: use ctx.stub.getTxTimestamp().',
                },
                {
                    object: 'Math',
                    property: 'random',
                    message: 'Chaincode must be deterministic: derive values from the transaction.',
                },
                { object: 'crypto', property: 'randomBytes', message: 'Chaincode must be deterministic.' },
                { object: 'crypto', property: 'randomUUID', message: 'Chaincode must be deterministic.' },
                { object: 'process', property: 'hrtime', message: 'Chaincode must be deterministic.' },
                { object: 'performance', property: 'now', message: 'Chaincode must be deterministic.' },
            ],
            'no-restricted-imports': [
                'error',
                ...['node:crypto', 'crypto'].map((name) => ({
                    name,
                    importNames: ['randomBytes', 'randomUUID', 'randomInt', 'getRandomValues', 'randomFillSync'],
                    message: 'Chaincode must be deterministic.',
                })),
            ],
            'no-restricted-syntax': [
                'error',
                { selector: 'TSEnumDeclaration', message: 'Use a string-literal union instead of an enum.' },
                { selector: 'ExportDefaultDeclaration', message: 'Use named exports only.' },
                {
                    selector: "NewExpression[callee.name='Date'][arguments.length=0]",
                    message: 'new Date() reads the clock: use ctx.stub.getDateTimestamp().',
                },
                { selector: "CallExpression[callee.name='Date']", message: 'Date() reads the clock.' },
                {
                    selector: "ClassDeclaration[superClass.name='Contract'] PropertyDefinition",
                    message: 'No instance state in contracts: peers and calls do not share it.',
                },
                {
                    selector:
                        "ClassDeclaration[superClass.name='Contract'] MethodDefinition[kind!='constructor'] AssignmentExpression > MemberExpression.left[object.type='ThisExpression']",
                    message: 'No instance state in contracts: peers and calls do not share it.',
                },
                {
                    selector: "Program > VariableDeclaration[kind='let']",
                    message: 'No module-level mutable state in chaincode.',
                },
            ],
        },
    },
    {
        files: ['**/*.test.ts', '**/test/**/*.ts'],
        rules: {
            '@typescript-eslint/no-non-null-assertion': 'off',
        },
    },
);
