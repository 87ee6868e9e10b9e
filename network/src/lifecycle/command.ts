// SPDX-License-Identifier: Apache-2.0
//
// `productivist network deploy <chaincode>` on a running network: a core contract by name or any
// Node chaincode project by path.
import { NetworkError } from '../errors.js';
import { loadTree } from '../runtime/plans.js';
import { isAlive } from '../runtime/processes.js';
import type { Progress } from '../runtime/Runner.js';
import { Runner } from '../runtime/Runner.js';
import { StateDir } from '../runtime/state.js';
import type { DeployResult } from './deploy.js';
import { deployChaincode } from './deploy.js';
import { resolveChaincodeSource } from './source.js';

/** Options of {@link deployNetworkChaincode}. */
export interface NetworkDeployOptions {
    /** The state folder of a running network. */
    readonly state: string;
    /** A core contract name or the path of a Node chaincode project. */
    readonly chaincode: string;
    readonly channel?: string;
    /** Chaincode name (default: the core contract's, or the project's package name). */
    readonly name?: string;
    readonly fabricHome: string;
    /** Folder a relative project path is resolved against. */
    readonly cwd?: string;
    readonly progress?: Progress;
}

/** Deploys a chaincode on a running network (see deployChaincode). */
export async function deployNetworkChaincode(options: Readonly<NetworkDeployOptions>): Promise<DeployResult> {
    // The argument first: a wrong name or path is told as such, whatever runs.
    const source = resolveChaincodeSource(options.chaincode, options.cwd);
    const state = new StateDir(options.state);
    const record = state.read();
    if (record === undefined) {
        throw new NetworkError(`no network in ${options.state}: it holds no network.json`, {
            code: 'NO_NETWORK',
            exit: 'notFound',
            hint: "start one with 'productivist network up', or give the --network folder of one",
        });
    }
    const tree = loadTree(state.tree);
    const peers = new Set(tree.start.processes.filter((node) => node.kind === 'peer').map((node) => node.id));
    const running = record.processes.filter((started) => peers.has(started.id) && isAlive(started.pid));
    if (running.length === 0) {
        throw new NetworkError(`the network in ${options.state} is down: no peer runs`, {
            code: 'NETWORK_DOWN',
            exit: 'usage',
            hint: "start it with 'productivist network up' first",
        });
    }
    const runner = new Runner(tree, state, record, options.fabricHome, options.progress ?? (() => undefined), 60_000);
    return deployChaincode(runner, source, {
        ...(options.channel === undefined ? {} : { channel: options.channel }),
        ...(options.name === undefined ? {} : { name: options.name }),
    });
}
