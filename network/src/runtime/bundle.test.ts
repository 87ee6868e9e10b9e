// SPDX-License-Identifier: Apache-2.0
//
// A bundle's scope and exchange without Fabric: the public example's generated plans (the
// generator's golden files, read as data) scoped to one organization, and a bundle waiting for a
// file nobody publishes.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { NetworkError } from '../errors.js';
import { bundleOf, publish, receive, writeScope } from './bundle.js';
import { loadTree } from './plans.js';

const golden = join(__dirname, '..', '..', '..', 'channel-kit', 'test-fixtures', 'golden', 'productivist');

describe('per-organization bundles', () => {
    let dir = '';
    let tree = '';

    beforeAll(() => {
        dir = mkdtempSync(join(tmpdir(), 'productivist-bundle-unit-'));
        tree = join(dir, 'tree');
        mkdirSync(join(tree, 'bundles', 'customer'), { recursive: true });
        for (const name of ['start-plan.json', 'enrollment-plan.json']) {
            cpSync(join(golden, `${name}.golden`), join(tree, name));
        }
        cpSync(
            join(golden, 'bundles', 'customer', 'bundle.json.golden'),
            join(tree, 'bundles', 'customer', 'bundle.json'),
        );
    });

    afterAll(() => {
        rmSync(dir, { recursive: true, force: true });
    });

    test("a scoped tree holds one organization's processes, enrollment, peers and no consenters of others", () => {
        const run = bundleOf(join(tree, 'bundles', 'customer'));
        if (run === undefined) throw new Error('no bundle found');
        expect(run.tree).toBe(tree);
        expect(run.exchange).toBe(join(tree, 'exchange'));
        const state = join(dir, 'state-tree');
        cpSync(tree, state, { recursive: true });
        writeScope(state, run);
        const scoped = loadTree(state);
        expect(scoped.start.processes.map((node) => node.id)).toEqual(['ca.customer', 'peer0.customer']);
        expect(scoped.enrollment.organizations.map((org) => org.organization)).toEqual(['Customer']);
        const [channel] = scoped.start.channels;
        expect(channel?.peers.map((peer) => peer.peer)).toEqual(['peer0.customer']);
        expect(channel?.consenters).toEqual([]);
        // The generated tree itself is not scoped: the whole network, as before.
        expect(loadTree(tree).start.processes).toHaveLength(18);
    });

    test('a bundle folder outside a generated tree is refused, naming the folder', () => {
        const lonely = join(dir, 'lonely', 'bundles', 'customer');
        mkdirSync(lonely, { recursive: true });
        writeFileSync(join(lonely, 'bundle.json'), readFileSync(join(tree, 'bundles', 'customer', 'bundle.json')));
        expect(() => bundleOf(lonely)).toThrow(expect.objectContaining({ code: 'BUNDLE_WITHOUT_TREE' }) as Error);
        expect(bundleOf(tree)).toBeUndefined();
    });

    test('published files arrive at their tree paths; a file nobody publishes ends the wait, naming it and its publisher', async () => {
        const run = bundleOf(join(tree, 'bundles', 'customer'), join(dir, 'exchange'));
        if (run === undefined) throw new Error('no bundle found');
        const path = 'organizations/customer/msp/cacerts/ca.pem';
        mkdirSync(join(tree, 'organizations', 'customer', 'msp', 'cacerts'), { recursive: true });
        writeFileSync(join(tree, path), 'customer CA\n');
        publish(run, tree, [path]);
        const other = join(dir, 'other-tree');
        await receive(run, other, [path], 1_000, () => undefined, 'Productivist');
        expect(readFileSync(join(other, path), 'utf8')).toBe('customer CA\n');
        const lines: string[] = [];
        const begin = Date.now();
        const waiting = receive(
            run,
            other,
            ['channels/productivist/productivist.block', 'organizations/designer/msp/cacerts/ca.pem'],
            1_500,
            (line) => lines.push(line),
            'Productivist',
        );
        await expect(waiting).rejects.toBeInstanceOf(NetworkError);
        await expect(waiting).rejects.toMatchObject({
            code: 'BUNDLE_WAITING',
            details: [
                "channels/productivist/productivist.block (published by the ordering organization's (Productivist) bundle)",
                "organizations/designer/msp/cacerts/ca.pem (published by designer's bundle)",
            ],
        });
        expect(Date.now() - begin).toBeLessThan(10_000);
        expect(lines).toEqual([`Customer: waiting for 2 file(s) in ${join(dir, 'exchange')}`]);
        expect(existsSync(join(other, 'channels'))).toBe(false);
    });
});
