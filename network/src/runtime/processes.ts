// SPDX-License-Identifier: Apache-2.0
//
// Long-running node processes: started detached (they outlive the CLI command that started them),
// output to a log file, stopped by pid. Readiness is polled with a deadline, never slept.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';

import execa from 'execa';

import { NetworkError } from '../errors.js';
import { tail } from '../exec.js';

/** What the state directory records of a started process. */
export interface StartedProcess {
    readonly id: string;
    readonly pid: number;
    readonly command: readonly string[];
    readonly log: string;
    readonly startedAt: string;
    /** The container's name when the Docker runtime runs the node (pid is then its main process). */
    readonly container?: string;
}

/** True while `pid` exists and is not a zombie. */
export function isAlive(pid: number): boolean {
    try {
        process.kill(pid, 0);
    } catch {
        return false;
    }
    try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        return !/^\d+ \(.*\) Z/.test(stat);
    } catch {
        return true;
    }
}

/** Starts `file args` detached, its output appended to `log`. */
export function startDetached(
    id: string,
    file: string,
    args: readonly string[],
    env: Readonly<Record<string, string>>,
    log: string,
    cwd: string,
): StartedProcess {
    mkdirSync(dirname(log), { recursive: true });
    const fd = openSync(log, 'a');
    try {
        const child = execa(file, [...args], {
            cwd,
            env: { ...env },
            extendEnv: false,
            detached: true,
            stdin: 'ignore',
            stdout: fd,
            stderr: fd,
            reject: false,
            cleanup: false,
        });
        // A failing spawn (ENOENT) must not become an unhandled rejection; readiness reports it.
        child.catch(() => undefined);
        child.unref();
        const pid = child.pid;
        if (pid === undefined) {
            throw new NetworkError(`could not start ${id} (${file})`, {
                code: 'START_FAILED',
                exit: 'environment',
                hint: "check the binary with 'productivist doctor'",
            });
        }
        return { id, pid, command: [file, ...args], log, startedAt: new Date().toISOString() };
    } finally {
        closeSync(fd);
    }
}

/** The last lines of a log file (empty when there is none). */
export function logTail(log: string, lines = 20): string {
    if (!existsSync(log)) return '';
    return tail(readFileSync(log, 'utf8'), lines);
}

const pause = (ms: number): Promise<void> =>
    new Promise((resolve) => {
        setTimeout(resolve, ms);
    });

/** Polls `probe` every `intervalMs` until it returns true or `deadlineMs` passes. */
export async function pollUntil(probe: () => Promise<boolean>, deadlineMs: number, intervalMs = 100): Promise<boolean> {
    const end = Date.now() + deadlineMs;
    for (;;) {
        if (await probe()) return true;
        if (Date.now() >= end) return false;
        await pause(intervalMs);
    }
}

/** GET `url` answers 200. */
export async function healthy(url: string): Promise<boolean> {
    try {
        const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
        await response.body?.cancel();
        return response.status === 200;
    } catch {
        return false;
    }
}

/** A node that did not become ready: its name, the end of its log and the log's path. */
export class NodeNotReadyError extends NetworkError {
    constructor(id: string, problem: string, log: string) {
        const lines = logTail(log);
        super(`${id} ${problem}`, {
            code: 'NODE_NOT_READY',
            exit: 'environment',
            details: [
                `last lines of ${log}:`,
                ...(lines === '' ? ['  (empty)'] : lines.split('\n').map((line) => `  | ${line}`)),
            ],
            hint: `read the whole log at ${log}; everything started by this 'network up' was stopped`,
        });
        this.name = 'NodeNotReadyError';
    }
}

/** Waits until `url` is healthy; fails early when the process exits (`alive` says whether it runs). */
export async function waitReady(
    started: StartedProcess,
    url: string,
    deadlineMs: number,
    alive: () => Promise<boolean> = () => Promise.resolve(isAlive(started.pid)),
    beforeReport: () => Promise<void> = () => Promise.resolve(),
): Promise<void> {
    const seen = { exited: false };
    const ok = await pollUntil(
        async () => {
            if (!(await alive())) {
                seen.exited = true;
                return true;
            }
            return healthy(url);
        },
        deadlineMs,
        100,
    );
    if (seen.exited || !ok) await beforeReport();
    if (seen.exited)
        throw new NodeNotReadyError(started.id, `exited before it was ready (pid ${started.pid})`, started.log);
    if (!ok) throw new NodeNotReadyError(started.id, `was not healthy at ${url} within ${deadlineMs} ms`, started.log);
}

/** Sends `name` to the process group of `pid` (to the process alone when it leads no group). */
function signalGroup(pid: number, name: NodeJS.Signals): void {
    try {
        process.kill(-pid, name);
    } catch {
        try {
            process.kill(pid, name);
        } catch {
            // already gone
        }
    }
}

/** Stops a process group by pid: SIGTERM, then SIGKILL after `graceMs`. Resolves once it is gone. */
export async function stopProcess(pid: number, graceMs = 10_000): Promise<void> {
    if (!isAlive(pid)) return;
    signalGroup(pid, 'SIGTERM');
    if (await pollUntil(() => Promise.resolve(!isAlive(pid)), graceMs, 50)) return;
    await killProcess(pid);
}

/** Kills a process group by pid with SIGKILL (no chance to clean up, as in a crash). Resolves once it is gone. */
export async function killProcess(pid: number): Promise<void> {
    signalGroup(pid, 'SIGKILL');
    await pollUntil(() => Promise.resolve(!isAlive(pid)), 5_000, 50);
}
