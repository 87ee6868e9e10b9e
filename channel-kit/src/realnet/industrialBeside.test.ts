// SPDX-License-Identifier: Apache-2.0
//
// An industrial ecosystem (examples/acme-raft.yaml) running beside the public network on one
// machine: disjoint ports, its private channel ordered by the public network's Raft orderers,
// which it imports from the certificates the public network publishes. The public network's
// ordering admin joins the orderers to acme-supply; Acme's admins join their peers.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { fabricHome, loadTree, networkDown, networkStatus, networkUp, planPorts } from '@productivist/network';

import { buildTree } from '../generate.js';
import { writeTree } from '../write/writeTree.js';
import {
    eventually,
    exampleText,
    freePortBase,
    generateTree,
    requireFabric,
    stateDir,
    withPortBase,
} from './support.js';

jest.setTimeout(240_000);

describe('the acme-raft industrial ecosystem beside the public network, on real Fabric', () => {
    let publicTree = '';
    let publicState = '';
    let acmeDir = '';
    let acmeState = '';

    beforeAll(async () => {
        requireFabric();
        const publicBase = await freePortBase(40);
        publicTree = generateTree(withPortBase(exampleText('productivist'), publicBase), 'public-beside');
        publicState = stateDir('public-beside');
        acmeState = stateDir('acme');
        acmeDir = mkdtempSync(join(tmpdir(), 'productivist-acme-'));
    });

    afterAll(async () => {
        try {
            await networkDown(acmeState);
        } finally {
            await networkDown(publicState);
            for (const dir of [acmeState, publicState, acmeDir, dirname(publicTree)]) {
                rmSync(dir, { recursive: true, force: true });
            }
        }
    });

    it('runs both networks at once: disjoint ports, acme-supply ordered by the public orderers, every peer joined', async () => {
        // Given the public network up; it publishes its certificates under <state>/published/. Its
        // chaincodes are not deployed here (publicNetwork.test.ts covers them; this file is about the channels).
        await networkUp({ source: publicTree, state: publicState, fabricHome: fabricHome(), chaincodes: false });
        const publicPlan = loadTree(join(publicState, 'tree')).start;
        const orderers = publicPlan.processes.filter((node) => node.kind === 'orderer');
        // And acme-raft.yaml importing them: the published files and the orderers' real ports.
        mkdirSync(join(acmeDir, 'published'), { recursive: true });
        cpSync(join(publicState, 'published', 'productivist'), join(acmeDir, 'published', 'productivist'), {
            recursive: true,
        });
        let text = withPortBase(exampleText('acme-raft'), await freePortBase(60));
        orderers.forEach((node, i) => {
            text = text.replace(
                new RegExp(
                    `(name: orderer${String(i)}\\.productivist\\.example\\n\\s+host: 127\\.0\\.0\\.1\\n\\s+port: )\\d+`,
                ),
                `$1${String(node.ports['listen'])}`,
            );
        });
        writeFileSync(join(acmeDir, 'acme-raft.yaml'), text);
        // When acme-raft goes up with the public network's state as its ordering network.
        await networkUp({
            source: join(acmeDir, 'acme-raft.yaml'),
            state: acmeState,
            fabricHome: fabricHome(),
            orderingState: publicState,
            generate: (file, outDir) => {
                writeTree(
                    buildTree(readFileSync(file, 'utf8'), { file: 'acme-raft.yaml', baseDir: dirname(file) }).tree,
                    outDir,
                );
            },
        });
        // Then the two plans share no port.
        const acmePlan = loadTree(join(acmeState, 'tree')).start;
        const publicPorts = new Set(planPorts(publicPlan).map((entry) => entry.port));
        expect(planPorts(acmePlan).filter((entry) => publicPorts.has(entry.port))).toEqual([]);
        // And every node of both is healthy, Acme's three organizations' peers at one height on acme-supply.
        const acme = await eventually(
            () => networkStatus(acmeState, fabricHome()),
            (value) => Object.values(value.heights['acme-supply'] ?? {}).every((height) => height === 4),
            30_000,
        );
        expect(acme.nodes.filter((node) => !node.healthy)).toEqual([]);
        expect(Object.keys(acme.heights['acme-supply'] ?? {}).sort()).toEqual([
            'peer0.acme',
            'peer0.boltworks',
            'peer0.castco',
            'peer1.acme',
        ]);
        // The genesis block and the anchor peers of Acme, CastCo and BoltWorks, each by a config update.
        expect(new Set(Object.values(acme.heights['acme-supply'] ?? {}))).toEqual(new Set([4]));
        const pub = await networkStatus(publicState, fabricHome());
        expect(pub.nodes.filter((node) => !node.healthy)).toEqual([]);
        expect(new Set(Object.values(pub.heights['productivist'] ?? {}))).toEqual(new Set([6]));
    });
});
