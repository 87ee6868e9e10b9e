// SPDX-License-Identifier: Apache-2.0
//
// A GatewayLedger over a network that `network up` runs: the members are the credentials `up`
// wrote into the state directory, and each member talks to a peer of its own organization (or,
// for an organization without peers, to the first peer of the channel).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { networkCredentials } from '../runtime/credentials.js';
import { NetworkError } from '../errors.js';
import { loadTree } from '../runtime/plans.js';
import { StateDir } from '../runtime/state.js';
import type { GatewayLedgerOptions, GatewayPeer } from './GatewayLedger.js';
import { GatewayLedger } from './GatewayLedger.js';

export interface NetworkLedgerOptions {
    /** The state directory of `network up`. */
    readonly state: string;
    /** The default channel; the network's first channel when undefined. */
    readonly channel?: string;
    readonly deadlines?: GatewayLedgerOptions['deadlines'];
}

/** Opens the Ledger interface on a running network's state directory. */
export function openNetworkLedger(options: Readonly<NetworkLedgerOptions>): GatewayLedger {
    const state = new StateDir(options.state);
    if (!state.exists() || !existsSync(join(state.tree, 'start-plan.json'))) {
        throw new NetworkError(`${options.state} is not the state directory of a network`, {
            code: 'NETWORK_NOT_FOUND',
            exit: 'notFound',
            hint: "start one with 'productivist network up' (state in .productivist/network), or give --network <its state dir>",
        });
    }
    const tree = loadTree(state.tree);
    const channel =
        options.channel === undefined
            ? tree.start.channels[0]
            : tree.start.channels.find((plan) => plan.name === options.channel);
    if (channel === undefined) {
        throw new NetworkError(`the network ${tree.start.ecosystem} has no channel '${options.channel ?? ''}'`, {
            code: 'CHANNEL_NOT_FOUND',
            exit: 'notFound',
            hint: `its channels: ${tree.start.channels.map((plan) => plan.name).join(', ') || 'none'}`,
        });
    }
    const peers = new Map<string, GatewayPeer>();
    for (const peer of channel.peers) {
        if (peers.has(peer.admin.mspId)) continue;
        peers.set(peer.admin.mspId, {
            endpoint: peer.address,
            tlsRootCertPem: readFileSync(join(tree.root, peer.admin.tlsRootCert), 'utf8'),
        });
    }
    const [first] = peers.values();
    if (first === undefined) {
        throw new NetworkError(`channel ${channel.name} of ${tree.start.ecosystem} has no peers`, {
            code: 'NO_PEERS',
            exit: 'usage',
            hint: 'give the channel a member organization with peers in the ecosystem file',
        });
    }
    const store = networkCredentials(state.root);
    return new GatewayLedger({
        peer: first,
        peerFor: (mspId) => peers.get(mspId),
        channel: channel.name,
        credentials: (member) => store.load(member),
        ...(options.deadlines ? { deadlines: options.deadlines } : {}),
    });
}
