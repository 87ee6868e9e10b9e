// SPDX-License-Identifier: Apache-2.0
//
// Per channel: each chaincode's definition (endorsement policy in Fabric syntax, collections)
// and its collection config, the JSON that `peer lifecycle chaincode ... --collections-config` reads.
import type { Chaincode, Collection, Ecosystem, EndorsementPolicy } from '../model/types.js';
import { jsonText } from './serialise.js';

function collectionConfig(collection: Collection): Record<string, unknown> {
    const config: Record<string, unknown> = {
        name: collection.name,
        policy: collection.policy,
        requiredPeerCount: collection.requiredPeerCount,
        maxPeerCount: collection.maxPeerCount,
        blockToLive: collection.blockToLive,
        memberOnlyRead: collection.memberOnlyRead,
        memberOnlyWrite: collection.memberOnlyWrite,
    };
    if (collection.endorsementPolicy !== undefined) config['endorsementPolicy'] = collection.endorsementPolicy;
    return config;
}

/** The peer CLI flags that carry an endorsement policy. */
export function policyFlags(policy: EndorsementPolicy): string[] {
    return 'signaturePolicy' in policy
        ? ['--signature-policy', policy.signaturePolicy]
        : ['--channel-config-policy', policy.channelConfigPolicy];
}

function definition(channel: string, chaincode: Chaincode, collectionsFile: string | undefined): unknown {
    return {
        channel,
        name: chaincode.name,
        version: chaincode.version,
        sequence: chaincode.sequence,
        endorsementPolicy: chaincode.endorsementPolicy,
        endorsingOrganizations: chaincode.endorsingOrganizations,
        collectionsConfig: collectionsFile ?? null,
        uses: chaincode.uses,
        service: { address: `127.0.0.1:${chaincode.service.port}` },
        services: chaincode.services.map((service) => ({
            id: service.id,
            organization: service.organization,
            address: `127.0.0.1:${service.port}`,
            serves: service.serves,
        })),
        approveFlags: [
            '--channelID',
            channel,
            '--name',
            chaincode.name,
            '--version',
            chaincode.version,
            '--sequence',
            String(chaincode.sequence),
            ...policyFlags(chaincode.endorsementPolicy),
            ...(collectionsFile === undefined ? [] : ['--collections-config', collectionsFile]),
        ],
    };
}

/** Chaincode definitions and collection configs: tree path → text. */
export function renderChannels(ecosystem: Ecosystem): [string, string][] {
    const files: [string, string][] = [];
    for (const channel of ecosystem.channels) {
        for (const chaincode of channel.chaincodes) {
            let collectionsFile: string | undefined;
            if (chaincode.collections.length > 0) {
                collectionsFile = `channels/${channel.name}/collections/${chaincode.name}.json`;
                files.push([collectionsFile, jsonText(chaincode.collections.map(collectionConfig))]);
            }
            files.push([
                `channels/${channel.name}/chaincodes/${chaincode.name}.json`,
                jsonText(definition(channel.name, chaincode, collectionsFile)),
            ]);
        }
    }
    return files;
}
