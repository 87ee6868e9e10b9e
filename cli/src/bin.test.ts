// SPDX-License-Identifier: Apache-2.0
//
// `npx productivist` on a fresh clone: npm links the committed bin shim on `npm ci`, before any build,
// and the shim tells the user to build when dist/ is missing (npx never goes to a registry).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const shim = join(root, 'cli', 'bin', 'productivist.js');

describe('the productivist bin', () => {
    it('is a committed, executable shim in a workspace package, so npm ci links it', () => {
        const rootManifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { workspaces: string[] };
        const manifest = JSON.parse(readFileSync(join(root, 'cli', 'package.json'), 'utf8')) as {
            bin: Record<string, string>;
        };
        expect(rootManifest.workspaces).toContain('cli');
        expect(manifest.bin).toEqual({ productivist: 'bin/productivist.js' });
        expect(readFileSync(shim, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
        expect(statSync(shim).mode & 0o111).not.toBe(0);
        const git = spawnSync('git', ['ls-files', '--error-unmatch', 'cli/bin/productivist.js'], { cwd: root });
        expect(git.status).toBe(0);
        expect(realpathSync(join(root, 'node_modules', '.bin', 'productivist'))).toBe(realpathSync(shim));
    });

    it('says that a build is needed when dist/ is missing', () => {
        const dir = mkdtempSync(join(tmpdir(), 'productivist-bin-'));
        try {
            mkdirSync(join(dir, 'bin'));
            copyFileSync(shim, join(dir, 'bin', 'productivist.js'));
            const run = spawnSync(process.execPath, [join(dir, 'bin', 'productivist.js'), '--help'], {
                encoding: 'utf8',
            });
            expect(run.status).toBe(4);
            expect(run.stdout).toBe('');
            expect(run.stderr.split('\n')).toEqual([
                'productivist: the kit is not built yet (cli/dist/main.js is missing)',
                "hint: run 'npm run build' in the repository root once, then run this command again",
                '',
            ]);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });

    it('runs the built CLI once built', () => {
        const run = spawnSync(process.execPath, [shim, '--version'], { encoding: 'utf8' });
        expect(run.status).toBe(0);
        expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    });
});
