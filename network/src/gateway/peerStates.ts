// SPDX-License-Identifier: Apache-2.0
//
// What each peer of a channel holds, asked of each peer separately through its own gateway (qscc):
// its height and the commit hash of its last block. A peer computes the commit hash of a block
// from the previous commit hash, the block's validation codes and the state updates it applied
// (kvledger's addBlockCommitHash, kept in the block's COMMIT_HASH metadata by every peer that
// joined the channel from its genesis block). Two peers with the same commit hash at the same
// height validated every block alike and applied the same writes: their world states are equal.
// Unlike `ledgerutil compare`, this needs no peer stopped.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { common } from '@hyperledger/fabric-protos';

import { NetworkError } from '../errors.js';
import { networkCredentials } from '../runtime/credentials.js';
import { loadTree } from '../runtime/plans.js';
import { StateDir } from '../runtime/state.js';
import { GatewayLedger } from './GatewayLedger.js';

/** One peer's copy of a channel, or why it could not be read. */
export interface PeerState {
    readonly peer: string;
    readonly endpoint: string;
    /** The number of blocks it holds; undefined when it did not answer. */
    readonly height?: number;
    /** Hex commit hash of its last block (empty when the block has none). */
    readonly commitHash?: string;
    readonly error?: string;
}

/** The commit hash a peer stored in a block (qscc GetBlockByNumber bytes); '' when there is none. */
export function commitHashOf(block: Uint8Array): string {
    const metadata = common.Block.deserializeBinary(block).getMetadata()?.getMetadataList_asU8() ?? [];
    const entry = metadata[common.BlockMetadataIndex.COMMIT_HASH];
    if (entry === undefined || entry.length === 0) return '';
    return Buffer.from(common.Metadata.deserializeBinary(entry).getValue_asU8()).toString('hex');
}

/**
 * Each peer of `channel` (the network's first channel when undefined) read on its own: height and
 * commit hash of its last block, as `member` (any identity the channel's readers accept) asks it.
 */
export async function peerStates(
    stateRoot: string,
    member: string,
    channel?: string,
    deadlineMs = 5_000,
): Promise<PeerState[]> {
    const state = new StateDir(stateRoot);
    const tree = loadTree(state.tree);
    const plan =
        channel === undefined
            ? tree.start.channels[0]
            : tree.start.channels.find((candidate) => candidate.name === channel);
    if (plan === undefined) {
        throw new NetworkError(`the network ${tree.start.ecosystem} has no channel '${channel ?? ''}'`, {
            code: 'CHANNEL_NOT_FOUND',
            exit: 'notFound',
            hint: `its channels: ${tree.start.channels.map((candidate) => candidate.name).join(', ') || 'none'}`,
        });
    }
    const store = networkCredentials(state.root);
    return Promise.all(
        plan.peers.map(async (peer): Promise<PeerState> => {
            const ledger = new GatewayLedger({
                peer: {
                    endpoint: peer.address,
                    tlsRootCertPem: readFileSync(join(tree.root, peer.admin.tlsRootCert), 'utf8'),
                },
                channel: plan.name,
                credentials: (name) => store.load(name),
                deadlines: { evaluate: deadlineMs },
            });
            try {
                const qscc = ledger.contract(member, 'qscc');
                const info = await qscc.evaluate('GetChainInfo', { arguments: [plan.name] });
                const height = common.BlockchainInfo.deserializeBinary(info).getHeight();
                const last = await qscc.evaluate('GetBlockByNumber', { arguments: [plan.name, String(height - 1)] });
                return { peer: peer.peer, endpoint: peer.address, height, commitHash: commitHashOf(last) };
            } catch (error) {
                const message = error instanceof Error ? error.message : String(error);
                return { peer: peer.peer, endpoint: peer.address, error: message };
            } finally {
                ledger.close();
            }
        }),
    );
}
