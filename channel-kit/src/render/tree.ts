// SPDX-License-Identifier: Apache-2.0
//
// Stage 4: the whole generated tree, in memory: tree path → file text, sorted by path.
import { printLock } from '../model/lock.js';
import type { Ecosystem } from '../model/types.js';
import { renderCaConfigs, renderEnrollmentPlan } from './ca.js';
import { renderChannels } from './channels.js';
import { renderConfigtx } from './configtx.js';
import { renderMsps } from './msp.js';
import { planProcesses, renderCompose, renderConnectionProfiles, renderStartPlan } from './plan.js';
import { renderPublicChannel, renderPublicNetwork } from './publicNetwork.js';
import { jsonText } from './serialise.js';
import { bundles, renderBundleReadme, renderTopology, renderTreeReadme } from './text.js';

/** Name of the lock file at the root of the generated tree. */
export const lockFileName = 'productivist.lock.json';

/** Every generated file. Keys are sorted so that iteration order is the same on every machine. */
export type Tree = ReadonlyMap<string, string>;

/** Renders every artifact of an ecosystem. */
export function renderTree(ecosystem: Ecosystem): Tree {
    const files = new Map<string, string>();
    const add = (path: string, text: string): void => {
        if (files.has(path)) throw new Error(`two artifacts would be written to ${path}`);
        files.set(path, text);
    };
    const processes = planProcesses(ecosystem);
    add('README.md', renderTreeReadme(ecosystem));
    add('configtx.yaml', renderConfigtx(ecosystem));
    for (const org of ecosystem.organizations) for (const [path, text] of renderCaConfigs(org)) add(path, text);
    add('enrollment-plan.json', renderEnrollmentPlan(ecosystem));
    for (const [path, text] of renderMsps(ecosystem)) add(path, text);
    for (const [path, text] of renderChannels(ecosystem)) add(path, text);
    for (const [path, text] of renderConnectionProfiles(ecosystem)) add(path, text);
    add('start-plan.json', renderStartPlan(ecosystem, processes));
    add('compose.yaml', renderCompose(ecosystem, processes));
    add('topology.md', renderTopology(ecosystem));
    for (const bundle of bundles(ecosystem, processes)) {
        const key = bundle.organization.toLowerCase();
        add(`bundles/${key}/bundle.json`, jsonText(bundle));
        add(`bundles/${key}/README.md`, renderBundleReadme(ecosystem, bundle, processes));
    }
    const publicNetwork = renderPublicNetwork(ecosystem);
    if (publicNetwork !== undefined) add('public-network.json', publicNetwork);
    const publicChannel = renderPublicChannel(ecosystem);
    if (publicChannel !== undefined) add('public-channel.json', publicChannel);
    add(lockFileName, printLock(ecosystem.lock));
    return new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
