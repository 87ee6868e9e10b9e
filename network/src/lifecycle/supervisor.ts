// SPDX-License-Identifier: Apache-2.0
//
// The chaincode-server supervisor: a detached process (recorded in the state like the nodes) that
// runs the servers a spec file lists, each with its own log, and restarts one that exits, after a
// backoff that doubles while it keeps failing fast. SIGHUP re-reads the spec (new servers start,
// changed ones restart, removed ones stop); SIGTERM stops them all. Run as
// `node supervisor.js <spec.json> <status.json>`.
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** One server the supervisor runs. */
export interface SupervisedServer {
    readonly id: string;
    readonly file: string;
    readonly args: readonly string[];
    readonly env: Readonly<Record<string, string>>;
    readonly cwd: string;
    readonly log: string;
    /** host:port it listens on (for readiness). */
    readonly address: string;
}

/** The spec file. */
export interface SupervisorSpec {
    readonly servers: readonly SupervisedServer[];
}

/** What the supervisor reports of one server in its status file. */
export interface ServerStatus {
    /** The hash of the spec entry it runs (a changed entry is a new generation). */
    readonly generation: string;
    readonly pid: number | null;
    readonly restarts: number;
    readonly startedAt: string | null;
    readonly lastExit: { readonly code: number | null; readonly signal: string | null; readonly at: string } | null;
}

/** The status file. */
export interface SupervisorStatus {
    readonly supervisor: number;
    readonly servers: Readonly<Record<string, ServerStatus>>;
}

/** The identity of a spec entry: the sha256 of its JSON (12 hex digits). */
export function generationOf(server: SupervisedServer): string {
    return createHash('sha256').update(JSON.stringify(server)).digest('hex').slice(0, 12);
}

/** Backoff before restart number `failures` (consecutive fast exits): 250 ms doubling, at most 30 s. */
export function backoffMs(failures: number): number {
    return Math.min(30_000, 250 * 2 ** Math.min(failures, 10));
}

interface Running {
    server: SupervisedServer;
    child: ChildProcess | undefined;
    timer: NodeJS.Timeout | undefined;
    failures: number;
    restarts: number;
    startedAt: number;
    lastExit: ServerStatus['lastExit'];
    stopping: boolean;
}

function main(specFile: string, statusFile: string): void {
    const running = new Map<string, Running>();
    let shuttingDown = false;
    const say = (line: string): void => {
        process.stdout.write(`${new Date().toISOString()} ${line}\n`);
    };
    const writeStatus = (): void => {
        const servers: Record<string, ServerStatus> = {};
        for (const [id, entry] of running) {
            servers[id] = {
                generation: generationOf(entry.server),
                pid: entry.child?.pid ?? null,
                restarts: entry.restarts,
                startedAt: entry.child === undefined ? null : new Date(entry.startedAt).toISOString(),
                lastExit: entry.lastExit,
            };
        }
        const status: SupervisorStatus = { supervisor: process.pid, servers };
        mkdirSync(dirname(statusFile), { recursive: true });
        writeFileSync(`${statusFile}.tmp`, `${JSON.stringify(status, null, 2)}\n`);
        renameSync(`${statusFile}.tmp`, statusFile);
    };
    const launch = (entry: Running): void => {
        entry.timer = undefined;
        const { server } = entry;
        mkdirSync(dirname(server.log), { recursive: true });
        const fd = openSync(server.log, 'a');
        const env: Record<string, string> = { ...server.env };
        for (const name of ['PATH', 'HOME', 'TMPDIR', 'LANG']) {
            const value = process.env[name];
            if (value !== undefined && env[name] === undefined) env[name] = value;
        }
        const child = spawn(server.file, [...server.args], { cwd: server.cwd, env, stdio: ['ignore', fd, fd] });
        closeSync(fd);
        entry.child = child;
        entry.startedAt = Date.now();
        say(`${server.id} started (pid ${String(child.pid)})`);
        child.on('error', (error) => {
            say(`${server.id} could not start: ${error.message}`);
        });
        child.on('exit', (code, signal) => {
            entry.child = undefined;
            entry.lastExit = { code, signal, at: new Date().toISOString() };
            say(`${server.id} exited (code ${String(code)}, signal ${String(signal)})`);
            if (entry.stopping || shuttingDown) {
                writeStatus();
                return;
            }
            // A server that ran for a while starts over at the shortest backoff.
            const fast = Date.now() - entry.startedAt < 10_000;
            if (!fast) entry.failures = 0;
            const delay = backoffMs(entry.failures);
            if (fast) entry.failures += 1;
            entry.restarts += 1;
            say(`${server.id} restarts in ${delay} ms`);
            entry.timer = setTimeout(() => {
                launch(entry);
                writeStatus();
            }, delay);
            writeStatus();
        });
    };
    const stop = (entry: Running): Promise<void> =>
        new Promise((resolve) => {
            entry.stopping = true;
            if (entry.timer !== undefined) clearTimeout(entry.timer);
            const child = entry.child;
            if (child === undefined) {
                resolve();
                return;
            }
            const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
            child.once('exit', () => {
                clearTimeout(kill);
                resolve();
            });
            child.kill('SIGTERM');
        });
    const reload = async (): Promise<void> => {
        const spec = JSON.parse(readFileSync(specFile, 'utf8')) as SupervisorSpec;
        const wanted = new Map(spec.servers.map((server) => [server.id, server]));
        for (const [id, entry] of [...running]) {
            const next = wanted.get(id);
            if (next === undefined || generationOf(next) !== generationOf(entry.server)) {
                await stop(entry);
                running.delete(id);
            }
        }
        for (const server of spec.servers) {
            if (running.has(server.id)) continue;
            const entry: Running = {
                server,
                child: undefined,
                timer: undefined,
                failures: 0,
                restarts: 0,
                startedAt: 0,
                lastExit: null,
                stopping: false,
            };
            running.set(server.id, entry);
            launch(entry);
        }
        writeStatus();
    };
    let queue = Promise.resolve();
    const enqueue = (work: () => Promise<void>): void => {
        queue = queue.then(work).catch((error: unknown) => {
            say(`reload failed: ${error instanceof Error ? error.message : String(error)}`);
        });
    };
    process.on('SIGHUP', () => {
        enqueue(reload);
    });
    const shutdown = (): void => {
        if (shuttingDown) return;
        shuttingDown = true;
        say('stopping every server');
        void Promise.all([...running.values()].map(stop)).then(() => {
            writeStatus();
            process.exit(0);
        });
    };
    process.on('SIGTERM', shutdown);
    process.on('SIGINT', shutdown);
    say(`supervisor ${process.pid} reads ${specFile}`);
    enqueue(reload);
    // Stays alive on its own signal handlers and children; this timer keeps an empty spec alive too.
    setInterval(() => undefined, 60_000);
}

if (require.main === module) {
    const [specFile, statusFile] = process.argv.slice(2);
    if (specFile === undefined || statusFile === undefined) {
        process.stderr.write('usage: supervisor.js <spec.json> <status.json>\n');
        process.exitCode = 64;
    } else {
        main(specFile, statusFile);
    }
}
