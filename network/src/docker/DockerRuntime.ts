// SPDX-License-Identifier: Apache-2.0
//
// The Docker runtime: one container per node on the host network (so every address stays
// 127.0.0.1), the generated tree mounted at its own path, labels naming the network, node and
// organization. Only containers carrying this network's labels are ever listed, stopped or removed;
// a container of the same name without them is refused, never touched.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type Docker from 'dockerode';

import { NetworkError } from '../errors.js';
import type { ChaincodeServe, NodeLaunch, NodeRuntime } from '../runtime/adapter.js';
import { logTail, pollUntil } from '../runtime/processes.js';
import { chaincodeImageFiles, packageRootOf } from './chaincodeImage.js';
import { importRootFs, imageTag } from './images.js';
import type { StartedProcess } from '../runtime/processes.js';
import { isAlive, killProcess, stopProcess } from '../runtime/processes.js';
import type { ImageRole, ImageSource } from './images.js';
import { ensureFabricImages, ensureOfficialImages, imagePaths } from './images.js';
import { portOpen } from '../lifecycle/servers.js';

/** Label keys the kit puts on its containers. */
export const labels = {
    kit: 'org.productivist.kit',
    state: 'org.productivist.state',
    network: 'org.productivist.network',
    node: 'org.productivist.node',
    org: 'org.productivist.org',
} as const;

/** The repository of chaincode-server images; each build is also tagged `<repository>:<chaincode name>` (compose.yaml's name). */
export const chaincodeRepository = 'productivist/chaincode-node';

/** The alias tag of a chaincode's server image (`<repository>:<chaincode>`, in Docker's tag characters). */
export function chaincodeAlias(chaincode: string): { readonly repo: string; readonly tag: string } {
    return { repo: chaincodeRepository, tag: chaincode.replace(/[^a-zA-Z0-9_.-]/g, '-').slice(0, 128) };
}

/** A container name for a node: `productivist-<ecosystem>-<node id>`, restricted to Docker's name characters. */
export function containerName(ecosystem: string, id: string): string {
    return `productivist-${ecosystem}-${id}`.replace(/[^a-zA-Z0-9_.-]/g, '-');
}

/** The entrypoint of a chaincode server's image: node and the shim's command line (the first argument). */
function chaincodeEntrypoint(server: Pick<ChaincodeServe, 'file' | 'args'>): string[] {
    const [cli] = server.args;
    return cli === undefined ? [server.file] : [server.file, cli];
}

/** Splits Docker's multiplexed log stream (8-byte frame headers) into text. */
export function demuxLogs(buffer: Buffer): string {
    const parts: Buffer[] = [];
    let offset = 0;
    while (offset + 8 <= buffer.length) {
        const kind = buffer[offset];
        const size = buffer.readUInt32BE(offset + 4);
        if (kind === undefined || kind > 2 || buffer[offset + 1] !== 0 || offset + 8 + size > buffer.length) {
            // Not multiplexed (a TTY container): the bytes are the log.
            return buffer.toString('utf8');
        }
        parts.push(buffer.subarray(offset + 8, offset + 8 + size));
        offset += 8 + size;
    }
    return Buffer.concat(parts).toString('utf8');
}

function status(error: unknown): number | undefined {
    return typeof error === 'object' && error !== null && 'statusCode' in error
        ? (error as { statusCode?: number }).statusCode
        : undefined;
}

/** Containers of one network (state directory) on one engine. */
export class DockerRuntime implements NodeRuntime {
    readonly kind = 'docker';
    readonly docker: Docker;
    private readonly stateRoot: string;
    private readonly ecosystem: string;
    private readonly home: string;
    private readonly progress: (line: string) => void;
    /** The kit's images built here (local) or Fabric's official ones. */
    readonly imageSource: ImageSource;
    private images: Promise<Partial<Record<ImageRole, string>>> | undefined;
    private readonly chaincodeImages = new Map<string, Promise<string>>();

    constructor(
        docker: Docker,
        stateRoot: string,
        ecosystem: string,
        home: string,
        progress: (line: string) => void = () => undefined,
        imageSource: ImageSource = 'local',
    ) {
        this.imageSource = imageSource;
        this.docker = docker;
        this.stateRoot = stateRoot;
        this.ecosystem = ecosystem;
        this.home = home;
        this.progress = progress;
    }

    placeholders(): Record<string, string> {
        return { PRODUCTIVIST_FABRIC_CONFIG: imagePaths.config, PRODUCTIVIST_CCAAS_BUILDER: imagePaths.ccaasBuilder };
    }

    /** The images, built once per runtime (found when unchanged), or the official ones found (pulled within a deadline). */
    fabricImages(): Promise<Partial<Record<ImageRole, string>>> {
        this.images ??=
            this.imageSource === 'official'
                ? ensureOfficialImages(this.docker, this.progress)
                : ensureFabricImages(this.docker, this.home, join(this.stateRoot, 'images'), this.progress);
        return this.images;
    }

    /**
     * The chaincode-server image of a command: node plus the module folders its arguments name, with
     * node and the shim's command line as entrypoint and the module folder as working folder, so a
     * container (and compose.yaml's service) gives only the plan's `server ...` arguments.
     */
    private chaincodeImage(server: ChaincodeServe): Promise<string> {
        const roots = [server.cwd, ...server.args.filter((arg) => arg.startsWith('/') && existsSync(arg))]
            .map((path) => (existsSync(join(path, 'package.json')) ? path : packageRootOf(path)))
            .filter((root): root is string => root !== undefined);
        const key = JSON.stringify([server.file, [...new Set(roots)].sort()]);
        let image = this.chaincodeImages.get(key);
        if (image === undefined) {
            image = (async () => {
                const begin = Date.now();
                const files = await chaincodeImageFiles(server.file, [...new Set(roots)].sort());
                const changes = [`ENTRYPOINT ${JSON.stringify(chaincodeEntrypoint(server))}`, `WORKDIR ${server.cwd}`];
                const tag = imageTag(chaincodeRepository, process.versions.node, files, changes);
                const { built } = await importRootFs(this.docker, tag, files, join(this.stateRoot, 'images'), changes);
                if (built) this.progress(`image ${tag} built in ${((Date.now() - begin) / 1000).toFixed(1)} s`);
                await this.docker.getImage(tag).tag(chaincodeAlias(server.chaincode));
                return tag;
            })();
            this.chaincodeImages.set(key, image);
        }
        return image;
    }

    async serveChaincode(server: ChaincodeServe): Promise<StartedProcess> {
        const image = await this.chaincodeImage(server);
        const name = containerName(this.ecosystem, server.id);
        await this.clearName(name);
        const container = await this.docker.createContainer({
            name,
            Image: image,
            Cmd: server.args.slice(chaincodeEntrypoint(server).length - 1),
            Env: Object.entries(server.env).map(([key, value]) => `${key}=${value}`),
            Labels: this.ownLabels({ id: server.id, organization: server.organization }),
            HostConfig: {
                NetworkMode: 'host',
                Binds: [`${server.mount}:${server.mount}`],
                RestartPolicy: { Name: 'unless-stopped' },
            },
        });
        await container.start();
        const started: StartedProcess = {
            id: server.id,
            pid: (await container.inspect()).State.Pid,
            command: [name, server.file, ...server.args],
            log: server.log,
            startedAt: new Date().toISOString(),
            container: name,
        };
        const serving = await pollUntil(
            async () => (await this.isRunning(started)) && (await portOpen(server.address)),
            server.readyMs,
            200,
        );
        if (!serving) {
            await this.syncLog(started);
            const lines = logTail(server.log);
            throw new NetworkError(
                `chaincode server ${server.id} is not serving at ${server.address} after ${server.readyMs} ms`,
                {
                    code: 'NODE_NOT_READY',
                    exit: 'environment',
                    details: [
                        `last lines of ${server.log}:`,
                        ...(lines === '' ? ['  (empty)'] : lines.split('\n').map((line) => `  | ${line}`)),
                    ],
                    hint: `read the whole log at ${server.log}`,
                },
            );
        }
        return { ...started, pid: (await container.inspect()).State.Pid };
    }

    /** Chaincode server containers of a record: running, pid, restarts by the engine's restart policy. */
    async chaincodeServers(
        processes: readonly StartedProcess[],
        addresses: Readonly<Record<string, string>>,
    ): Promise<
        {
            id: string;
            address: string;
            pid: number | undefined;
            running: boolean;
            restarts: number;
            log: string;
            container: string;
        }[]
    > {
        const servers = processes.filter((started) => started.id.startsWith('cc.') && started.container !== undefined);
        return Promise.all(
            servers.map(async (started) => {
                const info = await this.inspect(started);
                const running = info?.State.Running === true;
                return {
                    id: started.id,
                    address: addresses[started.id] ?? '',
                    pid: running ? info.State.Pid : undefined,
                    running,
                    restarts: info?.RestartCount ?? 0,
                    log: started.log,
                    container: started.container ?? '',
                };
            }),
        );
    }

    private ownLabels(launch: Pick<NodeLaunch, 'id' | 'organization'>): Record<string, string> {
        return {
            [labels.kit]: 'productivist',
            [labels.state]: this.stateRoot,
            [labels.network]: this.ecosystem,
            [labels.node]: launch.id,
            [labels.org]: launch.organization,
        };
    }

    /** Removes a stale container of this network that has the name; refuses one that is not ours. */
    private async clearName(name: string): Promise<void> {
        let info: Docker.ContainerInspectInfo;
        try {
            info = await this.docker.getContainer(name).inspect();
        } catch (error) {
            if (status(error) === 404) return;
            throw error;
        }
        const own = info.Config.Labels;
        if (own[labels.state] !== this.stateRoot) {
            throw new NetworkError(`a container named ${name} exists and does not belong to this network`, {
                code: 'CONTAINER_NAME_TAKEN',
                exit: 'environment',
                details: [
                    `its ${labels.state} label: ${own[labels.state] ?? '(none: not made by productivist)'}`,
                    `this network's state folder: ${this.stateRoot}`,
                ],
                hint: `it was left untouched; rename or remove it yourself (docker rm ${name}) or rename the ecosystem`,
            });
        }
        await this.docker.getContainer(name).remove({ force: true, v: true });
    }

    private imageRole(kind: NodeLaunch['kind']): ImageRole {
        if (kind === 'ca') return 'ca';
        if (kind === 'orderer') return 'orderer';
        if (kind === 'peer') return 'peer';
        throw new NetworkError(`the Docker runtime has no image for ${kind} nodes yet`, {
            code: 'RUNTIME_UNSUPPORTED',
            exit: 'usage',
            hint: "use 'network up --runtime native' for this network",
        });
    }

    async start(launch: NodeLaunch): Promise<StartedProcess> {
        const images = await this.fabricImages();
        const name = containerName(this.ecosystem, launch.id);
        await this.clearName(name);
        const tree = launch.cwd;
        const role = this.imageRole(launch.kind);
        const image = images[role];
        if (image === undefined) throw new Error(`no ${role} image was built`);
        const container = await this.docker.createContainer({
            name,
            Image: image,
            Cmd: [`${imagePaths.bin}/${launch.binary}`, ...launch.args],
            Env: Object.entries(launch.env).map(([key, value]) => `${key}=${value}`),
            WorkingDir: tree,
            Labels: this.ownLabels(launch),
            HostConfig: {
                NetworkMode: 'host',
                Binds: [`${tree}:${tree}`],
                RestartPolicy:
                    launch.kind === 'chaincode' ? { Name: 'on-failure', MaximumRetryCount: 10 } : { Name: 'no' },
            },
        });
        await container.start();
        const info = await container.inspect();
        return {
            id: launch.id,
            pid: info.State.Pid,
            command: [name, ...launch.args],
            log: launch.log,
            startedAt: new Date().toISOString(),
            container: name,
        };
    }

    private async inspect(started: StartedProcess): Promise<Docker.ContainerInspectInfo | undefined> {
        if (started.container === undefined) return undefined;
        try {
            const info = await this.docker.getContainer(started.container).inspect();
            return info.Config.Labels[labels.state] === this.stateRoot ? info : undefined;
        } catch (error) {
            if (status(error) === 404) return undefined;
            throw error;
        }
    }

    async isRunning(started: StartedProcess): Promise<boolean> {
        // Host processes of a Docker network (the chaincode supervisor) are recorded without a container.
        if (started.container === undefined) return isAlive(started.pid);
        const info = await this.inspect(started);
        return info?.State.Running === true;
    }

    async syncLog(started: StartedProcess): Promise<void> {
        if ((await this.inspect(started)) === undefined || started.container === undefined) return;
        const bytes = await this.docker
            .getContainer(started.container)
            .logs({ stdout: true, stderr: true, follow: false });
        writeFileSync(started.log, demuxLogs(bytes));
    }

    async stop(started: StartedProcess): Promise<void> {
        if (started.container === undefined) {
            await stopProcess(started.pid);
            return;
        }
        const info = await this.inspect(started);
        if (info === undefined) return;
        const container = this.docker.getContainer(started.container);
        if (info.State.Running) {
            try {
                // Node as a container's first process ignores SIGTERM: a chaincode server (stateless) is killed.
                await container.stop({ t: started.id.startsWith('cc.') ? 0 : 10 });
            } catch (error) {
                if (status(error) !== 304 && status(error) !== 404) throw error;
            }
        }
        await this.syncLog(started);
        await container.remove({ force: true, v: true });
    }

    async kill(started: StartedProcess): Promise<void> {
        if (started.container === undefined) {
            await killProcess(started.pid);
            return;
        }
        const info = await this.inspect(started);
        if (info?.State.Running !== true) return;
        try {
            await this.docker.getContainer(started.container).kill({ signal: 'SIGKILL' });
        } catch (error) {
            if (status(error) !== 404 && status(error) !== 409) throw error;
        }
    }

    /** Every container carrying this network's state label (running or not). */
    async containers(): Promise<Docker.ContainerInfo[]> {
        return this.docker.listContainers({ all: true, filters: { label: [`${labels.state}=${this.stateRoot}`] } });
    }

    /** Removes every container of this network (those an interrupted run left too); returns their names. */
    async removeAll(): Promise<string[]> {
        const found = await this.containers();
        await Promise.all(found.map((info) => this.docker.getContainer(info.Id).remove({ force: true, v: true })));
        return found.map((info) => (info.Names[0] ?? info.Id).replace(/^\//, ''));
    }
}
