// SPDX-License-Identifier: Apache-2.0
//
// BFT ordering on real Fabric 3.1.5: four SmartBFT consenters of one ordering organization and
// two peer organizations. The examples' BFT channels are ordered by the imported Productivist
// orderers (run by another tree), so this ecosystem runs its own four consenters.
import { join } from 'node:path';

import {
    fabricHome,
    loadTree,
    networkStatus,
    networkUp,
    osnadminArgs,
    requireBinary,
    runBinary,
} from '@productivist/network';

import { decode, prepareNetwork, removeNetwork } from './support.js';

jest.setTimeout(180_000);

const bft = (base: number): string => `version: 1
name: bftfour
description: Four BFT consenters of one organization, two peer organizations.
ports:
    base: ${base}
organizations:
    - name: Order
      mspId: OrderMSP
      domain: order.example
      roles: [treasury]
      peers: 0
    - name: Maker
      mspId: MakerMSP
      domain: maker.example
      roles: [producer]
    - name: Buyer
      mspId: BuyerMSP
      domain: buyer.example
      roles: [customer]
ordering:
    organization: Order
    type: bft
    nodes: 4
channels:
    - name: trade
      type: public
      members: [Maker, Buyer]
      blockCutting:
          batchTimeout: 500ms
`;

describe('network up with BFT ordering (4 consenters) on real Fabric', () => {
    let tree = '';
    let state = '';

    beforeAll(async () => {
        ({ tree, state } = await prepareNetwork('bft', bft, 30));
    });

    afterAll(() => removeNetwork({ tree, state }));

    it('joins the channel on 4 consenters and 2 peers; the block carries the SmartBFT consenter mapping and V3_0', async () => {
        const result = await networkUp({ source: tree, state, fabricHome: fabricHome() });
        expect(result.processes).toHaveLength(3 + 4 + 2);
        const root = join(state, 'tree');
        const channel = loadTree(root).start.channels[0]!;
        expect(channel.consenters).toHaveLength(4);
        const admin = channel.ordererAdmin!;
        for (const consenter of channel.consenters) {
            const { stdout } = await runBinary(
                requireBinary('osnadmin'),
                osnadminArgs(root, admin, consenter.adminAddress, ['channel', 'list', '--channelID', 'trade']),
            );
            expect(JSON.parse(stdout.slice(stdout.indexOf('{')))).toMatchObject({
                name: 'trade',
                consensusRelation: 'consenter',
                status: 'active',
            });
        }
        const status = await networkStatus(state, fabricHome());
        expect(status.nodes.filter((node) => !node.healthy)).toEqual([]);
        // The genesis block and one anchor-peer config update per peer organization.
        expect(status.heights['trade']).toEqual({ 'peer0.maker': 3, 'peer0.buyer': 3 });
        const block = (await decode(join(root, channel.block), 'common.Block')) as {
            data: { data: { payload: { data: { config: { channel_group: Record<string, unknown> } } } }[] };
        };
        const group = block.data.data[0]!.payload.data.config.channel_group as {
            values: { Capabilities: { value: { capabilities: Record<string, unknown> } } };
            groups: {
                Orderer: {
                    values: {
                        ConsensusType: { value: { type: string } };
                        Orderers: { value: { consenter_mapping: unknown[] } };
                    };
                    policies: { BlockValidation: { policy: { type: number } } };
                };
            };
        };
        expect(Object.keys(group.values.Capabilities.value.capabilities)).toEqual(['V3_0']);
        expect(group.groups.Orderer.values.ConsensusType.value.type).toBe('BFT');
        expect(group.groups.Orderer.values.Orderers.value.consenter_mapping).toHaveLength(4);
        // configtxgen replaced the BlockValidation policy by the consenters' signature policy (type 1).
        expect(group.groups.Orderer.policies.BlockValidation.policy.type).toBe(1);
    });
});
