// SPDX-License-Identifier: Apache-2.0
//
// Support of the real-Fabric tests: each test file generates its own tree on its own free port
// range, brings up ONE network in its own state folder, and tears it down in afterAll.
import { mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import type { ChannelPlan } from '@productivist/network';
import {
    fabricConfigDir,
    fabricHome,
    networkDown,
    requireBinary,
    runBinary,
    updateChannelConfig,
} from '@productivist/network';
import { freePortBase, requireFabric } from '@productivist/network/testing';

export { eventually, freePortBase, requireFabric } from '@productivist/network/testing';

import { testPublicNetwork } from '../fixtures.js';
import { buildTree } from '../generate.js';
import { writeTree } from '../write/writeTree.js';

export const examplesDir = join(__dirname, '..', '..', '..', 'examples');

/** Puts `ports.base` into an ecosystem text. */
export function withPortBase(text: string, base: number): string {
    return text
        .replace(/^ports:\n +base: \d+\n/m, '')
        .replace(/^version: 1$/m, `version: 1\nports:\n    base: ${base}`);
}

/** Generates a tree from ecosystem text into a new temp folder; returns the folder. */
export function generateTree(text: string, name: string): string {
    const out = join(mkdtempSync(join(tmpdir(), `productivist-net-${name}-`)), 'tree');
    writeTree(
        buildTree(text, { file: `${name}.yaml`, baseDir: examplesDir, publicNetwork: testPublicNetwork }).tree,
        out,
    );
    return out;
}

/** A new state folder. */
export function stateDir(name: string): string {
    return mkdtempSync(join(tmpdir(), `productivist-state-${name}-`));
}

export function exampleText(name: string): string {
    return readFileSync(join(examplesDir, `${name}.yaml`), 'utf8');
}

/** One test file's network: its generated tree and its state folder. */
export interface TestNetwork {
    readonly tree: string;
    readonly state: string;
}

/**
 * Prepares one test file's network: checks the Fabric binaries, generates the tree of the
 * ecosystem `text(base)` on a free range of `span` ports, and makes a state folder.
 */
export async function prepareNetwork(name: string, text: (base: number) => string, span: number): Promise<TestNetwork> {
    requireFabric();
    const tree = generateTree(text(await freePortBase(span)), name);
    return { tree, state: stateDir(name) };
}

/** Stops a test file's network, then removes its state folder and its tree's folder. */
export async function removeNetwork({ tree, state }: TestNetwork): Promise<void> {
    try {
        await networkDown(state);
    } finally {
        rmSync(state, { recursive: true, force: true });
        rmSync(dirname(tree), { recursive: true, force: true });
    }
}

/** Environment of a `peer` CLI call as an admin of the plan. */
export function adminEnv(
    tree: string,
    admin: NonNullable<ChannelPlan['ordererAdmin']>,
    address: string,
): Record<string, string> {
    return {
        FABRIC_CFG_PATH: fabricConfigDir(fabricHome()),
        CORE_PEER_LOCALMSPID: admin.mspId,
        CORE_PEER_MSPCONFIGPATH: join(tree, admin.mspDir),
        CORE_PEER_ADDRESS: address,
        CORE_PEER_TLS_ENABLED: 'true',
        CORE_PEER_TLS_ROOTCERT_FILE: join(tree, admin.tlsRootCert),
    };
}

/** configtxlator proto_decode of a file into JSON (through a file: it cannot open /dev/stdout on a socket). */
export async function decode(file: string, type: string): Promise<unknown> {
    const output = `${file}.${type}.json`;
    await runBinary(requireBinary('configtxlator'), [
        'proto_decode',
        '--input',
        file,
        '--type',
        type,
        '--output',
        output,
    ]);
    return JSON.parse(readFileSync(output, 'utf8')) as unknown;
}

/**
 * Orders one config block on a channel: changes the batch timeout by a config update signed by
 * the ordering organization's admin (the runtime's own config-update path).
 */
export async function orderConfigBlock(
    tree: string,
    channel: ChannelPlan,
    ordererAddress: string,
    peerAddress: string,
    batchTimeout: string,
): Promise<void> {
    const admin = channel.ordererAdmin;
    if (admin === undefined) throw new Error(`channel ${channel.name} names no orderer admin`);
    const work = mkdtempSync(join(tmpdir(), 'productivist-cfg-'));
    try {
        const changed = await updateChannelConfig(
            {
                channel: channel.name,
                orderer: ordererAddress,
                ordererTlsCa: join(tree, admin.tlsRootCert),
                env: adminEnv(tree, admin, peerAddress),
                work,
                fabricHome: fabricHome(),
            },
            (config) => {
                const timeout = config.channel_group.groups['Orderer']?.values['BatchTimeout'] as
                    { value: { timeout: string } } | undefined;
                if (timeout === undefined) return false;
                timeout.value.timeout = batchTimeout;
                return true;
            },
        );
        if (!changed) throw new Error('the config update changed nothing');
    } finally {
        rmSync(work, { recursive: true, force: true });
    }
}

/** Every address the given processes listen on (from /proc/net/tcp{,6} and /proc/<pid>/fd), as `ip:port`. */
export function listeningAddresses(pids: readonly number[]): string[] {
    const inodes = new Set<string>();
    for (const pid of pids) {
        for (const fd of readdirSync(`/proc/${String(pid)}/fd`)) {
            try {
                const inode = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${String(pid)}/fd/${fd}`))?.[1];
                if (inode !== undefined) inodes.add(inode);
            } catch {
                // closed meanwhile
            }
        }
    }
    const addresses = new Set<string>();
    for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
        for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
            const fields = line.trim().split(/\s+/);
            const [hexIp = '', hexPort = ''] = (fields[1] ?? '').split(':');
            if (fields[3] !== '0A' || !inodes.has(fields[9] ?? '')) continue;
            const ip =
                hexIp.length === 8
                    ? [3, 2, 1, 0].map((i) => String(Number.parseInt(hexIp.slice(i * 2, i * 2 + 2), 16))).join('.')
                    : `[${hexIp}]`;
            addresses.add(`${ip}:${String(Number.parseInt(hexPort, 16))}`);
        }
    }
    return [...addresses].sort();
}
