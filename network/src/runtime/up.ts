// SPDX-License-Identifier: Apache-2.0
//
// `network up`: CAs → enrollment → orderers → channel blocks and osnadmin joins → peers → peer
// joins, each step polled for readiness with a deadline. A failure stops everything this run
// started. A second `up` after `down` resumes: the same tree, certificates and ledgers.
import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { NetworkError } from '../errors.js';
import { bundleChaincodes } from '../lifecycle/bundleChaincodes.js';
import { bringUpCoreChaincodes } from '../lifecycle/core.js';
import { ccaasBuilderDir, requireNetworkBinaries } from '../toolchain.js';
import { createChannel, joinPeers, publishCertificates, setAnchorPeers } from './channels.js';
import { networkCredentials, writeCredentials } from './credentials.js';
import type { GeneratedTree } from './plans.js';
import { loadTree, planPorts } from './plans.js';
import { checkPorts, describeTaken } from './portOwners.js';
import { DockerRuntime } from '../docker/DockerRuntime.js';
import { engineSocket } from '../docker/engine.js';
import type { ImageSource } from '../docker/images.js';
import type { NodeRuntime, RuntimeKind } from './adapter.js';
import type { StartedProcess } from './processes.js';
import { isAlive } from './processes.js';
import type { Progress } from './Runner.js';
import { Runner } from './Runner.js';
import type { NetworkRecord } from './state.js';
import { StateDir } from './state.js';
import { openRuntime, runtimeOfRecord } from './select.js';
import type { BundleRun } from './bundle.js';
import { bundleOf, publish, receive, writeScope } from './bundle.js';

export type { Progress } from './Runner.js';

/** Options of {@link networkUp}. */
export interface UpOptions {
    /** An ecosystem YAML file or a generated tree. */
    readonly source: string;
    readonly state: string;
    readonly fresh?: boolean;
    /** Writes a generated tree of an ecosystem file into a folder (the CLI composition passes the generator). */
    readonly generate?: (file: string, outDir: string) => void;
    readonly fabricHome: string;
    readonly progress?: Progress;
    /** Readiness deadline per node; 60 s by default. */
    readonly readyMs?: number;
    /** State folder of the network running the ordering organization this ecosystem imports. */
    readonly orderingState?: string;
    /** Stop after this step, leaving what runs running: `enrolled` = CAs up, every identity enrolled. */
    readonly until?: 'enrolled';
    /** How nodes run: processes on this machine (default) or Docker containers. */
    readonly runtime?: RuntimeKind;
    /** Engine socket of the Docker runtime (default: PRODUCTIVIST_DOCKER_HOST, DOCKER_HOST, the kit's engine). */
    readonly dockerSocket?: string;
    /** The Docker runtime's images: built here from the pinned binaries (default) or Fabric's official ones. */
    readonly images?: ImageSource;
    /** Exchange folder of a bundle run (default `<tree>/exchange`): certificates and channel blocks between bundles. */
    readonly exchange?: string;
    /** How long a bundle waits for the others' files in the exchange; 10 min by default. */
    readonly waitMs?: number;
    /** Deploy the core contracts the tree declares and initialize productoken (default true). */
    readonly chaincodes?: boolean;
}

/** What `up` did. */
export interface UpResult {
    readonly alreadyRunning: boolean;
    readonly processes: readonly StartedProcess[];
    readonly elapsedMs: number;
    /** Milliseconds from the start of `up` until each node was ready. */
    readonly readyAt: Readonly<Record<string, number>>;
}

/** True when some recorded process of the state directory still runs. */
export function runningProcesses(record: NetworkRecord | undefined): StartedProcess[] {
    return (record?.processes ?? []).filter((started) => isAlive(started.pid));
}

/** The recorded processes that still run, asked of the runtime that started them. */
export async function runningNodes(record: NetworkRecord | undefined, runtime: NodeRuntime): Promise<StartedProcess[]> {
    const processes = record?.processes ?? [];
    const alive = await Promise.all(processes.map((started) => runtime.isRunning(started)));
    return processes.filter((_, index) => alive[index] === true);
}

/** Prepares the state directory's tree from an ecosystem file, a generated folder or a bundle's tree. */
function prepareTree(options: Readonly<UpOptions>, state: StateDir, bundle: BundleRun | undefined): void {
    if (existsSync(join(state.tree, 'start-plan.json'))) return;
    const source = bundle?.tree ?? options.source;
    if (bundle !== undefined) {
        cpSync(source, state.tree, {
            recursive: true,
            filter: (path) => resolve(path) !== resolve(bundle.exchange),
        });
        writeScope(state.tree, bundle);
        return;
    }
    if (!existsSync(source)) {
        throw new NetworkError(`${source} does not exist`, {
            code: 'SOURCE_NOT_FOUND',
            exit: 'notFound',
            hint: 'give an ecosystem YAML file or a folder written by productivist generate',
        });
    }
    if (existsSync(join(source, 'start-plan.json'))) {
        cpSync(source, state.tree, { recursive: true });
        return;
    }
    if (options.generate === undefined) {
        throw new NetworkError(`${source} is not a generated tree and no generator is available here`, {
            code: 'SOURCE_NOT_TREE',
            exit: 'usage',
            hint: "run 'productivist generate <file> --out <dir>' and give the folder",
        });
    }
    options.generate(source, state.tree);
}

/**
 * Stops the processes of a record (peers, then orderers, then CAs) and forgets them; the Docker
 * runtime also removes every stopped container of this network.
 */
export async function stopAll(state: StateDir, record: NetworkRecord, runtime: NodeRuntime): Promise<StartedProcess[]> {
    const order = { peer: 0, orderer: 1, ca: 2 } as Record<string, number | undefined>;
    const kindOf = (id: string): number =>
        order[id.startsWith('peer') ? 'peer' : id.startsWith('orderer') ? 'orderer' : 'ca'] ?? 3;
    const running = (await runningNodes(record, runtime)).sort((a, b) => kindOf(a.id) - kindOf(b.id));
    await Promise.all(running.map((started) => runtime.stop(started)));
    if (runtime instanceof DockerRuntime) await runtime.removeAll();
    record.processes = [];
    state.write(record);
    return running;
}

/** The organization that runs the ordering service (named in the bundle's waiting messages). */
function orderingOrganization(tree: GeneratedTree): string {
    return tree.start.channels[0]?.ordererAdmin?.organization ?? 'the ordering organization';
}

/**
 * The ordering organization's channel step in a bundle run: once every member's certificates are
 * in the exchange, each channel's block is made and joined on its orderers, then published.
 */
async function bundleChannels(runner: Runner, bundle: BundleRun, waitMs: number): Promise<void> {
    const ordered = runner.tree.start.channels.filter((channel) => channel.consenters.length > 0);
    if (ordered.length === 0) return;
    const needed = bundle.bundle.receives.filter((path) => !existsSync(join(runner.tree.root, path)));
    await receive(
        bundle,
        runner.tree.root,
        needed,
        waitMs,
        (line) => {
            runner.say(line);
        },
        orderingOrganization(runner.tree),
    );
    for (const channel of ordered) {
        await createChannel(runner, channel);
        publish(bundle, runner.tree.root, [channel.block]);
    }
}

/** `network up`. */
export async function networkUp(options: Readonly<UpOptions>): Promise<UpResult> {
    const begin = Date.now();
    const progress = options.progress ?? ((): void => undefined);
    const state = new StateDir(options.state);
    state.ensure();
    const existing = state.read();
    const previousRuntime =
        existing === undefined ? undefined : await runtimeOfRecord(existing, state.root, options.fabricHome);
    const running = previousRuntime === undefined ? [] : await runningNodes(existing, previousRuntime);
    const kind = options.runtime ?? existing?.runtime ?? 'native';
    if (running.length > 0 && (existing?.runtime ?? 'native') !== kind) {
        throw new NetworkError(
            `the network in ${state.root} runs with the ${existing?.runtime ?? 'native'} runtime, not ${kind}`,
            {
                code: 'RUNTIME_MISMATCH',
                exit: 'usage',
                hint: "run 'productivist network down' first, or give the runtime it runs with",
            },
        );
    }
    if (running.length > 0 && options.fresh !== true) {
        return { alreadyRunning: true, processes: running, elapsedMs: Date.now() - begin, readyAt: {} };
    }
    // An earlier up that stopped before every identity was enrolled cannot be resumed (the CAs
    // hold half the registrations): it starts over, as with --fresh.
    const unfinished = existing !== undefined && !existing.enrolled;
    if (options.fresh === true || unfinished) {
        if (existing !== undefined && previousRuntime !== undefined) await stopAll(state, existing, previousRuntime);
        for (const entry of readdirSync(state.root)) rmSync(join(state.root, entry), { recursive: true, force: true });
        state.ensure();
    }
    const previous = options.fresh === true || unfinished ? undefined : existing;
    requireNetworkBinaries(options.fabricHome);
    if (!existsSync(join(ccaasBuilderDir(options.fabricHome), 'bin', 'detect'))) {
        throw new NetworkError(
            `the chaincode-as-a-service builder is not installed in ${ccaasBuilderDir(options.fabricHome)}`,
            {
                code: 'BINARY_MISSING',
                exit: 'environment',
                hint: "run 'bash scripts/install-fabric.sh' (needs Go 1.26)",
            },
        );
    }
    const dockerSocket = kind === 'docker' ? (options.dockerSocket ?? engineSocket()) : undefined;
    const bundle = bundleOf(options.source, options.exchange);
    prepareTree(options, state, bundle);
    const tree = loadTree(state.tree);
    const images = kind === 'docker' ? (options.images ?? existing?.images ?? 'local') : undefined;
    const runtime = await openRuntime(
        { kind, dockerSocket, progress, ...(images === undefined ? {} : { images }) },
        state.root,
        tree.start.ecosystem,
        options.fabricHome,
    );
    const taken = (await checkPorts(planPorts(tree.start))).filter((check) => !check.free);
    if (taken.length > 0) {
        throw new NetworkError(
            `${taken.length} port(s) of ${tree.start.ecosystem} are taken: ${taken.map(describeTaken).join('; ')}`,
            {
                code: 'PORT_TAKEN',
                exit: 'environment',
                hint: 'stop the process holding the port, or give this ecosystem another ports.base and regenerate',
            },
        );
    }
    const record: NetworkRecord = previous ?? {
        version: 1,
        ecosystem: tree.start.ecosystem,
        source: options.source,
        enrolled: false,
        joined: [],
        processes: [],
    };
    record.processes = [];
    record.runtime = kind;
    if (dockerSocket === undefined) delete record.dockerSocket;
    else record.dockerSocket = dockerSocket;
    if (images === undefined) delete record.images;
    else record.images = images;
    state.write(record);
    const runner = new Runner(tree, state, record, options.fabricHome, progress, options.readyMs ?? 60_000, runtime);
    runner.orderingState = options.orderingState;
    try {
        runner.say(`starting ${tree.start.ecosystem} from ${state.tree} (${kind} runtime)`);
        if (runtime instanceof DockerRuntime) {
            const images = await runtime.fabricImages();
            runner.say(`images: ${Object.values(images).join(', ')}`);
        }
        await runner.startCas();
        if (!record.enrolled) {
            await runner.enroll();
            record.enrolled = true;
            state.write(record);
        }
        publishCertificates(runner);
        if (bundle !== undefined) publish(bundle, state.tree, bundle.bundle.publishes);
        const members = writeCredentials(tree, state.root);
        runner.say(`${members.length} member credentials in ${networkCredentials(state.root).directory}`);
        if (options.until === 'enrolled') {
            runner.say(`${tree.start.ecosystem}: CAs up and every identity enrolled`);
            return {
                alreadyRunning: false,
                processes: runner.started,
                elapsedMs: Date.now() - begin,
                readyAt: runner.readyAt,
            };
        }
        const nodes = tree.start.processes;
        await Promise.all(nodes.filter((node) => node.kind === 'orderer').map((node) => runner.startNode(node)));
        if (bundle === undefined) {
            for (const channel of tree.start.channels) await createChannel(runner, channel);
        } else {
            await bundleChannels(runner, bundle, options.waitMs ?? 600_000);
        }
        await Promise.all(nodes.filter((node) => node.kind === 'peer').map((node) => runner.startNode(node)));
        // A bundle's channels without its peers have no join or anchor step for it.
        const joining = tree.start.channels.filter((channel) => bundle === undefined || channel.peers.length > 0);
        if (bundle !== undefined) {
            const ordering = tree.start.channels.map((channel) => channel.ordererTlsRootCert);
            const blocks = joining.filter((channel) => channel.consenters.length === 0).map((channel) => channel.block);
            if (blocks.length > 0) {
                await receive(
                    bundle,
                    state.tree,
                    [...new Set([...blocks, ...ordering])],
                    options.waitMs ?? 600_000,
                    (line) => {
                        runner.say(line);
                    },
                    orderingOrganization(tree),
                );
            }
        }
        for (const channel of joining) await joinPeers(runner, channel);
        for (const channel of joining) await setAnchorPeers(runner, channel);
        if (options.chaincodes !== false) {
            if (bundle === undefined) await bringUpCoreChaincodes(runner);
            else await bundleChaincodes(runner, bundle.bundle.organization, options.waitMs ?? 600_000);
        }
        runner.say(`${tree.start.ecosystem} is up: ${runner.started.length} processes`);
    } catch (error) {
        runner.say(`up failed; stopping the ${runner.started.length} processes it started`);
        await runner.stopStarted();
        // A container that failed before it was recorded (a chaincode server not serving) goes too.
        if (runtime instanceof DockerRuntime) await runtime.removeAll();
        throw error;
    }
    return { alreadyRunning: false, processes: runner.started, elapsedMs: Date.now() - begin, readyAt: runner.readyAt };
}
