// SPDX-License-Identifier: Apache-2.0
//
// `productivist scaffold app`: a small TypeScript client of a scaffolded contract (the Fabric gateway
// through the kit's gateway ledger, the kit's credential store, a typed client of the contract and
// the kit's productoken client) with a command that runs the contract's example flow end to end.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

import { ChannelKitError } from '../errors.js';
import { renderTemplate } from '../render/text.js';
import type { Tree } from '../render/tree.js';
import { declaredPlace } from './ecosystem.js';
import type { KitSource } from './project.js';
import {
    className,
    commonFiles,
    compilerOptions,
    dependencies,
    json,
    readManifest,
    requireScaffoldName,
    runningKit,
    withManifest,
} from './project.js';
import { checkTarget, writeScaffold } from './write.js';

/** The template data of an app scaffold. */
export interface AppData {
    readonly appName: string;
    readonly name: string;
    readonly className: string;
    readonly channel: string;
    readonly channelKind: 'public' | 'private';
    readonly private: boolean;
    readonly publicChannel: string;
    readonly kitRoot: string;
}

/** The contract an app is for: a contract scaffold's folder, or a chaincode the ecosystem declares. */
export interface AppContract {
    readonly chaincode: string;
    readonly channel: string;
    readonly channelKind: 'public' | 'private';
    readonly publicChannel: string;
}

/** Resolves `--contract <dir-or-name>` (a name needs the ecosystem file that declares it). */
export function appContract(contract: string, ecosystem: string | undefined, cwd: string): AppContract {
    const dir = resolve(cwd, contract);
    if (existsSync(dir) && statSync(dir).isDirectory()) {
        const manifest = readManifest(dir);
        if (manifest?.kind !== 'contract') {
            throw new ChannelKitError(`${dir} is not a folder 'productivist scaffold contract' wrote`, {
                code: 'SCAFFOLD_CONTRACT_INVALID',
                exit: 'usage',
                hint: 'give --contract a contract scaffold folder, or a chaincode name with --ecosystem <file>',
            });
        }
        return manifest;
    }
    if (contract.includes('/') || ecosystem === undefined) {
        throw new ChannelKitError(`--contract '${contract}' is not a contract scaffold folder`, {
            code: 'SCAFFOLD_CONTRACT_INVALID',
            exit: 'usage',
            hint: 'give the folder of the contract scaffold, or its chaincode name with --ecosystem <file> declaring it',
        });
    }
    const place = declaredPlace(resolve(cwd, ecosystem), contract);
    return { chaincode: contract, ...place };
}

/** The files of an app project. */
export function appTree(data: AppData, kit: KitSource): Tree {
    const render = (template: string): string => renderTemplate(`scaffold/${template}`, data);
    const manifest = {
        name: data.appName,
        version: '1.0.0',
        private: true,
        description: `${data.appName}: a client of ${data.name} (channel ${data.channel}) running its example flow`,
        license: 'Apache-2.0',
        main: 'dist/main.js',
        bin: { [data.appName]: 'dist/main.js' },
        engines: { node: '>=20.9 <21 || >=22' },
        scripts: {
            build: 'tsc -p tsconfig.json',
            flow: 'node dist/main.js flow',
            lint: 'eslint --max-warnings 0 .',
            format: 'prettier --write .',
            'format:check': 'prettier --check .',
        },
        dependencies: dependencies(kit, [], ['clients', 'ledger-api', 'network']),
        devDependencies: dependencies(
            kit,
            ['@eslint/js', '@tsconfig/node20', '@types/node', 'eslint', 'prettier', 'typescript', 'typescript-eslint'],
            [],
        ),
    };
    const files: [string, string][] = [
        ...commonFiles(false),
        ['package.json', json(manifest)],
        [
            'tsconfig.json',
            json({
                extends: '@tsconfig/node20/tsconfig.json',
                compilerOptions: { ...compilerOptions(false), rootDir: 'src', outDir: 'dist', types: ['node'] },
                include: ['src'],
            }),
        ],
        ['README.md', render('app/README.md')],
        ['src/main.ts', render('app/main.ts')],
        ['src/flow.ts', render('app/flow.ts')],
        [`src/${data.className}Client.ts`, render('contract/client.ts')],
    ];
    return withManifest(files, {
        kind: 'app',
        name: data.appName,
        chaincode: data.name,
        channel: data.channel,
        channelKind: data.channelKind,
        publicChannel: data.publicChannel,
    });
}

/** Options of {@link scaffoldApp}. */
export interface ScaffoldAppOptions {
    readonly name: string;
    /** A contract scaffold's folder, or a chaincode name declared in `ecosystem`. */
    readonly contract: string;
    readonly ecosystem?: string;
    readonly out: string;
    readonly force?: boolean;
    readonly cwd?: string;
    readonly kit?: KitSource;
}

/** Writes the app project; nothing when refused. */
export function scaffoldApp(options: Readonly<ScaffoldAppOptions>): { readonly tree: Tree; readonly data: AppData } {
    const appName = requireScaffoldName(options.name, 'app');
    const contract = appContract(options.contract, options.ecosystem, options.cwd ?? process.cwd());
    const kit = options.kit ?? runningKit();
    const data: AppData = {
        appName,
        name: contract.chaincode,
        className: className(contract.chaincode),
        channel: contract.channel,
        channelKind: contract.channelKind,
        private: contract.channelKind === 'private',
        publicChannel: contract.publicChannel,
        kitRoot: kit.root,
    };
    const tree = appTree(data, kit);
    checkTarget(tree, options.out, options.force === true, `productivist scaffold app ${appName}`);
    writeScaffold(tree, options.out);
    return { tree, data };
}
