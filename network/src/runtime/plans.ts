// SPDX-License-Identifier: Apache-2.0
//
// The generated plans (start-plan.json, enrollment-plan.json) read as data. The runtime never
// imports the generator: these types describe the JSON the generator writes, and a plan that does
// not have the expected shape is refused with the file's name.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { NetworkError } from '../errors.js';
import { readScope, scopeTree } from './bundle.js';

/** One process of start-plan.json. */
export interface ProcessPlan {
    readonly id: string;
    readonly kind: 'ca' | 'orderer' | 'peer' | 'chaincode';
    readonly organization: string;
    readonly binary: string;
    readonly args: readonly string[];
    readonly env: Readonly<Record<string, string>>;
    readonly ports: Readonly<Record<string, number>>;
    readonly dataDir: string;
    readonly readiness?: string;
    readonly after: readonly string[];
}

/** An organization admin as start-plan.json names it. */
export interface AdminPlan {
    readonly organization: string;
    readonly mspId: string;
    readonly mspDir: string;
    readonly tlsCert: string;
    readonly tlsKey: string;
    readonly tlsRootCert: string;
}

/** The arguments of an osnadmin call (`args`) to the admin endpoint `address`, as `admin` whose files are under `root`. */
export function osnadminArgs(root: string, admin: AdminPlan, address: string, args: readonly string[]): string[] {
    return [
        ...args,
        '-o',
        address,
        '--ca-file',
        join(root, admin.tlsRootCert),
        '--client-cert',
        join(root, admin.tlsCert),
        '--client-key',
        join(root, admin.tlsKey),
    ];
}

/** One channel's join steps. */
export interface ChannelPlan {
    readonly name: string;
    readonly profile: string;
    readonly block: string;
    readonly consenters: readonly { readonly orderer: string; readonly adminAddress: string }[];
    readonly ordererAdmin?: AdminPlan;
    readonly peers: readonly {
        readonly peer: string;
        readonly address: string;
        readonly anchor: boolean;
        readonly admin: AdminPlan;
    }[];
    /** Where the channel is ordered (`host:port`). */
    readonly orderers: readonly string[];
    /** The ordering organization's TLS CA certificate in this tree. */
    readonly ordererTlsRootCert: string;
    /** Orderers of an imported ordering organization, run by another tree (its --ordering-state). */
    readonly remoteConsenters: readonly { readonly host: string; readonly port: number }[];
}

export interface StartPlan {
    readonly ecosystem: string;
    readonly processes: readonly ProcessPlan[];
    readonly channels: readonly ChannelPlan[];
}

export interface EnrollmentStep {
    readonly action: 'register' | 'enroll' | 'rename-key';
    readonly ca?: string;
    readonly args?: readonly string[];
    readonly from?: string;
    readonly to?: string;
}

export interface ServerPlan {
    readonly id: string;
    readonly home: string;
    readonly configs: readonly string[];
    readonly registrar: { readonly enrollmentId: string; readonly secretEnv: string };
    readonly parentSecretEnv?: string;
    readonly start: readonly string[];
    readonly url: string;
    readonly readiness: string;
    readonly registrarEnrollments: readonly (readonly string[])[];
}

export interface IdentityPlan {
    readonly enrollmentId: string;
    readonly kind: string;
    readonly mspDir: string;
    readonly tlsDir?: string;
    readonly steps: readonly EnrollmentStep[];
}

export interface OrganizationEnrollment {
    readonly organization: string;
    readonly mspId: string;
    readonly servers: readonly ServerPlan[];
    readonly mspAssembly: readonly { readonly copy: string; readonly to: string }[];
    readonly identities: readonly IdentityPlan[];
}

export interface EnrollmentPlan {
    readonly organizations: readonly OrganizationEnrollment[];
}

/** A generated tree: its folder and both plans. */
export interface GeneratedTree {
    readonly root: string;
    readonly start: StartPlan;
    readonly enrollment: EnrollmentPlan;
}

function readJson(path: string): unknown {
    try {
        return JSON.parse(readFileSync(path, 'utf8')) as unknown;
    } catch (error) {
        throw new NetworkError(`cannot read the generated plan ${path}: ${String(error)}`, {
            code: 'PLAN_INVALID',
            exit: 'usage',
            hint: "regenerate the tree with 'productivist generate <ecosystem.yaml> --out <dir>'",
            cause: error,
        });
    }
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads start-plan.json and enrollment-plan.json of a generated tree. */
export function loadTree(root: string): GeneratedTree {
    const startFile = join(root, 'start-plan.json');
    const enrollmentFile = join(root, 'enrollment-plan.json');
    for (const file of [startFile, enrollmentFile]) {
        if (!existsSync(file)) {
            throw new NetworkError(`${root} is not a generated ecosystem tree: ${file} is missing`, {
                code: 'PLAN_MISSING',
                exit: 'usage',
                hint: "give an ecosystem YAML file, or a folder written by 'productivist generate'",
            });
        }
    }
    const start = readJson(startFile);
    const enrollment = readJson(enrollmentFile);
    if (
        !isRecord(start) ||
        !Array.isArray(start['processes']) ||
        !Array.isArray(start['channels']) ||
        typeof start['ecosystem'] !== 'string'
    ) {
        throw new NetworkError(`${startFile} has no processes/channels lists: it was written by an older generator`, {
            code: 'PLAN_INVALID',
            exit: 'usage',
            hint: "regenerate the tree with 'productivist generate <ecosystem.yaml> --out <dir>'",
        });
    }
    if (!isRecord(enrollment) || !Array.isArray(enrollment['organizations'])) {
        throw new NetworkError(`${enrollmentFile} has no organizations list`, {
            code: 'PLAN_INVALID',
            exit: 'usage',
            hint: "regenerate the tree with 'productivist generate <ecosystem.yaml> --out <dir>'",
        });
    }
    const tree: GeneratedTree = {
        root,
        start: start as unknown as StartPlan,
        enrollment: enrollment as unknown as EnrollmentPlan,
    };
    // A state tree prepared from an organization's bundle runs that organization's part only.
    const scope = readScope(root);
    return scope === undefined ? tree : scopeTree(tree, scope.organization);
}

/** Every port of the plan with what uses it (`orderer0.productivist listen`). */
export function planPorts(plan: StartPlan): { readonly port: number; readonly use: string }[] {
    return plan.processes
        .filter((process) => process.kind !== 'chaincode')
        .flatMap((process) =>
            Object.entries(process.ports).map(([name, port]) => ({ port, use: `${process.id} ${name}` })),
        );
}

/** The ports two plans both use, each as `port (process purpose of a; of b)`: two networks that run side by side need none. */
export function sharedPorts(a: StartPlan, b: StartPlan): string[] {
    const used = new Map(planPorts(b).map((entry) => [entry.port, entry.use]));
    return planPorts(a)
        .filter((entry) => used.has(entry.port))
        .map(
            (entry) =>
                `${String(entry.port)} (${entry.use} of ${a.ecosystem}; ${used.get(entry.port) ?? ''} of ${b.ecosystem})`,
        );
}

/** Replaces `${NAME}` with values; an unknown name is an error naming the plan entry. */
export function substitute(text: string, values: Readonly<Record<string, string>>, where: string): string {
    return text.replace(/\$\{([A-Z0-9_]+)\}/g, (_match, name: string) => {
        const value = values[name];
        if (value === undefined) {
            throw new NetworkError(`${where} uses \${${name}}, which nothing provides`, {
                code: 'PLAN_INVALID',
                exit: 'usage',
                hint: 'regenerate the tree with this version of productivist',
            });
        }
        return value;
    });
}
