// SPDX-License-Identifier: Apache-2.0
//
// Network: organizations, nodes and health, channels and heights, the Raft leader, chaincodes, a
// topology diagram and the block explorer.
import { ErrorBox, Table, useView } from '../ui.js';

interface NetworkView {
    readonly kind: string;
    readonly label: string;
    readonly organizations: readonly { readonly mspId: string; readonly nodes: readonly string[] }[];
    readonly nodes: readonly { id: string; kind: string; organization: string; running: boolean; healthy: boolean }[];
    readonly channels: readonly {
        name: string;
        heights: Readonly<Record<string, number | null>>;
        leader: string | null;
    }[];
    readonly chaincodes: readonly { name: string; version: string; sequence: string }[];
    readonly blocks: readonly {
        number: number;
        transactions: readonly {
            transactionId: string;
            chaincode: string;
            transaction: string;
            creatorMspId: string;
            endorsers: readonly string[];
            validationCode: string;
            event: { name: string; payload: unknown } | null;
        }[];
    }[];
    readonly notes: readonly string[];
}

/** Organizations in a ring around the channel, each with its nodes. */
function Topology({ view }: { readonly view: NetworkView }) {
    const count = Math.max(view.organizations.length, 1);
    const radius = 150;
    return (
        <svg class="topology" viewBox="-260 -200 520 400" role="img" aria-label="topology">
            <circle r="46" class="channel" />
            <text class="channel-name" text-anchor="middle" dy="4">
                {view.channels[0]?.name ?? 'channel'}
            </text>
            {view.organizations.map((org, index) => {
                const angle = (2 * Math.PI * index) / count - Math.PI / 2;
                const x = Math.round(Math.cos(angle) * radius * 1.4);
                const y = Math.round(Math.sin(angle) * radius);
                return (
                    <g key={org.mspId}>
                        <line x1="0" y1="0" x2={x} y2={y} class="link" />
                        <rect x={x - 62} y={y - 22} width="124" height="44" rx="8" class="org" />
                        <text x={x} y={y - 4} text-anchor="middle" class="org-name">
                            {org.mspId}
                        </text>
                        <text x={x} y={y + 12} text-anchor="middle" class="org-nodes">
                            {org.nodes.length === 1 ? org.nodes[0] : `${org.nodes.length} nodes`}
                        </text>
                    </g>
                );
            })}
        </svg>
    );
}

export function NetworkPage({ version }: { readonly version: number }) {
    const { data, error } = useView<NetworkView>('/network', '', version);
    if (error !== undefined) return <ErrorBox error={error} />;
    if (data === undefined) return <p>loading…</p>;
    return (
        <section id="network-view">
            <h2>
                Network <small>{data.kind === 'embedded' ? `embedded world in ${data.label}` : data.label}</small>
            </h2>
            <div class="columns">
                <div>
                    <Topology view={data} />
                </div>
                <div>
                    <Table head={['node', 'kind', 'organization', 'health']} id="nodes">
                        {data.nodes.map((node) => (
                            <tr key={node.id}>
                                <td>{node.id}</td>
                                <td>{node.kind}</td>
                                <td>{node.organization}</td>
                                <td class={node.healthy ? 'good' : 'bad'}>
                                    {node.running ? (node.healthy ? 'healthy' : 'unhealthy') : 'stopped'}
                                </td>
                            </tr>
                        ))}
                    </Table>
                    <Table head={['channel', 'heights', 'leader']} id="channels">
                        {data.channels.map((channel) => (
                            <tr key={channel.name}>
                                <td>{channel.name}</td>
                                <td>
                                    {Object.entries(channel.heights)
                                        .map(([peer, height]) => `${peer}: ${height === null ? '?' : String(height)}`)
                                        .join(', ')}
                                </td>
                                <td>{channel.leader ?? '—'}</td>
                            </tr>
                        ))}
                    </Table>
                    <Table head={['chaincode', 'version', 'sequence']} id="chaincodes">
                        {data.chaincodes.map((cc) => (
                            <tr key={cc.name}>
                                <td>{cc.name}</td>
                                <td>{cc.version}</td>
                                <td>{cc.sequence}</td>
                            </tr>
                        ))}
                    </Table>
                </div>
            </div>
            <ul class="notes">
                {data.notes.map((note) => (
                    <li key={note}>{note}</li>
                ))}
            </ul>
            <h3>Blocks</h3>
            <Table head={['block', 'transaction', 'submitter', 'endorsers', 'validation', 'event']} id="blocks">
                {data.blocks.flatMap((block) =>
                    block.transactions.map((tx, index) => (
                        <tr key={`${String(block.number)}/${String(index)}`}>
                            <td>{block.number}</td>
                            <td title={tx.transactionId}>
                                {tx.chaincode === '' ? tx.transaction : `${tx.chaincode}.${tx.transaction}`}
                            </td>
                            <td>{tx.creatorMspId}</td>
                            <td>{tx.endorsers.join(', ')}</td>
                            <td class={tx.validationCode === 'VALID' ? 'good' : 'bad'}>{tx.validationCode}</td>
                            <td>{tx.event?.name ?? ''}</td>
                        </tr>
                    )),
                )}
            </Table>
        </section>
    );
}
