// SPDX-License-Identifier: Apache-2.0
//
// Per-organization bundles (`<tree>/bundles/<org>/bundle.json`, written by generate): `network up
// <bundle folder>` runs only that organization's nodes of the generated tree, with the others'
// certificates and the channel blocks taken from an exchange folder (shared on one host, copied
// between hosts). Who does what: each bundle starts its CAs, enrolls its identities and publishes
// its certificates; the ordering organization's bundle waits for every member's certificates,
// makes each channel's block, joins its orderers and publishes the block; every bundle with peers
// waits for the block, joins its peers and sets its anchor peers. The exchange holds files at
// their paths in the tree, so publishing and receiving are copies.
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

import { NetworkError } from '../errors.js';
import type { ChannelPlan, GeneratedTree } from './plans.js';
import { pollUntil } from './processes.js';

/** bundles/<org>/bundle.json as generate writes it. */
export interface BundleFile {
    readonly organization: string;
    readonly mspId: string;
    readonly processes: readonly string[];
    readonly channels: readonly string[];
    /** Tree paths of the certificates this organization publishes. */
    readonly publishes: readonly string[];
    /** Tree paths of the certificates it needs from the others. */
    readonly receives: readonly string[];
}

/** A bundle to run: its file, the generated tree around it and the exchange folder. */
export interface BundleRun {
    readonly dir: string;
    readonly bundle: BundleFile;
    /** The generated tree the bundle belongs to (`<bundle>/../..`). */
    readonly tree: string;
    readonly exchange: string;
}

/** The file of a state tree that scopes it to one organization (written when a bundle is prepared). */
export const scopeFile = 'bundle-scope.json';

/** The bundle in `source` when it is a bundle folder (has bundle.json), else undefined. */
export function bundleOf(source: string, exchange?: string): BundleRun | undefined {
    const file = join(source, 'bundle.json');
    if (!existsSync(file)) return undefined;
    const bundle = JSON.parse(readFileSync(file, 'utf8')) as BundleFile;
    const tree = resolve(source, '..', '..');
    if (!existsSync(join(tree, 'start-plan.json'))) {
        throw new NetworkError(`bundle ${source} is not inside a generated tree: ${tree} has no start-plan.json`, {
            code: 'BUNDLE_WITHOUT_TREE',
            exit: 'usage',
            hint: "keep the bundle in the folder 'productivist generate' wrote (bundles/<org>/ of the tree) and give that folder",
        });
    }
    return { dir: source, bundle, tree, exchange: exchange ?? join(tree, 'exchange') };
}

/** Writes the scope of a bundle into the state's tree: from then on, loadTree sees only its organization. */
export function writeScope(treeRoot: string, run: BundleRun): void {
    writeFileSync(
        join(treeRoot, scopeFile),
        `${JSON.stringify({ organization: run.bundle.organization, exchange: run.exchange }, null, 2)}\n`,
    );
}

/** The scope a state tree was prepared with, if any. */
export function readScope(treeRoot: string): { organization: string; exchange: string } | undefined {
    const file = join(treeRoot, scopeFile);
    if (!existsSync(file)) return undefined;
    return JSON.parse(readFileSync(file, 'utf8')) as { organization: string; exchange: string };
}

/**
 * The part of a tree one organization runs: its processes, its enrollment, and per channel its
 * peers and (when it runs the ordering service) the consenters; channels it has no node on keep
 * no steps.
 */
export function scopeTree(tree: GeneratedTree, organization: string): GeneratedTree {
    const own = new Set(
        tree.start.processes.filter((node) => node.organization === organization).map((node) => node.id),
    );
    const channels: ChannelPlan[] = tree.start.channels.map((channel) => ({
        ...channel,
        peers: channel.peers.filter((peer) => peer.admin.organization === organization),
        consenters: channel.consenters.filter((consenter) => own.has(consenter.orderer)),
        remoteConsenters: [],
    }));
    return {
        root: tree.root,
        start: {
            ...tree.start,
            processes: tree.start.processes.filter((node) => own.has(node.id)),
            channels,
        },
        enrollment: {
            ...tree.enrollment,
            organizations: tree.enrollment.organizations.filter((org) => org.organization === organization),
        },
    };
}

/** Copies `from` to `to` through a temporary file (a reader never sees half a file). */
function copyAtomic(from: string, to: string): void {
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(from, `${to}.tmp`);
    renameSync(`${to}.tmp`, to);
}

/** Publishes tree files (relative paths) into the exchange. */
export function publish(run: BundleRun, treeRoot: string, paths: readonly string[]): void {
    for (const path of paths) copyAtomic(join(treeRoot, path), join(run.exchange, path));
}

/** The organization whose bundle publishes a tree path (`organizations/<key>/...`). */
function publisherOf(path: string, ordering: string): string {
    const key = /^organizations\/([^/]+)\//.exec(path)?.[1];
    return key === undefined ? `the ordering organization's (${ordering})` : `${key}'s`;
}

/**
 * Waits until every path of `needed` is in the exchange (polled, up to `waitMs`), then copies
 * them and whatever else the bundle receives that is there into the tree.
 */
export async function receive(
    run: BundleRun,
    treeRoot: string,
    needed: readonly string[],
    waitMs: number,
    say: (line: string) => void,
    ordering: string,
): Promise<void> {
    const missing = (): string[] => needed.filter((path) => !existsSync(join(run.exchange, path)));
    if (missing().length > 0) {
        say(`${run.bundle.organization}: waiting for ${missing().length} file(s) in ${run.exchange}`);
    }
    const complete = await pollUntil(() => Promise.resolve(missing().length === 0), waitMs, 500);
    if (!complete) {
        const absent = missing();
        throw new NetworkError(
            `${run.bundle.organization}'s bundle waited ${Math.round(waitMs / 1000)} s for ${absent.length} file(s) in the exchange ${run.exchange}`,
            {
                code: 'BUNDLE_WAITING',
                exit: 'environment',
                details: absent.map((path) => `${path} (published by ${publisherOf(path, ordering)} bundle)`),
                hint:
                    "run the named organizations' bundles ('productivist network up <tree>/bundles/<org>'), copy what they " +
                    'publish into the exchange folder (--exchange), or wait longer (--wait <seconds>)',
            },
        );
    }
    for (const path of new Set([...needed, ...run.bundle.receives])) {
        if (existsSync(join(run.exchange, path))) copyAtomic(join(run.exchange, path), join(treeRoot, path));
    }
}
