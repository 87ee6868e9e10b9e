// SPDX-License-Identifier: Apache-2.0
//
// Network: organizations, nodes and health, channels and heights, the Raft leader, chaincodes, a
// topology diagram and the block explorer.
import { useState } from 'preact/hooks';

import { get } from '../api.js';
import { ErrorBox, Table, useLoaded, useView } from '../ui.js';

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
    readonly chaincodes: readonly {
        channel: string;
        name: string;
        version: string;
        sequence: string;
        approvedBy: readonly string[] | null;
        notApprovedBy: readonly string[] | null;
    }[];
    readonly chaincodeSource: 'peers' | 'deployments' | 'embedded';
    readonly explorerChannels: readonly string[];
    readonly notes: readonly string[];
}

interface BlocksView {
    readonly channel: string;
    readonly height: number;
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
    readonly older: number | null;
    readonly note: string;
}

/** The pages of `channel` from the newest down to block `lowest` (one page when undefined). */
async function loadPages(channel: string, lowest: number | undefined): Promise<BlocksView[]> {
    const query = (before?: number) =>
        `/blocks?channel=${encodeURIComponent(channel)}${before === undefined ? '' : `&before=${String(before)}`}`;
    const pages = [await get<BlocksView>(query())];
    for (;;) {
        const older = pages[pages.length - 1]?.older ?? null;
        if (lowest === undefined || older === null || lowest >= older) return pages;
        pages.push(await get<BlocksView>(query(older)));
    }
}

/** The block explorer: a channel picker, blocks newest first, and an "older" link paging back by block number. */
function BlockExplorer({ channels, version }: { readonly channels: readonly string[]; readonly version: number }) {
    const [channel, setChannel] = useState(channels[0] ?? '');
    const [lowest, setLowest] = useState<number | undefined>(undefined);
    const state = useLoaded(() => loadPages(channel, lowest), [channel, lowest, version]);
    const pages = state.data ?? [];
    const older = pages[pages.length - 1]?.older ?? null;
    return (
        <div id="explorer">
            <h3>
                Blocks{' '}
                <select
                    id="explorer-channel"
                    aria-label="channel"
                    value={channel}
                    onChange={(event) => {
                        setChannel(event.currentTarget.value);
                        setLowest(undefined);
                    }}
                >
                    {channels.map((name) => (
                        <option key={name} value={name}>
                            {name}
                        </option>
                    ))}
                </select>{' '}
                <small id="explorer-height">{pages[0] === undefined ? '' : `height ${String(pages[0].height)}`}</small>
            </h3>
            {state.error === undefined ? null : <ErrorBox error={state.error} />}
            <p class="notes" id="explorer-note">
                {pages.map((page) => page.note).join(' ')}
            </p>
            <Table head={['block', 'transaction', 'submitter', 'endorsers', 'validation', 'event']} id="blocks">
                {pages.flatMap((page) =>
                    page.blocks.flatMap((block) =>
                        block.transactions.length === 0 ? (
                            <tr key={String(block.number)} data-block={block.number}>
                                <td>{block.number}</td>
                                <td colSpan={5}>no transactions</td>
                            </tr>
                        ) : (
                            block.transactions.map((tx, index) => (
                                <tr key={`${String(block.number)}/${String(index)}`} data-block={block.number}>
                                    <td>{block.number}</td>
                                    <td title={tx.transactionId}>
                                        {tx.chaincode === '' ? tx.transaction : `${tx.chaincode}.${tx.transaction}`}
                                    </td>
                                    <td>{tx.creatorMspId}</td>
                                    <td>{tx.endorsers.join(', ')}</td>
                                    <td class={tx.validationCode === 'VALID' ? 'good' : 'bad'}>{tx.validationCode}</td>
                                    <td>{tx.event?.name ?? ''}</td>
                                </tr>
                            ))
                        ),
                    ),
                )}
            </Table>
            <p class="pager">
                {older === null ? (
                    <span id="blocks-start">block 0 is the channel's first</span>
                ) : (
                    <button
                        type="button"
                        id="blocks-older"
                        onClick={() => {
                            setLowest(Math.max(0, older - 1));
                        }}
                    >
                        older: blocks before {older}
                    </button>
                )}{' '}
                {lowest === undefined ? null : (
                    <button
                        type="button"
                        id="blocks-newest"
                        onClick={() => {
                            setLowest(undefined);
                        }}
                    >
                        newest only
                    </button>
                )}
            </p>
        </div>
    );
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
                    <Table head={['channel', 'chaincode', 'version', 'sequence', 'approved by']} id="chaincodes">
                        {data.chaincodes.map((cc) => (
                            <tr key={`${cc.channel}/${cc.name}`} data-chaincode={cc.name}>
                                <td>{cc.channel}</td>
                                <td>{cc.name}</td>
                                <td>{cc.version}</td>
                                <td>{cc.sequence}</td>
                                <td class="approvals">
                                    {cc.approvedBy === null
                                        ? '—'
                                        : cc.approvedBy.join(', ') +
                                          ((cc.notApprovedBy ?? []).length === 0
                                              ? ''
                                              : ` (not: ${(cc.notApprovedBy ?? []).join(', ')})`)}
                                </td>
                            </tr>
                        ))}
                    </Table>
                    <p class="notes" id="chaincodes-source" data-source={data.chaincodeSource}>
                        {data.chaincodeSource === 'peers'
                            ? 'read from the peers (_lifecycle)'
                            : data.chaincodeSource === 'deployments'
                              ? 'the peers could not be asked: from deployments.json'
                              : 'the embedded world loads its contracts as built'}
                    </p>
                </div>
            </div>
            <ul class="notes">
                {data.notes.map((note) => (
                    <li key={note}>{note}</li>
                ))}
            </ul>
            <BlockExplorer channels={data.explorerChannels} version={version} />
        </section>
    );
}
