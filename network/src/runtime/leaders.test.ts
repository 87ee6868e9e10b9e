// SPDX-License-Identifier: Apache-2.0
//
// Reading the orderers' Prometheus text: the leader gauge of Raft and BFT, and the ledger height,
// for one channel among several.
import { channelGauge } from './leaders.js';

const metrics = `# HELP consensus_etcdraft_is_leader The leadership status of the current node: 1 if it is the leader else 0.
# TYPE consensus_etcdraft_is_leader gauge
consensus_etcdraft_is_leader{channel="other"} 1
consensus_etcdraft_is_leader{channel="productivist"} 0
consensus_BFT_is_leader{channel="bft"} 1
ledger_blockchain_height{channel="productivist"} 27
`;

describe('channelGauge', () => {
    it("reads a gauge of the channel named, not another channel's", () => {
        const leader = 'consensus_etcdraft_is_leader|consensus_BFT_is_leader';
        expect(channelGauge(metrics, leader, 'productivist')).toBe(0);
        expect(channelGauge(metrics, leader, 'other')).toBe(1);
        expect(channelGauge(metrics, leader, 'bft')).toBe(1);
        expect(channelGauge(metrics, 'ledger_blockchain_height', 'productivist')).toBe(27);
        expect(channelGauge(metrics, 'ledger_blockchain_height', 'other')).toBeUndefined();
        expect(channelGauge(metrics, leader, 'productivis')).toBeUndefined();
    });
});
