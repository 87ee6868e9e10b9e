// SPDX-License-Identifier: Apache-2.0
//
// configtxgen -outputBlock for every channel profile of the three examples, after their CAs ran
// and every identity was enrolled (network up --until enrolled), and configtxlator proto_decode of
// each block with assertions on organizations, policies, consenters and capabilities.
import { join } from 'node:path';

import { fabricHome, loadTree, networkUp, requireBinary, runBinary } from '@productivist/network';
import { parse } from 'yaml';

import { decode, exampleText, prepareNetwork, removeNetwork, withPortBase } from './support.js';

jest.setTimeout(180_000);

interface EcosystemText {
    organizations: { name: string; mspId: string }[];
    importedOrganizations?: { name: string; mspId: string }[];
    ordering: { organization: string; type: 'raft' | 'bft'; nodes?: number };
    channels: { name: string; members: string[]; policies?: { admins?: unknown } }[];
}

interface Group {
    groups: Record<string, Group>;
    values: Record<string, { value: Record<string, unknown> }>;
    policies: Record<string, { policy: { type: number; value: unknown } }>;
}

describe.each(['productivist', 'acme-raft', 'aero-bft'])('channel blocks of examples/%s.yaml', (example) => {
    let tree = '';
    let state = '';
    const ecosystem = parse(exampleText(example)) as EcosystemText;

    beforeAll(async () => {
        ({ tree, state } = await prepareNetwork(example, (base) => withPortBase(exampleText(example), base), 60));
        await networkUp({ source: tree, state, fabricHome: fabricHome(), until: 'enrolled' });
    });

    afterAll(() => removeNetwork({ tree, state }));

    // The public network's organization (publicNetwork) comes from the test bundle: ProductivistMSP.
    const mspOf = (name: string): string =>
        [...ecosystem.organizations, { name: 'Productivist', mspId: 'ProductivistMSP' }].find(
            (org) => org.name === name,
        )!.mspId;

    it.each(ecosystem.channels.map((channel) => channel.name))(
        'configtxgen makes the block of channel %s; decoded, it has the members, consenters, capabilities and admins',
        async (name) => {
            const root = join(state, 'tree');
            const planned = loadTree(root).start.channels.find((channel) => channel.name === name)!;
            const block = join(root, 'channels', name, `${name}.check.block`);
            await runBinary(
                requireBinary('configtxgen'),
                ['-profile', planned.profile, '-outputBlock', block, '-channelID', name],
                { cwd: root, env: { FABRIC_CFG_PATH: root } },
            );
            const decoded = (await decode(block, 'common.Block')) as {
                data: { data: { payload: { data: { config: { channel_group: Group } } } }[] };
            };
            const group = decoded.data.data[0]!.payload.data.config.channel_group;
            const channel = ecosystem.channels.find((candidate) => candidate.name === name)!;
            // Organizations: exactly the channel's members.
            expect(Object.keys(group.groups['Application']!.groups).sort()).toEqual(channel.members.map(mspOf).sort());
            // Ordering: the ordering organization, its consenters, the consensus type and capability.
            const orderer = group.groups['Orderer']!;
            expect(Object.keys(orderer.groups)).toEqual([mspOf(ecosystem.ordering.organization)]);
            const consensus = orderer.values['ConsensusType']!.value as {
                type: string;
                metadata?: { consenters?: unknown[] };
            };
            const capabilities = Object.keys(group.values['Capabilities']!.value['capabilities'] as object);
            if (ecosystem.ordering.type === 'bft') {
                expect(consensus.type).toBe('BFT');
                expect(capabilities).toEqual(['V3_0']);
                expect(
                    (orderer.values['Orderers']!.value as { consenter_mapping: unknown[] }).consenter_mapping,
                ).toHaveLength(ecosystem.ordering.nodes ?? 4);
            } else {
                expect(consensus.type).toBe('etcdraft');
                expect(capabilities).toEqual(['V2_0']);
                expect(consensus.metadata?.consenters).toHaveLength(ecosystem.ordering.nodes ?? 3);
            }
            // Policies: the channel's Admins policy names the declared admins' MSP.
            const admins = JSON.stringify(group.groups['Application']!.policies['Admins']!.policy);
            const declared = JSON.stringify(channel.policies?.admins ?? '');
            for (const member of channel.members) {
                // Every organization the admins policy names is in it (by MSP id).
                if (declared.includes(`"${member}"`)) expect(admins).toContain(mspOf(member));
            }
            expect(Object.keys(group.groups['Application']!.policies).sort()).toEqual(
                expect.arrayContaining(['Admins', 'Endorsement', 'LifecycleEndorsement', 'Readers', 'Writers']),
            );
        },
    );
});
