// SPDX-License-Identifier: Apache-2.0
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { catchError } from '@productivist/common';

import { NetworkError } from '../errors.js';
import { chaincodeNameOf, codeDigest, resolveChaincodeSource, serverCommand } from './source.js';

const repoRoot = join(__dirname, '..', '..', '..');
const fixture = join(repoRoot, 'channel-kit', 'src', 'realnet', 'fixtures', 'notes-contract');

describe('chaincode sources', () => {
    let dir = '';
    beforeEach(() => {
        dir = mkdtempSync(join(tmpdir(), 'productivist-source-'));
    });
    afterEach(() => {
        rmSync(dir, { recursive: true, force: true });
    });

    it('a core contract name resolves to its module folder core-chaincode/deploy/<name>, whose main is the compiled entry', () => {
        const source = resolveChaincodeSource('productoken');
        expect(source).toMatchObject({
            kind: 'core',
            name: 'productoken',
            modulePath: join(repoRoot, 'core-chaincode', 'deploy', 'productoken'),
        });
        expect(source.entry).toBe(join(repoRoot, 'core-chaincode', 'dist', 'chaincodes', 'productoken.js'));
        const manifest = JSON.parse(readFileSync(join(source.modulePath, 'package.json'), 'utf8')) as { main: string };
        expect(join(source.modulePath, manifest.main)).toBe(source.entry);
    });

    it("the start plan's chaincode process is used with its placeholders defined (no value left undefined)", () => {
        const source = resolveChaincodeSource('productoken');
        const planned = {
            args: [
                'server',
                '--chaincode-address',
                '127.0.0.1:7084',
                '--chaincode-id',
                '${PRODUCTIVIST_PACKAGE_ID_PRODUCTIVIST_PRODUCTOKEN}',
                '--module-path',
                '${PRODUCTIVIST_CHAINCODE_PRODUCTOKEN}',
                '--chaincode-tls-cert-file',
                '${PRODUCTIVIST_ROOT}/chaincodes/cc.productivist.productoken/tls/signcerts/cert.pem',
                '--chaincode-tls-key-file',
                '${PRODUCTIVIST_ROOT}/chaincodes/cc.productivist.productoken/tls/keystore/key.pem',
            ],
            env: { CORE_CHAINCODE_LOGGING_LEVEL: 'info' },
        };
        const endpoint = { packageId: 'productoken_x:00', address: '127.0.0.1:7084', tlsCert: '/c', tlsKey: '/k' };
        const command = serverCommand(source, endpoint, planned, '/tree');
        expect(command.args.slice(1)).toEqual([
            'server',
            '--chaincode-address',
            '127.0.0.1:7084',
            '--chaincode-id',
            'productoken_x:00',
            '--module-path',
            source.modulePath,
            '--chaincode-tls-cert-file',
            '/tree/chaincodes/cc.productivist.productoken/tls/signcerts/cert.pem',
            '--chaincode-tls-key-file',
            '/tree/chaincodes/cc.productivist.productoken/tls/keystore/key.pem',
        ]);
        // A plan of an older generator (no TLS arguments) is not used: the server would not speak TLS.
        const old = { args: planned.args.slice(0, 7), env: {} };
        expect(serverCommand(source, endpoint, old, '/tree').args).toContain('/c');
    });

    it("a project folder resolves to its package's main; its server is fabric-chaincode-node server with TLS", () => {
        const source = resolveChaincodeSource(fixture);
        expect(source).toMatchObject({ kind: 'project', name: 'notes-contract', modulePath: fixture });
        expect(source.entry).toBe(join(fixture, 'lib', 'notes.js'));
        const command = serverCommand(source, {
            packageId: 'notes_x:00',
            address: '127.0.0.1:7090',
            tlsCert: '/c.pem',
            tlsKey: '/k.pem',
        });
        expect(command.args.slice(1)).toEqual([
            'server',
            '--chaincode-address',
            '127.0.0.1:7090',
            '--chaincode-id',
            'notes_x:00',
            '--module-path',
            fixture,
            '--chaincode-tls-cert-file',
            '/c.pem',
            '--chaincode-tls-key-file',
            '/k.pem',
        ]);
        expect(command.args[0]).toMatch(/fabric-shim\/cli\.js$/);
    });

    it('a start script with --module-path names the module folder', () => {
        mkdirSync(join(dir, 'dist'));
        writeFileSync(
            join(dir, 'package.json'),
            JSON.stringify({ name: 'x', scripts: { start: 'fabric-chaincode-node start --module-path dist' } }),
        );
        writeFileSync(join(dir, 'dist', 'package.json'), JSON.stringify({ name: 'x', main: 'index.js' }));
        writeFileSync(join(dir, 'dist', 'index.js'), 'module.exports.contracts = [];\n');
        expect(resolveChaincodeSource(dir)).toMatchObject({
            modulePath: join(dir, 'dist'),
            entry: join(dir, 'dist', 'index.js'),
        });
    });

    it.each([
        [
            'an unknown name',
            'nosuchcontract',
            'CHAINCODE_NOT_FOUND',
            "'nosuchcontract' is neither a core contract (productoken, modelcert, prodcontrol, qualitycheck) nor a chaincode project folder",
        ],
        ['a missing path', './no/such/project', 'CHAINCODE_NOT_FOUND', 'no/such/project does not exist'],
    ])('%s is refused with a clear error', (_what, spec, code, message) => {
        const error = catchError(() => resolveChaincodeSource(spec, dir));
        expect(error).toBeInstanceOf(NetworkError);
        expect(error).toMatchObject({ code });
        expect((error as Error).message).toContain(message);
        expect((error as NetworkError).hint).toContain('path of a Node chaincode project folder');
    });

    it('a folder without package.json, without main, or with a main that does not exist is refused', () => {
        const attempt = (): unknown => catchError(() => resolveChaincodeSource(dir));
        expect(attempt()).toMatchObject({
            code: 'CHAINCODE_INVALID',
            message: `${dir} has no package.json: it is not a Node chaincode project`,
        });
        writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'x' }));
        expect(attempt()).toMatchObject({
            code: 'CHAINCODE_NO_ENTRY',
            message: `${join(dir, 'package.json')} names no entry module ("main")`,
        });
        writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'x', main: 'lib/missing.js' }));
        expect(attempt()).toMatchObject({
            code: 'CHAINCODE_NO_ENTRY',
            message: `the entry module "lib/missing.js" of ${dir} does not exist`,
        });
    });

    it.each([
        ['@someone-else/notes-contract', 'notes-contract'],
        ['My Contract!', 'My-Contract'],
        ['plain', 'plain'],
    ])('package name %s deploys as %s', (name, expected) => {
        expect(chaincodeNameOf(name)).toBe(expected);
    });

    it('the code digest covers the modules the entry loads: the same code, the same digest; a changed module, another', () => {
        const project = join(dir, 'notes-contract');
        cpSync(fixture, project, { recursive: true });
        symlinkSync(join(repoRoot, 'node_modules'), join(project, 'node_modules'));
        const source = resolveChaincodeSource(project);
        const first = codeDigest(source);
        expect(first).toMatch(/^[0-9a-f]{64}$/);
        expect(codeDigest(source)).toBe(first);
        // A file the entry does not load changes nothing.
        writeFileSync(join(project, 'README.md'), 'notes\n');
        expect(codeDigest(source)).toBe(first);
        const module = join(project, 'lib', 'notes.js');
        writeFileSync(module, readFileSync(module, 'utf8').replace("'first'", "'second'"));
        expect(codeDigest(source)).not.toBe(first);
        expect(existsSync(join(project, 'node_modules'))).toBe(true);
    });

    it('a project whose entry fails to load is refused with the end of its error', () => {
        writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'broken', main: 'index.js' }));
        writeFileSync(join(dir, 'index.js'), "require('no-such-dependency');\n");
        const error = catchError(() => codeDigest(resolveChaincodeSource(dir)));
        expect(error).toMatchObject({
            code: 'CHAINCODE_INVALID',
            message: `loading the chaincode entry ${join(dir, 'index.js')} failed`,
        });
        expect((error as NetworkError).details.join('\n')).toContain("Cannot find module 'no-such-dependency'");
    });
});
