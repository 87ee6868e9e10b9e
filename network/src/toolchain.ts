// SPDX-License-Identifier: Apache-2.0
//
// The pinned Fabric toolchain: where scripts/install-fabric.sh puts the binaries and how to find them.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

import { NetworkError } from './errors.js';
import { runBinary } from './exec.js';

export const fabricVersion = '3.1.5';
export const fabricCaVersion = '1.5.21';

/** Every binary the kit uses, and the arguments that print its version. */
export const fabricBinaries = [
    { name: 'peer', versionArgs: ['version'], pinned: fabricVersion },
    { name: 'orderer', versionArgs: ['version'], pinned: fabricVersion },
    // osnadmin, discover and ledgerutil print no version: they come from the same build as peer.
    { name: 'osnadmin', versionArgs: undefined, pinned: fabricVersion },
    { name: 'configtxgen', versionArgs: ['-version'], pinned: fabricVersion },
    { name: 'configtxlator', versionArgs: ['version'], pinned: fabricVersion },
    { name: 'cryptogen', versionArgs: ['version'], pinned: fabricVersion },
    { name: 'ledgerutil', versionArgs: undefined, pinned: fabricVersion },
    { name: 'discover', versionArgs: undefined, pinned: fabricVersion },
    { name: 'fabric-ca-server', versionArgs: ['version'], pinned: fabricCaVersion },
    { name: 'fabric-ca-client', versionArgs: ['version'], pinned: fabricCaVersion },
] as const;

export type FabricBinary = (typeof fabricBinaries)[number]['name'];

/** The versioned cache folder: `$PRODUCTIVIST_FABRIC_HOME`, else `~/.cache/productivist/fabric-<v>-ca-<v>`. */
export function fabricHome(env: NodeJS.ProcessEnv = process.env): string {
    const override = env['PRODUCTIVIST_FABRIC_HOME'];
    if (override !== undefined && override !== '') return override;
    return join(homedir(), '.cache', 'productivist', `fabric-${fabricVersion}-ca-${fabricCaVersion}`);
}

/** Folder of core.yaml, orderer.yaml and configtx.yaml copied from Fabric's sampleconfig. */
export function fabricConfigDir(home = fabricHome()): string {
    return join(home, 'config');
}

/** Folder of the chaincode-as-a-service external builder (bin/detect, bin/build, bin/release). */
export function ccaasBuilderDir(home = fabricHome()): string {
    return join(home, 'builders', 'ccaas');
}

/** Where the install script took a component from (`fabric`, `ca`), as it recorded it. */
export function binaryOrigin(component: 'fabric' | 'ca', home = fabricHome()): string | undefined {
    try {
        return readFileSync(join(home, 'origin', component), 'utf8').trim();
    } catch {
        return undefined;
    }
}

/** Absolute path of a binary in the cache. */
export function binaryPath(name: FabricBinary, home = fabricHome()): string {
    return join(home, 'bin', name);
}

/** The binaries a network needs: CAs, orderers, peers, and the channel tools. */
export const networkBinaries = [
    'fabric-ca-server',
    'fabric-ca-client',
    'orderer',
    'peer',
    'osnadmin',
    'configtxgen',
] as const satisfies readonly FabricBinary[];

/** Checks that every binary a network needs is installed in `home`; a missing one fails with the install hint. */
export function requireNetworkBinaries(home = fabricHome()): void {
    for (const name of networkBinaries) requireBinary(name, home);
}

/** Path of a binary that must exist, or a clear error saying how to install it. */
export function requireBinary(name: FabricBinary, home = fabricHome()): string {
    const path = binaryPath(name, home);
    if (!existsSync(path)) {
        throw new NetworkError(`Fabric binary '${name}' is not installed at ${path}`, {
            code: 'BINARY_MISSING',
            exit: 'environment',
            hint: "run 'bash scripts/install-fabric.sh' (needs Go 1.26), or set PRODUCTIVIST_FABRIC_HOME to a folder with bin/",
        });
    }
    return path;
}

/** What `productivist doctor` learns about one binary. */
export interface BinaryReport {
    readonly name: FabricBinary;
    readonly path: string;
    readonly pinned: string;
    readonly installed: boolean;
    /** The version it prints, when it runs. */
    readonly version: string | undefined;
    readonly problem: string | undefined;
}

/** Reads a `Version: x.y.z` line (Fabric and Fabric CA both print one). */
export function parseVersionOutput(output: string): string | undefined {
    return /Version:\s*v?([0-9][^\s]*)/i.exec(output)?.[1];
}

/** Inspects every pinned binary: present, runnable, which version. */
export async function inspectToolchain(home = fabricHome()): Promise<BinaryReport[]> {
    const reports: BinaryReport[] = [];
    for (const binary of fabricBinaries) {
        const path = binaryPath(binary.name, home);
        if (!existsSync(path)) {
            reports.push({
                name: binary.name,
                path,
                pinned: binary.pinned,
                installed: false,
                version: undefined,
                problem: 'not installed',
            });
            continue;
        }
        if (binary.versionArgs === undefined) {
            reports.push({
                name: binary.name,
                path,
                pinned: binary.pinned,
                installed: true,
                version: undefined,
                problem: undefined,
            });
            continue;
        }
        try {
            const { stdout } = await runBinary(path, binary.versionArgs, { timeoutMs: 15_000 });
            const version = parseVersionOutput(stdout);
            const problem =
                version === undefined
                    ? 'prints no version'
                    : version === binary.pinned
                      ? undefined
                      : `version ${version} is not the pinned ${binary.pinned}`;
            reports.push({ name: binary.name, path, pinned: binary.pinned, installed: true, version, problem });
        } catch (error) {
            reports.push({
                name: binary.name,
                path,
                pinned: binary.pinned,
                installed: true,
                version: undefined,
                problem: error instanceof Error ? error.message : String(error),
            });
        }
    }
    return reports;
}
