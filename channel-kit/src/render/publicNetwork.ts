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
