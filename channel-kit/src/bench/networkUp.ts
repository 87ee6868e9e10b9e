// SPDX-License-Identifier: Apache-2.0
//
// Benchmark: `network up` of the public example (examples/productivist.yaml) on real Fabric, cold
// (new state folder: CA init, enrollment of every identity, channel block, every join) and warm
// (up after down: same certificates and ledgers), total and per node (time from the start of `up`
// until the node answered its health check). Ports come from a free range so that it can run
// beside other networks. Run: npm run bench:network-up
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { UpResult } from '@productivist/network';
import { fabricHome, isPortFree, networkDown, networkUp } from '@productivist/network';

import { exampleText, generateTree, requireFabric, withPortBase } from '../realnet/support.js';

async function freeBase(span: number): Promise<number> {
    // Below Linux's ephemeral range (32768+), where outgoing connections could take a port meanwhile.
    for (let attempt = 0; attempt < 50; attempt++) {
        const base = 20000 + Math.floor(Math.random() * 120) * 100;
        const ports = Array.from({ length: span }, (_, i) => base + i);
        if ((await Promise.all(ports.map(isPortFree))).every(Boolean)) return base;
    }
    throw new Error(`no range of ${span} free ports found`);
}

const seconds = (ms: number | undefined): string => (ms === undefined ? '-' : (ms / 1000).toFixed(2));

async function main(): Promise<void> {
    requireFabric();
    const base = await freeBase(40);
    const tree = generateTree(withPortBase(exampleText('productivist'), base), 'bench');
    const state = mkdtempSync(join(tmpdir(), 'productivist-bench-state-'));
    let cold: UpResult | undefined;
    let warm: UpResult | undefined;
    try {
        cold = await networkUp({ source: tree, state, fabricHome: fabricHome() });
        await networkDown(state);
        warm = await networkUp({ source: tree, state, fabricHome: fabricHome() });
        await networkDown(state);
    } finally {
        await networkDown(state).catch(() => undefined);
        rmSync(state, { recursive: true, force: true });
        rmSync(join(tree, '..'), { recursive: true, force: true });
    }
    const ids = Object.keys(cold.readyAt);
    const width = Math.max(...ids.map((id) => id.length), 'node'.length);
    const lines = [
        `network up of examples/productivist.yaml (6 CAs, 3 Raft orderers, 5 peers), ports from ${base}`,
        `${'node'.padEnd(width)}  cold ready (s)  warm ready (s)`,
        ...ids.map(
            (id) =>
                `${id.padEnd(width)}  ${seconds(cold.readyAt[id]).padStart(14)}  ${seconds(warm.readyAt[id]).padStart(14)}`,
        ),
        `${'total (joined, anchors set)'.padEnd(width)}  ${seconds(cold.elapsedMs).padStart(14)}  ${seconds(warm.elapsedMs).padStart(14)}`,
    ];
    console.log(lines.join('\n'));
}

main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
});
