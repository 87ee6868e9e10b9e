// SPDX-License-Identifier: Apache-2.0
//
// Golden tests of the full generated tree of every example (file list and every file), and the
// determinism guarantees: same input → same bytes; adding an organization renumbers nothing.
// UPDATE_GOLDEN=1 rewrites channel-kit/test-fixtures/golden/.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { StartPlan } from '@productivist/network';
import { sharedPorts } from '@productivist/network';
import { parse, stringify } from 'yaml';

import { testPublicNetwork } from '../fixtures.js';
import { buildTree } from '../generate.js';
import type { EcosystemInput } from '../model/input.generated.js';
import { parseLock } from '../model/lock.js';
import { writeTree } from '../write/writeTree.js';
import type { Tree } from './tree.js';
import { lockFileName } from './tree.js';
import { goldenTree, listFiles } from '../write/listFiles.js';

const examples = join(__dirname, '..', '..', '..', 'examples');
const goldenRoot = join(__dirname, '..', '..', 'test-fixtures', 'golden');
const names = ['productivist', 'acme-raft', 'aero-bft'] as const;

function build(name: string, text?: string, lock?: string): Tree {
    return buildTree(text ?? readFileSync(join(examples, `${name}.yaml`), 'utf8'), {
        file: `${name}.yaml`,
        baseDir: examples,
        publicNetwork: testPublicNetwork,
        ...(lock === undefined ? {} : { lock: parseLock(lock, 'lock') }),
    }).tree;
}

describe('golden trees of the examples', () => {
    it.each(names)('%s generates exactly the golden tree (UPDATE_GOLDEN=1 rewrites it)', (name) => {
        const tree = build(name);
        const golden = goldenTree(join(goldenRoot, name), tree);
        expect([...tree.keys()]).toEqual([...golden.keys()].sort());
        for (const [path, text] of tree) {
            expect({ path, text }).toEqual({ path, text: golden.get(path) });
        }
    });

    it.each(names)(
        '%s: generating twice into two folders gives identical bytes, with no absolute path or timestamp',
        (name) => {
            const base = mkdtempSync(join(tmpdir(), 'productivist-determinism-'));
            try {
                writeTree(build(name), join(base, 'a'));
                writeTree(build(name), join(base, 'b'));
                const files = listFiles(join(base, 'a'));
                expect(listFiles(join(base, 'b'))).toEqual(files);
                for (const file of files) {
                    const a = readFileSync(join(base, 'a', file));
                    expect(a.equals(readFileSync(join(base, 'b', file)))).toBe(true);
                    expect(a.toString('utf8')).not.toContain(base);
                    expect(a.toString('utf8')).not.toContain(examples);
                    expect(a.toString('utf8')).not.toContain(testPublicNetwork);
                    expect(a.toString('utf8')).not.toMatch(/20\d\d-\d\d-\d\dT\d\d:/);
                }
            } finally {
                rmSync(base, { recursive: true, force: true });
            }
        },
    );
});

describe('the examples side by side', () => {
    it('the industrial examples share no port with the public example, nor with each other', () => {
        const plan = (name: string): StartPlan => JSON.parse(build(name).get('start-plan.json') ?? '{}') as StartPlan;
        const [pub, acme, aero] = [plan('productivist'), plan('acme-raft'), plan('aero-bft')];
        expect([...sharedPorts(acme, pub), ...sharedPorts(aero, pub), ...sharedPorts(acme, aero)]).toEqual([]);
        // The check can fail: the public example against itself shares every port.
        expect(sharedPorts(pub, pub).length).toBeGreaterThan(30);
    });
});

describe('adding an organization', () => {
    const withNewOrg = (name: string): string => {
        const input = parse(readFileSync(join(examples, `${name}.yaml`), 'utf8')) as EcosystemInput;
        const newcomer = { name: 'Aardvark', mspId: 'AardvarkMSP', domain: 'aardvark.example', peers: 2 };
        const [first, ...rest] = input.channels;
        return stringify({
            ...input,
            // First in the file, so that assignment in file order alone would shift every port.
            organizations: [newcomer, ...input.organizations],
            channels: [{ ...first, members: [...(first?.members ?? []), 'Aardvark'] }, ...rest],
            ...(input.publicChannel === undefined
                ? {}
                : {
                      publicChannel: {
                          ...input.publicChannel,
                          peers: [...(input.publicChannel.peers ?? []), 'Aardvark'],
                          clients: [...(input.publicChannel.clients ?? []), 'Aardvark'],
                      },
                  }),
        });
    };
    const json = (tree: Tree, path: string): unknown => JSON.parse(tree.get(path) ?? 'null') as unknown;
    interface Planned {
        readonly id: string;
        readonly organization: string;
    }
    const processes = (tree: Tree): Planned[] => (json(tree, 'start-plan.json') as { processes: Planned[] }).processes;

    it.each(names)(
        '%s: with the lock, every existing process keeps its ports, paths, environment and identities',
        (name) => {
            const before = build(name);
            const after = build(name, withNewOrg(name), before.get(lockFileName));
            const oldLock = parseLock(before.get(lockFileName) ?? '', 'before');
            const newLock = parseLock(after.get(lockFileName) ?? '', 'after');
            expect(newLock.ports).toMatchObject(oldLock.ports);
            expect(newLock.consenterIds).toMatchObject(oldLock.consenterIds);
            expect(Object.keys(newLock.ports).filter((key) => key.includes('aardvark')).length).toBeGreaterThan(0);
            const newProcesses = new Map(processes(after).map((process) => [process.id, process]));
            for (const process of processes(before)) expect(newProcesses.get(process.id)).toEqual(process);
            type Plan = { organizations: { organization: string }[] };
            const oldPlan = (json(before, 'enrollment-plan.json') as Plan).organizations;
            const newPlan = (json(after, 'enrollment-plan.json') as Plan).organizations;
            for (const org of oldPlan)
                expect(newPlan.find((other) => other.organization === org.organization)).toEqual(org);
            for (const [path, text] of before) {
                if (
                    path.startsWith('ca/') ||
                    path.startsWith('connection-profiles/') ||
                    path.startsWith('organizations/')
                ) {
                    expect({ path, text: after.get(path) }).toEqual({ path, text });
                }
            }
        },
    );

    it('without the lock, the same change would renumber existing processes (what the lock prevents)', () => {
        const before = processes(build('acme-raft'));
        const after = new Map(
            processes(build('acme-raft', withNewOrg('acme-raft'))).map((process) => [process.id, process]),
        );
        expect(before.some((process) => JSON.stringify(after.get(process.id)) !== JSON.stringify(process))).toBe(true);
    });
});
