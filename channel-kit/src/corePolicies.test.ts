// SPDX-License-Identifier: Apache-2.0
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { corePolicies } from '@productivist/policies';
import { parse } from 'yaml';

describe('the public network example', () => {
    it('deploys the core contracts with the policies of policies/data/core-contracts.yaml', () => {
        const ecosystem = parse(readFileSync(join(__dirname, '..', '..', 'examples', 'productivist.yaml'), 'utf8')) as {
            channels: { type: string; chaincodes: { name: string; endorsement: unknown; collections?: string[] }[] }[];
        };
        const publicChannel = ecosystem.channels.find((channel) => channel.type === 'public');
        const declared = Object.fromEntries((publicChannel?.chaincodes ?? []).map((cc) => [cc.name, cc.endorsement]));
        const expected = Object.fromEntries(
            Object.entries(corePolicies()).map(([name, policy]) => [name, policy.endorsement]),
        );
        expect(declared).toEqual(expected);
        // prodcontrol keeps order specifications in its private collection
        expect(publicChannel?.chaincodes.find((cc) => cc.name === 'prodcontrol')?.collections).toEqual(['orderSpecs']);
    });
});
