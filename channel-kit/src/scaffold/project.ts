// SPDX-License-Identifier: Apache-2.0
//
// What a scaffolded project shares, contract or app: its name checked by the chaincode name rules,
// its dependencies (the kit's packages by `file:` links to the running kit, third-party packages at
// the versions of the kit's package-lock.json, so that `npm install` is served from the npm cache),
// the kit's lint, format and compiler configuration, and the manifest that records what was written.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { templatesDir } from '@productivist/templates';

import { ChannelKitError } from '../errors.js';
import { renderTemplate } from '../render/text.js';
import type { Tree } from '../render/tree.js';

/** The manifest a scaffold writes at the root of its project. */
export const scaffoldManifestName = '.productivist-scaffold.json';

/** What the manifest records: the scaffold's inputs and the sha256 of every file as written. */
export interface ScaffoldManifest {
    readonly kind: 'contract' | 'app';
    readonly name: string;
    readonly chaincode: string;
    readonly channel: string;
    readonly channelKind: 'public' | 'private';
    readonly publicChannel: string;
    readonly files: Readonly<Record<string, string>>;
}

/** Chaincode names as the ecosystem schema takes them (Fabric's lifecycle accepts a superset). */
const namePattern = /^[a-z][a-z0-9_-]{0,39}$/;

/** Checks a scaffold name by the chaincode name rules. */
export function requireScaffoldName(name: string, what: 'contract' | 'app'): string {
    if (!namePattern.test(name)) {
        throw new ChannelKitError(`${what} name '${name}' is not a valid chaincode name`, {
            code: 'SCAFFOLD_NAME_INVALID',
            exit: 'usage',
            hint: "use 1 to 40 lowercase letters, digits, '-' or '_', starting with a letter (e.g. parts, order-book)",
        });
    }
    return name;
}

/** `order-book` → `OrderBook`. */
export function className(name: string): string {
    return name
        .split(/[-_]/)
        .filter((part) => part !== '')
        .map((part) => `${part.charAt(0).toUpperCase()}${part.slice(1)}`)
        .join('');
}

/** The running kit's root folder (the templates package sits in it). */
export function kitRoot(): string {
    return join(templatesDir, '..', '..');
}

/** Third-party packages a scaffold depends on; their versions come from the kit's lock. */
export const thirdPartyPackages = [
    '@eslint/js',
    '@swc/core',
    '@swc/jest',
    '@tsconfig/node20',
    '@types/jest',
    '@types/node',
    'eslint',
    'fabric-contract-api',
    'fabric-shim',
    'jest',
    'prettier',
    'typescript',
    'typescript-eslint',
] as const;

export type ThirdParty = (typeof thirdPartyPackages)[number];

/** The versions the kit's package-lock.json installs of the scaffold's third-party packages. */
export function lockVersions(root: string): Readonly<Record<ThirdParty, string>> {
    const file = join(root, 'package-lock.json');
    if (!existsSync(file)) {
        throw new ChannelKitError(`the kit at ${root} has no package-lock.json to take dependency versions from`, {
            code: 'KIT_LOCK_MISSING',
            exit: 'environment',
            hint: "run 'npm install' in the kit, then scaffold again",
        });
    }
    const lock = JSON.parse(readFileSync(file, 'utf8')) as {
        packages?: Readonly<Record<string, { version?: string }>>;
    };
    const versions: Partial<Record<ThirdParty, string>> = {};
    for (const name of thirdPartyPackages) {
        const version = lock.packages?.[`node_modules/${name}`]?.version;
        if (version === undefined) {
            throw new ChannelKitError(`${file} installs no ${name}`, {
                code: 'KIT_LOCK_MISSING',
                exit: 'environment',
                hint: "run 'npm install' in the kit, then scaffold again",
            });
        }
        versions[name] = version;
    }
    return versions as Record<ThirdParty, string>;
}

/** Where the kit is and which versions it pins: the part of a scaffold's input that is not the user's. */
export interface KitSource {
    readonly root: string;
    readonly versions: Readonly<Record<ThirdParty, string>>;
}

/** The running kit as a scaffold's source. */
export function runningKit(): KitSource {
    const root = kitRoot();
    return { root, versions: lockVersions(root) };
}

/** `{ name: version }` of third-party packages, and `{ @productivist/x: file:<kit>/x }` of the kit's. */
export function dependencies(
    kit: KitSource,
    thirdParty: readonly ThirdParty[],
    kitPackages: readonly string[],
): Record<string, string> {
    const entries: [string, string][] = [
        ...kitPackages.map((folder): [string, string] => [`@productivist/${folder}`, `file:${join(kit.root, folder)}`]),
        ...thirdParty.map((name): [string, string] => [name, kit.versions[name]]),
    ];
    return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** JSON laid out as Prettier lays it out with the kit's options: objects open, short lists of values on one line. */
function jsonAt(value: unknown, indent: string, column: number): string {
    if (Array.isArray(value)) {
        const items = value.map((item) => jsonAt(item, `${indent}    `, 0));
        const inline = `[${items.join(', ')}]`;
        if (!items.some((item) => item.includes('\n')) && column + inline.length <= 120) return inline;
        return `[\n${items.map((item) => `${indent}    ${item}`).join(',\n')}\n${indent}]`;
    }
    if (value !== null && typeof value === 'object') {
        const entries = Object.entries(value);
        if (entries.length === 0) return '{}';
        const lines = entries.map(([key, item]) => {
            const head = `${indent}    ${JSON.stringify(key)}: `;
            return `${head}${jsonAt(item, `${indent}    `, head.length)}`;
        });
        return `{\n${lines.join(',\n')}\n${indent}}`;
    }
    return JSON.stringify(value);
}

/** JSON as the kit writes it (4 spaces, Prettier's layout), with a final newline. */
export function json(value: unknown): string {
    return `${jsonAt(value, '', 0)}\n`;
}

/** The files every scaffold has: format and lint configuration, ignores. */
export function commonFiles(chaincode: boolean): [string, string][] {
    return [
        ['.gitignore', 'node_modules/\ndist/\n*.tsbuildinfo\n'],
        ['.prettierignore', 'node_modules/\ndist/\npackage-lock.json\n'],
        [
            '.prettierrc.json',
            json({ tabWidth: 4, singleQuote: true, printWidth: 120, trailingComma: 'all', endOfLine: 'lf' }),
        ],
        ['eslint.config.mjs', renderTemplate('scaffold/eslint.config.mjs', { chaincode })],
    ];
}

/** The compiler options of the kit (tsconfig.base.json), for a project of its own. */
export function compilerOptions(decorators: boolean): Record<string, unknown> {
    return {
        strict: true,
        noUncheckedIndexedAccess: true,
        noImplicitReturns: true,
        noUnusedLocals: true,
        noUnusedParameters: true,
        noFallthroughCasesInSwitch: true,
        isolatedModules: true,
        forceConsistentCasingInFileNames: true,
        module: 'node16',
        moduleResolution: 'node16',
        ...(decorators ? { experimentalDecorators: true, emitDecoratorMetadata: true } : {}),
    };
}

function sha256(text: string): string {
    return createHash('sha256').update(text).digest('hex');
}

/** The tree with its manifest added, every path sorted. */
export function withManifest(files: readonly [string, string][], manifest: Omit<ScaffoldManifest, 'files'>): Tree {
    const byPath = ([a]: [string, string], [b]: [string, string]): number => (a < b ? -1 : a > b ? 1 : 0);
    const sorted = [...files].sort(byPath);
    const hashes = Object.fromEntries(sorted.map(([path, text]) => [path, sha256(text)]));
    const all: [string, string][] = [...sorted, [scaffoldManifestName, json({ ...manifest, files: hashes })]];
    return new Map(all.sort(byPath));
}

/** The manifest of a folder a scaffold wrote, if it is one. */
export function readManifest(dir: string): ScaffoldManifest | undefined {
    const file = join(dir, scaffoldManifestName);
    if (!existsSync(file)) return undefined;
    try {
        return JSON.parse(readFileSync(file, 'utf8')) as ScaffoldManifest;
    } catch {
        return undefined;
    }
}

/** The sha256 of a file's text (what the manifest records). */
export function fileHash(text: string): string {
    return sha256(text);
}
