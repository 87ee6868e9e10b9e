// SPDX-License-Identifier: Apache-2.0
//
// Deploys one chaincode on one channel of a running network: the chaincode server's TLS identity,
// the CCaaS package, install on every peer of every endorsing organization, the server under the
// supervisor, approval by each endorsing organization's admin, commit, and the record in
// `<state>/deployments.json`. Idempotent: unchanged code that is committed does nothing; changed
// code (another package id) becomes the next sequence with a new version.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

import { NetworkError } from '../errors.js';
import type { Runner } from '../runtime/Runner.js';
import type { ChannelPlan } from '../runtime/plans.js';
import { pollUntil } from '../runtime/processes.js';
import { ccaasPackage } from './ccaasPackage.js';
import type { Definition } from './peerLifecycle.js';
import { approve, approvedPackage, commit, commitReadiness, installOn, queryCommitted } from './peerLifecycle.js';
import { readSpec, restoreServers, superviseServers, waitServing } from './servers.js';
import { chaincodeServerTls } from './serverTls.js';
import type { ChaincodeSource } from './source.js';
import { codeDigest, requireChaincodeName, serverCommand } from './source.js';
import type { SupervisedServer } from './supervisor.js';

/** A generated chaincode definition (`channels/<channel>/chaincodes/<name>.json`). */
export interface ChaincodeDefinitionFile {
    readonly channel: string;
    readonly name: string;
    readonly version: string;
    readonly sequence: number;
    readonly endorsingOrganizations: readonly string[];
    readonly service: { readonly address: string };
    /** Its servers (generated trees since the servers option; older ones have `service` only). */
    readonly services?: readonly ChaincodeServiceFile[];
    readonly approveFlags: readonly string[];
}

/** One chaincode server of a generated definition. */
export interface ChaincodeServiceFile {
    readonly id: string;
    readonly organization: string;
    readonly address: string;
    /** Organizations whose peers it serves. */
    readonly serves: readonly string[];
}

/** The servers of a definition: as generated, or one serving every endorsing organization. */
function servicesOf(
    definition: ChaincodeDefinitionFile,
    channel: ChannelPlan,
    name: string,
    endorsing: readonly ChannelPlan['peers'][number][],
): ChaincodeServiceFile[] {
    const organizations = [...new Set(endorsing.map((peer) => peer.admin.organization))];
    if (definition.services !== undefined && definition.services.length > 0) {
        return definition.services.map((service) => ({
            ...service,
            serves: service.serves.filter((org) => organizations.includes(org)),
        }));
    }
    return [
        {
            id: `cc.${channel.name}.${name}`,
            organization: organizations[0] ?? '',
            address: definition.service.address,
            serves: organizations,
        },
    ];
}

/** What deployments.json keeps of one chaincode. */
export interface DeploymentRecord {
    readonly channel: string;
    readonly name: string;
    readonly source: string;
    readonly codeDigest: string;
    /** The package id of the first server; `packages` has each endorsing organization's. */
    readonly packageId: string;
    readonly packages: Readonly<Record<string, string>>;
    readonly version: string;
    readonly sequence: number;
    /** The first server's address and id; `servers` lists them all (one per organization when asked). */
    readonly address: string;
    readonly server: string;
    readonly servers: readonly string[];
    readonly committedAt: string;
}

/** What a deploy did. */
export interface DeployResult {
    readonly record: DeploymentRecord;
    /** `unchanged`: committed already with this code; `committed`: a new sequence was committed. */
    readonly outcome: 'unchanged' | 'committed';
    readonly installedOn: readonly string[];
    readonly serverPid: number;
}

/** Options of {@link deployChaincode}. */
export interface DeployOptions {
    readonly channel?: string;
    /** Chaincode name (default: the core contract's, or the project's package name). */
    readonly name?: string;
    readonly readyMs?: number;
    /** Commit the next sequence even when this code is committed (the generated definition changed: policy, collections). */
    readonly redefine?: boolean;
}

function deploymentsFile(runner: Runner): string {
    return join(runner.state.root, 'deployments.json');
}

/** Every recorded deployment, by `channel/name`. */
export function readDeployments(stateRoot: string): Record<string, DeploymentRecord> {
    const file = join(stateRoot, 'deployments.json');
    if (!existsSync(file)) return {};
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, DeploymentRecord>;
}

function writeDeployment(runner: Runner, record: DeploymentRecord): void {
    const all = readDeployments(runner.state.root);
    all[`${record.channel}/${record.name}`] = record;
    const file = deploymentsFile(runner);
    writeFileSync(`${file}.tmp`, `${JSON.stringify(all, null, 2)}\n`);
    renameSync(`${file}.tmp`, file);
}

function pickChannel(runner: Runner, name: string, wanted: string | undefined): ChannelPlan {
    const channels = runner.tree.start.channels;
    if (wanted !== undefined) {
        const channel = channels.find((candidate) => candidate.name === wanted);
        if (channel === undefined) {
            throw new NetworkError(`no channel '${wanted}' in ${runner.tree.start.ecosystem}`, {
                code: 'CHANNEL_NOT_FOUND',
                exit: 'notFound',
                hint: `channels: ${channels.map((candidate) => candidate.name).join(', ')}`,
            });
        }
        return channel;
    }
    const declared = channels.find((candidate) =>
        existsSync(join(runner.tree.root, 'channels', candidate.name, 'chaincodes', `${name}.json`)),
    );
    const channel = declared ?? channels[0];
    if (channel === undefined) {
        throw new NetworkError(`${runner.tree.start.ecosystem} has no channel to deploy on`, {
            code: 'CHANNEL_NOT_FOUND',
            exit: 'notFound',
            hint: 'add a channel to the ecosystem file',
        });
    }
    return channel;
}

/** A free 127.0.0.1 port for a chaincode the ecosystem does not declare. */
function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = createServer();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const address = server.address();
            server.close(() => {
                resolve(typeof address === 'object' && address !== null ? address.port : 0);
            });
        });
    });
}

/** The generated definition, or one for a chaincode the ecosystem does not declare (channel's default policy). */
async function definitionFor(runner: Runner, channel: ChannelPlan, name: string): Promise<ChaincodeDefinitionFile> {
    const file = join(runner.tree.root, 'channels', channel.name, 'chaincodes', `${name}.json`);
    if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as ChaincodeDefinitionFile;
    const known = readDeployments(runner.state.root)[`${channel.name}/${name}`];
    return {
        channel: channel.name,
        name,
        version: '1.0',
        sequence: 1,
        endorsingOrganizations: [...new Set(channel.peers.map((peer) => peer.admin.organization))],
        service: { address: known?.address ?? `127.0.0.1:${await freePort()}` },
        approveFlags: [],
    };
}

/** The flags of approveFlags that are not channel, name, version or sequence (policy, collections). */
export function policyFlags(approveFlags: readonly string[]): string[] {
    const identity = new Set(['--channelID', '-C', '--name', '-n', '--version', '-v', '--sequence']);
    const flags: string[] = [];
    for (let index = 0; index < approveFlags.length; index += 1) {
        const flag = approveFlags[index] ?? '';
        if (identity.has(flag)) index += 1;
        else flags.push(flag);
    }
    return flags;
}

/** Deploys `source` (see the module comment). */
export async function deployChaincode(
    runner: Runner,
    source: ChaincodeSource,
    options: Readonly<DeployOptions> = {},
): Promise<DeployResult> {
    const name = requireChaincodeName(options.name ?? source.name, `from ${source.given}`);
    const channel = pickChannel(runner, name, options.channel);
    const definitionFile = await definitionFor(runner, channel, name);
    const endorsing = channel.peers.filter((peer) =>
        definitionFile.endorsingOrganizations.includes(peer.admin.organization),
    );
    const [submitter] = endorsing;
    if (submitter === undefined) {
        throw new NetworkError(`no peer of channel ${channel.name} belongs to an organization endorsing ${name}`, {
            code: 'PLAN_INVALID',
            exit: 'usage',
            hint: 'give the chaincode endorsing organizations that run peers on the channel',
        });
    }
    const digest = await codeDigest(source);
    const label = `${name}_${digest.slice(0, 12)}`;
    const services = servicesOf(definitionFile, channel, name, endorsing);
    runner.say(`${name}: packaging for ${services.map((service) => service.address).join(', ')}`);
    // Per server: its TLS identity, its package (address and TLS root inside), installs on the peers it serves, its process.
    const prepared = await Promise.all(
        services.map(async (service) => {
            const hostPeer =
                channel.peers.find((peer) => peer.admin.organization === service.organization) ?? submitter;
            const tls = await chaincodeServerTls(
                runner,
                service.id,
                service.organization,
                join(runner.tree.root, hostPeer.admin.tlsRootCert),
            );
            const built = ccaasPackage({
                label,
                address: service.address,
                rootCertPem: readFileSync(tls.rootCert, 'utf8'),
                codeDigest: digest,
            });
            const dir = join(runner.state.root, 'chaincodes', service.id);
            mkdirSync(dir, { recursive: true });
            const packageFile = join(dir, `${built.label}.tar.gz`);
            writeFileSync(packageFile, built.bytes);
            const served = endorsing.filter((peer) => service.serves.includes(peer.admin.organization));
            const installed = await Promise.all(
                served.map(async (peer) =>
                    (await installOn(runner, peer, packageFile, built.packageId)) ? peer.peer : '',
                ),
            );
            const planned = runner.tree.start.processes.find((node) => node.id === service.id);
            const command = serverCommand(
                source,
                { packageId: built.packageId, address: service.address, tlsCert: tls.cert, tlsKey: tls.key },
                planned?.kind === 'chaincode' ? planned : undefined,
                runner.tree.root,
            );
            const server: SupervisedServer = {
                id: service.id,
                file: command.file,
                args: command.args,
                env: command.env,
                cwd: command.cwd,
                log: runner.state.log(service.id),
                address: service.address,
            };
            return { service, hostPeer, built, installed: installed.filter((peer) => peer !== ''), server };
        }),
    );
    const installedOn = prepared.flatMap((entry) => entry.installed);
    if (installedOn.length > 0) runner.say(`${name}: installed ${label} on ${installedOn.join(', ')}`);
    const ids = prepared.map((entry) => entry.server.id);
    let pids: number[];
    const serve = runner.runtime.serveChaincode?.bind(runner.runtime);
    if (serve === undefined) {
        const previousServers = readSpec(runner.state).servers.filter((server) => ids.includes(server.id));
        const supervisor = await superviseServers(
            runner.state,
            runner.record,
            prepared.map((entry) => entry.server),
        );
        if (!runner.started.some((started) => started.pid === supervisor.pid)) runner.started.push(supervisor);
        try {
            pids = await Promise.all(
                prepared.map((entry) => waitServing(runner.state, entry.server, options.readyMs ?? 60_000)),
            );
        } catch (error) {
            // Nothing approved yet: the servers that run go back to what they were, the ledger is unchanged.
            await restoreServers(runner.state, runner.record, ids, previousServers);
            throw error;
        }
    } else {
        // The runtime runs each server itself (a container under the engine's restart policy).
        const started = await Promise.all(
            prepared.map((entry) =>
                serve({
                    ...entry.server,
                    chaincode: name,
                    mount: runner.tree.root,
                    organization: entry.service.organization,
                    readyMs: options.readyMs ?? 60_000,
                }),
            ),
        );
        for (const entry of started) runner.remember(entry);
        pids = started.map((entry) => entry.pid);
    }
    const serverPid = pids[0] ?? 0;
    runner.say(
        prepared
            .map((entry, i) => `${entry.server.id} serving at ${entry.server.address} (pid ${pids[i] ?? 0})`)
            .join('; '),
    );
    const packageOf = new Map<string, string>();
    for (const entry of prepared) for (const org of entry.service.serves) packageOf.set(org, entry.built.packageId);
    const [first] = prepared;
    if (first === undefined) throw new Error(`no chaincode server for ${name}`);
    const hostPeer = first.hostPeer;
    const base = {
        channel: channel.name,
        name,
        source: source.given,
        codeDigest: digest,
        packageId: first.built.packageId,
        packages: Object.fromEntries(packageOf),
        address: first.service.address,
        server: first.service.id,
        servers: prepared.map((entry) => entry.service.id),
    };

    const committed = await queryCommitted(runner, hostPeer, channel.name, name);
    const previous = readDeployments(runner.state.root)[`${channel.name}/${name}`];
    if (committed !== undefined) {
        const approved = await Promise.all(
            prepared.map(
                async (entry) =>
                    (await approvedPackage(runner, entry.hostPeer, channel.name, name, committed.sequence)) ===
                    entry.built.packageId,
            ),
        );
        if (approved.every(Boolean) && options.redefine !== true) {
            const record: DeploymentRecord = {
                ...base,
                version: committed.version,
                sequence: committed.sequence,
                committedAt:
                    previous?.packageId === first.built.packageId ? previous.committedAt : new Date().toISOString(),
            };
            writeDeployment(runner, record);
            runner.say(`${name}: sequence ${committed.sequence} already committed with this code`);
            return { record, outcome: 'unchanged', installedOn, serverPid };
        }
    }
    const sequence = Math.max(definitionFile.sequence, (committed?.sequence ?? 0) + 1);
    const version =
        committed === undefined ? definitionFile.version : `${definitionFile.version}+${digest.slice(0, 8)}`;
    const definition: Definition = {
        channel,
        name,
        version,
        sequence,
        flags: policyFlags(definitionFile.approveFlags),
    };
    const mspOf = new Map(endorsing.map((peer) => [peer.admin.organization, peer.admin.mspId]));
    const onePerOrg = [...new Map(endorsing.map((peer) => [peer.admin.organization, peer])).values()];
    const approvals = await commitReadiness(runner, hostPeer, definition);
    await Promise.all(
        onePerOrg
            .filter((peer) => approvals[mspOf.get(peer.admin.organization) ?? ''] !== true)
            .map((peer) => approve(runner, peer, definition, packageOf.get(peer.admin.organization) ?? '')),
    );
    const wanted = onePerOrg.map((peer) => peer.admin.mspId);
    const ready = await pollUntil(
        async () => {
            const now = await commitReadiness(runner, hostPeer, definition);
            return wanted.every((msp) => now[msp] === true);
        },
        60_000,
        500,
    );
    if (!ready) {
        throw new NetworkError(`${name} sequence ${sequence} is not approved by ${wanted.join(', ')} after 60 s`, {
            code: 'DEPLOY_FAILED',
            exit: 'ledger',
            hint: `read the peer logs in ${runner.state.logs}`,
        });
    }
    await commit(runner, hostPeer, onePerOrg, definition);
    const everywhere = await pollUntil(
        async () => {
            const seen = await Promise.all(endorsing.map((peer) => queryCommitted(runner, peer, channel.name, name)));
            return seen.every((entry) => entry?.sequence === sequence);
        },
        60_000,
        500,
    );
    if (!everywhere) {
        throw new NetworkError(`${name} sequence ${sequence} was committed but not every endorsing peer sees it`, {
            code: 'DEPLOY_FAILED',
            exit: 'ledger',
            hint: `read the peer logs in ${runner.state.logs}`,
        });
    }
    const record: DeploymentRecord = { ...base, version, sequence, committedAt: new Date().toISOString() };
    writeDeployment(runner, record);
    runner.say(`${name}: version ${version} sequence ${sequence} committed on ${channel.name}`);
    return { record, outcome: 'committed', installedOn, serverPid };
}
