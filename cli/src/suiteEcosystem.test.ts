// SPDX-License-Identifier: Apache-2.0
//
// The real-Fabric conformance run's topology (ledger/conformance-chaincode/ecosystem.yaml) is an
// ecosystem the generator accepts, with the chaincodes, channels and collection the conformance
// cases expect; checked here without starting Fabric.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { buildTree } from '@productivist/channel-kit';
import { createEmbeddedConformanceBackend } from '@productivist/ledger/conformance';

const repo = join(__dirname, '..', '..');
const file = join(repo, 'ledger', 'conformance-chaincode', 'ecosystem.yaml');

describe('the conformance ecosystem (ledger/conformance-chaincode/ecosystem.yaml)', () => {
    const built = buildTree(readFileSync(file, 'utf8'), { file: 'ecosystem.yaml', baseDir: join(repo, 'examples') });
    const definition = (channel: string, name: string): { endorsingOrganizations: string[] } =>
        JSON.parse(built.tree.get(`channels/${channel}/chaincodes/${name}.json`) ?? 'null') as {
            endorsingOrganizations: string[];
        };

    it('validates without warnings and declares the chaincodes where the embedded backend deploys them', async () => {
        expect(built.warnings).toEqual([]);
        const embedded = await createEmbeddedConformanceBackend();
        const chaincodes = [...built.tree.keys()].filter((path) => /^channels\/[^/]+\/chaincodes\//.test(path)).sort();
        expect(chaincodes).toEqual([
            'channels/conformance-other/chaincodes/conformance.json',
            'channels/conformance/chaincodes/conformance-b.json',
            'channels/conformance/chaincodes/conformance.json',
        ]);
        expect(embedded.otherChannel).toBe('conformance-other');
        expect(definition('conformance', 'conformance').endorsingOrganizations).toEqual(['Org1', 'Org2']);
        expect(built.ecosystem.organizations.filter((org) => org.peers.length > 0).map((org) => org.mspId)).toEqual([
            ...embedded.orgs,
        ]);
    });

    it('gives conformance the collections of Org1MSP as the embedded backend does: org1only read by members only, org1write written by members only', () => {
        expect(JSON.parse(built.tree.get('channels/conformance/collections/conformance.json') ?? '[]')).toEqual([
            expect.objectContaining({
                name: 'org1only',
                policy: "OR('Org1MSP.member')",
                memberOnlyRead: true,
                memberOnlyWrite: false,
            }),
            expect.objectContaining({
                name: 'org1write',
                policy: "OR('Org1MSP.member')",
                memberOnlyRead: false,
                memberOnlyWrite: true,
            }),
        ]);
    });
});
