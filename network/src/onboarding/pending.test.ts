// SPDX-License-Identifier: Apache-2.0
//
// pendingUpdates before it asks a channel anything: a missing folder has no updates, and files that
// are not updates or signatures are reported with the reason. (The check of real updates against a
// channel runs in console/src/realnet/console.test.ts.)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { pendingUpdates, updatesDirectory } from './pending.js';

describe('pendingUpdates', () => {
    let dir = '';
    beforeEach(() => {
        dir = mkdtempSync(join(tmpdir(), 'productivist-pending-'));
    });
    afterEach(() => {
        rmSync(dir, { recursive: true, force: true });
    });

    it('finds nothing when the folder does not exist; the default folder is <state>/updates', async () => {
        expect(updatesDirectory(dir)).toBe(join(dir, 'updates'));
        expect(await pendingUpdates({ network: dir, fabricHome: dir })).toEqual({
            directory: join(dir, 'updates'),
            updates: [],
            unreadable: [],
        });
    });

    it('reports files that are not updates, and update files that do not parse, with the reason', async () => {
        const updates = join(dir, 'pending');
        mkdirSync(updates);
        writeFileSync(join(updates, 'notes.json'), '{"todo": 1}\n');
        writeFileSync(join(updates, 'broken.json'), '{"format": "productivist/config-update@1", "channel": "c"}\n');
        writeFileSync(join(updates, 'readme.txt'), 'not json, not listed\n');
        const found = await pendingUpdates({ network: dir, fabricHome: dir, directory: updates });
        expect(found.updates).toEqual([]);
        expect(found.unreadable).toEqual([
            { file: 'broken.json', problem: expect.stringContaining('it has no channel or configUpdate') as unknown },
            { file: 'notes.json', problem: 'not a config update or signature file of productivist' },
        ]);
    });
});
