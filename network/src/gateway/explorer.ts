// SPDX-License-Identifier: Apache-2.0
//
// What the console's Network view reads from the peers of a network that `network up` runs, on
// every channel: pages of blocks (qscc) and the committed chaincode definitions (_lifecycle). Each
// channel is read through a gateway to a peer of that channel, as a member of an organization with
// a peer on it (the treasury when it can).
import { networkCredentials } from '../runtime/credentials.js';
import { NetworkError } from '../errors.js';
import { loadTree } from '../runtime/plans.js';
import { StateDir } from '../runtime/state.js';
import type { BlockPage } from './blocks.js';
import { readBlockPage } from './blocks.js';
import type { CommittedChaincode } from './chaincodes.js';
import { committedChaincodes } from './chaincodes.js';
import type { GatewayLedger } from './GatewayLedger.js';
import { openNetworkLedger } from './openNetworkLedger.js';

export interface NetworkExplorer {
    /** Every channel of the network, in the order of its ecosystem file. */
    readonly channels: readonly string[];
    /** Up to `count` blocks of `channel` below `before` (the newest when undefined), newest first. */
    blocks(channel: string, count: number, before?: number): Promise<BlockPage>;
    /** The chaincode definitions committed on `channel`, with the organizations that approved each. */
    chaincodes(channel: string): Promise<CommittedChaincode[]>;
    close(): void;
}

/** Opens the explorer of the network whose state directory is `state`; `reader` is the member preferred for reading. */
export function openNetworkExplorer(state: string, reader = 'treasury'): NetworkExplorer {
    const tree = loadTree(new StateDir(state).tree);
    const credentials = networkCredentials(state).list();
    const opened = new Map<string, { ledger: GatewayLedger; member: string }>();
    const channelOf = (name: string): { ledger: GatewayLedger; member: string } => {
        const known = opened.get(name);
        if (known !== undefined) return known;
        const plan = tree.start.channels.find((channel) => channel.name === name);
        if (plan === undefined) {
            throw new NetworkError(`the network ${tree.start.ecosystem} has no channel '${name}'`, {
                code: 'CHANNEL_NOT_FOUND',
                exit: 'notFound',
                hint: `its channels: ${tree.start.channels.map((channel) => channel.name).join(', ')}`,
            });
        }
        const withPeers = new Set(plan.peers.map((peer) => peer.admin.mspId));
        const candidates = credentials.filter((credential) => withPeers.has(credential.mspId));
        const member = (candidates.find((credential) => credential.name === reader) ?? candidates[0])?.name;
        if (member === undefined) {
            throw new NetworkError(
                `no identity in ${state}/credentials belongs to an organization with a peer on '${name}'`,
                {
                    code: 'NO_READER',
                    exit: 'notFound',
                    hint: 'run network up again to enroll the members of the channel organizations',
                },
            );
        }
        const channel = { ledger: openNetworkLedger({ state, channel: name }), member };
        opened.set(name, channel);
        return channel;
    };
    return {
        channels: tree.start.channels.map((channel) => channel.name),
        blocks: (name, count, before) => {
            const { ledger, member } = channelOf(name);
            return readBlockPage(ledger.gateway(member), name, count, before);
        },
        chaincodes: (name) => {
            const { ledger, member } = channelOf(name);
            return committedChaincodes(ledger.gateway(member), name);
        },
        close: () => {
            for (const { ledger } of opened.values()) ledger.close();
            opened.clear();
        },
    };
}
