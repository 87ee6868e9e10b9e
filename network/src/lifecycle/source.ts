// SPDX-License-Identifier: Apache-2.0
//
// What a chaincode server runs: one of the four core contracts (its entry module in
// core-chaincode, started directly) or any Node chaincode project given by path (package.json
// whose main exports `contracts`, or a fabric-chaincode-node start script), started in
// fabric-shim's server mode. The digest of the code it loads makes a changed contract a new package.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';

import { NetworkError } from '../errors.js';
import { substitute } from '../runtime/plans.js';

/** The four contracts of the public channel. */
export const coreChaincodes = ['productoken', 'modelcert', 'prodcontrol', 'qualitycheck'] as const;
export type CoreChaincode = (typeof coreChaincodes)[number];

/** A chaincode's code, resolved. */
export interface ChaincodeSource {
    readonly kind: 'core' | 'project';
    /** The chaincode name it deploys under by default. */
    readonly name: string;
    /** The folder the digest's paths are relative to. */
    readonly root: string;
    /** The module the server loads first. */
    readonly entry: string;
    /** For a project: the folder given to `fabric-chaincode-node server --module-path`. */
    readonly modulePath: string;
    /** How the user named it (a core name or the path given). */
    readonly given: string;
}

const localRequire = createRequire(__filename);
const chaincodeName = /^[A-Za-z0-9]+([-_][A-Za-z0-9]+)*$/;

export function isCoreChaincode(name: string): name is CoreChaincode {
    return (coreChaincodes as readonly string[]).includes(name);
}

/** A core contract: its module folder `core-chaincode/deploy/<name>` (main: the compiled entry module). */
function coreSource(name: CoreChaincode): ChaincodeSource {
    const root = dirname(localRequire.resolve('@productivist/core-chaincode/package.json'));
    const entry = join(root, 'dist', 'chaincodes', `${name}.js`);
    if (!existsSync(entry)) {
        throw new NetworkError(`the ${name} chaincode is not built: ${entry} is missing`, {
            code: 'CHAINCODE_NOT_BUILT',
            exit: 'environment',
            hint: "run 'npm run build' in the kit",
        });
    }
    return { kind: 'core', name, root: dirname(root), entry, modulePath: join(root, 'deploy', name), given: name };
}

interface PackageJson {
    readonly name?: unknown;
    readonly main?: unknown;
    readonly scripts?: { readonly start?: unknown };
}

function readPackageJson(file: string): PackageJson {
    try {
        return JSON.parse(readFileSync(file, 'utf8')) as PackageJson;
    } catch (error) {
        throw new NetworkError(`${file} is not valid JSON: ${String(error)}`, {
            code: 'CHAINCODE_INVALID',
            exit: 'invalidInput',
            hint: 'fix the package.json of the chaincode project',
            cause: error,
        });
    }
}

/** A chaincode name from a package name: `@acme/My Contract` → `My-Contract`. */
export function chaincodeNameOf(packageName: string): string {
    const bare = packageName.replace(/^@[^/]+\//, '');
    return bare
        .replace(/[^A-Za-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .replace(/-{2,}/g, '-');
}

/** A Node chaincode project given by path. */
function projectSource(path: string, cwd: string): ChaincodeSource {
    const root = resolve(cwd, path);
    const manifest = join(root, 'package.json');
    if (!existsSync(manifest)) {
        throw new NetworkError(`${root} has no package.json: it is not a Node chaincode project`, {
            code: 'CHAINCODE_INVALID',
            exit: 'invalidInput',
            hint: "give the folder of a Node chaincode project (package.json with a main module exporting 'contracts')",
        });
    }
    const json = readPackageJson(manifest);
    // A `fabric-chaincode-node start --module-path <dir>` script names the module folder.
    const start = typeof json.scripts?.start === 'string' ? json.scripts.start : '';
    const modulePathArg = /fabric-chaincode-node\s+start\b.*?--module-path[ =](\S+)/.exec(start)?.[1];
    const modulePath = modulePathArg === undefined ? root : resolve(root, modulePathArg);
    const moduleJson = modulePath === root ? json : readPackageJson(join(modulePath, 'package.json'));
    if (typeof moduleJson.main !== 'string' || moduleJson.main === '') {
        throw new NetworkError(`${join(modulePath, 'package.json')} names no entry module ("main")`, {
            code: 'CHAINCODE_NO_ENTRY',
            exit: 'invalidInput',
            hint: 'set "main" to the module that exports \'contracts\' (the contract classes)',
        });
    }
    let entry: string;
    try {
        entry = createRequire(join(modulePath, 'package.json')).resolve(resolve(modulePath, moduleJson.main));
    } catch {
        throw new NetworkError(`the entry module "${moduleJson.main}" of ${modulePath} does not exist`, {
            code: 'CHAINCODE_NO_ENTRY',
            exit: 'invalidInput',
            hint: 'build the project (npm run build) or fix "main" in its package.json',
        });
    }
    const name = chaincodeNameOf(typeof json.name === 'string' ? json.name : '');
    return { kind: 'project', name, root, entry, modulePath, given: path };
}

/** Resolves a core contract name or a project path. */
export function resolveChaincodeSource(spec: string, cwd = process.cwd()): ChaincodeSource {
    if (isCoreChaincode(spec)) return coreSource(spec);
    const looksLikePath = spec.includes('/') || spec.startsWith('.');
    if (!existsSync(resolve(cwd, spec)) || !statSync(resolve(cwd, spec)).isDirectory()) {
        throw new NetworkError(
            looksLikePath
                ? `chaincode project folder ${resolve(cwd, spec)} does not exist`
                : `'${spec}' is neither a core contract (${coreChaincodes.join(', ')}) nor a chaincode project folder`,
            {
                code: 'CHAINCODE_NOT_FOUND',
                exit: 'notFound',
                hint: `give one of ${coreChaincodes.join(', ')}, or the path of a Node chaincode project folder`,
            },
        );
    }
    return projectSource(spec, cwd);
}

/** Checks a chaincode name as Fabric's lifecycle accepts it. */
export function requireChaincodeName(name: string, where: string): string {
    if (!chaincodeName.test(name)) {
        throw new NetworkError(`chaincode name '${name}' (${where}) is not valid`, {
            code: 'CHAINCODE_INVALID',
            exit: 'invalidInput',
            hint: "use letters and digits, joined by single '-' or '_' (or give --name)",
        });
    }
    return name;
}

/** Chaincode entries being loaded by {@link codeDigest} now, and the loads waiting for a turn. */
const maxLoading = 4;
let loading = 0;
const waiting: (() => void)[] = [];

/**
 * sha256 over the code the server loads: every module the entry requires outside node_modules,
 * plus the project's package.json and package-lock.json. Found by loading the entry in a child
 * process (the same way the server will).
 */
export async function codeDigest(source: ChaincodeSource): Promise<string> {
    const script = `
        require(${JSON.stringify(source.entry)});
        process.stdout.write(JSON.stringify(Object.keys(require.cache)));`;
    // Asynchronous: deploys of several chaincodes load their entries in parallel, at most
    // `maxLoading` at once in this process (several bundles' ups in one process would otherwise
    // start a Node process per chaincode and bundle together, each with its own 60 s limit).
    while (loading >= maxLoading) await new Promise<void>((resolve) => waiting.push(resolve));
    loading += 1;
    const run = await new Promise<{ failed: boolean; timedOut: boolean; stdout: string; stderr: string }>((resolve) => {
        execFile(
            process.execPath,
            ['-e', script],
            {
                cwd: source.modulePath,
                encoding: 'utf8',
                env: { PATH: process.env['PATH'] ?? '', CORE_CHAINCODE_LOGGING_LEVEL: 'CRITICAL' },
                timeout: 60_000,
                maxBuffer: 64 * 1024 * 1024,
            },
            (error, stdout, stderr) => {
                loading -= 1;
                waiting.shift()?.();
                resolve({ failed: error !== null, timedOut: error?.killed === true, stdout, stderr });
            },
        );
    });
    if (run.failed) {
        const problem = run.timedOut ? 'did not finish within 60 s' : 'failed';
        throw new NetworkError(`loading the chaincode entry ${source.entry} ${problem}`, {
            code: 'CHAINCODE_INVALID',
            exit: 'invalidInput',
            details: errorLines(run.stderr).map((line) => `  | ${line}`),
            hint: 'fix the module (or install its dependencies with npm install) and deploy again',
        });
    }
    const loaded = (JSON.parse(run.stdout) as string[])
        .map((file) => realpathSync(file))
        .filter((file) => !file.split('/').includes('node_modules'));
    const extra = ['package.json', 'package-lock.json']
        .map((name) => join(source.modulePath, name))
        .filter((file) => existsSync(file));
    const files = [...new Set([...loaded, ...extra])]
        .map((file) => ({ file, name: relative(source.root, file) }))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const hash = createHash('sha256');
    for (const { file, name } of files) {
        hash.update(`${name}\0`);
        hash.update(readFileSync(file));
        hash.update('\0');
    }
    return hash.digest('hex');
}

/** The error lines of a failed node run (its `Error: ...` lines, else its last lines). */
function errorLines(stderr: string): string[] {
    const lines = stderr.trimEnd().split('\n');
    const errors = lines.filter((line) => /^\w*Error\b.*:/.test(line.trim()));
    return errors.length > 0 ? errors.slice(0, 3) : lines.slice(-10);
}

/** The command of a chaincode server and its environment. */
export interface ServerCommand {
    readonly file: string;
    readonly args: readonly string[];
    readonly env: Readonly<Record<string, string>>;
    readonly cwd: string;
}

/** The TLS files and address of one chaincode server. */
export interface ServerEndpoint {
    readonly packageId: string;
    readonly address: string;
    readonly tlsCert: string;
    readonly tlsKey: string;
}

/** fabric-chaincode-node of the project (its own fabric-shim when it has one), else the kit's. */
function shimCli(source: ChaincodeSource): string {
    try {
        return createRequire(join(source.modulePath, 'package.json')).resolve('fabric-shim/cli.js');
    } catch {
        return localRequire.resolve('fabric-shim/cli.js');
    }
}

/** A chaincode process of the start plan: `fabric-chaincode-node server` arguments with placeholders. */
export interface PlannedServer {
    readonly args: readonly string[];
    readonly env: Readonly<Record<string, string>>;
}

/**
 * How to start the server of `source` at `endpoint`: `fabric-chaincode-node server` on its module
 * folder with TLS. With the start plan's process for it, its arguments with the placeholders
 * defined (`${PRODUCTIVIST_PACKAGE_ID_*}`: the package id; `${PRODUCTIVIST_CHAINCODE_*}`: the
 * module folder; `${PRODUCTIVIST_ROOT}`: the tree); a plan without TLS arguments (an older
 * generator) is not used.
 */
export function serverCommand(
    source: ChaincodeSource,
    endpoint: ServerEndpoint,
    planned?: PlannedServer,
    treeRoot?: string,
): ServerCommand {
    const env = { CORE_CHAINCODE_LOGGING_LEVEL: 'info' };
    const cli = shimCli(source);
    if (planned !== undefined && treeRoot !== undefined && planned.args.includes('--chaincode-tls-cert-file')) {
        const values: Record<string, string> = { PRODUCTIVIST_ROOT: treeRoot };
        for (const arg of planned.args) {
            for (const match of arg.matchAll(/\$\{(PRODUCTIVIST_[A-Z0-9_]+)\}/g)) {
                const name = match[1] ?? '';
                if (name.startsWith('PRODUCTIVIST_PACKAGE_ID_')) values[name] = endpoint.packageId;
                else if (name.startsWith('PRODUCTIVIST_CHAINCODE_')) values[name] = source.modulePath;
            }
        }
        return {
            file: process.execPath,
            args: [cli, ...planned.args.map((arg) => substitute(arg, values, `chaincode server ${endpoint.address}`))],
            env: { ...env, ...planned.env },
            cwd: source.modulePath,
        };
    }
    return {
        file: process.execPath,
        args: [
            cli,
            'server',
            '--chaincode-address',
            endpoint.address,
            '--chaincode-id',
            endpoint.packageId,
            '--module-path',
            source.modulePath,
            '--chaincode-tls-cert-file',
            endpoint.tlsCert,
            '--chaincode-tls-key-file',
            endpoint.tlsKey,
        ],
        env,
        cwd: source.modulePath,
    };
}
