// SPDX-License-Identifier: Apache-2.0
//
// `channel create <industrial.yaml> --public <network dir>`: an industrial ecosystem's private
// channels beside the running public network. `network up` of the industrial ecosystem (its CAs,
// its own orderers when it has them, its peers; the public network's orderers joined to its
// channels by the Productivist admin when they order them), then its organizations onboarded to
// the public channel with org add/sign/submit as the public network's admin, and the peers the
// ecosystem asks for there joined to it. Every step is skipped when already done.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { NetworkError } from '../errors.js';
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
    if (!existsSync(participationFile)) return { up, onboarded: [], joined: [], publicChannel: undefined };
    const participation = JSON.parse(readFileSync(participationFile, 'utf8')) as PublicChannelFile;
    const onboarded = await onboardOrganizations(options, participation, bundle, progress);
    const joined = await joinPublicChannel(options, participation, progress);
    return { up, onboarded, joined, publicChannel: participation.channel };
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
