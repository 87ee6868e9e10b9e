// SPDX-License-Identifier: Apache-2.0
//
// `productivist scaffold contract`: a TypeScript chaincode project for a channel of an ecosystem,
// paying with productoken by where it runs (public: same-channel calls through a typed productoken
// client; private: pay on public, prove on private by a cross-channel read), and the ecosystem file
// with the chaincode added. Same input, same bytes.
import { writeFileSync, renameSync } from 'node:fs';
import { basename } from 'node:path';

import { renderTemplate } from '../render/text.js';
import type { Tree } from '../render/tree.js';
import type { ChaincodePlace } from './ecosystem.js';
import { chaincodePlace, ecosystemWithChaincode } from './ecosystem.js';
import type { KitSource } from './project.js';
import {
    className,
    commonFiles,
    compilerOptions,
    dependencies,
    json,
    requireScaffoldName,
    runningKit,
    thirdPartyPackages,
    withManifest,
} from './project.js';
import { checkTarget, writeScaffold } from './write.js';

/** The template data of a contract scaffold: every value the templates print. */
export interface ContractData {
    readonly name: string;
    readonly className: string;
    readonly ecosystem: string;
    readonly channel: string;
    readonly channelKind: 'public' | 'private';
    readonly private: boolean;
    readonly publicChannel: string;
    readonly membersText: string;
    readonly endorsementText: string;
    readonly kitRoot: string;
}

export function contractData(name: string, place: ChaincodePlace, kit: KitSource): ContractData {
    return {
        name,
        className: className(name),
        ecosystem: place.ecosystem,
        channel: place.channel,
        channelKind: place.channelKind,
        private: place.channelKind === 'private',
        publicChannel: place.publicChannel,
        membersText: place.endorsers.join(', '),
        endorsementText: `all of ${place.endorsers.join(', ')}`,
        kitRoot: kit.root,
    };
}

/** The files of a contract project. */
export function contractTree(data: ContractData, kit: KitSource): Tree {
    const render = (template: string): string => renderTemplate(`scaffold/contract/${template}`, data);
    const manifest = {
        name: data.name,
        version: '1.0.0',
        private: true,
        description: `${data.name}: orders paid in productoken, on channel ${data.channel} of ${data.ecosystem}`,
        license: 'Apache-2.0',
        main: 'dist/index.js',
        types: 'dist/index.d.ts',
        engines: { node: '>=20.9 <21 || >=22' },
        scripts: {
            build: 'tsc -p tsconfig.build.json',
            test: 'jest',
            lint: 'eslint --max-warnings 0 .',
            format: 'prettier --write .',
            'format:check': 'prettier --check .',
            start: 'fabric-chaincode-node start',
        },
        dependencies: dependencies(kit, ['fabric-contract-api', 'fabric-shim'], []),
        devDependencies: dependencies(
            kit,
            thirdPartyPackages.filter((name) => !name.startsWith('fabric-')),
            ['clients', 'ledger', 'ledger-api'],
        ),
        // fabric-contract-api needs classToPlain, which class-transformer 0.4.1 lacks (as in the kit).
        overrides: { 'class-transformer': '0.4.0' },
    };
    const files: [string, string][] = [
        ...commonFiles(true),
        ['package.json', json(manifest)],
        [
            'tsconfig.json',
            json({
                extends: '@tsconfig/node20/tsconfig.json',
                compilerOptions: { ...compilerOptions(true), noEmit: true, types: ['node', 'jest'] },
                include: ['src'],
            }),
        ],
        [
            'tsconfig.build.json',
            json({
                extends: './tsconfig.json',
                compilerOptions: {
                    noEmit: false,
                    rootDir: 'src',
                    outDir: 'dist',
                    declaration: true,
                    sourceMap: true,
                    types: ['node'],
                },
                include: ['src'],
                exclude: ['src/**/*.test.ts'],
            }),
        ],
        ['jest.config.cjs', render('jest.config.cjs')],
        ['README.md', render('README.md')],
        ['SPEC.md', render('SPEC.md')],
        ['src/index.ts', render('index.ts')],
        ['src/errors.ts', render('errors.ts')],
        ['src/orders.ts', render('orders.ts')],
        ['src/client.ts', render('client.ts')],
        [`src/${data.className}Contract.ts`, render('Contract.ts')],
        [`src/${data.className}Contract.test.ts`, render('Contract.test.ts')],
        data.private ? ['src/payment.ts', render('payment.ts')] : ['src/productoken.ts', render('productoken.ts')],
    ];
    return withManifest(files, {
        kind: 'contract',
        name: data.name,
        chaincode: data.name,
        channel: data.channel,
        channelKind: data.channelKind,
        publicChannel: data.publicChannel,
    });
}

/** Options of {@link scaffoldContract}. */
export interface ScaffoldContractOptions {
    readonly name: string;
    /** The ecosystem file the chaincode is added to. */
    readonly ecosystem: string;
    readonly channel: string;
    /** The public network's state folder, for an industrial ecosystem linked to it (its publicNetwork). */
    readonly publicNetwork?: string;
    /** The project folder (created when missing). */
    readonly out: string;
    /** Overwrite files the user edited. */
    readonly force?: boolean;
    /** The kit the project's `file:` links and versions come from (the running kit by default). */
    readonly kit?: KitSource;
}

/** What {@link scaffoldContract} did. */
export interface ScaffoldContractResult {
    readonly tree: Tree;
    readonly data: ContractData;
    /** Whether the ecosystem file was changed (false: it declared the chaincode already). */
    readonly ecosystemChanged: boolean;
}

/** Writes the contract project and adds the chaincode to the ecosystem; nothing at all when refused. */
export function scaffoldContract(options: Readonly<ScaffoldContractOptions>): ScaffoldContractResult {
    const name = requireScaffoldName(options.name, 'contract');
    const place = chaincodePlace(options.ecosystem, options.channel, name, options.publicNetwork);
    const kit = options.kit ?? runningKit();
    const data = contractData(name, place, kit);
    const tree = contractTree(data, kit);
    const ecosystemText = ecosystemWithChaincode(options.ecosystem, place, name, options.publicNetwork);
    checkTarget(tree, options.out, options.force === true, `productivist scaffold contract ${name}`);
    writeScaffold(tree, options.out);
    if (ecosystemText !== undefined) {
        const temporary = `${options.ecosystem}.${basename(options.out)}.tmp`;
        writeFileSync(temporary, ecosystemText);
        renameSync(temporary, options.ecosystem);
    }
    return { tree, data, ecosystemChanged: ecosystemText !== undefined };
}
