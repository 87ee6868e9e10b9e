// SPDX-License-Identifier: Apache-2.0
//
// `network down`, `status`, `restart <node>` and `logs <node>` over a state directory.
import { existsSync, readFileSync } from 'node:fs';

import { NetworkError } from '../errors.js';
import type { ChaincodeServerStatus } from '../lifecycle/servers.js';
import { chaincodeServers } from '../lifecycle/servers.js';
import { readDeployments } from '../lifecycle/deploy.js';
import { loadTree, planPorts } from './plans.js';
import { checkPorts, describeTaken } from './portOwners.js';
import type { StartedProcess } from './processes.js';
import { DockerRuntime } from '../docker/DockerRuntime.js';
import { fabricHome as defaultFabricHome } from '../toolchain.js';
import { healthy, pollUntil } from './processes.js';
import { StateDir } from './state.js';
import type { Progress } from './Runner.js';
import { Runner } from './Runner.js';
import { runtimeOfRecord } from './select.js';
import { runningNodes, stopAll } from './up.js';

/** What `down` found and did. */
export interface DownResult {
    readonly stopped: readonly StartedProcess[];
    readonly wasRunning: boolean;
}

export function requireNetwork(stateRoot: string): {
    state: StateDir;
    record: NonNullable<ReturnType<StateDir['read']>>;
} {
    const state = new StateDir(stateRoot);
    const record = state.read();
    if (record === undefined) {
        throw new NetworkError(`no network in ${stateRoot}: it holds no network.json`, {
            code: 'NO_NETWORK',
            exit: 'notFound',
            hint: "start one with 'productivist network up', or give the --state folder of one",
        });
    }
    return { state, record };
}

/** Stops every recorded process and proves none is left: pids gone, every plan port free. */
export async function networkDown(stateRoot: string, fabricHome: string = defaultFabricHome()): Promise<DownResult> {
    const state = new StateDir(stateRoot);
    const record = state.read();
    if (record === undefined) return { stopped: [], wasRunning: false };
    const runtime = await runtimeOfRecord(record, stateRoot, fabricHome);
    const stopped = await stopAll(state, record, runtime);
    const stillRunning = await Promise.all(stopped.map((started) => runtime.isRunning(started)));
    const left = stopped.filter((_, index) => stillRunning[index] === true);
    if (left.length > 0) {
        throw new NetworkError(
            `processes still alive after down: ${left.map((entry) => `${entry.id} (pid ${entry.pid})`).join(', ')}`,
            {
                code: 'DOWN_INCOMPLETE',
                exit: 'environment',
                hint: 'stop them by pid (kill -9 <pid>) and run down again',
            },
        );
    }
    if (runtime instanceof DockerRuntime) {
        const containers = await runtime.containers();
        if (containers.length > 0) {
            throw new NetworkError(
                `containers of this network are left after down: ${containers.map((info) => info.Names.join(',')).join('; ')}`,
                {
                    code: 'DOWN_INCOMPLETE',
                    exit: 'environment',
                    hint: 'remove them (docker rm -f <name>) and run down again',
                },
            );
        }
    }
    if (existsSync(state.tree) && existsSync(`${state.tree}/start-plan.json`)) {
        const ports = planPorts(loadTree(state.tree).start);
        let taken: Awaited<ReturnType<typeof checkPorts>> = [];
        await pollUntil(
            async () => {
                taken = (await checkPorts(ports)).filter((check) => !check.free);
                return taken.length === 0;
            },
            5_000,
            100,
        );
        if (taken.length > 0) {
            throw new NetworkError(`plan ports still bound after down: ${taken.map(describeTaken).join('; ')}`, {
                code: 'DOWN_INCOMPLETE',
                exit: 'environment',
                hint: 'stop the processes named above',
            });
        }
    }
    return { stopped, wasRunning: stopped.length > 0 };
}

/** One node in `status`. */
export interface NodeStatus {
    readonly id: string;
    readonly kind: string;
    readonly organization: string;
    readonly pid: number | undefined;
    /** The container of the node under the Docker runtime. */
    readonly container: string | undefined;
    readonly running: boolean;
    readonly healthy: boolean;
    readonly ports: Readonly<Record<string, number>>;
    readonly log: string;
}

/** `status --json`. */
export interface NetworkStatus {
    readonly ecosystem: string;
    readonly state: string;
    readonly nodes: readonly NodeStatus[];
    /** channel → peer → height (undefined when the peer does not answer). */
    readonly heights: Readonly<Record<string, Readonly<Record<string, number | null>>>>;
    /** channel → the orderer the Raft logs name as leader. */
    readonly leaders: Readonly<Record<string, string | null>>;
    /** The chaincode servers under the supervisor. */
    readonly chaincodes: readonly ChaincodeServerStatus[];
}

/** The last Raft leader a channel's orderer logs report, mapped to the orderer's id. */
function raftLeaders(
    state: StateDir,
    orderers: readonly string[],
    channels: readonly string[],
): Record<string, string | null> {
    const leaders: Record<string, string | null> = {};
    for (const channel of channels) {
        const nodeIds = new Map<number, string>();
        let leader: number | undefined;
        let when = '';
        for (const id of orderers) {
            const log = state.log(id);
            if (!existsSync(log)) continue;
            const pattern = new RegExp(
                `^(\\S+ \\S+).*Raft leader changed: \\d+ -> (\\d+) channel=${channel} node=(\\d+)`,
                'gm',
            );
            for (const match of readFileSync(log, 'utf8').matchAll(pattern)) {
                nodeIds.set(Number(match[3]), id);
                const stamp = match[1] ?? '';
                if (stamp >= when) {
                    when = stamp;
                    leader = Number(match[2]);
                }
            }
        }
        // SmartBFT: the leader logs that it changes to the leader role.
        const bft = new RegExp(`^(\\S+ \\S+).*Changing to leader role.* channel=${channel}`, 'gm');
        let bftLeader: string | undefined;
        for (const id of orderers) {
            const log = state.log(id);
            if (!existsSync(log)) continue;
            for (const match of readFileSync(log, 'utf8').matchAll(bft)) {
                const stamp = match[1] ?? '';
                if (stamp >= when) {
                    when = stamp;
                    bftLeader = id;
                }
            }
        }
        leaders[channel] = bftLeader ?? (leader === undefined ? null : (nodeIds.get(leader) ?? `consenter ${leader}`));
    }
    return leaders;
}

/** `network status`. */
export async function networkStatus(stateRoot: string, fabricHome: string): Promise<NetworkStatus> {
    const { state, record } = requireNetwork(stateRoot);
    const tree = loadTree(state.tree);
    const byId = new Map(record.processes.map((entry) => [entry.id, entry]));
    const runtime = await runtimeOfRecord(record, stateRoot, fabricHome);
    const nodes = await Promise.all(
        tree.start.processes
            .filter((node) => node.kind !== 'chaincode')
            .map(async (node) => {
                const started = byId.get(node.id);
                const running = started !== undefined && (await runtime.isRunning(started));
                if (started !== undefined && node.kind === 'orderer') await runtime.syncLog(started);
                return {
                    id: node.id,
                    kind: node.kind,
                    organization: node.organization,
                    pid: running ? started.pid : undefined,
                    container: started?.container,
                    running,
                    healthy: running && node.readiness !== undefined ? await healthy(node.readiness) : false,
                    ports: node.ports,
                    log: state.log(node.id),
                };
            }),
    );
    const runner = new Runner(tree, state, record, fabricHome, () => undefined, 1_000, runtime);
    const heights: Record<string, Record<string, number | null>> = {};
    for (const channel of tree.start.channels) {
        const perPeer: Record<string, number | null> = {};
        await Promise.all(
            channel.peers.map(async (peer) => {
                const node = nodes.find((candidate) => candidate.id === peer.peer);
                if (node?.running !== true) {
                    perPeer[peer.peer] = null;
                    return;
                }
                try {
                    const out = await runner.peerCli(peer.admin, peer.address, [
                        'channel',
                        'getinfo',
                        '-c',
                        channel.name,
                    ]);
                    const height = /"height":(\d+)/.exec(out)?.[1];
                    perPeer[peer.peer] = height === undefined ? null : Number(height);
                } catch {
                    perPeer[peer.peer] = null;
                }
            }),
        );
        heights[channel.name] = perPeer;
    }
    // Only running orderers' logs count: a stopped leader is no leader.
    const orderers = nodes.filter((node) => node.kind === 'orderer' && node.running).map((node) => node.id);
    return {
        ecosystem: record.ecosystem,
        state: stateRoot,
        nodes,
        heights,
        leaders: raftLeaders(
            state,
            orderers,
            tree.start.channels.map((channel) => channel.name),
        ),
        chaincodes:
            runtime instanceof DockerRuntime
                ? await runtime.chaincodeServers(
                      record.processes,
                      Object.fromEntries(
                          Object.values(readDeployments(stateRoot)).map((entry) => [entry.server, entry.address]),
                      ),
                  )
                : chaincodeServers(state, record),
    };
}

/** A node of the plan other than a chaincode server, or an error listing the nodes. */
function planNode(tree: ReturnType<typeof loadTree>, id: string) {
    const node = tree.start.processes.find((candidate) => candidate.id === id && candidate.kind !== 'chaincode');
    if (node === undefined) {
        throw new NetworkError(`no node '${id}' in ${tree.start.ecosystem}`, {
            code: 'NODE_NOT_FOUND',
            exit: 'notFound',
            hint: `nodes: ${tree.start.processes.map((candidate) => candidate.id).join(', ')}`,
        });
    }
    return node;
}

/**
 * `network stop <node>`: stops one node of a running network through the runtime that started it
 * (the fault tests' node loss); `network restart <node>` brings it back. False when it was not running.
 */
export async function stopNode(stateRoot: string, id: string, fabricHome: string): Promise<boolean> {
    const { state, record } = requireNetwork(stateRoot);
    planNode(loadTree(state.tree), id);
    const runtime = await runtimeOfRecord(record, stateRoot, fabricHome);
    const current = record.processes.find((entry) => entry.id === id);
    if (current === undefined || !(await runtime.isRunning(current))) return false;
    await runtime.stop(current);
    return true;
}

/** `network restart <node>`: stops it when it runs, starts it again and waits until it is ready. */
export async function restartNode(
    stateRoot: string,
    id: string,
    fabricHome: string,
    progress: Progress = () => undefined,
): Promise<StartedProcess> {
    const { state, record } = requireNetwork(stateRoot);
    const tree = loadTree(state.tree);
    const node = planNode(tree, id);
    const runtime = await runtimeOfRecord(record, stateRoot, fabricHome);
    const current = record.processes.find((entry) => entry.id === id);
    if (current !== undefined) await runtime.stop(current);
    if ((await runningNodes(record, runtime)).length === 0) {
        throw new NetworkError(
            `the network in ${stateRoot} is down; restart brings back one node of a running network`,
            {
                code: 'NETWORK_DOWN',
                exit: 'usage',
                hint: "run 'productivist network up' instead",
            },
        );
    }
    const runner = new Runner(tree, state, record, fabricHome, progress, 60_000, runtime);
    return runner.startNode(node);
}

/** The log file of a node (brought up to date from its container under Docker), or an error listing the nodes. */
export async function nodeLog(
    stateRoot: string,
    id: string,
    fabricHome: string = defaultFabricHome(),
): Promise<string> {
    const { state, record } = requireNetwork(stateRoot);
    const started = record.processes.find((entry) => entry.id === id);
    if (started !== undefined && record.runtime === 'docker') {
        await (await runtimeOfRecord(record, stateRoot, fabricHome)).syncLog(started);
    }
    const log = state.log(id);
    if (!existsSync(log)) {
        throw new NetworkError(`no log for node '${id}' in ${state.logs}`, {
            code: 'NODE_NOT_FOUND',
            exit: 'notFound',
            hint: "'productivist network status' lists the nodes",
        });
    }
    return log;
}
