// SPDX-License-Identifier: Apache-2.0
import type { ChaincodeEvent, EventStream, LedgerContract } from '@productivist/ledger-api';
import { EmbeddedNetwork } from '../EmbeddedNetwork.js';
import type { ConformanceBackend } from './cases.js';
import { ConformanceContract } from './ConformanceContract.js';

/** The conformance topology on the embedded ledger: two orgs with one peer each, two channels. */
export async function createEmbeddedConformanceBackend(): Promise<
    ConformanceBackend & { readonly network: EmbeddedNetwork }
> {
    const orgs = ['Org1MSP', 'Org2MSP'] as const;
    const network = await EmbeddedNetwork.create({
        organizations: orgs.map((mspId) => ({ mspId })),
        channels: [
            { name: 'conformance', organizations: [...orgs] },
            { name: 'conformance-other', organizations: [...orgs] },
        ],
    });
    await network.addMember('org1', { mspId: orgs[0] });
    await network.addMember('org2', { mspId: orgs[1] });
    network.deploy({
        name: 'conformance',
        contracts: [ConformanceContract],
        endorsementPolicy: 'majority',
        collections: [
            { name: 'org1only', members: [orgs[0]], memberOnlyRead: true },
            { name: 'org1write', members: [orgs[0]], memberOnlyRead: false, memberOnlyWrite: true },
        ],
    });
    network.deploy({ name: 'conformance-b', contracts: [ConformanceContract], endorsementPolicy: 'majority' });
    network.deploy({
        name: 'conformance',
        contracts: [ConformanceContract],
        endorsementPolicy: 'majority',
        channel: 'conformance-other',
    });
    return {
        name: 'embedded',
        network,
        orgs,
        otherChannel: 'conformance-other',
        contract: (member, chaincode, channel): LedgerContract => network.contract(member, chaincode, channel),
        chaincodeEvents: (member, chaincode, startBlock): EventStream<ChaincodeEvent> =>
            network.chaincodeEvents(member, chaincode, { startBlock }),
    };
}
