// SPDX-License-Identifier: Apache-2.0
//
// A GatewayLedger over a network that `network up` runs: the members are the credentials `up`
// wrote into the state directory, and each member talks to a peer of its own organization (or,
// for an organization without peers, to the first peer of the channel).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { SignaturePolicy } from '@productivist/policies';
import { parseSignaturePolicy } from '@productivist/policies';

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
    /**
     * State directories of other networks whose organizations take part in this channel (an
     * industrial's `channel create` beside the public network): their members act here too, and
     * their peers joined to the channel are waited for after a commit (read your own writes).
     */
    readonly members?: readonly string[];
}

/** The peers of the network in `stateRoot` joined to `channel` (its record's `channel@peer`). */
function joinedPeers(stateRoot: string, channel: string): GatewayPeer[] {
    const record = new StateDir(stateRoot).read();
    if (record === undefined) return [];
    const tree = loadTree(join(stateRoot, 'tree'));
    const peers = new Map(tree.start.channels.flatMap((plan) => plan.peers).map((peer) => [peer.peer, peer]));
    return [...peers.values()]
        .filter((peer) => record.joined.includes(`${channel}@${peer.peer}`))
        .map((peer) => ({
            endpoint: peer.address,
            tlsRootCertPem: readFileSync(join(tree.root, peer.admin.tlsRootCert), 'utf8'),
        }));
}

/** The signature policy of a chaincode definition in the generated tree, if it has one. */
function generatedPolicy(root: string, channel: string, chaincode: string): SignaturePolicy | undefined {
    const file = join(root, 'channels', channel, 'chaincodes', `${chaincode}.json`);
    if (!/^[A-Za-z0-9_.-]+$/.test(channel + chaincode) || !existsSync(file)) return undefined;
    try {
        const definition = JSON.parse(readFileSync(file, 'utf8')) as {
            endorsementPolicy?: { signaturePolicy?: unknown };
        };
        const source = definition.endorsementPolicy?.signaturePolicy;
        return typeof source === 'string' ? parseSignaturePolicy(source) : undefined;
    } catch {
        return undefined; // only used to word an error better; the error itself still reaches the caller
    }
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
    const all: GatewayPeer[] = channel.peers.map((peer) => ({
        endpoint: peer.address,
        tlsRootCertPem: readFileSync(join(tree.root, peer.admin.tlsRootCert), 'utf8'),
    }));
    // Each organization's members talk to its first peer.
    const peers = new Map<string, GatewayPeer>();
    channel.peers.forEach((peer, index) => {
        const gatewayPeer = all[index];
        if (!peers.has(peer.admin.mspId) && gatewayPeer !== undefined) peers.set(peer.admin.mspId, gatewayPeer);
    });
    const [first] = peers.values();
    if (first === undefined) {
        throw new NetworkError(`channel ${channel.name} of ${tree.start.ecosystem} has no peers`, {
            code: 'NO_PEERS',
            exit: 'usage',
            hint: 'give the channel a member organization with peers in the ecosystem file',
        });
    }
    // This network's members first, then the other networks'; an unknown member is this store's error.
    const store = networkCredentials(state.root);
    const others = (options.members ?? []).map((root) => networkCredentials(root));
    const has = (candidate: typeof store, member: string) => candidate.list().some((entry) => entry.name === member);
    const storeOf = (member: string) =>
        has(store, member) ? store : (others.find((other) => has(other, member)) ?? store);
    const policies = new Map<string, SignaturePolicy | undefined>();
    return new GatewayLedger({
        peer: first,
        peerFor: (mspId) => peers.get(mspId),
        // Read your own writes: after a commit, calls wait until every peer of the channel has the block.
        peers: [...all, ...(options.members ?? []).flatMap((root) => joinedPeers(root, channel.name))],
        channel: channel.name,
        credentials: (member) => storeOf(member).load(member),
        endorsementPolicy: (chaincodeName, channelName) => {
            const key = `${channelName}/${chaincodeName}`;
            if (!policies.has(key)) policies.set(key, generatedPolicy(tree.root, channelName, chaincodeName));
            return policies.get(key);
        },
        ...(options.deadlines ? { deadlines: options.deadlines } : {}),
    });
}
