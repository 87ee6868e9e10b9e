// SPDX-License-Identifier: Apache-2.0
//
// Images made on this machine from the pinned binaries (no registry needed): each is a root file
// system archive written in Node (the binaries, the libraries `ldd` lists for them, Fabric's
// default core.yaml / orderer.yaml / configtx.yaml, the CCaaS builder for peers) imported into the
// engine. The tag carries the Fabric version and the archive's content hash, so unchanged inputs
// are found and not rebuilt. Each build (or find) also writes the alias `<repository>:<version>`
// (e.g. productivist/fabric-peer:3.1.5) onto the same image: generate's compose.yaml names the
// alias, since the content hash is only known once the images are built on the machine.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import Docker from 'dockerode';

import { NetworkError } from '../errors.js';
import { binaryPath, ccaasBuilderDir, fabricCaVersion, fabricConfigDir, fabricVersion } from '../toolchain.js';
import type { FabricBinary } from '../toolchain.js';
import type { RootFsFile } from './rootfs.js';
import { hostFile, sharedLibraries, tarRootFs } from './rootfs.js';

/**
 * Where things are inside the kit's images: where Fabric's official images have them too (binaries,
 * the default configuration, the CCaaS builder), so one plan runs on either.
 */
export const imagePaths = {
    bin: '/usr/local/bin',
    config: '/etc/hyperledger/fabric',
    ccaasBuilder: '/opt/hyperledger/ccaas_builder',
} as const;

/** Which images the Docker runtime runs: the kit's, built here from the pinned binaries, or Fabric's official ones. */
export type ImageSource = 'local' | 'official';

export const imageSources: readonly ImageSource[] = ['local', 'official'];

/** The images of the Docker runtime. */
export type ImageRole = 'ca' | 'orderer' | 'peer' | 'tools';

/** What goes into one image. */
export interface ImageSpec {
    readonly role: ImageRole;
    /** Repository name, e.g. productivist/fabric-peer. */
    readonly repository: string;
    readonly version: string;
    readonly binaries: readonly FabricBinary[];
    readonly config: boolean;
    readonly ccaasBuilder: boolean;
}

export const imageSpecs: readonly ImageSpec[] = [
    {
        role: 'ca',
        repository: 'productivist/fabric-ca',
        version: fabricCaVersion,
        binaries: ['fabric-ca-server', 'fabric-ca-client'],
        config: false,
        ccaasBuilder: false,
    },
    {
        role: 'orderer',
        repository: 'productivist/fabric-orderer',
        version: fabricVersion,
        binaries: ['orderer'],
        config: true,
        ccaasBuilder: false,
    },
    {
        role: 'peer',
        repository: 'productivist/fabric-peer',
        version: fabricVersion,
        binaries: ['peer'],
        config: true,
        ccaasBuilder: true,
    },
    {
        role: 'tools',
        repository: 'productivist/fabric-tools',
        version: fabricVersion,
        binaries: ['peer', 'osnadmin', 'configtxgen', 'configtxlator', 'cryptogen', 'discover', 'ledgerutil'],
        config: true,
        ccaasBuilder: false,
    },
];

/** An image build that failed at a named step. */
export class ImageBuildError extends NetworkError {
    readonly step: string;

    constructor(image: string, step: string, cause: unknown) {
        const reason = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
        super(`building image ${image} failed at step '${step}': ${reason ?? ''}`, {
            code: 'IMAGE_BUILD_FAILED',
            exit: 'environment',
            hint:
                step === 'import into the engine' || step.startsWith('tag ')
                    ? 'check the engine (productivist engine status) and its free disk space'
                    : "install the pinned binaries with 'bash scripts/install-fabric.sh' and run 'productivist doctor'",
            cause,
        });
        this.name = 'ImageBuildError';
        this.step = step;
    }
}

async function step<T>(image: string, name: string, action: () => Promise<T> | T): Promise<T> {
    try {
        return await action();
    } catch (error) {
        if (error instanceof ImageBuildError) throw error;
        throw new ImageBuildError(image, name, error);
    }
}

/** The files of an image spec, from the Fabric cache `home`. */
export async function rootFsOf(spec: ImageSpec, home: string): Promise<RootFsFile[]> {
    const files = new Map<string, RootFsFile>();
    const add = (file: RootFsFile): void => {
        files.set(file.path, file);
    };
    for (const binary of spec.binaries) {
        const path = binaryPath(binary, home);
        await step(spec.repository, `read binary ${path}`, () => {
            add({ ...hostFile(path), path: `${imagePaths.bin}/${binary}` });
        });
        const libraries = await step(spec.repository, `ldd ${path}`, () => sharedLibraries(path));
        for (const library of libraries) {
            await step(spec.repository, `read library ${library}`, () => {
                add(hostFile(library));
            });
        }
    }
    if (spec.config) {
        const dir = fabricConfigDir(home);
        for (const name of ['core.yaml', 'orderer.yaml', 'configtx.yaml']) {
            await step(spec.repository, `read ${join(dir, name)}`, () => {
                add({ ...hostFile(join(dir, name), 0o644), path: `${imagePaths.config}/${name}` });
            });
        }
    }
    if (spec.ccaasBuilder) {
        const dir = join(ccaasBuilderDir(home), 'bin');
        await step(spec.repository, `read the CCaaS builder in ${dir}`, () => {
            for (const name of readdirSync(dir)) {
                add({ ...hostFile(join(dir, name)), path: `${imagePaths.ccaasBuilder}/bin/${name}` });
            }
        });
    }
    return [...files.values()].sort((a, b) => a.path.localeCompare(b.path));
}

/** Folders every image has besides its files' parents. */
const imageDirs = ['tmp', 'etc', 'root', 'var/hyperledger'];

/** The content hash of an image's files (paths, modes, bytes), without writing the archive. */
export function contentHash(files: readonly RootFsFile[], changes: readonly string[] = []): string {
    const hash = createHash('sha256');
    hash.update(`productivist-rootfs-1\n${imageDirs.join(',')}\n`);
    // Image settings (entrypoint, working folder) are part of the image: another setting is another tag.
    for (const change of changes) hash.update(`change\0${change}\0`);
    for (const file of files) {
        hash.update(`${file.path}\0${file.mode.toString(8)}\0${file.content.length}\0`);
        hash.update(file.content);
    }
    return hash.digest('hex');
}

/** A built (or found) image. */
export interface BuiltImage {
    readonly role: ImageRole;
    readonly tag: string;
    readonly built: boolean;
    readonly elapsedMs: number;
}

async function imageExists(docker: Docker, tag: string): Promise<boolean> {
    try {
        await docker.getImage(tag).inspect();
        return true;
    } catch {
        return false;
    }
}

/** The import running in this process (imports wait for each other). */
let importing: Promise<void> = Promise.resolve();

/** How long one import may take before the request is given up. */
const importTimeoutMs = 15 * 60_000;

/** The socket a dockerode client talks to. */
function socketOf(docker: Docker): string {
    const modem = docker.modem as { socketPath?: unknown };
    if (typeof modem.socketPath !== 'string') throw new Error('the Docker client has no socket path');
    return modem.socketPath;
}

/**
 * Imports the root file system of `files` as `tag` unless the engine has it already; `changes` are
 * Dockerfile settings applied at import (`ENTRYPOINT [...]`, `WORKDIR /path`).
 */
export async function importRootFs(
    docker: Docker,
    tag: string,
    files: readonly RootFsFile[],
    workDir: string,
    changes: readonly string[] = [],
): Promise<{ built: boolean }> {
    if (await imageExists(docker, tag)) return { built: false };
    const archive = await step(tag, 'write the root file system archive', () => tarRootFs(files, imageDirs));
    const [repo, version] = tag.split(':');
    const file = join(workDir, `${(repo ?? 'image').replace(/\//g, '_')}-${version ?? ''}.tar`);
    await step(tag, `write the root file system to ${file}`, () => {
        mkdirSync(workDir, { recursive: true });
        writeFileSync(file, archive);
    });
    // One import at a time per process: the engine copies each archive into its storage (vfs: a
    // full copy), and several at once on a loaded machine outlast any reasonable request deadline.
    const previous = importing;
    let done = (): void => undefined;
    importing = new Promise<void>((resolve) => {
        done = resolve;
    });
    await previous;
    try {
        await step(tag, 'import into the engine', async () => {
            if (await imageExists(docker, tag)) return;
            // The engine answers an import only when it is stored: this request gets its own, longer deadline.
            const importer = new Docker({ socketPath: socketOf(docker), timeout: importTimeoutMs });
            const stream = await importer.importImage(file, {
                repo,
                tag: version,
                ...(changes.length === 0 ? {} : { changes: [...changes] }),
            });
            await new Promise<void>((resolve, reject) => {
                docker.modem.followProgress(stream, (error: Error | null, output: readonly { error?: string }[]) => {
                    const failed = output.find((entry) => entry.error !== undefined);
                    if (error !== null) reject(error);
                    else if (failed?.error !== undefined) reject(new Error(failed.error));
                    else resolve();
                });
            });
            if (!(await imageExists(docker, tag))) throw new Error(`the engine does not list ${tag} after the import`);
        });
    } finally {
        done();
        rmSync(file, { force: true });
    }
    return { built: true };
}

/** Tag of an image: `<repository>:<version>-<first 12 hex of its content hash>`. */
export function imageTag(
    repository: string,
    version: string,
    files: readonly RootFsFile[],
    changes: readonly string[] = [],
): string {
    return `${repository}:${version}-${contentHash(files, changes).slice(0, 12)}`;
}

/** The alias tag compose.yaml names: `<repository>:<version>`, moved onto the image of the last build. */
export function aliasTag(spec: Pick<ImageSpec, 'repository' | 'version'>): string {
    return `${spec.repository}:${spec.version}`;
}

/** The images `network up` needs (the tools image is built by 'engine images'). */
export const nodeImageRoles: readonly ImageRole[] = ['ca', 'orderer', 'peer'];

/** Fabric's official image of a spec, of the same version: `hyperledger/fabric-peer:3.1.5`. */
export function officialTag(spec: Pick<ImageSpec, 'repository' | 'version'>): string {
    return `hyperledger/${spec.repository.slice(spec.repository.indexOf('/') + 1)}:${spec.version}`;
}

/** An official image the engine does not have and could not pull within the deadline. */
function officialMissing(tag: string, reason: string): NetworkError {
    return new NetworkError(`image ${tag} is not in the engine and pulling it failed: ${reason}`, {
        code: 'IMAGE_NOT_AVAILABLE',
        exit: 'environment',
        hint:
            `pull it on a machine that reaches the registry and load it here (docker save ${tag} | docker load), ` +
            "or run with '--images local' (images built on this machine from the pinned binaries)",
    });
}

/** Pulls `tag` into the engine, giving up after `deadlineMs` (the request is aborted, nothing waits on). */
async function pullBounded(docker: Docker, tag: string, deadlineMs: number): Promise<void> {
    const controller = new AbortController();
    const timer = setTimeout(() => {
        controller.abort();
    }, deadlineMs);
    try {
        await new Promise<void>((resolve, reject) => {
            controller.signal.addEventListener('abort', () => {
                reject(new Error(`no answer within ${deadlineMs} ms`));
            });
            docker.pull(tag, { abortSignal: controller.signal }).then((stream: NodeJS.ReadableStream) => {
                docker.modem.followProgress(stream, (error: Error | null, output: readonly { error?: string }[]) => {
                    const failed = output.find((entry) => entry.error !== undefined);
                    if (error !== null) reject(error);
                    else if (failed?.error !== undefined) reject(new Error(failed.error));
                    else resolve();
                });
            }, reject);
        });
    } finally {
        clearTimeout(timer);
    }
}

/**
 * Finds Fabric's official images of `roles` in the engine, pulling a missing one within
 * `pullMs`; one that cannot be had is an error naming it and the way to load it.
 */
export async function ensureOfficialImages(
    docker: Docker,
    progress: (line: string) => void = () => undefined,
    roles: readonly ImageRole[] = nodeImageRoles,
    pullMs = 60_000,
): Promise<Partial<Record<ImageRole, string>>> {
    const tags: Partial<Record<ImageRole, string>> = {};
    for (const spec of imageSpecs.filter((candidate) => roles.includes(candidate.role))) {
        const tag = officialTag(spec);
        if (!(await imageExists(docker, tag))) {
            progress(`image ${tag} is not in the engine: pulling it (at most ${pullMs / 1000} s)`);
            try {
                await pullBounded(docker, tag, pullMs);
            } catch (error) {
                throw officialMissing(
                    tag,
                    error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error),
                );
            }
            if (!(await imageExists(docker, tag)))
                throw officialMissing(tag, 'the engine does not list it after the pull');
        }
        tags[spec.role] = tag;
    }
    return tags;
}

/**
 * Builds (or finds) images of the Docker runtime (`roles`, the node images by default); `workDir`
 * holds each archive while it is imported.
 */
export async function ensureFabricImages(
    docker: Docker,
    home: string,
    workDir: string,
    progress: (line: string) => void = () => undefined,
    roles: readonly ImageRole[] = nodeImageRoles,
): Promise<Partial<Record<ImageRole, string>>> {
    const tags: Partial<Record<ImageRole, string>> = {};
    for (const spec of imageSpecs.filter((candidate) => roles.includes(candidate.role))) {
        const begin = Date.now();
        const files = await rootFsOf(spec, home);
        const tag = imageTag(spec.repository, spec.version, files);
        const { built } = await importRootFs(docker, tag, files, workDir);
        if (built) progress(`image ${tag} built in ${((Date.now() - begin) / 1000).toFixed(1)} s`);
        await step(tag, `tag ${aliasTag(spec)}`, () =>
            docker.getImage(tag).tag({ repo: spec.repository, tag: spec.version }),
        );
        tags[spec.role] = tag;
    }
    return tags;
}
