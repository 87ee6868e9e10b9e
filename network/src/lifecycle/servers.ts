// SPDX-License-Identifier: Apache-2.0
//
// The parent side of the chaincode-server supervisor: the spec it runs (in the state directory),
// starting it detached or telling it to reload, and readiness (the server's TLS port accepts a
// connection, under the pid the supervisor reports for the current spec entry).
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';

import { NetworkError } from '../errors.js';
import type { StartedProcess } from '../runtime/processes.js';
import { isAlive, logTail, pollUntil, startDetached } from '../runtime/processes.js';
import type { NetworkRecord, StateDir } from '../runtime/state.js';
import type { SupervisedServer, SupervisorSpec, SupervisorStatus } from './supervisor.js';
import { generationOf } from './supervisor.js';

/** The compiled supervisor program (also when this module runs from its TypeScript source, as in tests). */
function supervisorProgram(): string {
    const beside = join(__dirname, 'supervisor.js');
    if (existsSync(beside)) return beside;
    const built = join(__dirname, '..', '..', 'dist', 'lifecycle', 'supervisor.js');
    if (existsSync(built)) return built;
    throw new NetworkError(`the chaincode supervisor is not built: ${built} is missing`, {
        code: 'BINARY_MISSING',
        exit: 'environment',
        hint: "run 'npm run build' in the kit",
    });
}

/** The id under which the supervisor is recorded in network.json. */
export const supervisorId = 'chaincode-supervisor';

export function specFile(state: StateDir): string {
    return join(state.root, 'chaincodes', 'supervisor-spec.json');
}

export function statusFile(state: StateDir | string): string {
    return join(typeof state === 'string' ? state : state.root, 'chaincodes', 'servers.json');
}

export function readSpec(state: StateDir): SupervisorSpec {
    const file = specFile(state);
    if (!existsSync(file)) return { servers: [] };
    return JSON.parse(readFileSync(file, 'utf8')) as SupervisorSpec;
}

/** The supervisor's status file (of a state folder), or undefined when it has written none. */
export function readServerStatus(state: StateDir | string): SupervisorStatus | undefined {
    const file = statusFile(state);
    if (!existsSync(file)) return undefined;
    try {
        return JSON.parse(readFileSync(file, 'utf8')) as SupervisorStatus;
    } catch {
        return undefined;
    }
}

function writeSpec(state: StateDir, spec: SupervisorSpec): void {
    const file = specFile(state);
    mkdirSync(join(state.root, 'chaincodes'), { recursive: true });
    writeFileSync(`${file}.tmp`, `${JSON.stringify(spec, null, 2)}\n`);
    renameSync(`${file}.tmp`, file);
}

/** The running supervisor of a record, if any. */
export function runningSupervisor(record: NetworkRecord): StartedProcess | undefined {
    const entry = record.processes.find((started) => started.id === supervisorId);
    return entry !== undefined && isAlive(entry.pid) ? entry : undefined;
}

/** True when a TCP connection to host:port opens. */
export function portOpen(address: string): Promise<boolean> {
    const [host = '127.0.0.1', port = '0'] = address.split(':');
    return new Promise((resolve) => {
        const socket = connect({ host, port: Number(port) });
        socket.setTimeout(1_000);
        socket.once('connect', () => {
            socket.destroy();
            resolve(true);
        });
        socket.once('error', () => {
            resolve(false);
        });
        socket.once('timeout', () => {
            socket.destroy();
            resolve(false);
        });
    });
}

/**
 * Puts `servers` into the spec (replacing entries of the same id) and makes the supervisor run
 * them: starts it when none runs (recording it), else asks it to reload. Returns the supervisor.
 */
export function superviseServers(
    state: StateDir,
    record: NetworkRecord,
    servers: readonly SupervisedServer[],
): Promise<StartedProcess> {
    // One change of the spec at a time (deploys run in parallel; the supervisor starts once).
    const next = pending.then(() => supervise(state, record, servers));
    pending = next.catch(() => undefined);
    return next;
}

let pending: Promise<unknown> = Promise.resolve();

async function supervise(
    state: StateDir,
    record: NetworkRecord,
    servers: readonly SupervisedServer[],
): Promise<StartedProcess> {
    const spec = readSpec(state);
    const ids = new Set(servers.map((server) => server.id));
    writeSpec(state, { servers: [...spec.servers.filter((server) => !ids.has(server.id)), ...servers] });
    const current = runningSupervisor(record);
    if (current !== undefined) {
        process.kill(current.pid, 'SIGHUP');
        return current;
    }
    rmSync(statusFile(state), { force: true });
    const started = startDetached(
        supervisorId,
        process.execPath,
        [supervisorProgram(), specFile(state), statusFile(state)],
        Object.fromEntries(
            ['PATH', 'HOME', 'TMPDIR', 'LANG'].flatMap((name) => {
                const value = process.env[name];
                return value === undefined ? [] : [[name, value]];
            }),
        ),
        state.log(supervisorId),
        state.root,
    );
    record.processes = [...record.processes.filter((entry) => entry.id !== supervisorId), started];
    state.write(record);
    // Its first status file says its signal handlers are in place (a SIGHUP before would end it).
    const up = await pollUntil(
        () => Promise.resolve(readServerStatus(state)?.supervisor === started.pid || !isAlive(started.pid)),
        15_000,
        50,
    );
    if (!up || !isAlive(started.pid)) {
        const lines = logTail(started.log);
        throw new NetworkError(`the chaincode supervisor (pid ${started.pid}) did not start`, {
            code: 'NODE_NOT_READY',
            exit: 'environment',
            details: lines === '' ? [] : lines.split('\n').map((line) => `  | ${line}`),
            hint: `read ${started.log}`,
        });
    }
    return started;
}

/** Waits until the supervisor runs the current spec entry of `server` and its port accepts connections. */
export async function waitServing(state: StateDir, server: SupervisedServer, deadlineMs: number): Promise<number> {
    let pid: number | undefined;
    const ok = await pollUntil(
        async () => {
            const status = readServerStatus(state)?.servers[server.id];
            if (status?.generation !== generationOf(server) || status.pid === null) return false;
            pid = status.pid;
            return isAlive(status.pid) && (await portOpen(server.address));
        },
        deadlineMs,
        200,
    );
    if (!ok || pid === undefined) {
        const lines = logTail(server.log);
        throw new NetworkError(
            `chaincode server ${server.id} is not serving at ${server.address} after ${deadlineMs} ms`,
            {
                code: 'NODE_NOT_READY',
                exit: 'environment',
                details: [
                    `last lines of ${server.log}:`,
                    ...(lines === '' ? ['  (empty)'] : lines.split('\n').map((line) => `  | ${line}`)),
                ],
                hint: `read ${server.log} and ${state.log(supervisorId)}`,
            },
        );
    }
    return pid;
}

/** One chaincode server in `network status`. */
export interface ChaincodeServerStatus {
    readonly id: string;
    readonly address: string;
    readonly pid: number | undefined;
    readonly running: boolean;
    readonly restarts: number;
    readonly log: string;
}

/** The chaincode servers of a state folder, as the supervisor last reported them. */
export function chaincodeServers(state: StateDir, record: NetworkRecord): ChaincodeServerStatus[] {
    const supervised = runningSupervisor(record) !== undefined;
    const status = readServerStatus(state);
    return readSpec(state).servers.map((server) => {
        const entry = status?.servers[server.id];
        const pid = entry?.pid ?? undefined;
        const running = supervised && pid !== undefined && isAlive(pid);
        return {
            id: server.id,
            address: server.address,
            pid: running ? pid : undefined,
            running,
            restarts: entry?.restarts ?? 0,
            log: server.log,
        };
    });
}
