// SPDX-License-Identifier: Apache-2.0
//
// Killing one node of a running network with SIGKILL, as a crash would: no shutdown, no flush.
// What the fault tests use to take down a peer, an orderer or a chaincode server; `restartNode`
// brings a node back, the supervisor a chaincode server.
import { NetworkError } from '../errors.js';
import { chaincodeServers } from '../lifecycle/servers.js';
import { fabricHome as defaultFabricHome } from '../toolchain.js';
import { requireNetwork } from './ops.js';
import { killProcess } from './processes.js';
import { runtimeOfRecord } from './select.js';

/** What {@link killNode} killed. */
export interface Killed {
    readonly id: string;
    readonly pid: number;
}

/**
 * Kills node `id` (an orderer, a peer, a CA, or a chaincode server such as
 * `cc.<channel>.<chaincode>`) with SIGKILL and resolves once it is gone; refuses a node that does not run.
 */
export async function killNode(
    stateRoot: string,
    id: string,
    fabricHome: string = defaultFabricHome(),
): Promise<Killed> {
    const { state, record } = requireNetwork(stateRoot);
    const runtime = await runtimeOfRecord(record, stateRoot, fabricHome);
    const node = record.processes.find((entry) => entry.id === id);
    if (node !== undefined) {
        if (!(await runtime.isRunning(node))) throw notRunning(id, stateRoot);
        await runtime.kill(node);
        return { id, pid: node.pid };
    }
    // A chaincode server under the kit's supervisor (native runtime): its pid is in the supervisor's status.
    const server = chaincodeServers(state, record).find((entry) => entry.id === id);
    if (server !== undefined) {
        if (server.pid === undefined) throw notRunning(id, stateRoot);
        await killProcess(server.pid);
        return { id, pid: server.pid };
    }
    throw new NetworkError(`no node '${id}' runs in ${stateRoot}`, {
        code: 'NODE_NOT_FOUND',
        exit: 'notFound',
        hint: `nodes: ${[...record.processes.map((entry) => entry.id), ...chaincodeServers(state, record).map((entry) => entry.id)].join(', ')}`,
    });
}

function notRunning(id: string, stateRoot: string): NetworkError {
    return new NetworkError(`node '${id}' of ${stateRoot} is not running`, {
        code: 'NODE_NOT_RUNNING',
        exit: 'usage',
        hint: "'productivist network status' shows what runs; 'network restart <node>' starts a node again",
    });
}
