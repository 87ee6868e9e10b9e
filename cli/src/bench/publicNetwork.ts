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
import type { GatewayLedger, UpResult } from '@productivist/network';
import { freePortBase, requireFabric } from '@productivist/network/testing';

export const examplesDir = join(__dirname, '..', '..', '..', 'examples');
export const naiveTokenDir = join(__dirname, '..', '..', 'bench', 'naive-token');
export const noopDir = join(__dirname, '..', '..', 'bench', 'noop');

/** How the orderers cut blocks: at `maxMessageCount` transactions or after `batchTimeout`. */
export interface BlockCutting {
    readonly batchTimeout: string;
    readonly maxMessageCount: number;
}

/** The public example's block cutting, as examples/productivist.yaml sets it. */
export function exampleBlockCutting(): BlockCutting {
    const text = readFileSync(join(examplesDir, 'productivist.yaml'), 'utf8');
    const timeout = /batchTimeout: (\S+)/.exec(text)?.[1];
    const count = /maxMessageCount: (\d+)/.exec(text)?.[1];
    if (timeout === undefined || count === undefined)
        throw new Error('examples/productivist.yaml sets no batchTimeout and maxMessageCount in its blockCutting');
    return { batchTimeout: timeout, maxMessageCount: Number.parseInt(count, 10) };
}

/**
 * The public example's text on port `base` with `cutting`, and `declared` chaincodes added to its
 * channel with productoken's endorsement policy (deployed later with {@link deployBeside}).
 */
export function benchEcosystem(base: number, cutting: BlockCutting, declared: readonly string[] = []): string {
    const text = readFileSync(join(examplesDir, 'productivist.yaml'), 'utf8')
        .replace(/^ports:\n +base: \d+\n/m, '')
        .replace(/^version: 1$/m, `version: 1\nports:\n    base: ${String(base)}`)
        .replace(/batchTimeout: \S+/, `batchTimeout: ${cutting.batchTimeout}`)
        .replace(/maxMessageCount: \d+/, `maxMessageCount: ${String(cutting.maxMessageCount)}`);
    const token = /^( +)- name: productoken\n((?:\1 {2}.*\n)+)/m.exec(text);
    if (token === null) throw new Error('examples/productivist.yaml declares no productoken chaincode');
    const [whole, indent = '', body = ''] = token;
    const added = declared.map((name) => `${indent}- name: ${name}\n${body}`).join('');
    return text.replace(whole, `${whole}${added}`);
}

/** A running public network: its tree, its state folder, how `up` went, and how to stop it and remove both. */
export interface PublicNetwork {
    readonly tree: string;
    readonly state: string;
    readonly base: number;
    readonly cutting: BlockCutting;
    readonly up: UpResult;
    remove(): Promise<void>;
}

/** Options of {@link startPublicNetwork}. */
export interface PublicNetworkOptions {
    /** Block cutting (default: the example's). */
    readonly cutting?: Partial<BlockCutting>;
    /** Chaincodes declared beside productoken with its endorsement policy. */
    readonly declared?: readonly string[];
    readonly progress?: (line: string) => void;
}

/** Generates the public example on free ports and runs `network up` on it in a new state folder. */
export async function startPublicNetwork(name: string, options: PublicNetworkOptions = {}): Promise<PublicNetwork> {
    requireFabric();
    const base = await freePortBase(40);
    const cutting = { ...exampleBlockCutting(), ...options.cutting };
    const text = benchEcosystem(base, cutting, options.declared);
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
    let up: UpResult;
    try {
        up = await networkUp({
            source: tree,
            state,
            fabricHome: fabricHome(),
            ...(options.progress === undefined ? {} : { progress: options.progress }),
        });
    } catch (error) {
        await remove();
        throw error;
    }
    return { tree, state, base, cutting, up, remove };
}

/** Deploys the chaincode project in `folder` as `name` (declared by {@link startPublicNetwork}). */
export async function deployBeside(network: PublicNetwork, folder: string, name: string): Promise<void> {
    await deployNetworkChaincode({ state: network.state, chaincode: folder, name, fabricHome: fabricHome() });
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

/** What {@link preparePayers} sets up besides the payers. */
export interface PayerSetup {
    /** Smallest units minted into each payer's account (default 1000, 10.00 PDT). */
    readonly mint?: string;
    /** Also deploy the no-op chaincode (declared as `noop`). */
    readonly noop?: boolean;
    readonly progress?: (line: string) => void;
}

/**
 * The payers' set-up on a running network: `count` payers enrolled at the Customer CA with their
 * member attribute, their accounts opened and funded by the treasury, the naive token (and the no-op
 * chaincode) deployed beside productoken, each payer funded on the naive token too. Returns the
 * ledger and the payers' names.
 */
export async function preparePayers(
    network: PublicNetwork,
    count: number,
    setup: PayerSetup = {},
): Promise<{ ledger: GatewayLedger; payers: string[] }> {
    const progress = setup.progress ?? (() => undefined);
    const payers = Array.from({ length: count }, (_, i) => `payer${String(i + 1).padStart(3, '0')}`);
    let started = Date.now();
    await enrollMembers({
        state: network.state,
        organization: 'Customer',
        members: payers.map((name) => ({ name, role: 'customer' })),
        parallel: 4,
    });
    progress(`${String(count)} payers enrolled at the Customer CA in ${seconds(started)} s`);
    started = Date.now();
    await deployBeside(network, naiveTokenDir, 'naive');
    if (setup.noop === true) await deployBeside(network, noopDir, 'noop');
    progress(`naive token${setup.noop === true ? ' and no-op chaincode' : ''} deployed in ${seconds(started)} s`);
    // Bursts of concurrent calls on a loaded 2-core machine: longer deadlines than the CLI's, so that
    // what is counted is validation, not a client giving up.
    const ledger = openNetworkLedger({
        state: network.state,
        deadlines: { evaluate: 30_000, endorse: 60_000, submit: 30_000, commitStatus: 120_000 },
    });
    started = Date.now();
    await fund(ledger, payers, setup.mint ?? '1000');
    progress(`accounts opened and funded in ${seconds(started)} s`);
    return { ledger, payers };
}

/**
 * Opens each payer's account and funds its naive balance (concurrently: distinct keys), and mints
 * `amount` into each account one mint after the other: every mint rewrites the total supply, the
 * treasury's own key, so concurrent mints would only conflict.
 */
async function fund(ledger: Ledger, payers: readonly string[], amount: string): Promise<void> {
    await each(payers, 25, async (payer) => {
        await retryReadConflicts(() => ledger.contract(payer, 'productoken').submit('OpenAccount'));
        await retryReadConflicts(() => ledger.contract(payer, 'naive').submit('Fund', { arguments: [payer, amount] }));
    });
    const treasury = new Wallet(ledger, 'treasury');
    for (const payer of payers) await treasury.mint(payer, amount, `bench-fund-${payer}`);
}

function seconds(since: number): string {
    return ((Date.now() - since) / 1000).toFixed(1);
}
