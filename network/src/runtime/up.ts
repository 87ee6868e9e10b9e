// SPDX-License-Identifier: Apache-2.0
//
// `network up`: CAs → enrollment → orderers → channel blocks and osnadmin joins → peers → peer
// joins, each step polled for readiness with a deadline. A failure stops everything this run
// started. A second `up` after `down` resumes: the same tree, certificates and ledgers.
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { parseDocument } from 'yaml';

import { CommandFailedError, NetworkError } from '../errors.js';
import { runBinary } from '../exec.js';
import { requireBinary } from '../toolchain.js';
import { ccaasBuilderDir, fabricConfigDir } from '../toolchain.js';
import type {
    AdminPlan,
    ChannelPlan,
    GeneratedTree,
    OrganizationEnrollment,
    ProcessPlan,
    ServerPlan,
} from './plans.js';
import { loadTree, planPorts, substitute } from './plans.js';
import { checkPorts, describeTaken } from './portOwners.js';
import type { StartedProcess } from './processes.js';
import { isAlive, pollUntil, startDetached, stopProcess, waitReady } from './processes.js';
import { updateChannelConfig, withAnchorPeers } from './configUpdate.js';
import type { NetworkRecord } from './state.js';
import { StateDir } from './state.js';

/** Writes one progress line. */
export type Progress = (line: string) => void;

/** Options of {@link networkUp}. */
export interface UpOptions {
    /** An ecosystem YAML file or a generated tree. */
    readonly source: string;
    readonly state: string;
    readonly fresh?: boolean;
    /** Writes a generated tree of an ecosystem file into a folder (the CLI composition passes the generator). */
    readonly generate?: (file: string, outDir: string) => void;
    readonly fabricHome: string;
    readonly progress?: Progress;
    /** Readiness deadline per node; 60 s by default. */
    readonly readyMs?: number;
    /** State folder of the network running the ordering organization this ecosystem imports. */
    readonly orderingState?: string;
    /** Stop after this step, leaving what runs running: `enrolled` = CAs up, every identity enrolled. */
    readonly until?: 'enrolled';
}

/** What `up` did. */
export interface UpResult {
    readonly alreadyRunning: boolean;
    readonly processes: readonly StartedProcess[];
    readonly elapsedMs: number;
    /** Milliseconds from the start of `up` until each node was ready. */
    readonly readyAt: Readonly<Record<string, number>>;
}

const baseEnvNames = ['PATH', 'HOME', 'TMPDIR', 'LANG'];

function baseEnv(): Record<string, string> {
    const env: Record<string, string> = {};
    for (const name of baseEnvNames) {
        const value = process.env[name];
        if (value !== undefined) env[name] = value;
    }
    return env;
}

/** True when some recorded process of the state directory still runs. */
export function runningProcesses(record: NetworkRecord | undefined): StartedProcess[] {
    return (record?.processes ?? []).filter((started) => isAlive(started.pid));
}

/**
 * Runs a join until it succeeds or says it was already done: a node can answer its health check a
 * moment before its gRPC service accepts a join. Gives up after 15 s with the last error.
 */
async function retry<T>(action: () => Promise<T>, done: RegExp, deadlineMs = 15_000): Promise<T | undefined> {
    const end = Date.now() + deadlineMs;
    for (;;) {
        try {
            return await action();
        } catch (error) {
            if (error instanceof CommandFailedError && done.test(error.stderrTail)) return undefined;
            if (Date.now() >= end) throw error;
            await new Promise((resolve) => setTimeout(resolve, 500));
        }
    }
}

/** Context shared by the steps of one `up` (and by `restart`). */
export class Runner {
    readonly tree: GeneratedTree;
    readonly state: StateDir;
    readonly record: NetworkRecord;
    readonly home: string;
    readonly started: StartedProcess[] = [];
    readonly readyAt: Record<string, number> = {};
    private readonly values: Record<string, string>;
    private readonly progress: Progress;
    private readonly readyMs: number;
    private readonly begin = Date.now();
    /** State folder of the network that runs an imported ordering organization. */
    orderingState: string | undefined;

    constructor(
        tree: GeneratedTree,
        state: StateDir,
        record: NetworkRecord,
        home: string,
        progress: Progress,
        readyMs: number,
    ) {
        this.tree = tree;
        this.state = state;
        this.record = record;
        this.home = home;
        this.progress = progress;
        this.readyMs = readyMs;
        const secretNames = tree.enrollment.organizations.flatMap((org) => [
            ...org.servers.map((server) => server.registrar.secretEnv),
            ...org.identities.flatMap((identity) =>
                identity.steps.flatMap((step) =>
                    (step.args ?? []).flatMap((arg) =>
                        [...arg.matchAll(/\$\{(PRODUCTIVIST_SECRET_[A-Z0-9_]+)\}/g)].map((match) => match[1] ?? ''),
                    ),
                ),
            ),
        ]);
        this.values = {
            ...state.secrets(secretNames.filter((name) => name !== '')),
            PRODUCTIVIST_ROOT: tree.root,
            PRODUCTIVIST_FABRIC_CONFIG: fabricConfigDir(home),
            PRODUCTIVIST_CCAAS_BUILDER: ccaasBuilderDir(home),
        };
    }

    say(text: string): void {
        this.progress(`[${((Date.now() - this.begin) / 1000).toFixed(1).padStart(5)} s] ${text}`);
    }

    sub(text: string, where: string): string {
        return substitute(text, this.values, where);
    }

    secret(name: string): string {
        return this.sub(`\${${name}}`, 'the enrollment plan');
    }

    private remember(started: StartedProcess): void {
        this.started.push(started);
        this.record.processes = [...this.record.processes.filter((entry) => entry.id !== started.id), started];
        this.state.write(this.record);
    }

    /** Starts one node of the start plan and waits for its readiness URL. */
    async startNode(node: ProcessPlan): Promise<StartedProcess> {
        const binary = requireBinary(node.binary as Parameters<typeof requireBinary>[0], this.home);
        const env: Record<string, string> = { ...baseEnv() };
        for (const [key, value] of Object.entries(node.env)) env[key] = this.sub(value, `${node.id} env ${key}`);
        const args = node.args.map((arg) => this.sub(arg, `${node.id} args`));
        mkdirSync(join(this.tree.root, node.dataDir), { recursive: true });
        const started = startDetached(node.id, binary, args, env, this.state.log(node.id), this.tree.root);
        this.remember(started);
        if (node.readiness !== undefined) await waitReady(started, node.readiness, this.readyMs);
        this.readyAt[node.id] = Date.now() - this.begin;
        this.say(`${node.id} ready (pid ${started.pid}, ${node.kind})`);
        return started;
    }

    /** Adds the registrar (and an intermediate's parent credentials) to a CA server's configs. */
    private prepareCaConfigs(server: ServerPlan): void {
        const secret = this.secret(server.registrar.secretEnv);
        const parent = server.parentSecretEnv === undefined ? undefined : this.secret(server.parentSecretEnv);
        for (const config of server.configs) {
            const path = join(this.tree.root, config);
            const document = parseDocument(readFileSync(path, 'utf8'));
            document.setIn(
                ['registry', 'identities'],
                document.createNode([
                    {
                        name: server.registrar.enrollmentId,
                        pass: secret,
                        type: 'client',
                        affiliation: '',
                        attrs: {
                            'hf.Registrar.Roles': '*',
                            'hf.Registrar.DelegateRoles': '*',
                            'hf.Registrar.Attributes': '*',
                            'hf.Revoker': true,
                            'hf.IntermediateCA': true,
                            'hf.GenCRL': true,
                            'hf.AffiliationMgr': true,
                        },
                    },
                ]),
            );
            const parentUrl = document.getIn(['intermediate', 'parentserver', 'url']);
            if (typeof parentUrl === 'string' && parent !== undefined && !parentUrl.includes('@')) {
                document.setIn(
                    ['intermediate', 'parentserver', 'url'],
                    parentUrl.replace('https://', `https://admin:${encodeURIComponent(parent)}@`),
                );
            }
            if (document.errors.length > 0) {
                throw new NetworkError(`CA config ${path} is not valid YAML: ${document.errors[0]?.message ?? ''}`, {
                    code: 'CA_CONFIG_INVALID',
                    exit: 'usage',
                    hint: 'regenerate the tree, or fix the file',
                });
            }
            writeFileSync(path, document.toString({ lineWidth: 0 }), { mode: 0o600 });
        }
    }

    async startCas(): Promise<void> {
        const plans = new Map(this.tree.start.processes.map((node) => [node.id, node]));
        // Organizations in parallel; within one, the root server before its intermediates.
        await Promise.all(this.tree.enrollment.organizations.map((org) => this.startOrgCas(org, plans)));
    }

    private async startOrgCas(org: OrganizationEnrollment, plans: ReadonlyMap<string, ProcessPlan>): Promise<void> {
        for (const server of org.servers) {
            this.prepareCaConfigs(server);
            const node = plans.get(server.id);
            if (node === undefined) {
                throw new NetworkError(`CA server ${server.id} of the enrollment plan is not in start-plan.json`, {
                    code: 'PLAN_INVALID',
                    exit: 'usage',
                    hint: 'regenerate the tree',
                });
            }
            await this.startNode(node);
        }
    }

    /** fabric-ca-client with a client home of its own (it writes a config file there). */
    private async client(args: readonly string[], where: string, home: string): Promise<void> {
        const client = requireBinary('fabric-ca-client', this.home);
        await runBinary(
            client,
            args.map((arg) => this.sub(arg, where)),
            {
                cwd: this.tree.root,
                env: { FABRIC_CA_CLIENT_HOME: join(this.state.root, 'ca-client-home', home) },
                timeoutMs: 60_000,
            },
        );
    }

    /** Runs the enrollment plan: registrars, MSP folders, every identity (with attributes and TLS certs). */
    async enroll(): Promise<void> {
        // Organizations in parallel: each has its own CA servers.
        await Promise.all(this.tree.enrollment.organizations.map((org) => this.enrollOrg(org)));
    }

    private async enrollOrg(org: OrganizationEnrollment): Promise<void> {
        for (const server of org.servers) {
            for (const args of server.registrarEnrollments) {
                await this.client(args, `${server.id} registrar`, server.id);
            }
        }
        for (const step of org.mspAssembly) {
            if (!existsSync(join(this.tree.root, step.copy))) {
                throw new NetworkError(`${step.copy} was not written by its CA server; cannot assemble ${step.to}`, {
                    code: 'ENROLL_FAILED',
                    exit: 'environment',
                    hint: `read the CA logs in ${this.state.logs}`,
                });
            }
            const to = join(this.tree.root, step.to);
            mkdirSync(dirname(to), { recursive: true });
            cpSync(join(this.tree.root, step.copy), to);
        }
        // Identities of one organization in parallel: a CA serves them concurrently.
        await Promise.all(
            org.identities.map(async (identity) => {
                for (const step of identity.steps) {
                    if (step.action === 'rename-key') {
                        const keystore = join(this.tree.root, step.from ?? '');
                        const keys = readdirSync(keystore).filter((name) => name.endsWith('_sk'));
                        const [key] = keys;
                        if (key === undefined || keys.length !== 1) {
                            throw new NetworkError(`${keystore} holds ${keys.length} keys, expected one`, {
                                code: 'ENROLL_FAILED',
                                exit: 'environment',
                                hint: "start over with 'network up --fresh'",
                            });
                        }
                        renameSync(join(keystore, key), join(this.tree.root, step.to ?? ''));
                    } else {
                        await this.client(
                            step.args ?? [],
                            `${identity.enrollmentId} ${step.action}`,
                            identity.enrollmentId,
                        );
                    }
                }
            }),
        );
        this.say(`${org.organization}: ${org.identities.length} identities enrolled`);
    }

    adminEnv(admin: AdminPlan, address: string): Record<string, string> {
        const root = this.tree.root;
        return {
            FABRIC_CFG_PATH: fabricConfigDir(this.home),
            CORE_PEER_LOCALMSPID: admin.mspId,
            CORE_PEER_MSPCONFIGPATH: join(root, admin.mspDir),
            CORE_PEER_ADDRESS: address,
            CORE_PEER_TLS_ENABLED: 'true',
            CORE_PEER_TLS_ROOTCERT_FILE: join(root, admin.tlsRootCert),
            CORE_PEER_TLS_CLIENTCERT_FILE: join(root, admin.tlsCert),
            CORE_PEER_TLS_CLIENTKEY_FILE: join(root, admin.tlsKey),
        };
    }

    /** Runs `peer <args>` as an organization admin against a peer. */
    async peerCli(admin: AdminPlan, address: string, args: readonly string[]): Promise<string> {
        const peer = requireBinary('peer', this.home);
        const { stdout, stderr } = await runBinary(peer, args, {
            cwd: this.tree.root,
            env: this.adminEnv(admin, address),
            timeoutMs: 60_000,
        });
        return `${stdout}\n${stderr}`;
    }

    /** osnadmin as an ordering admin whose files are under `root` (this tree, or the ordering network's). */
    async osnadmin(admin: AdminPlan, address: string, args: readonly string[], root = this.tree.root): Promise<string> {
        const osnadmin = requireBinary('osnadmin', this.home);
        const { stdout } = await runBinary(
            osnadmin,
            [
                ...args,
                '-o',
                address,
                '--ca-file',
                join(root, admin.tlsRootCert),
                '--client-cert',
                join(root, admin.tlsCert),
                '--client-key',
                join(root, admin.tlsKey),
            ],
            { cwd: root, timeoutMs: 60_000 },
        );
        return stdout;
    }

    private markJoined(entry: string): void {
        if (!this.record.joined.includes(entry)) this.record.joined.push(entry);
        this.state.write(this.record);
    }

    /**
     * The consenters of a channel with the admin who joins them: this tree's orderers, or for an
     * imported ordering organization, the orderers of the network in `orderingState` found by port.
     */
    private consentersOf(channel: ChannelPlan): { id: string; adminAddress: string; admin: AdminPlan; root: string }[] {
        if (channel.remoteConsenters.length === 0 || channel.consenters.length > 0) {
            const admin = channel.ordererAdmin;
            if (admin === undefined) {
                throw new NetworkError(`channel ${channel.name} names no orderer admin in start-plan.json`, {
                    code: 'PLAN_INVALID',
                    exit: 'usage',
                    hint: 'regenerate the tree',
                });
            }
            return channel.consenters.map((consenter) => ({
                id: consenter.orderer,
                adminAddress: consenter.adminAddress,
                admin,
                root: this.tree.root,
            }));
        }
        const remote = channel.remoteConsenters.map((node) => `${node.host}:${String(node.port)}`).join(', ');
        if (this.orderingState === undefined) {
            throw new NetworkError(
                `channel ${channel.name} is ordered by orderers this tree does not run (${remote})`,
                {
                    code: 'CHANNEL_REMOTE_ORDERING',
                    exit: 'usage',
                    hint: "start the ordering organization's network first and pass its state folder with --ordering-state <dir>",
                },
            );
        }
        const other = loadTree(new StateDir(this.orderingState).tree);
        const admin = other.start.channels.find((candidate) => candidate.ordererAdmin !== undefined)?.ordererAdmin;
        return channel.remoteConsenters.map((node) => {
            const process = other.start.processes.find(
                (candidate) => candidate.kind === 'orderer' && candidate.ports['listen'] === node.port,
            );
            const adminPort = process?.ports['admin'];
            if (process === undefined || adminPort === undefined || admin === undefined) {
                throw new NetworkError(
                    `orderer ${node.host} (127.0.0.1:${String(node.port)}) of channel ${channel.name} is not an orderer of the network in ${this.orderingState}`,
                    {
                        code: 'CHANNEL_REMOTE_ORDERING',
                        exit: 'usage',
                        hint: "make the imported orderers' ports and certificates those the ordering network publishes (<state>/published/)",
                    },
                );
            }
            return { id: process.id, adminAddress: `127.0.0.1:${String(adminPort)}`, admin, root: other.root };
        });
    }

    /** configtxgen block of a channel, then `osnadmin channel join` on each consenter. */
    async createChannel(channel: ChannelPlan): Promise<void> {
        const consenters = this.consentersOf(channel);
        const block = join(this.tree.root, channel.block);
        if (!existsSync(block)) {
            mkdirSync(dirname(block), { recursive: true });
            await runBinary(
                requireBinary('configtxgen', this.home),
                ['-profile', channel.profile, '-outputBlock', block, '-channelID', channel.name],
                { cwd: this.tree.root, env: { FABRIC_CFG_PATH: this.tree.root }, timeoutMs: 60_000 },
            );
        }
        await Promise.all(
            consenters.map(async (consenter) => {
                const entry = `${channel.name}@${consenter.id}`;
                if (this.record.joined.includes(entry)) return;
                await retry(
                    () =>
                        this.osnadmin(
                            consenter.admin,
                            consenter.adminAddress,
                            ['channel', 'join', '--channelID', channel.name, '--config-block', block],
                            consenter.root,
                        ),
                    /already exists/,
                );
                this.markJoined(entry);
            }),
        );
        this.say(`channel ${channel.name}: block made, ${consenters.length} consenters joined`);
    }

    /**
     * Writes what each organization publishes for other ecosystems to import, under
     * `<state>/published/<org>/`: ca.pem, tlsca.pem and, per orderer, <name>-tls.pem and
     * <name>-identity.pem (the names the examples' importedOrganizations use).
     */
    publishCertificates(): void {
        for (const org of this.tree.enrollment.organizations) {
            const key = /^organizations\/([^/]+)\/msp\//.exec(org.mspAssembly[0]?.to ?? '')?.[1];
            if (key === undefined) continue;
            const out = join(this.state.root, 'published', key);
            mkdirSync(out, { recursive: true });
            for (const step of org.mspAssembly) {
                if (step.to.endsWith('/cacerts/ca.pem')) cpSync(join(this.tree.root, step.to), join(out, 'ca.pem'));
                if (step.to.endsWith('/tlscacerts/tlsca.pem'))
                    cpSync(join(this.tree.root, step.to), join(out, 'tlsca.pem'));
            }
            for (const node of this.tree.start.processes) {
                if (node.kind !== 'orderer' || node.organization !== org.organization) continue;
                const name = node.id.split('.')[0] ?? node.id;
                const tls = this.sub(node.env['ORDERER_GENERAL_TLS_CERTIFICATE'] ?? '', `${node.id} env`);
                const msp = this.sub(node.env['ORDERER_GENERAL_LOCALMSPDIR'] ?? '', `${node.id} env`);
                cpSync(tls, join(out, `${name}-tls.pem`));
                cpSync(join(msp, 'signcerts', 'cert.pem'), join(out, `${name}-identity.pem`));
            }
        }
    }

    async joinPeers(channel: ChannelPlan): Promise<void> {
        const block = join(this.tree.root, channel.block);
        await Promise.all(
            channel.peers.map(async (peer) => {
                const entry = `${channel.name}@${peer.peer}`;
                if (this.record.joined.includes(entry)) return;
                await retry(
                    () => this.peerCli(peer.admin, peer.address, ['channel', 'join', '-b', block]),
                    /already exists/,
                );
                this.markJoined(entry);
            }),
        );
        this.say(`channel ${channel.name}: ${channel.peers.length} peers joined`);
    }

    /** Height of a channel on a peer, asked as its admin; undefined when the peer does not answer. */
    async height(channel: ChannelPlan, peer: ChannelPlan['peers'][number]): Promise<number | undefined> {
        try {
            const out = await this.peerCli(peer.admin, peer.address, ['channel', 'getinfo', '-c', channel.name]);
            const height = /"height":(\d+)/.exec(out)?.[1];
            return height === undefined ? undefined : Number(height);
        } catch {
            return undefined;
        }
    }

    /**
     * Sets each local organization's anchor peers by a config update its admin signs (one after
     * the other: each changes the config sequence), then waits until every peer of the channel has
     * the resulting blocks.
     */
    async setAnchorPeers(channel: ChannelPlan): Promise<void> {
        const byOrg = new Map<string, ChannelPlan['peers'][number][]>();
        for (const peer of channel.peers) byOrg.set(peer.admin.mspId, [...(byOrg.get(peer.admin.mspId) ?? []), peer]);
        const orderer = channel.orderers[0];
        if (orderer === undefined) return;
        let target = 0;
        let updated = 0;
        for (const [mspId, peers] of byOrg) {
            const entry = `${channel.name}#anchors@${mspId}`;
            const first = peers[0];
            if (first === undefined || this.record.joined.includes(entry)) continue;
            const anchors = peers
                .filter((peer) => peer.anchor)
                .map((peer) => {
                    const [host = '127.0.0.1', port = '0'] = peer.address.split(':');
                    return { host, port: Number(port) };
                });
            const before = (await this.height(channel, first)) ?? 0;
            const done = await retry(
                () =>
                    updateChannelConfig(
                        {
                            channel: channel.name,
                            orderer,
                            ordererTlsCa: join(this.tree.root, channel.ordererTlsRootCert),
                            env: this.adminEnv(first.admin, first.address),
                            work: join(this.state.root, 'work', channel.name, mspId),
                            fabricHome: this.home,
                        },
                        withAnchorPeers(mspId, anchors),
                    ),
                /(?!)/,
            );
            if (done === true) {
                target = Math.max(target, before + 1);
                updated++;
            }
            this.markJoined(entry);
        }
        const ok = await pollUntil(
            async () => {
                const heights = await Promise.all(channel.peers.map((peer) => this.height(channel, peer)));
                const first = heights[0];
                return first !== undefined && first >= target && heights.every((height) => height === first);
            },
            30_000,
            250,
        );
        if (!ok) {
            throw new NetworkError(`the peers of channel ${channel.name} did not reach one height within 30 s`, {
                code: 'CHANNEL_NOT_IN_SYNC',
                exit: 'environment',
                hint: `read the peer logs in ${this.state.logs}`,
            });
        }
        this.say(`channel ${channel.name}: anchor peers set (${updated} config updates), every peer at one height`);
    }

    /** Stops what this run started, newest first. */
    async stopStarted(): Promise<void> {
        for (const started of [...this.started].reverse()) await stopProcess(started.pid);
        const stopped = new Set(this.started.map((started) => started.pid));
        this.record.processes = this.record.processes.filter((entry) => !stopped.has(entry.pid));
        this.state.write(this.record);
    }
}

/** Prepares the state directory's tree from an ecosystem file or a generated folder. */
function prepareTree(options: Readonly<UpOptions>, state: StateDir): void {
    if (existsSync(join(state.tree, 'start-plan.json'))) return;
    const source = options.source;
    if (!existsSync(source)) {
        throw new NetworkError(`${source} does not exist`, {
            code: 'SOURCE_NOT_FOUND',
            exit: 'notFound',
            hint: 'give an ecosystem YAML file or a folder written by productivist generate',
        });
    }
    if (existsSync(join(source, 'start-plan.json'))) {
        cpSync(source, state.tree, { recursive: true });
        return;
    }
    if (options.generate === undefined) {
        throw new NetworkError(`${source} is not a generated tree and no generator is available here`, {
            code: 'SOURCE_NOT_TREE',
            exit: 'usage',
            hint: "run 'productivist generate <file> --out <dir>' and give the folder",
        });
    }
    options.generate(source, state.tree);
}

/** Stops the processes of a record (peers, then orderers, then CAs) and forgets them. */
export async function stopAll(state: StateDir, record: NetworkRecord): Promise<StartedProcess[]> {
    const order = { peer: 0, orderer: 1, ca: 2 } as Record<string, number | undefined>;
    const kindOf = (id: string): number =>
        order[id.startsWith('peer') ? 'peer' : id.startsWith('orderer') ? 'orderer' : 'ca'] ?? 3;
    const running = runningProcesses(record).sort((a, b) => kindOf(a.id) - kindOf(b.id));
    await Promise.all(running.map((started) => stopProcess(started.pid)));
    record.processes = [];
    state.write(record);
    return running;
}

/** `network up`. */
export async function networkUp(options: Readonly<UpOptions>): Promise<UpResult> {
    const begin = Date.now();
    const progress = options.progress ?? ((): void => undefined);
    const state = new StateDir(options.state);
    state.ensure();
    const existing = state.read();
    const running = runningProcesses(existing);
    if (running.length > 0 && options.fresh !== true) {
        return { alreadyRunning: true, processes: running, elapsedMs: Date.now() - begin, readyAt: {} };
    }
    // An earlier up that stopped before every identity was enrolled cannot be resumed (the CAs
    // hold half the registrations): it starts over, as with --fresh.
    const unfinished = existing !== undefined && !existing.enrolled;
    if (options.fresh === true || unfinished) {
        if (existing !== undefined) await stopAll(state, existing);
        for (const entry of readdirSync(state.root)) rmSync(join(state.root, entry), { recursive: true, force: true });
        state.ensure();
    }
    const previous = options.fresh === true || unfinished ? undefined : existing;
    for (const binary of [
        'fabric-ca-server',
        'fabric-ca-client',
        'orderer',
        'peer',
        'osnadmin',
        'configtxgen',
    ] as const) {
        requireBinary(binary, options.fabricHome);
    }
    if (!existsSync(join(ccaasBuilderDir(options.fabricHome), 'bin', 'detect'))) {
        throw new NetworkError(
            `the chaincode-as-a-service builder is not installed in ${ccaasBuilderDir(options.fabricHome)}`,
            {
                code: 'BINARY_MISSING',
                exit: 'environment',
                hint: "run 'bash scripts/install-fabric.sh' (needs Go 1.26)",
            },
        );
    }
    prepareTree(options, state);
    const tree = loadTree(state.tree);
    const taken = (await checkPorts(planPorts(tree.start))).filter((check) => !check.free);
    if (taken.length > 0) {
        throw new NetworkError(
            `${taken.length} port(s) of ${tree.start.ecosystem} are taken: ${taken.map(describeTaken).join('; ')}`,
            {
                code: 'PORT_TAKEN',
                exit: 'environment',
                hint: 'stop the process holding the port, or give this ecosystem another ports.base and regenerate',
            },
        );
    }
    const record: NetworkRecord = previous ?? {
        version: 1,
        ecosystem: tree.start.ecosystem,
        source: options.source,
        enrolled: false,
        joined: [],
        processes: [],
    };
    record.processes = [];
    state.write(record);
    const runner = new Runner(tree, state, record, options.fabricHome, progress, options.readyMs ?? 60_000);
    runner.orderingState = options.orderingState;
    try {
        runner.say(`starting ${tree.start.ecosystem} from ${state.tree}`);
        await runner.startCas();
        if (!record.enrolled) {
            await runner.enroll();
            record.enrolled = true;
            state.write(record);
        }
        runner.publishCertificates();
        if (options.until === 'enrolled') {
            runner.say(`${tree.start.ecosystem}: CAs up and every identity enrolled`);
            return {
                alreadyRunning: false,
                processes: runner.started,
                elapsedMs: Date.now() - begin,
                readyAt: runner.readyAt,
            };
        }
        const nodes = tree.start.processes;
        await Promise.all(nodes.filter((node) => node.kind === 'orderer').map((node) => runner.startNode(node)));
        for (const channel of tree.start.channels) await runner.createChannel(channel);
        await Promise.all(nodes.filter((node) => node.kind === 'peer').map((node) => runner.startNode(node)));
        for (const channel of tree.start.channels) await runner.joinPeers(channel);
        for (const channel of tree.start.channels) await runner.setAnchorPeers(channel);
        runner.say(`${tree.start.ecosystem} is up: ${runner.started.length} processes`);
    } catch (error) {
        runner.say(`up failed; stopping the ${runner.started.length} processes it started`);
        await runner.stopStarted();
        throw error;
    }
    return { alreadyRunning: false, processes: runner.started, elapsedMs: Date.now() - begin, readyAt: runner.readyAt };
}
