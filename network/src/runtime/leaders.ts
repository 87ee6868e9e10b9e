// SPDX-License-Identifier: Apache-2.0
//
// The ordering service of a channel as the orderers report it themselves: each orderer's operations
// endpoint (127.0.0.1) serves Prometheus text where, per channel, consensus_etcdraft_is_leader (Raft)
// or consensus_BFT_is_leader (SmartBFT) says whether the node leads, and ledger_blockchain_height
// how many blocks its ledger holds (the consensus' own committed_block_number gauges miss blocks a
// restarted node pulls from the others). An orderer that does not answer (stopped) is no leader.
import { loadTree } from './plans.js';
import { StateDir } from './state.js';

/** One orderer's view of a channel, or why it could not tell. */
export interface OrdererConsensus {
    readonly orderer: string;
    readonly leader: boolean;
    /** The blocks its ledger holds; undefined when it did not answer or reports none. */
    readonly height?: number;
    readonly error?: string;
}

/** The value for `channel` of the gauge `name` (a regular expression source) in Prometheus `text`. */
export function channelGauge(text: string, name: string, channel: string): number | undefined {
    const pattern = new RegExp(`^(?:${name})\\{([^}]*)\\} (\\S+)$`, 'gm');
    for (const match of text.matchAll(pattern)) {
        if ((match[1] ?? '').split(',').includes(`channel="${channel}"`)) return Number(match[2]);
    }
    return undefined;
}

/** Asks every orderer of the network about `channel` (2 s per orderer). */
export async function ordererConsensus(stateRoot: string, channel: string): Promise<OrdererConsensus[]> {
    const tree = loadTree(new StateDir(stateRoot).tree);
    const orderers = tree.start.processes.filter((node) => node.kind === 'orderer');
    return Promise.all(
        orderers.map(async (node): Promise<OrdererConsensus> => {
            try {
                const response = await fetch(`http://127.0.0.1:${String(node.ports.operations)}/metrics`, {
                    signal: AbortSignal.timeout(2_000),
                });
                const text = await response.text();
                const height = channelGauge(text, 'ledger_blockchain_height', channel);
                return {
                    orderer: node.id,
                    leader: channelGauge(text, 'consensus_etcdraft_is_leader|consensus_BFT_is_leader', channel) === 1,
                    ...(height === undefined ? {} : { height }),
                };
            } catch (error) {
                return {
                    orderer: node.id,
                    leader: false,
                    error: error instanceof Error ? error.message : String(error),
                };
            }
        }),
    );
}

/** The orderer leading `channel` now, or undefined when none says so (an election is under way). */
export async function channelLeader(stateRoot: string, channel: string): Promise<string | undefined> {
    return (await ordererConsensus(stateRoot, channel)).find((entry) => entry.leader)?.orderer;
}
