// SPDX-License-Identifier: Apache-2.0
//
// The context of one `network up` (or `restart`): substitution of the plans' placeholders, node
// starts with readiness, the CA servers and the enrollment plan, admin CLI calls. Steps over
// channels are in channels.ts; the sequence is in up.ts.
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { CommandFailedError, NetworkError } from '../errors.js';
import { runBinary } from '../exec.js';
import { fabricConfigDir, requireBinary } from '../toolchain.js';
import type { NodeRuntime } from './adapter.js';
import { NativeRuntime } from './adapter.js';
import type {
    AdminPlan,
    ChannelPlan,
    GeneratedTree,
    OrganizationEnrollment,
    ProcessPlan,
    ServerPlan,
} from './plans.js';
import { withBootstrapRegistrar } from './caConfig.js';
import { osnadminArgs, substitute } from './plans.js';
import type { StartedProcess } from './processes.js';
import { waitReady } from './processes.js';
import type { NetworkRecord } from './state.js';
import type { StateDir } from './state.js';

/** Writes one progress line. */
export type Progress = (line: string) => void;

const baseEnvNames = ['PATH', 'HOME', 'TMPDIR', 'LANG'];

function baseEnv(): Record<string, string> {
    const env: Record<string, string> = {};
    for (const name of baseEnvNames) {
        const value = process.env[name];
        if (value !== undefined) env[name] = value;
    }
    return env;
}

/**
 * Runs a join until it succeeds or says it was already done: a node can answer its health check a
 * moment before its gRPC service accepts a join. Gives up after 15 s with the last error.
 */
export async function retry<T>(action: () => Promise<T>, done: RegExp, deadlineMs = 15_000): Promise<T | undefined> {
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
    /** How nodes run: processes (native) or containers (Docker). */
    readonly runtime: NodeRuntime;
    /** State folder of the network that runs an imported ordering organization. */
    orderingState: string | undefined;

    constructor(
        tree: GeneratedTree,
        state: StateDir,
        record: NetworkRecord,
        home: string,
        progress: Progress,
        readyMs: number,
        runtime: NodeRuntime = new NativeRuntime(home),
    ) {
        this.runtime = runtime;
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
            ...runtime.placeholders(home),
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

    /** Records a started process (in this run's list and in network.json). */
    remember(started: StartedProcess): void {
        this.started.push(started);
        this.record.processes = [...this.record.processes.filter((entry) => entry.id !== started.id), started];
        this.state.write(this.record);
    }

    /** Starts one node of the start plan and waits for its readiness URL. */
    async startNode(node: ProcessPlan): Promise<StartedProcess> {
        const env: Record<string, string> = { ...baseEnv() };
        for (const [key, value] of Object.entries(node.env)) env[key] = this.sub(value, `${node.id} env ${key}`);
        const args = node.args.map((arg) => this.sub(arg, `${node.id} args`));
        mkdirSync(join(this.tree.root, node.dataDir), { recursive: true });
        const started = await this.runtime.start({
            id: node.id,
            kind: node.kind,
            organization: node.organization,
            binary: node.binary,
            args,
            env,
            log: this.state.log(node.id),
            cwd: this.tree.root,
        });
        this.remember(started);
        if (node.readiness !== undefined) {
            await waitReady(
                started,
                node.readiness,
                this.readyMs,
                () => this.runtime.isRunning(started),
                () => this.runtime.syncLog(started),
            );
        }
        this.readyAt[node.id] = Date.now() - this.begin;
        const where = started.container === undefined ? `pid ${started.pid}` : `container ${started.container}`;
        this.say(`${node.id} ready (${where}, ${node.kind})`);
        return started;
    }

    /** Adds the registrar (and an intermediate's parent credentials) to a CA server's configs. */
    private prepareCaConfigs(server: ServerPlan): void {
        const secret = this.secret(server.registrar.secretEnv);
        const parent = server.parentSecretEnv === undefined ? undefined : this.secret(server.parentSecretEnv);
        for (const config of server.configs) {
            const path = join(this.tree.root, config);
            const text = withBootstrapRegistrar(
                readFileSync(path, 'utf8'),
                { enrollmentId: server.registrar.enrollmentId, secret },
                parent,
                `CA config ${path}`,
            );
            writeFileSync(path, text, { mode: 0o600 });
        }
    }

    async startCas(): Promise<void> {
        const plans = new Map(this.tree.start.processes.map((node) => [node.id, node]));
        // Organizations in parallel; within one, the root server before its intermediates.
        await Promise.all(this.tree.enrollment.organizations.map((org) => this.startOrgCas(org, plans)));
    }

    async startOrgCas(org: OrganizationEnrollment, plans: ReadonlyMap<string, ProcessPlan>): Promise<void> {
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
    async client(args: readonly string[], where: string, home: string): Promise<void> {
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

    async enrollOrg(org: OrganizationEnrollment): Promise<void> {
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
        const { stdout } = await runBinary(osnadmin, osnadminArgs(root, admin, address, args), {
            cwd: root,
            timeoutMs: 60_000,
        });
        return stdout;
    }

    markJoined(entry: string): void {
        if (!this.record.joined.includes(entry)) this.record.joined.push(entry);
        this.state.write(this.record);
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

    /** Stops what this run started, newest first. */
    async stopStarted(): Promise<void> {
        for (const started of [...this.started].reverse()) await this.runtime.stop(started);
        const stopped = new Set(this.started.map((started) => started.pid));
        this.record.processes = this.record.processes.filter((entry) => !stopped.has(entry.pid));
        this.state.write(this.record);
    }
}
