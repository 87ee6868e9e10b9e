// SPDX-License-Identifier: Apache-2.0
//
// A running network seen from the onboarding commands: its state folder, its generated tree, the
// ecosystem file the tree is generated from (kept in the state folder once an organization is
// onboarded), a channel of it and a runner to start nodes and call the Fabric CLIs as its admins.
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { NetworkError } from '../errors.js';
import type { ConfigUpdateTarget } from '../runtime/configUpdate.js';
import type { AdminPlan, ChannelPlan, GeneratedTree, OrganizationEnrollment } from '../runtime/plans.js';
import { loadTree } from '../runtime/plans.js';
import type { Progress } from '../runtime/Runner.js';
import { Runner } from '../runtime/Runner.js';
import type { NetworkRecord } from '../runtime/state.js';
import { StateDir } from '../runtime/state.js';
import { runningProcesses } from '../runtime/up.js';

/** An organization of an organization file, before anything is generated for it. */
export interface OrganizationDraft {
    readonly name: string;
    readonly mspId: string;
    /** Where the MSP id is written in the organization file (`neworg.yaml:3:11`). */
    readonly mspIdAt: string;
    /** Run by this network (its CA and peers start here) or elsewhere (known from its published certificates). */
    readonly kind: 'local' | 'imported';
}

/**
 * What the CLI composition gives onboarding: the channel kit's parser, validator and generator
 * over ecosystem files (the network package never imports the generator).
 */
export interface EcosystemEditor {
    /** Reads and validates an organization file (the ecosystem schema's organization or importedOrganization form). */
    readOrganization(file: string): OrganizationDraft;
    /** Writes `outFile`: the ecosystem with the organization of `organizationFile` added (not yet in any channel). */
    addOrganization(ecosystemFile: string, baseDir: string, organizationFile: string, outFile: string): void;
    /** Writes `outFile`: the ecosystem with `organization` added to (or removed from) the members of `channel`. */
    setChannelMember(
        ecosystemFile: string,
        baseDir: string,
        channel: string,
        organization: string,
        member: boolean,
        outFile: string,
    ): void;
    /** Generates the ecosystem's tree into `treeDir` (its lock file there keeps every port). */
    generate(ecosystemFile: string, baseDir: string, treeDir: string): void;
}

/** Where the onboarding commands keep the ecosystem a network now runs. */
interface OnboardingRecord {
    readonly version: 1;
    /** Folder the ecosystem's relative certificate paths are relative to. */
    readonly baseDir: string;
}

/** A running network and one of its channels. */
export class NetworkContext {
    readonly state: StateDir;
    readonly record: NetworkRecord;
    readonly fabricHome: string;
    readonly progress: Progress;
    tree: GeneratedTree;
    runner: Runner;

    constructor(stateRoot: string, fabricHome: string, progress: Progress) {
        this.state = new StateDir(stateRoot);
        const record = this.state.read();
        if (record === undefined) {
            throw new NetworkError(`no network in ${stateRoot}: it holds no network.json`, {
                code: 'NO_NETWORK',
                exit: 'notFound',
                hint: "start one with 'productivist network up', or give the --network folder of one",
            });
        }
        this.record = record;
        this.fabricHome = fabricHome;
        this.progress = progress;
        this.tree = loadTree(this.state.tree);
        this.runner = this.newRunner();
    }

    private newRunner(): Runner {
        return new Runner(this.tree, this.state, this.record, this.fabricHome, this.progress, 60_000);
    }

    /** Reloads the tree after it was regenerated. */
    reload(): void {
        this.tree = loadTree(this.state.tree);
        this.runner = this.newRunner();
    }

    requireRunning(): void {
        if (runningProcesses(this.record).length === 0) {
            throw new NetworkError(`the network in ${this.state.root} is down`, {
                code: 'NETWORK_DOWN',
                exit: 'usage',
                hint: `start it with 'productivist network up --state ${this.state.root}'`,
            });
        }
    }

    channel(name: string): ChannelPlan {
        const channel = this.tree.start.channels.find((candidate) => candidate.name === name);
        if (channel === undefined) {
            throw new NetworkError(`the network in ${this.state.root} has no channel '${name}'`, {
                code: 'CHANNEL_NOT_FOUND',
                exit: 'notFound',
                hint: `its channels: ${this.tree.start.channels.map((candidate) => candidate.name).join(', ')}`,
            });
        }
        return channel;
    }

    /** The enrollment of an organization, by name or MSP id (case-insensitive). */
    organization(nameOrMsp: string): OrganizationEnrollment {
        const wanted = nameOrMsp.toLowerCase();
        const org = this.tree.enrollment.organizations.find(
            (candidate) => candidate.organization.toLowerCase() === wanted || candidate.mspId.toLowerCase() === wanted,
        );
        if (org === undefined) {
            throw new NetworkError(`no organization '${nameOrMsp}' runs in the network in ${this.state.root}`, {
                code: 'ORGANIZATION_NOT_FOUND',
                exit: 'notFound',
                hint: `its organizations: ${this.tree.enrollment.organizations.map((candidate) => candidate.organization).join(', ')}`,
            });
        }
        return org;
    }

    /** The admin of an organization as the start plan names it (MSP, TLS client certificate). */
    admin(nameOrMsp: string): AdminPlan {
        const org = this.organization(nameOrMsp);
        const admins = this.tree.start.channels.flatMap((channel) => [
            ...channel.peers.map((peer) => peer.admin),
            ...(channel.ordererAdmin === undefined ? [] : [channel.ordererAdmin]),
        ]);
        const found = admins.find((admin) => admin.mspId === org.mspId);
        if (found !== undefined) return found;
        const identity = org.identities.find((candidate) => candidate.kind === 'admin');
        if (identity === undefined || identity.tlsDir === undefined) {
            throw new NetworkError(`organization ${org.organization} has no admin in the enrollment plan`, {
                code: 'ADMIN_NOT_FOUND',
                exit: 'notFound',
                hint: 'regenerate the tree',
            });
        }
        const tlsRoot = org.mspAssembly.find((step) => step.to.endsWith('/tlscacerts/tlsca.pem'))?.to ?? '';
        return {
            organization: org.organization,
            mspId: org.mspId,
            mspDir: identity.mspDir,
            tlsCert: join(identity.tlsDir, 'signcerts', 'cert.pem'),
            tlsKey: join(identity.tlsDir, 'keystore', 'key.pem'),
            tlsRootCert: tlsRoot,
        };
    }

    /** An address of a running peer of the organization, or of the channel when it runs none. */
    peerAddress(channel: ChannelPlan, mspId?: string): string {
        const peer = channel.peers.find((candidate) => candidate.admin.mspId === mspId) ?? channel.peers[0];
        if (peer === undefined) {
            throw new NetworkError(`channel ${channel.name} has no peer in this network`, {
                code: 'CHANNEL_NO_PEER',
                exit: 'usage',
                hint: 'config updates are fetched through a peer of the channel',
            });
        }
        return peer.address;
    }

    /** Where and as whom config blocks are fetched and updates submitted. */
    target(channel: ChannelPlan, admin: AdminPlan, work: string): ConfigUpdateTarget {
        const orderer = channel.orderers[0];
        if (orderer === undefined) {
            throw new NetworkError(`channel ${channel.name} names no orderer in start-plan.json`, {
                code: 'PLAN_INVALID',
                exit: 'usage',
                hint: 'regenerate the tree',
            });
        }
        return {
            channel: channel.name,
            orderer,
            ordererTlsCa: join(this.tree.root, channel.ordererTlsRootCert),
            env: this.runner.adminEnv(admin, this.peerAddress(channel, admin.mspId)),
            work: join(this.state.root, 'work', 'onboarding', work),
            fabricHome: this.fabricHome,
        };
    }

    private get onboardingFile(): string {
        return join(this.state.root, 'onboarding.json');
    }

    /** The ecosystem file the tree is generated from; copied into the state folder on first use. */
    get ecosystemFile(): string {
        return join(this.state.root, 'ecosystem.yaml');
    }

    /** Makes sure the state folder holds the ecosystem file; returns its base folder. */
    ensureEcosystem(): string {
        if (existsSync(this.onboardingFile)) {
            return (JSON.parse(readFileSync(this.onboardingFile, 'utf8')) as OnboardingRecord).baseDir;
        }
        const source = this.record.source;
        if (!/\.ya?ml$/i.test(source) || !existsSync(source)) {
            throw new NetworkError(
                `the network in ${this.state.root} was started from ${source}, not from an ecosystem file`,
                {
                    code: 'ECOSYSTEM_UNKNOWN',
                    exit: 'usage',
                    hint: 'onboarding regenerates the tree from the ecosystem: start the network with network up <ecosystem.yaml>',
                },
            );
        }
        copyFileSync(source, this.ecosystemFile);
        const record: OnboardingRecord = { version: 1, baseDir: dirname(source) };
        writeFileSync(this.onboardingFile, `${JSON.stringify(record, null, 2)}\n`);
        return record.baseDir;
    }
}
