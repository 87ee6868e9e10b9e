// SPDX-License-Identifier: Apache-2.0
//
// `channel create <industrial.yaml> --public <network dir>`: an industrial ecosystem's private
// channels beside the running public network. `network up` of the industrial ecosystem (its CAs,
// its own orderers when it has them, its peers; the public network's orderers joined to its
// channels by the Productivist admin when they order them), then its organizations onboarded to
// the public channel with org add/sign/submit as the public network's admin, and the peers the
// ecosystem asks for there joined to it. Every step is skipped when already done.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';

import { NetworkError } from '../errors.js';
import { packageIdOf } from '../lifecycle/ccaasPackage.js';
import type { ChaincodeDefinitionFile } from '../lifecycle/deploy.js';
import { policyFlags, readDeployments } from '../lifecycle/deploy.js';
import type { ChannelPeer } from '../lifecycle/peerLifecycle.js';
import { approve, approvedPackage, installOn, queryCommitted } from '../lifecycle/peerLifecycle.js';
import { loadTree, sharedPorts } from '../runtime/plans.js';
import type { ChannelPlan, GeneratedTree } from '../runtime/plans.js';
import { pollUntil } from '../runtime/processes.js';
import type { Progress } from '../runtime/Runner.js';
import { retry } from '../runtime/Runner.js';
import { StateDir } from '../runtime/state.js';
import type { UpResult } from '../runtime/up.js';
import { networkUp, runningProcesses } from '../runtime/up.js';
import type { EcosystemEditor } from './context.js';
import { NetworkContext } from './context.js';
import { addOrganization, resolveSigner, signUpdateFile, submitUpdate } from './organizations.js';

/** public-channel.json of an industrial tree (the generator writes it from publicChannel). */
interface PublicChannelFile {
    readonly channel: string;
    readonly organizations: readonly {
        readonly name: string;
        readonly mspId: string;
        readonly key: string;
        readonly peers: readonly string[];
    }[];
}

/** The part of <public>/published/public-network.json channel create reads. */
interface PublicBundle {
    readonly channel: string;
    readonly organization: { readonly name: string; readonly caCert: string };
}

/** Options of {@link createIndustrialChannels}. */
export interface ChannelCreateOptions {
    /** The industrial ecosystem file. */
    readonly file: string;
    /** State folder of the running public network. */
    readonly publicState: string;
    /** State folder of the industrial ecosystem. */
    readonly state: string;
    readonly fabricHome: string;
    /** Generates the tree of an ecosystem file linked to the public network in `publicState`. */
    readonly generate: (file: string, outDir: string, publicNetwork: string) => void;
    /** The channel kit's ecosystem editor (org add on the public network). */
    readonly editor: EcosystemEditor;
    readonly progress?: Progress;
    /** Readiness deadline per node (60 s by default). */
    readonly readyMs?: number;
}

/** What channel create did. */
export interface ChannelCreateResult {
    readonly up: UpResult;
    /** Organizations added to the public channel by this run. */
    readonly onboarded: readonly string[];
    /** Peers joined to the public channel by this run. */
    readonly joined: readonly string[];
    /** `chaincode@peer` for each public chaincode package this run installed on a peer on the public channel. */
    readonly installed: readonly string[];
    /** `chaincode@organization` for each committed public definition this run approved. */
    readonly approved: readonly string[];
    readonly publicChannel: string | undefined;
}

/** The public network's bundle, or a clear error when the network does not run or published none. */
function requirePublicNetwork(publicState: string): PublicBundle {
    const record = new StateDir(publicState).read();
    if (record === undefined || runningProcesses(record).length === 0) {
        throw new NetworkError(`the public network in ${publicState} is not running`, {
            code: 'PUBLIC_NETWORK_DOWN',
            exit: 'environment',
            hint: `start it first: 'productivist network up --state ${publicState}'`,
        });
    }
    const file = join(publicState, 'published', 'public-network.json');
    if (!existsSync(file)) {
        throw new NetworkError(`the network in ${publicState} publishes no public network bundle (${file})`, {
            code: 'PUBLIC_BUNDLE_MISSING',
            exit: 'notFound',
            hint: 'give --public the state folder of the network that runs the public channel (network up writes the bundle)',
        });
    }
    return JSON.parse(readFileSync(file, 'utf8')) as PublicBundle;
}

/** Refuses an industrial tree linked to another public network (its imported CA is not the bundle's). */
function requireSameBundle(tree: GeneratedTree, publicState: string, bundle: PublicBundle): void {
    if (!tree.start.channels.some((channel) => channel.remoteConsenters.length > 0)) return;
    const ca = readFileSync(join(publicState, 'published', bundle.organization.caCert), 'utf8');
    const organizations = join(tree.root, 'organizations');
    const linked = readdirSync(organizations).some((key) => {
        const file = join(organizations, key, 'msp', 'cacerts', 'ca.pem');
        return existsSync(file) && readFileSync(file, 'utf8') === ca;
    });
    if (!linked) {
        throw new NetworkError(
            `the ecosystem in ${tree.root} was generated against another public network than the one in ${publicState}`,
            {
                code: 'PUBLIC_BUNDLE_MISMATCH',
                exit: 'usage',
                hint: "run 'productivist channel down' and remove its state folder, or give the --public folder it was created with",
            },
        );
    }
}

/** Refuses an industrial plan that takes a port of the public network's plan, naming both processes. */
function requireDisjointPorts(industrial: GeneratedTree, publicTree: GeneratedTree): void {
    const clashes = sharedPorts(industrial.start, publicTree.start);
    if (clashes.length === 0) return;
    throw new NetworkError(
        `${clashes.length} port(s) of ${industrial.start.ecosystem} are ports of the public network ${publicTree.start.ecosystem}: ${clashes.join('; ')}`,
        {
            code: 'PORT_COLLISION',
            exit: 'usage',
            hint: `give ${industrial.start.ecosystem} a ports.base outside the public network's ports and create it again in a new --state folder`,
        },
    );
}

/** `channel create`. */
export async function createIndustrialChannels(options: Readonly<ChannelCreateOptions>): Promise<ChannelCreateResult> {
    const progress = options.progress ?? ((): void => undefined);
    const bundle = requirePublicNetwork(options.publicState);
    const publicTree = loadTree(new StateDir(options.publicState).tree);
    const state = new StateDir(options.state);
    state.ensure();
    if (!existsSync(join(state.tree, 'start-plan.json'))) {
        options.generate(options.file, state.tree, options.publicState);
    }
    const tree = loadTree(state.tree);
    requireDisjointPorts(tree, publicTree);
    requireSameBundle(tree, options.publicState, bundle);
    const up = await networkUp({
        source: options.file,
        state: options.state,
        fabricHome: options.fabricHome,
        orderingState: options.publicState,
        chaincodes: false,
        progress,
        generate: (file, outDir) => {
            options.generate(file, outDir, options.publicState);
        },
        ...(options.readyMs === undefined ? {} : { readyMs: options.readyMs }),
    });
    const participationFile = join(state.tree, 'public-channel.json');
    if (!existsSync(participationFile)) {
        return { up, onboarded: [], joined: [], installed: [], approved: [], publicChannel: undefined };
    }
    const participation = JSON.parse(readFileSync(participationFile, 'utf8')) as PublicChannelFile;
    const onboarded = await onboardOrganizations(options, participation, bundle, progress);
    const joined = await joinPublicChannel(options, participation, progress);
    const { installed, approved } = await adoptPublicChaincodes(options, participation, progress);
    return { up, onboarded, joined, installed, approved, publicChannel: participation.channel };
}

/** org add, sign (the public network's admin) and submit for each organization not yet on the public channel. */
async function onboardOrganizations(
    options: Readonly<ChannelCreateOptions>,
    participation: PublicChannelFile,
    bundle: PublicBundle,
    progress: Progress,
): Promise<string[]> {
    const common = { network: options.publicState, fabricHome: options.fabricHome, progress };
    const work = join(options.state, 'public-channel');
    mkdirSync(work, { recursive: true });
    const onboarded: string[] = [];
    for (const org of participation.organizations) {
        const published = join(options.state, 'published', org.key);
        const organizationFile = join(work, `${org.key}.organization.yaml`);
        // The importedOrganization form (JSON is YAML): the public network knows it by its published roots.
        writeFileSync(
            organizationFile,
            `${JSON.stringify(
                {
                    name: org.name,
                    mspId: org.mspId,
                    caCert: join(published, 'ca.pem'),
                    tlsCaCert: join(published, 'tlsca.pem'),
                    intermediateCerts: readdirSync(published)
                        .filter((name) => name.startsWith('intermediate-'))
                        .sort()
                        .map((name) => join(published, name)),
                },
                null,
                4,
            )}\n`,
        );
        const update = join(work, `${org.key}.update.json`);
        try {
            await addOrganization({
                ...common,
                organizationFile,
                channel: participation.channel,
                out: update,
                editor: options.editor,
            });
        } catch (error) {
            if (error instanceof NetworkError && error.code === 'ORGANIZATION_ON_CHANNEL') continue;
            throw error;
        }
        await signUpdateFile({
            update,
            signer: resolveSigner({
                network: options.publicState,
                organization: bundle.organization.name,
                fabricHome: options.fabricHome,
            }),
        });
        await submitUpdate({ ...common, update, editor: options.editor });
        progress(`${org.name} (${org.mspId}) is a member of channel ${participation.channel}`);
        onboarded.push(org.name);
    }
    return onboarded;
}

/** Joins the peers the ecosystem puts on the public channel, from the public channel's genesis block. */
async function joinPublicChannel(
    options: Readonly<ChannelCreateOptions>,
    participation: PublicChannelFile,
    progress: Progress,
): Promise<string[]> {
    const context = new NetworkContext(options.state, options.fabricHome, progress);
    const publicTree = loadTree(new StateDir(options.publicState).tree);
    const publicPlan = publicTree.start.channels.find((channel) => channel.name === participation.channel);
    if (publicPlan === undefined) {
        throw new NetworkError(`the public network in ${options.publicState} has no channel ${participation.channel}`, {
            code: 'PUBLIC_CHANNEL_UNKNOWN',
            exit: 'usage',
            hint: `name one of its channels (${publicTree.start.channels.map((channel) => channel.name).join(', ')}) in publicChannel.name`,
        });
    }
    const block = join(publicTree.root, publicPlan.block);
    const wanted = new Set(participation.organizations.flatMap((org) => org.peers));
    const peers = new Map<string, ChannelPlan['peers'][number]>();
    for (const channel of context.tree.start.channels) {
        for (const peer of channel.peers) if (wanted.has(peer.peer)) peers.set(peer.peer, peer);
    }
    const publicChannel: ChannelPlan = { ...publicPlan, peers: [...peers.values()] };
    const joined: string[] = [];
    await Promise.all(
        [...peers.values()].map(async (peer) => {
            const entry = `${participation.channel}@${peer.peer}`;
            if (context.record.joined.includes(entry)) return;
            await retry(
                () => context.runner.peerCli(peer.admin, peer.address, ['channel', 'join', '-b', block]),
                /already exists/,
            );
            context.runner.markJoined(entry);
            joined.push(peer.peer);
        }),
    );
    const synced = await pollUntil(
        async () => {
            const heights = await Promise.all(
                publicChannel.peers.map((peer) => context.runner.height(publicChannel, peer)),
            );
            return heights.every((height) => height !== undefined && height > 1);
        },
        60_000,
        500,
    );
    if (!synced) {
        throw new NetworkError(
            `the peers of ${context.tree.start.ecosystem} joined to channel ${participation.channel} did not catch up within 60 s`,
            {
                code: 'CHANNEL_NOT_IN_SYNC',
                exit: 'environment',
                hint: `read the peer logs in ${context.state.logs}`,
            },
        );
    }
    progress(
        `channel ${participation.channel}: ${publicChannel.peers.length} peers of ${context.tree.start.ecosystem} on it`,
    );
    return joined;
}

/**
 * The public network's chaincodes on the industrial peers joined to the public channel: the package
 * the public network deployed (its CCaaS connection names the public chaincode server and the root
 * that signed the server's TLS certificate) installed on each, and the committed definition (its
 * current sequence) approved by each onboarded organization's admin. Skipped where done.
 */
async function adoptPublicChaincodes(
    options: Readonly<ChannelCreateOptions>,
    participation: PublicChannelFile,
    progress: Progress,
): Promise<{ installed: string[]; approved: string[] }> {
    const context = new NetworkContext(options.state, options.fabricHome, progress);
    const publicTree = loadTree(new StateDir(options.publicState).tree);
    const publicPlan = publicTree.start.channels.find((channel) => channel.name === participation.channel);
    const deployments = Object.values(readDeployments(options.publicState)).filter(
        (record) => record.channel === participation.channel,
    );
    const installed: string[] = [];
    const approved: string[] = [];
    if (publicPlan === undefined || deployments.length === 0) return { installed, approved };
    // The lifecycle resolves the orderer's TLS root against the runner's tree: point it at the public tree's file.
    const channel: ChannelPlan = {
        ...publicPlan,
        ordererTlsRootCert: relative(context.tree.root, join(publicTree.root, publicPlan.ordererTlsRootCert)),
    };
    const joinedPeers = new Map<string, ChannelPeer>();
    for (const plan of context.tree.start.channels) {
        for (const peer of plan.peers) {
            if (context.record.joined.includes(`${participation.channel}@${peer.peer}`))
                joinedPeers.set(peer.peer, peer);
        }
    }
    for (const record of deployments) {
        const [label = ''] = record.packageId.split(':');
        const file = join(options.publicState, 'chaincodes', record.server, `${label}.tar.gz`);
        if (!existsSync(file) || packageIdOf(label, readFileSync(file)) !== record.packageId) {
            throw new NetworkError(
                `the package of ${record.name} (${record.packageId}) the public network in ${options.publicState} deployed is not at ${file}`,
                {
                    code: 'PUBLIC_PACKAGE_MISSING',
                    exit: 'notFound',
                    hint: `deploy it again on the public network ('productivist network deploy ${record.source} --state ${options.publicState}'), then run channel create again`,
                },
            );
        }
        const peers = participation.organizations.flatMap((org) =>
            org.peers.flatMap((name) => {
                const peer = joinedPeers.get(name);
                return peer === undefined ? [] : [peer];
            }),
        );
        await Promise.all(
            peers.map(async (peer) => {
                if (await installOn(context.runner, peer, file, record.packageId)) {
                    installed.push(`${record.name}@${peer.peer}`);
                }
            }),
        );
        const [anyPeer] = peers;
        if (anyPeer === undefined) continue;
        const committed = await queryCommitted(context.runner, anyPeer, participation.channel, record.name);
        if (committed === undefined) continue;
        const definitionFile = join(
            publicTree.root,
            'channels',
            participation.channel,
            'chaincodes',
            `${record.name}.json`,
        );
        const flags = existsSync(definitionFile)
            ? absoluteCollections(
                  publicTree.root,
                  policyFlags(
                      (JSON.parse(readFileSync(definitionFile, 'utf8')) as ChaincodeDefinitionFile).approveFlags,
                  ),
              )
            : [];
        const definition = { channel, name: record.name, ...committed, flags };
        const onePerOrg = [...new Map(peers.map((peer) => [peer.admin.organization, peer])).values()];
        await Promise.all(
            onePerOrg.map(async (peer) => {
                const current = await approvedPackage(
                    context.runner,
                    peer,
                    participation.channel,
                    record.name,
                    committed.sequence,
                );
                if (current === record.packageId) return;
                await approve(context.runner, peer, definition, record.packageId);
                approved.push(`${record.name}@${peer.admin.organization}`);
            }),
        );
    }
    installed.sort();
    approved.sort();
    if (installed.length + approved.length > 0) {
        progress(
            `channel ${participation.channel}: public chaincodes installed (${installed.join(', ') || 'none new'}), approved (${approved.join(', ') || 'none new'})`,
        );
    }
    return { installed, approved };
}

/** The flags with a collections config file of the public tree as an absolute path (the peer CLI runs in another tree). */
function absoluteCollections(treeRoot: string, flags: readonly string[]): string[] {
    return flags.map((flag, index) =>
        flags[index - 1] === '--collections-config' && !isAbsolute(flag) ? join(treeRoot, flag) : flag,
    );
}
