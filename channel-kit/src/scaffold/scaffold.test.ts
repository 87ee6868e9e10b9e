// SPDX-License-Identifier: Apache-2.0
//
// The scaffolds: golden trees of a private-channel contract, a public-channel contract and an app
// (same input, same bytes), the ecosystem file edited in place (comments and order kept), names
// checked by the chaincode rules, a folder with the user's edits refused without --force with
// nothing changed, and the generated code passing the kit's own ESLint configuration and Prettier.
// UPDATE_GOLDEN=1 rewrites channel-kit/test-fixtures/golden/scaffold/.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

import { ChannelKitError } from '../errors.js';
import type { Tree } from '../render/tree.js';
import { scaffoldApp } from './app.js';
import { scaffoldContract } from './contract.js';
import { withPrivateChannel } from './ecosystem.js';
import type { KitSource } from './project.js';
import { lockVersions, thirdPartyPackages } from './project.js';
import { goldenTree, listFiles } from '../write/listFiles.js';

const repoRoot = join(__dirname, '..', '..', '..');
const goldenRoot = join(__dirname, '..', '..', 'test-fixtures', 'golden', 'scaffold');
/** A kit at a fixed place with fixed versions: the golden trees do not move with the machine or the lock. */
const kit: KitSource = {
    root: '/opt/productivist-kit',
    versions: Object.fromEntries(thirdPartyPackages.map((name) => [name, '1.0.0'])) as KitSource['versions'],
};
const ecosystemText = withPrivateChannel(
    readFileSync(join(repoRoot, 'examples', 'productivist.yaml'), 'utf8'),
    'supply',
    ['Customer', 'Producer'],
);

let work = '';
beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'productivist-scaffold-'));
    writeFileSync(join(work, 'ecosystem.yaml'), ecosystemText);
});
afterEach(() => {
    rmSync(work, { recursive: true, force: true });
});

function expectGolden(name: string, tree: Tree): void {
    const golden = goldenTree(join(goldenRoot, name), tree);
    expect([...tree.keys()]).toEqual([...golden.keys()].sort());
    for (const [path, text] of tree) expect({ path, text }).toEqual({ path, text: golden.get(path) });
}

const contract = (name: string, channel: string, extra: { force?: boolean; out?: string } = {}) =>
    scaffoldContract({
        name,
        ecosystem: join(work, 'ecosystem.yaml'),
        channel,
        out: extra.out ?? join(work, name),
        kit,
        ...(extra.force === undefined ? {} : { force: extra.force }),
    });

function thrown(run: () => unknown): ChannelKitError {
    try {
        run();
    } catch (error) {
        if (error instanceof ChannelKitError) return error;
        throw error;
    }
    throw new Error('expected a ChannelKitError');
}

describe('scaffold contract and app: golden trees', () => {
    it('writes the golden private-channel contract, public-channel contract and app, byte for byte', () => {
        const orders = contract('orders', 'supply');
        const market = contract('market', 'productivist');
        const app = scaffoldApp({ name: 'orders-app', contract: join(work, 'orders'), out: join(work, 'app'), kit });
        expectGolden('orders', orders.tree);
        expectGolden('market', market.tree);
        expectGolden('orders-app', app.tree);
        // The files on disk are the tree.
        expect(listFiles(join(work, 'orders'))).toEqual([...orders.tree.keys()].sort());
        for (const [path, text] of orders.tree) expect(readFileSync(join(work, 'orders', path), 'utf8')).toBe(text);
        // The ecosystem file gained both chaincodes, its comments and order kept.
        const edited = readFileSync(join(work, 'ecosystem.yaml'), 'utf8');
        expectGolden('ecosystem', new Map([['ecosystem.yaml', edited]]));
        // Every byte of the file but the two entries is as it was.
        const marketEntry =
            '          - name: market\n            endorsement: { all: [Productivist, Customer, Designer, Producer, Expert] }\n            uses: [productoken]\n';
        const ordersEntry =
            '      chaincodes:\n          - name: orders\n            endorsement: { all: [Customer, Producer] }\n            uses: [productoken]\n';
        expect(edited).toContain(marketEntry);
        expect(edited).toContain(ordersEntry);
        expect(edited.replace(marketEntry, '').replace(ordersEntry, '')).toBe(ecosystemText);
    });

    it('gives the same bytes for the same input, and an app named by chaincode equals one named by folder', () => {
        const first = contract('orders', 'supply');
        rmSync(join(work, 'orders'), { recursive: true });
        writeFileSync(join(work, 'ecosystem.yaml'), ecosystemText);
        const second = contract('orders', 'supply');
        expect([...second.tree]).toEqual([...first.tree]);
        const byFolder = scaffoldApp({ name: 'app', contract: join(work, 'orders'), out: join(work, 'a1'), kit });
        const byName = scaffoldApp({
            name: 'app',
            contract: 'orders',
            ecosystem: join(work, 'ecosystem.yaml'),
            out: join(work, 'a2'),
            kit,
        });
        expect([...byName.tree]).toEqual([...byFolder.tree]);
    });
});

describe('scaffold contract: refusals', () => {
    it.each([
        ['Orders', 'uppercase'],
        ['1orders', 'a leading digit'],
        ['my orders', 'a space'],
        ['a'.repeat(41), '41 characters'],
    ])("refuses the name '%s' (%s) and writes nothing", (name) => {
        const error = thrown(() => contract(name, 'supply'));
        expect(error.code).toBe('SCAFFOLD_NAME_INVALID');
        expect(error.message).toBe(`contract name '${name}' is not a valid chaincode name`);
        expect(error.hint).toContain("lowercase letters, digits, '-' or '_', starting with a letter");
        expect(readdirSync(work)).toEqual(['ecosystem.yaml']);
        expect(readFileSync(join(work, 'ecosystem.yaml'), 'utf8')).toBe(ecosystemText);
    });

    it('refuses an unknown channel, naming the channels there are', () => {
        const error = thrown(() => contract('orders', 'suply'));
        expect(error.code).toBe('CHANNEL_NOT_FOUND');
        expect(error.hint).toBe('give --channel one of: productivist, supply');
        expect(readdirSync(work)).toEqual(['ecosystem.yaml']);
    });

    it('refuses a chaincode name another channel has', () => {
        const error = thrown(() => contract('productoken', 'supply'));
        expect(error.code).toBe('SCAFFOLD_NAME_TAKEN');
        expect(error.message).toContain("chaincode 'productoken' is already on channel 'productivist'");
    });

    it('re-runs over its own files; refuses files the user edited without --force, changing nothing; --force overwrites', () => {
        const first = contract('orders', 'supply');
        const afterFirst = readFileSync(join(work, 'ecosystem.yaml'), 'utf8');
        // Re-running over untouched files rewrites the same bytes; the ecosystem declares orders already.
        expect(contract('orders', 'supply').ecosystemChanged).toBe(false);
        expect(readFileSync(join(work, 'ecosystem.yaml'), 'utf8')).toBe(afterFirst);
        // Given the user's edits (a changed file, and a file the scaffold would write that it did not)
        const contractFile = join(work, 'orders', 'src', 'OrdersContract.ts');
        const edited = `${readFileSync(contractFile, 'utf8')}// my change\n`;
        writeFileSync(contractFile, edited);
        writeFileSync(join(work, 'ecosystem.yaml'), ecosystemText);
        // When the scaffold runs again without --force, Then it is refused and nothing changes
        const error = thrown(() => contract('orders', 'supply'));
        expect(error.code).toBe('SCAFFOLD_EDITED');
        expect(error.message).toContain('src/OrdersContract.ts');
        expect(error.message).toContain('nothing was written');
        expect(error.hint).toContain('--force');
        expect(readFileSync(contractFile, 'utf8')).toBe(edited);
        expect(readFileSync(join(work, 'ecosystem.yaml'), 'utf8')).toBe(ecosystemText);
        // A folder the scaffold did not write is refused as well
        mkdirSync(join(work, 'mine'));
        writeFileSync(join(work, 'mine', 'README.md'), 'mine\n');
        expect(thrown(() => contract('orders', 'supply', { out: join(work, 'mine') })).code).toBe('SCAFFOLD_EDITED');
        expect(readFileSync(join(work, 'mine', 'README.md'), 'utf8')).toBe('mine\n');
        // With --force the scaffold's files come back
        contract('orders', 'supply', { force: true });
        expect(readFileSync(contractFile, 'utf8')).toBe(first.tree.get('src/OrdersContract.ts'));
    });

    it('refuses --contract that is neither a contract scaffold nor a declared chaincode', () => {
        expect(thrown(() => scaffoldApp({ name: 'app', contract: work, out: join(work, 'app'), kit })).code).toBe(
            'SCAFFOLD_CONTRACT_INVALID',
        );
        const error = thrown(() =>
            scaffoldApp({
                name: 'app',
                contract: 'nope',
                ecosystem: join(work, 'ecosystem.yaml'),
                out: join(work, 'app'),
                kit,
            }),
        );
        expect(error.code).toBe('CHAINCODE_NOT_FOUND');
        expect(readdirSync(work)).toEqual(['ecosystem.yaml']);
    });
});

describe('scaffold dependencies', () => {
    it("takes third-party versions from the kit's package-lock.json", () => {
        const versions = lockVersions(repoRoot);
        const installed = (name: string): string =>
            (
                JSON.parse(readFileSync(join(repoRoot, 'node_modules', name, 'package.json'), 'utf8')) as {
                    version: string;
                }
            ).version;
        expect(versions.typescript).toBe(installed('typescript'));
        expect(versions['fabric-contract-api']).toBe(installed('fabric-contract-api'));
    });
});

describe("the generated code and the kit's own lint and format", () => {
    it("compiles, and passes the kit's ESLint configuration (0 problems) and prettier --check", () => {
        // Given both contracts and the app, with the kit's node_modules to resolve types
        const real: KitSource = { root: repoRoot, versions: lockVersions(repoRoot) };
        scaffoldContract({
            name: 'orders',
            ecosystem: join(work, 'ecosystem.yaml'),
            channel: 'supply',
            out: join(work, 'orders'),
            kit: real,
        });
        scaffoldContract({
            name: 'market',
            ecosystem: join(work, 'ecosystem.yaml'),
            channel: 'productivist',
            out: join(work, 'market'),
            kit: real,
        });
        scaffoldApp({ name: 'orders-app', contract: join(work, 'orders'), out: join(work, 'app'), kit: real });
        symlinkSync(join(repoRoot, 'node_modules'), join(work, 'node_modules'));
        // When the kit's eslint.config.mjs lints every TypeScript file, and prettier --check reads every file
        const tool = (path: string, args: readonly string[]) =>
            spawnSync(process.execPath, [join(repoRoot, 'node_modules', ...path.split('/')), ...args], {
                cwd: work,
                encoding: 'utf8',
                timeout: 900_000,
            });
        const lint = tool('eslint/bin/eslint.js', [
            '--config',
            join(repoRoot, 'eslint.config.mjs'),
            '--max-warnings',
            '0',
            '--format',
            'json',
            'orders',
            'market',
            'app',
        ]);
        const results = JSON.parse(lint.stdout || '[]') as {
            filePath: string;
            messages: { line: number; ruleId: string | null; message: string }[];
        }[];
        const problems = results.flatMap((result) =>
            result.messages.map(
                (message) =>
                    `${relative(work, result.filePath)}:${message.line}: ${message.ruleId ?? ''} ${message.message}`,
            ),
        );
        const format = tool('prettier/bin/prettier.cjs', [
            '--config',
            join(repoRoot, '.prettierrc.json'),
            '--ignore-path',
            join(work, 'orders', '.prettierignore'),
            '--check',
            'orders',
            'market',
            'app',
        ]);
        // One compilation over the three projects (the contract's options are the app's plus decorators)
        writeFileSync(
            join(work, 'tsconfig.json'),
            JSON.stringify({
                extends: './orders/tsconfig.json',
                include: ['orders/src', 'market/src', 'app/src'],
            }),
        );
        const check = tool('typescript/bin/tsc', ['--noEmit', '-p', join(work, 'tsconfig.json')]);
        // Then each project compiles, ESLint finds nothing in the TypeScript files, and Prettier would change nothing
        expect(`exit ${String(check.status)} ${check.stdout}${check.stderr}`.trim()).toBe('exit 0');
        expect(
            results.map((result) => relative(work, result.filePath)).filter((path) => path.endsWith('.ts')).length,
        ).toBe(17);
        expect(problems).toEqual([]);
        expect(lint.status).toBe(0);
        expect(format.stdout + format.stderr).toContain('All matched files use Prettier code style!');
        expect(format.status).toBe(0);
    }, 900_000);
});
