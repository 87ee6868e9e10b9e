// SPDX-License-Identifier: Apache-2.0
//
// The public example (examples/productivist.yaml) as a real network for the hot-key benchmark and
// the real-Fabric client tests: generated on a free port range with a short block timeout, brought
// up in a temp state folder (network up deploys the core contracts and initializes productoken),
// and taken down again. Also the hot-key set-up: payers enrolled at the Customer CA with their
// member attribute, accounts opened and funded by the treasury, the naive token deployed beside.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { buildTree, writeTree } from '@productivist/channel-kit';
import { Wallet } from '@productivist/clients';
import type { Ledger } from '@productivist/ledger-api';
import { retryReadConflicts } from '@productivist/ledger-api';
import {
    deployNetworkChaincode,
    enrollMembers,
    fabricHome,
    networkDown,
    networkUp,
    openNetworkLedger,
} from '@productivist/network';
import type { GatewayLedger } from '@productivist/network';
import { freePortBase, requireFabric } from '@productivist/network/testing';

export const examplesDir = join(__dirname, '..', '..', '..', 'examples');
export const naiveTokenDir = join(__dirname, '..', '..', 'bench', 'naive-token');

/** A running public network: its tree, its state folder, and how to stop it and remove both. */
export interface PublicNetwork {
    readonly tree: string;
    readonly state: string;
    readonly base: number;
    remove(): Promise<void>;
}

/** Generates the public example on free ports with `batchTimeout` and runs `network up` on it. */
export async function startPublicNetwork(
    name: string,
    batchTimeout: string,
    progress: (line: string) => void = () => undefined,
): Promise<PublicNetwork> {
    requireFabric();
    const base = await freePortBase(40);
    const text = readFileSync(join(examplesDir, 'productivist.yaml'), 'utf8')
        .replace(/^ports:\n +base: \d+\n/m, '')
        .replace(/^version: 1$/m, `version: 1\nports:\n    base: ${base}`)
        .replace(/batchTimeout: \S+/, `batchTimeout: ${batchTimeout}`);
    const folder = mkdtempSync(join(tmpdir(), `productivist-${name}-`));
    const tree = join(folder, 'tree');
    const state = join(folder, 'state');
    writeTree(buildTree(text, { file: 'productivist.yaml', baseDir: examplesDir }).tree, tree);
    const remove = async (): Promise<void> => {
        try {
            await networkDown(state);
        } finally {
            rmSync(folder, { recursive: true, force: true });
        }
    };
    try {
        await networkUp({ source: tree, state, fabricHome: fabricHome(), progress });
    } catch (error) {
        await remove();
        throw error;
    }
    return { tree, state, base, remove };
}

/** Runs `step` on every item, `parallel` at a time. */
async function each<T>(items: readonly T[], parallel: number, step: (item: T) => Promise<unknown>): Promise<void> {
    const queue = [...items];
    await Promise.all(
        Array.from({ length: parallel }, async () => {
            for (let item = queue.shift(); item !== undefined; item = queue.shift()) await step(item);
        }),
    );
}

/** The hot-key set-up on a running network; returns the ledger and the payers' names. */
export async function prepareHotKeys(
    network: PublicNetwork,
    count: number,
    progress: (line: string) => void = () => undefined,
): Promise<{ ledger: GatewayLedger; payers: string[] }> {
    const payers = Array.from({ length: count }, (_, i) => `payer${String(i + 1).padStart(3, '0')}`);
    let started = Date.now();
    await enrollMembers({
        state: network.state,
        organization: 'Customer',
        members: payers.map((name) => ({ name, role: 'customer' })),
        parallel: 4,
    });
    progress(`${count} payers enrolled at the Customer CA in ${seconds(started)} s`);
    started = Date.now();
    await deployNetworkChaincode({
        state: network.state,
        chaincode: naiveTokenDir,
        name: 'naive',
        fabricHome: fabricHome(),
    });
    progress(`naive token deployed in ${seconds(started)} s`);
    // A burst of 100 concurrent calls on a loaded 2-core machine: longer deadlines than the CLI's, so
    // that what is counted is validation, not a client giving up.
    const ledger = openNetworkLedger({
        state: network.state,
        deadlines: { evaluate: 30_000, endorse: 60_000, submit: 30_000, commitStatus: 120_000 },
    });
    started = Date.now();
    await fund(ledger, payers);
    progress(`accounts opened and funded in ${seconds(started)} s`);
    return { ledger, payers };
}

/**
 * Opens each payer's account and funds its naive balance (concurrently: distinct keys), and mints
 * 10.00 PDT into each account one mint after the other: every mint rewrites the total supply, the
 * treasury's own key, so concurrent mints would only conflict.
 */
async function fund(ledger: Ledger, payers: readonly string[]): Promise<void> {
    await each(payers, 25, async (payer) => {
        await retryReadConflicts(() => ledger.contract(payer, 'productoken').submit('OpenAccount'));
        await retryReadConflicts(() => ledger.contract(payer, 'naive').submit('Fund', { arguments: [payer, '1000'] }));
    });
    const treasury = new Wallet(ledger, 'treasury');
    for (const payer of payers) await treasury.mint(payer, '1000', `bench-fund-${payer}`);
}

function seconds(since: number): string {
    return ((Date.now() - since) / 1000).toFixed(1);
}
