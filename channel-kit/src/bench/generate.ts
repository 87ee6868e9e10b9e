// SPDX-License-Identifier: Apache-2.0
//
// Benchmark: a 100-organization, 20-channel ecosystem through the whole generator, timed against a
// baseline measured in the same run on the same text: parsing and validating it (what any
// generator must do before it can write a byte). Run: npm run build && node channel-kit/dist/bench/generate.js
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { stringify } from 'yaml';

import { buildTree } from '../generate.js';
import type { EcosystemInput } from '../model/input.generated.js';
import { validateEcosystem } from '../validate/validate.js';
import { writeTree } from '../write/writeTree.js';

/** A synthetic ecosystem: Productivist orders with Raft; 99 member organizations; 20 private channels of 10 members. */
export function syntheticEcosystem(organizations = 100, channels = 20): EcosystemInput {
    const names = Array.from({ length: organizations - 1 }, (_, i) => `Org${i + 1}`);
    return {
        version: 1,
        name: 'bench',
        organizations: [
            {
                name: 'Productivist',
                mspId: 'ProductivistMSP',
                domain: 'productivist.example',
                roles: ['treasury'],
                peers: 1,
            },
            ...names.map((name, i) => ({
                name,
                mspId: `${name}MSP`,
                domain: `${name.toLowerCase()}.example`,
                roles: ['producer' as const, 'customer' as const],
                peers: 1 + (i % 2),
                users: [
                    { name: 'user1', roles: ['producer' as const] },
                    { name: 'admin2', admin: true },
                ],
                devices: [{ name: 'machine1', owner: 'user1' }],
            })),
        ],
        ordering: { organization: 'Productivist', type: 'raft', nodes: 3 },
        channels: Array.from({ length: channels }, (_, c) => {
            const members = Array.from({ length: 10 }, (_, m) => names[(c * 5 + m) % names.length] ?? 'Org1');
            return {
                name: `channel-${c}`,
                type: 'private' as const,
                members,
                policies: { admins: members[0] ?? 'Org1' },
                collections: [{ name: 'shared', members: members.slice(0, 3), requiredPeerCount: 1, maxPeerCount: 2 }],
                chaincodes: [
                    { name: 'orders', endorsement: 'majority', collections: ['shared'] },
                    { name: 'quality', endorsement: { all: [members[0] ?? 'Org1', { any: members.slice(1, 4) }] } },
                ],
            };
        }),
    };
}

function median(samples: number[]): number {
    const sorted = [...samples].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function time(runs: number, act: () => unknown): number {
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
        const started = process.hrtime.bigint();
        act();
        samples.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    return median(samples);
}

function main(): void {
    const text = stringify(syntheticEcosystem());
    const options = { file: 'bench.yaml', baseDir: tmpdir() };
    // Warm up: the schema compiles and templates load once per process.
    const built = buildTree(text, options);
    const runs = 15;
    const baseline = time(runs, () => validateEcosystem(text, options));
    const generate = time(runs, () => buildTree(text, options));
    const dir = mkdtempSync(join(tmpdir(), 'productivist-bench-'));
    let n = 0;
    const write = time(5, () => writeTree(buildTree(text, options).tree, join(dir, `out${n++}`)));
    rmSync(dir, { recursive: true, force: true });
    const bytes = [...built.tree.values()].reduce((sum, file) => sum + file.length, 0);
    const kb = (value: number): string => `${Math.round(value / 1024).toLocaleString('en-US')} KiB`;
    console.log(`ecosystem: 100 organizations, 20 channels, 40 chaincodes; ${kb(text.length)} of YAML`);
    console.log(`output: ${built.tree.size} files, ${kb(bytes)}; median of ${runs} runs`);
    console.log(`baseline (parse + validate only): ${baseline.toFixed(1)} ms`);
    console.log(
        `generate in memory (parse, validate, normalise, render): ${generate.toFixed(1)} ms, ${(generate / baseline).toFixed(1)}x the baseline`,
    );
    console.log(`generate and write to disk: ${write.toFixed(1)} ms, ${(write / baseline).toFixed(1)}x the baseline`);
}

if (require.main === module) main();
