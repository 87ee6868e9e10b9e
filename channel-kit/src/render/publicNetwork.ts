// SPDX-License-Identifier: Apache-2.0
//
// public-network.json: what the ecosystem that runs the public channel publishes for the industrial
// ecosystems that link to it — the ordering organization, its orderers' endpoints and the public
// channel's name. `network up` copies it to <state>/published/public-network.json and adds the
// certificates the CAs issued (nothing secret: CA roots, TLS roots, orderers' certificates).
import type { Ecosystem } from '../model/types.js';
import { jsonText } from './serialise.js';

/** Format tag of public-network.json (in the tree and, with certificates, in the state folder). */
export const publicNetworkFormat = 'productivist-public-network/1';

/** The text of public-network.json, or undefined when the ecosystem runs no public channel with its own orderers. */
export function renderPublicNetwork(ecosystem: Ecosystem): string | undefined {
    const channel = ecosystem.channels.find((candidate) => candidate.type === 'public');
    const ordering = ecosystem.organizations.find((org) => org.name === ecosystem.ordering.organization);
    if (channel === undefined || ordering === undefined) return undefined;
    return jsonText({
        format: publicNetworkFormat,
        ecosystem: ecosystem.name,
        channel: channel.name,
        organization: { name: ordering.name, mspId: ordering.mspId, key: ordering.key },
        consensus: ecosystem.ordering.type,
        orderers: ordering.orderers.map((node) => ({
            process: node.id,
            name: node.host,
            host: '127.0.0.1',
            port: node.port,
        })),
    });
}

/**
 * The text of public-channel.json for an ecosystem that takes part in a public channel run
 * elsewhere (publicChannel): which of its organizations `channel create` onboards to that channel
 * and whose peers join it. Undefined when the ecosystem runs the public channel itself or takes no part.
 */
export function renderPublicChannel(ecosystem: Ecosystem): string | undefined {
    const participation = ecosystem.publicChannel;
    if (participation === undefined || ecosystem.channels.some((channel) => channel.type === 'public')) {
        return undefined;
    }
    const organizations = ecosystem.organizations
        .filter((org) => participation.peers.includes(org.name) || participation.clients.includes(org.name))
        .map((org) => ({
            name: org.name,
            mspId: org.mspId,
            key: org.key,
            peers: participation.peers.includes(org.name) ? org.peers.map((peer) => peer.id) : [],
        }));
    return jsonText({ channel: participation.channel, organizations });
}
