// SPDX-License-Identifier: Apache-2.0
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { catchError } from '@productivist/common';

import { NetworkError } from './errors.js';
import { fabricHome, inspectToolchain, parseVersionOutput, requireBinary } from './toolchain.js';

describe('toolchain', () => {
    let home: string;
    beforeEach(() => {
        home = mkdtempSync(join(tmpdir(), 'productivist-toolchain-'));
        mkdirSync(join(home, 'bin'));
    });
    afterEach(() => {
        rmSync(home, { recursive: true, force: true });
    });

    function fakeBinary(name: string, output: string): void {
        // A stand-in script for the version probe only; real networks use the real binaries.
        const path = join(home, 'bin', name);
        writeFileSync(path, `#!/bin/sh\necho '${output}'\n`);
        chmodSync(path, 0o755);
    }

    it('reads Fabric and Fabric CA version output', () => {
        expect(parseVersionOutput('peer:\n Version: v3.1.5\n Commit SHA: 86c1172\n Go version: go1.26')).toBe('3.1.5');
        expect(parseVersionOutput('fabric-ca-server:\n Version: 1.5.21\n')).toBe('1.5.21');
        expect(parseVersionOutput('nothing here')).toBeUndefined();
    });

    it('honours PRODUCTIVIST_FABRIC_HOME and defaults to a versioned cache', () => {
        expect(fabricHome({ PRODUCTIVIST_FABRIC_HOME: '/opt/fabric' })).toBe('/opt/fabric');
        expect(fabricHome({})).toMatch(/\.cache\/productivist\/fabric-3\.1\.5-ca-1\.5\.21$/);
    });

    it('reports missing, wrong-version and pinned binaries', async () => {
        fakeBinary('peer', 'peer:\n Version: v3.1.5');
        fakeBinary('orderer', 'orderer:\n Version: v2.5.0');
        const reports = await inspectToolchain(home);
        const byName = new Map(reports.map((report) => [report.name, report]));
        expect(byName.get('peer')).toMatchObject({ installed: true, version: '3.1.5', problem: undefined });
        expect(byName.get('orderer')).toMatchObject({
            installed: true,
            problem: 'version 2.5.0 is not the pinned 3.1.5',
        });
        expect(byName.get('configtxgen')).toMatchObject({ installed: false, problem: 'not installed' });
    });

    it('names the missing binary and how to install it', () => {
        const error = catchError(() => requireBinary('configtxgen', home));
        expect(error).toBeInstanceOf(NetworkError);
        expect(error).toMatchObject({
            code: 'BINARY_MISSING',
            message: `Fabric binary 'configtxgen' is not installed at ${join(home, 'bin', 'configtxgen')}`,
        });
    });
});

describe('scripts/install-fabric.sh with PRODUCTIVIST_FABRIC_BIN', () => {
    const script = join(__dirname, '..', '..', 'scripts', 'install-fabric.sh');
    let dir: string;
    beforeEach(() => {
        dir = mkdtempSync(join(tmpdir(), 'productivist-install-'));
    });
    afterEach(() => {
        rmSync(dir, { recursive: true, force: true });
    });

    const install = (bin: string): ReturnType<typeof spawnSync> =>
        spawnSync('bash', [script, 'fabric'], {
            env: { ...process.env, PRODUCTIVIST_FABRIC_HOME: join(dir, 'home'), PRODUCTIVIST_FABRIC_BIN: bin },
            encoding: 'utf8',
        });

    it('refuses a folder that is not there, saying what it should point at', () => {
        const result = install(join(dir, 'nowhere'));
        expect(result.status).toBe(1);
        expect(result.stderr).toBe(
            `install-fabric: PRODUCTIVIST_FABRIC_BIN=${join(dir, 'nowhere')} is not a folder; point it at the bin/ of the extracted release archive\n`,
        );
    });

    it('refuses release binaries of another version, naming the binary and the version it printed', () => {
        const bin = join(dir, 'release', 'bin');
        mkdirSync(bin, { recursive: true });
        for (const name of [
            'peer',
            'orderer',
            'configtxgen',
            'configtxlator',
            'cryptogen',
            'osnadmin',
            'discover',
            'ledgerutil',
        ]) {
            writeFileSync(join(bin, name), '#!/bin/sh\necho "peer:"\necho " Version: 2.5.9"\n');
            chmodSync(join(bin, name), 0o755);
        }
        const result = install(bin);
        expect(result.status).toBe(1);
        expect(result.stderr).toContain(
            `${join(dir, 'home', 'bin', 'peer')} says version '2.5.9', not the pinned 3.1.5`,
        );
    });
});
