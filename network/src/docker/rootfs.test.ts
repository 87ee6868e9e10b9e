// SPDX-License-Identifier: Apache-2.0
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { demuxLogs } from './DockerRuntime.js';
import { contentHash, ImageBuildError, imageSpecs, imageTag, rootFsOf } from './images.js';
import { sharedLibraries, tarRootFs } from './rootfs.js';
import { runBinary } from '../exec.js';
import { moduleClosure } from './chaincodeImage.js';

const files = [
    { path: '/usr/local/bin/tool', content: Buffer.from('#!binary\n'), mode: 0o755 },
    { path: '/etc/hyperledger/fabric/core.yaml', content: Buffer.from('peer: {}\n'), mode: 0o644 },
];

describe('root file system archives', () => {
    test('the same files give the same bytes in any order; tar lists every parent folder', async () => {
        const one = tarRootFs(files, ['tmp']);
        const two = tarRootFs([...files].reverse(), ['tmp']);
        expect(one.equals(two)).toBe(true);
        expect(one.length % 512).toBe(0);
        const dir = mkdtempSync(join(tmpdir(), 'productivist-rootfs-'));
        try {
            writeFileSync(join(dir, 'fs.tar'), one);
            const { stdout } = await runBinary('tar', ['-tvf', join(dir, 'fs.tar')]);
            const names = stdout.split('\n').map((line) => line.split(/\s+/).pop());
            expect(names).toEqual([
                'etc/',
                'etc/hyperledger/',
                'etc/hyperledger/fabric/',
                'etc/hyperledger/fabric/core.yaml',
                'tmp/',
                'usr/',
                'usr/local/',
                'usr/local/bin/',
                'usr/local/bin/tool',
            ]);
            expect(stdout).toMatch(/^-rwxr-xr-x 0\/0\s+9 1970-01-01 00:00 usr\/local\/bin\/tool$/m);
            expect(stdout).toMatch(/^drwxrwxrwt .* tmp\/$/m);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });

    test('the tag carries the version and changes with any byte or mode of the content', () => {
        const tag = imageTag('productivist/fabric-peer', '3.1.5', files);
        expect(tag).toMatch(/^productivist\/fabric-peer:3\.1\.5-[0-9a-f]{12}$/);
        const changed = [{ ...files[0], content: Buffer.from('#!binary2\n') }, files[1]] as typeof files;
        expect(contentHash(changed)).not.toBe(contentHash(files));
        const moded = [{ ...files[0], mode: 0o700 }, files[1]] as typeof files;
        expect(contentHash(moded)).not.toBe(contentHash(files));
    });

    test('ldd: a static binary needs no library, a dynamic one its libc and loader', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'productivist-ldd-'));
        try {
            const script = join(dir, 'script.sh');
            writeFileSync(script, '#!/bin/sh\n');
            chmodSync(script, 0o755);
            expect(await sharedLibraries(script)).toEqual([]);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
        const libraries = await sharedLibraries(process.execPath);
        expect(libraries.some((path) => /\/libc\.so\.6$/.test(path))).toBe(true);
        expect(libraries.some((path) => /ld-linux/.test(path))).toBe(true);
    });

    test('an image build failure names the failing step', async () => {
        const home = mkdtempSync(join(tmpdir(), 'productivist-nohome-'));
        try {
            const peer = imageSpecs.find((spec) => spec.role === 'peer');
            if (peer === undefined) throw new Error('no peer image spec');
            const error: unknown = await rootFsOf(peer, home).catch((caught: unknown) => caught);
            expect(error).toBeInstanceOf(ImageBuildError);
            expect((error as ImageBuildError).step).toBe(`read binary ${join(home, 'bin', 'peer')}`);
            expect((error as ImageBuildError).message).toContain("failed at step 'read binary");
            expect((error as ImageBuildError).code).toBe('IMAGE_BUILD_FAILED');
        } finally {
            rmSync(home, { recursive: true, force: true });
        }
    });
});

describe('container logs', () => {
    const frame = (stream: number, text: string): Buffer => {
        const body = Buffer.from(text);
        const head = Buffer.alloc(8);
        head[0] = stream;
        head.writeUInt32BE(body.length, 4);
        return Buffer.concat([head, body]);
    };

    test('stdout and stderr frames are joined in order', () => {
        expect(demuxLogs(Buffer.concat([frame(1, 'out 1\n'), frame(2, 'err 2\n'), frame(1, 'out 3\n')]))).toBe(
            'out 1\nerr 2\nout 3\n',
        );
    });

    test('a log that is not multiplexed is returned as it is', () => {
        expect(demuxLogs(Buffer.from('plain text log line\n'))).toBe('plain text log line\n');
        expect(demuxLogs(Buffer.alloc(0))).toBe('');
    });
});

describe('chaincode server image', () => {
    test("a module's closure holds its files and the packages it loads, links kept as links", () => {
        const root = join(__dirname, '..', '..', '..', 'core-chaincode');
        const files = moduleClosure([root]);
        const paths = new Set(files.map((file) => file.path));
        expect(paths.has(join(root, 'package.json'))).toBe(true);
        expect([...paths].some((path) => /\/node_modules\/fabric-shim\/package\.json$/.test(path))).toBe(true);
        expect([...paths].some((path) => /\/node_modules\/fabric-contract-api\/package\.json$/.test(path))).toBe(true);
        // A workspace package is a link in node_modules and its real folder's files.
        const link = files.find((file) => file.path.endsWith('/node_modules/@productivist/policies'));
        expect(link?.link).toBeDefined();
        expect(paths.has(join(root, '..', 'policies', 'package.json'))).toBe(true);
        // Development tools are not dependencies of the chaincode.
        expect([...paths].some((path) => path.includes('/node_modules/typescript/'))).toBe(false);
    });

    test('links are written as symbolic links', async () => {
        const archive = tarRootFs([{ path: '/a/link', content: Buffer.alloc(0), mode: 0o777, link: '../b' }]);
        const dir = mkdtempSync(join(tmpdir(), 'productivist-rootfs-'));
        try {
            writeFileSync(join(dir, 'fs.tar'), archive);
            const { stdout } = await runBinary('tar', ['-tvf', join(dir, 'fs.tar')]);
            expect(stdout).toMatch(/^lrwxrwxrwx 0\/0\s+0 1970-01-01 00:00 a\/link -> \.\.\/b$/m);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });
});

test("a module folder whose main lives in another package brings that package's files along", () => {
    const dir = mkdtempSync(join(tmpdir(), 'productivist-closure-'));
    try {
        mkdirSync(join(dir, 'lib', 'dist'), { recursive: true });
        mkdirSync(join(dir, 'lib', 'deploy', 'one'), { recursive: true });
        writeFileSync(join(dir, 'lib', 'package.json'), '{"name":"lib"}');
        writeFileSync(join(dir, 'lib', 'dist', 'one.js'), 'module.exports = 1;');
        writeFileSync(join(dir, 'lib', 'deploy', 'one', 'package.json'), '{"name":"one","main":"../../dist/one.js"}');
        const paths = moduleClosure([join(dir, 'lib', 'deploy', 'one')]).map((file) => file.path);
        expect(paths).toContain(join(dir, 'lib', 'dist', 'one.js'));
        expect(paths).toContain(join(dir, 'lib', 'deploy', 'one', 'package.json'));
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
});
