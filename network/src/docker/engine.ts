// SPDX-License-Identifier: Apache-2.0
//
// The Docker engine the kit talks to through dockerode: the one named by PRODUCTIVIST_DOCKER_HOST
// or DOCKER_HOST, else the kit's own engine (a dockerd with its own data dir, exec dir and socket,
// started detached and stopped by its pid). The kit never configures or stops an engine it did
// not start.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

import Docker from 'dockerode';

import { NetworkError } from '../errors.js';
import { runBinary } from '../exec.js';
import { isAlive, logTail, pollUntil, startDetached, stopProcess } from '../runtime/processes.js';

/** The folder of the kit's own engine: `$PRODUCTIVIST_DOCKER_DIR`, else `~/.cache/productivist/docker`. */
export function kitEngineDir(env: NodeJS.ProcessEnv = process.env): string {
    const override = env['PRODUCTIVIST_DOCKER_DIR'];
    if (override !== undefined && override !== '') return override;
    return join(homedir(), '.cache', 'productivist', 'docker');
}

/** Paths of an engine the kit owns. */
export interface EngineDirs {
    readonly root: string;
    readonly socket: string;
    readonly pidFile: string;
    readonly log: string;
}

export function engineDirs(root: string): EngineDirs {
    return {
        root,
        socket: join(root, 'docker.sock'),
        pidFile: join(root, 'dockerd.pid'),
        log: join(root, 'dockerd.log'),
    };
}

/** `unix:///path` or a plain socket path → the socket path; other schemes are refused. */
export function socketOf(host: string): string {
    if (host.startsWith('unix://')) return host.slice('unix://'.length);
    if (host.startsWith('/')) return host;
    throw new NetworkError(`Docker host '${host}' is not a unix socket`, {
        code: 'DOCKER_HOST_UNSUPPORTED',
        exit: 'usage',
        hint: 'give PRODUCTIVIST_DOCKER_HOST / DOCKER_HOST as unix:///path/to/docker.sock (the kit binds everything to 127.0.0.1 of this machine)',
    });
}

/** The socket the kit uses: an explicit host, PRODUCTIVIST_DOCKER_HOST, DOCKER_HOST, else the kit's engine. */
export function engineSocket(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
    for (const host of [explicit, env['PRODUCTIVIST_DOCKER_HOST'], env['DOCKER_HOST']]) {
        if (host !== undefined && host !== '') return socketOf(host);
    }
    return engineDirs(kitEngineDir(env)).socket;
}

/** A dockerode client on a socket. */
export function dockerClient(socket: string): Docker {
    return new Docker({ socketPath: socket, timeout: 120_000 });
}

async function answers(docker: Docker): Promise<boolean> {
    try {
        await docker.ping();
        return true;
    } catch {
        return false;
    }
}

/** A client of a running engine, or an error saying how to start one. */
export async function connectEngine(socket: string): Promise<Docker> {
    const docker = dockerClient(socket);
    if (await answers(docker)) return docker;
    throw new NetworkError(`no Docker engine answers at ${socket}`, {
        code: 'DOCKER_ENGINE_DOWN',
        exit: 'environment',
        hint:
            "start the kit's own engine with 'productivist engine start' (as root; add --install when dockerd is missing), " +
            'or point PRODUCTIVIST_DOCKER_HOST at a running engine (unix:///path/docker.sock)',
    });
}

/** What `engine start` found or did. */
export interface EngineStart {
    readonly socket: string;
    readonly pid: number | undefined;
    readonly started: boolean;
    readonly installed: boolean;
    readonly elapsedMs: number;
}

function recordedPid(dirs: EngineDirs): number | undefined {
    if (!existsSync(dirs.pidFile)) return undefined;
    const pid = Number(readFileSync(dirs.pidFile, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

async function onPath(name: string): Promise<string | undefined> {
    for (const dir of (process.env['PATH'] ?? '').split(':').concat(['/usr/sbin', '/sbin', '/usr/bin'])) {
        if (dir !== '' && existsSync(join(dir, name))) return join(dir, name);
    }
    return Promise.resolve(undefined);
}

/** Installs Debian's docker.io (root only), or explains why it cannot. */
async function installEngine(progress: (line: string) => void): Promise<void> {
    if (process.getuid?.() !== 0) {
        throw new NetworkError('dockerd is not installed and this user cannot install it', {
            code: 'DOCKER_NOT_INSTALLED',
            exit: 'environment',
            hint: "as root: 'apt-get install -y docker.io', then 'productivist engine start'",
        });
    }
    if ((await onPath('apt-get')) === undefined) {
        throw new NetworkError('dockerd is not installed and apt-get is not available to install it', {
            code: 'DOCKER_NOT_INSTALLED',
            exit: 'environment',
            hint: "install a Docker engine (dockerd) with this system's package manager, then 'productivist engine start'",
        });
    }
    progress('installing docker.io (apt-get update; apt-get install -y docker.io)');
    const env = { DEBIAN_FRONTEND: 'noninteractive' };
    await runBinary('apt-get', ['update', '-qq'], { env, timeoutMs: 300_000 });
    await runBinary('apt-get', ['install', '-y', '-qq', 'docker.io'], { env, timeoutMs: 600_000 });
}

/**
 * Finds or starts the kit's own engine in `root`: when its socket answers, nothing is done;
 * otherwise dockerd (installed first when missing and `install` holds) starts detached with vfs
 * storage, no bridge and no iptables rules, and its pid is recorded.
 */
export async function startEngine(
    root: string,
    options: { readonly install?: boolean; readonly progress?: (line: string) => void; readonly readyMs?: number } = {},
): Promise<EngineStart> {
    const begin = Date.now();
    const progress = options.progress ?? ((): void => undefined);
    const dirs = engineDirs(root);
    if (await answers(dockerClient(dirs.socket))) {
        return { socket: dirs.socket, pid: recordedPid(dirs), started: false, installed: false, elapsedMs: 0 };
    }
    let installed = false;
    let dockerd = await onPath('dockerd');
    if (dockerd === undefined) {
        if (options.install !== true) {
            throw new NetworkError('dockerd is not installed', {
                code: 'DOCKER_NOT_INSTALLED',
                exit: 'environment',
                hint: "run 'productivist engine start --install' as root (apt-get install docker.io), or install a Docker engine yourself",
            });
        }
        await installEngine(progress);
        installed = true;
        dockerd = await onPath('dockerd');
        if (dockerd === undefined) {
            throw new NetworkError('docker.io was installed but dockerd is not on PATH', {
                code: 'DOCKER_NOT_INSTALLED',
                exit: 'environment',
                hint: 'look for dockerd under /usr/sbin and add its folder to PATH',
            });
        }
    }
    if (process.getuid?.() !== 0) {
        throw new NetworkError('starting a Docker engine needs root', {
            code: 'DOCKER_ENGINE_DOWN',
            exit: 'environment',
            hint: "run 'productivist engine start' as root, or point PRODUCTIVIST_DOCKER_HOST at a running engine",
        });
    }
    const stale = recordedPid(dirs);
    if (stale !== undefined && isAlive(stale)) await stopProcess(stale, 20_000);
    mkdirSync(join(root, 'data'), { recursive: true, mode: 0o700 });
    mkdirSync(join(root, 'exec'), { recursive: true, mode: 0o700 });
    rmSync(dirs.socket, { force: true });
    const args = [
        '--storage-driver=vfs',
        '--iptables=false',
        '--ip6tables=false',
        '--bridge=none',
        '--data-root',
        join(root, 'data'),
        '--exec-root',
        join(root, 'exec'),
        '--pidfile',
        join(root, 'exec', 'dockerd.pid'),
        '-H',
        `unix://${dirs.socket}`,
    ];
    const env: Record<string, string> = { PATH: process.env['PATH'] ?? '/usr/sbin:/usr/bin:/sbin:/bin' };
    const started = startDetached('dockerd', dockerd, args, env, dirs.log, root);
    writeFileSync(dirs.pidFile, `${started.pid}\n`);
    progress(`dockerd started (pid ${started.pid}), socket ${dirs.socket}`);
    const docker = dockerClient(dirs.socket);
    const ready = await pollUntil(
        async () => !isAlive(started.pid) || (await answers(docker)),
        options.readyMs ?? 60_000,
        200,
    );
    if (!ready || !isAlive(started.pid)) {
        const lines = logTail(dirs.log);
        await stopProcess(started.pid);
        throw new NetworkError(`dockerd did not answer at ${dirs.socket}`, {
            code: 'DOCKER_ENGINE_DOWN',
            exit: 'environment',
            details: [`last lines of ${dirs.log}:`, ...lines.split('\n').map((line) => `  | ${line}`)],
            hint: `read ${dirs.log}`,
        });
    }
    return { socket: dirs.socket, pid: started.pid, started: true, installed, elapsedMs: Date.now() - begin };
}

/** Stops the kit's own engine in `root` by its recorded pid; true when one was running. */
export async function stopEngine(root: string): Promise<boolean> {
    const dirs = engineDirs(root);
    const pid = recordedPid(dirs);
    if (pid === undefined || !isAlive(pid)) return false;
    await stopProcess(pid, 30_000);
    rmSync(dirs.pidFile, { force: true });
    await unmountUnder(root);
    return true;
}

/** Unmounts what a stopped engine left mounted under `root` (its network namespace file), deepest first. */
async function unmountUnder(root: string): Promise<void> {
    const mounts = readFileSync('/proc/self/mounts', 'utf8')
        .split('\n')
        .map((line) => line.split(' ')[1] ?? '')
        .filter((point) => point.startsWith(`${root}/`))
        .sort((a, b) => b.length - a.length);
    for (const point of mounts) await runBinary('umount', [point], { timeoutMs: 30_000 });
}

/** The pid of the kit's engine in `root` when it runs. */
export function enginePid(root: string): number | undefined {
    const pid = recordedPid(engineDirs(root));
    return pid !== undefined && isAlive(pid) ? pid : undefined;
}
