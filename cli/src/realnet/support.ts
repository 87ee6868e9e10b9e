// SPDX-License-Identifier: Apache-2.0
//
// Support of the suite's real-Fabric test files: each file brings up ONE network of an ecosystem
// text on its own free port range and state folder, opens the gateway ledger over the members
// `network up` enrolled, and tears everything down in afterAll, also after a failure.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { buildTree, writeTree } from '@productivist/channel-kit';
import type { GatewayLedger } from '@productivist/network';
import { deployNetworkChaincode, fabricHome, networkDown, networkUp, openNetworkLedger } from '@productivist/network';
import { freePortBase, requireFabric } from '@productivist/network/testing';

export const repoRoot = join(__dirname, '..', '..', '..');

/** Puts `ports.base` into an ecosystem text, replacing the one it has. */
export function withPortBase(text: string, base: number): string {
    return text
        .replace(/^ports:\n +base: \d+\n/m, '')
        .replace(/^version: 1$/m, `version: 1\nports:\n    base: ${String(base)}`);
}

/** Sets every channel's block timeout (test networks cut blocks fast). */
export function withBatchTimeout(text: string, timeout: string): string {
    return text.replace(/batchTimeout: \S+/g, `batchTimeout: ${timeout}`);
}

/** One test file's network. */
export interface SuiteNetwork {
    readonly root: string;
    readonly state: string;
    readonly ledger: () => GatewayLedger;
    readonly stop: () => Promise<void>;
}

/**
 * Generates the ecosystem `text(base)` on a free range of `span` ports and runs `network up` in a
 * new state folder. `stop` closes the ledgers it opened, runs `network down` and removes the folders.
 */
export async function startNetwork(
    name: string,
    text: (base: number) => string,
    span: number,
    channel?: string,
): Promise<SuiteNetwork> {
    requireFabric();
    const root = mkdtempSync(join(tmpdir(), `productivist-suite-${name}-`));
    const tree = join(root, 'tree');
    const state = join(root, 'state');
    const ledgers: GatewayLedger[] = [];
    const stop = async (): Promise<void> => {
        for (const ledger of ledgers) ledger.close();
        try {
            await networkDown(state);
        } finally {
            rmSync(root, { recursive: true, force: true });
        }
    };
    try {
        writeTree(
            buildTree(text(await freePortBase(span)), { file: `${name}.yaml`, baseDir: join(repoRoot, 'examples') })
                .tree,
            tree,
        );
        await networkUp({ source: tree, state, fabricHome: fabricHome() });
    } catch (error) {
        await stop().catch(() => undefined);
        throw error;
    }
    return {
        root,
        state,
        stop,
        ledger: () => {
            const ledger = openNetworkLedger({ state, ...(channel === undefined ? {} : { channel }) });
            ledgers.push(ledger);
            return ledger;
        },
    };
}

/** The text of a file of the repository. */
export function repoText(...path: string[]): string {
    return readFileSync(join(repoRoot, ...path), 'utf8');
}

/** The conformance chaincode project (ledger/conformance-chaincode) deployed by path where the cases expect it. */
export async function deployConformance(network: SuiteNetwork): Promise<void> {
    const project = join(repoRoot, 'ledger', 'conformance-chaincode');
    const targets = [
        { name: 'conformance', channel: 'conformance' },
        { name: 'conformance-b', channel: 'conformance' },
        { name: 'conformance', channel: 'conformance-other' },
    ];
    for (const target of targets) {
        await deployNetworkChaincode({ state: network.state, chaincode: project, fabricHome: fabricHome(), ...target });
    }
}
