// SPDX-License-Identifier: Apache-2.0
//
// The channel steps of `network up`: the block and the consenters' joins (this tree's orderers,
// or an imported ordering organization's through its network's state), the peers' joins, anchor
// peers by config update, and the certificates each organization publishes.
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { NetworkError } from '../errors.js';
import { runBinary } from '../exec.js';
import { requireBinary } from '../toolchain.js';
import { updateChannelConfig, withAnchorPeers } from './configUpdate.js';
import type { AdminPlan, ChannelPlan } from './plans.js';
import { loadTree } from './plans.js';
import { pollUntil } from './processes.js';
import type { Runner } from './Runner.js';
import { retry } from './Runner.js';
import { StateDir } from './state.js';

/**
 * The consenters of a channel with the admin who joins them: this tree's orderers, or for an
 * imported ordering organization, the orderers of the network in `orderingState` found by port.
 */
function consentersOf(
    runner: Runner,
    channel: ChannelPlan,
): { id: string; adminAddress: string; admin: AdminPlan; root: string }[] {
    if (channel.remoteConsenters.length === 0 || channel.consenters.length > 0) {
        const admin = channel.ordererAdmin;
        if (admin === undefined) {
            throw new NetworkError(`channel ${channel.name} names no orderer admin in start-plan.json`, {
                code: 'PLAN_INVALID',
                exit: 'usage',
                hint: 'regenerate the tree',
            });
        }
        return channel.consenters.map((consenter) => ({
            id: consenter.orderer,
            adminAddress: consenter.adminAddress,
            admin,
            root: runner.tree.root,
        }));
    }
    const remote = channel.remoteConsenters.map((node) => `${node.host}:${String(node.port)}`).join(', ');
    if (runner.orderingState === undefined) {
        throw new NetworkError(`channel ${channel.name} is ordered by orderers this tree does not run (${remote})`, {
            code: 'CHANNEL_REMOTE_ORDERING',
            exit: 'usage',
            hint: "start the ordering organization's network first and pass its state folder with --ordering-state <dir>",
        });
    }
    const other = loadTree(new StateDir(runner.orderingState).tree);
    const admin = other.start.channels.find((candidate) => candidate.ordererAdmin !== undefined)?.ordererAdmin;
    return channel.remoteConsenters.map((node) => {
        const process = other.start.processes.find(
            (candidate) => candidate.kind === 'orderer' && candidate.ports['listen'] === node.port,
        );
        const adminPort = process?.ports['admin'];
        if (process === undefined || adminPort === undefined || admin === undefined) {
            throw new NetworkError(
                `orderer ${node.host} (127.0.0.1:${String(node.port)}) of channel ${channel.name} is not an orderer of the network in ${runner.orderingState}`,
                {
                    code: 'CHANNEL_REMOTE_ORDERING',
                    exit: 'usage',
                    hint: "make the imported orderers' ports and certificates those the ordering network publishes (<state>/published/)",
                },
            );
        }
        return { id: process.id, adminAddress: `127.0.0.1:${String(adminPort)}`, admin, root: other.root };
    });
}

/** configtxgen block of a channel, then `osnadmin channel join` on each consenter. */
export async function createChannel(runner: Runner, channel: ChannelPlan): Promise<void> {
    const consenters = consentersOf(runner, channel);
    const block = join(runner.tree.root, channel.block);
    if (!existsSync(block)) {
        mkdirSync(dirname(block), { recursive: true });
        await runBinary(
            requireBinary('configtxgen', runner.home),
            ['-profile', channel.profile, '-outputBlock', block, '-channelID', channel.name],
            { cwd: runner.tree.root, env: { FABRIC_CFG_PATH: runner.tree.root }, timeoutMs: 60_000 },
        );
    }
    await Promise.all(
        consenters.map(async (consenter) => {
            const entry = `${channel.name}@${consenter.id}`;
            if (runner.record.joined.includes(entry)) return;
            await retry(
                () =>
                    runner.osnadmin(
                        consenter.admin,
                        consenter.adminAddress,
                        ['channel', 'join', '--channelID', channel.name, '--config-block', block],
                        consenter.root,
                    ),
                /already exists/,
            );
            runner.markJoined(entry);
        }),
    );
    runner.say(`channel ${channel.name}: block made, ${consenters.length} consenters joined`);
}

/** The public network's bundle as the tree describes it (public-network.json, written by the generator). */
interface PublicNetworkTreeFile {
    readonly format: string;
    readonly ecosystem: string;
    readonly channel: string;
    readonly organization: { readonly name: string; readonly mspId: string; readonly key: string };
    readonly consensus: string;
    readonly orderers: readonly {
        readonly process: string;
        readonly name: string;
        readonly host: string;
        readonly port: number;
    }[];
}

/**
 * Writes what each organization publishes for other ecosystems to import, under
 * `<state>/published/<org>/`: ca.pem, tlsca.pem, intermediate-<ca>.pem per intermediate CA and, per orderer, <name>-tls.pem and
 * <name>-identity.pem. A tree that runs the public channel also gets
 * `<state>/published/public-network.json`: its public-network.json with each orderer's certificate
 * files, the bundle an industrial ecosystem links to (`publicNetwork` in its YAML).
 */
export function publishCertificates(runner: Runner): void {
    for (const org of runner.tree.enrollment.organizations) {
        const key = /^organizations\/([^/]+)\/msp\//.exec(org.mspAssembly[0]?.to ?? '')?.[1];
        if (key === undefined) continue;
        const out = join(runner.state.root, 'published', key);
        mkdirSync(out, { recursive: true });
        for (const step of org.mspAssembly) {
            if (step.to.endsWith('/cacerts/ca.pem')) cpSync(join(runner.tree.root, step.to), join(out, 'ca.pem'));
            if (step.to.endsWith('/tlscacerts/tlsca.pem'))
                cpSync(join(runner.tree.root, step.to), join(out, 'tlsca.pem'));
            const intermediate = /\/intermediatecerts\/([^/]+)$/.exec(step.to)?.[1];
            if (intermediate !== undefined) {
                cpSync(join(runner.tree.root, step.to), join(out, `intermediate-${intermediate}`));
            }
        }
        for (const node of runner.tree.start.processes) {
            if (node.kind !== 'orderer' || node.organization !== org.organization) continue;
            const name = node.id.split('.')[0] ?? node.id;
            const tls = runner.sub(node.env['ORDERER_GENERAL_TLS_CERTIFICATE'] ?? '', `${node.id} env`);
            const msp = runner.sub(node.env['ORDERER_GENERAL_LOCALMSPDIR'] ?? '', `${node.id} env`);
            cpSync(tls, join(out, `${name}-tls.pem`));
            cpSync(join(msp, 'signcerts', 'cert.pem'), join(out, `${name}-identity.pem`));
        }
    }
    const described = join(runner.tree.root, 'public-network.json');
    if (!existsSync(described)) return;
    const bundle = JSON.parse(readFileSync(described, 'utf8')) as PublicNetworkTreeFile;
    const key = bundle.organization.key;
    const published = {
        ...bundle,
        organization: { ...bundle.organization, caCert: `${key}/ca.pem`, tlsCaCert: `${key}/tlsca.pem` },
        orderers: bundle.orderers.map((node) => {
            const name = node.process.split('.')[0] ?? node.process;
            return { ...node, tlsCert: `${key}/${name}-tls.pem`, identityCert: `${key}/${name}-identity.pem` };
        }),
    };
    writeFileSync(
        join(runner.state.root, 'published', 'public-network.json'),
        `${JSON.stringify(published, null, 2)}\n`,
    );
}

export async function joinPeers(runner: Runner, channel: ChannelPlan): Promise<void> {
    const block = join(runner.tree.root, channel.block);
    await Promise.all(
        channel.peers.map(async (peer) => {
            const entry = `${channel.name}@${peer.peer}`;
            if (runner.record.joined.includes(entry)) return;
            await retry(
                () => runner.peerCli(peer.admin, peer.address, ['channel', 'join', '-b', block]),
                /already exists/,
            );
            runner.markJoined(entry);
        }),
    );
    runner.say(`channel ${channel.name}: ${channel.peers.length} peers joined`);
}

/**
 * Sets each local organization's anchor peers by a config update its admin signs (one after
 * the other: each changes the config sequence), then waits until every peer of the channel has
 * the resulting blocks.
 */
export async function setAnchorPeers(runner: Runner, channel: ChannelPlan): Promise<void> {
    const byOrg = new Map<string, ChannelPlan['peers'][number][]>();
    for (const peer of channel.peers) byOrg.set(peer.admin.mspId, [...(byOrg.get(peer.admin.mspId) ?? []), peer]);
    const orderer = channel.orderers[0];
    if (orderer === undefined) return;
    let target = 0;
    let updated = 0;
    for (const [mspId, peers] of byOrg) {
        const entry = `${channel.name}#anchors@${mspId}`;
        const first = peers[0];
        if (first === undefined || runner.record.joined.includes(entry)) continue;
        const anchors = peers
            .filter((peer) => peer.anchor)
            .map((peer) => {
                const [host = '127.0.0.1', port = '0'] = peer.address.split(':');
                return { host, port: Number(port) };
            });
        const before = (await runner.height(channel, first)) ?? 0;
        const done = await retry(
            () =>
                updateChannelConfig(
                    {
                        channel: channel.name,
                        orderer,
                        ordererTlsCa: join(runner.tree.root, channel.ordererTlsRootCert),
                        env: runner.adminEnv(first.admin, first.address),
                        work: join(runner.state.root, 'work', channel.name, mspId),
                        fabricHome: runner.home,
                    },
                    withAnchorPeers(mspId, anchors),
                ),
            /(?!)/,
        );
        if (done === true) {
            target = Math.max(target, before + 1);
            updated++;
        }
        runner.markJoined(entry);
    }
    const ok = await pollUntil(
        async () => {
            const heights = await Promise.all(channel.peers.map((peer) => runner.height(channel, peer)));
            const first = heights[0];
            return first !== undefined && first >= target && heights.every((height) => height === first);
        },
        30_000,
        250,
    );
    if (!ok) {
        throw new NetworkError(`the peers of channel ${channel.name} did not reach one height within 30 s`, {
            code: 'CHANNEL_NOT_IN_SYNC',
            exit: 'environment',
            hint: `read the peer logs in ${runner.state.logs}`,
        });
    }
    runner.say(`channel ${channel.name}: anchor peers set (${updated} config updates), every peer at one height`);
}
