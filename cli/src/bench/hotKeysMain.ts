// SPDX-License-Identifier: Apache-2.0
//
// Benchmark: hot keys on real Fabric. The public example comes up on free ports (core contracts
// deployed, productoken initialized), 100 payers are enrolled at the Customer CA with their member
// attribute, opened and funded by the treasury, and the naive single-balance-key token is deployed
// beside productoken. Then all payers pay printlab at once, through the gateway, each payment
// submitted once: with productoken, then with the naive token. Prints a table and writes
// reports/bench-hotkeys.json. Run: npm run bench:hotkeys [-- --payers 100 --batch-timeout 2s]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { formatOutcomes, naivePayments, productokenPayments } from './hotKeys.js';
import { preparePayers, startPublicNetwork } from './publicNetwork.js';

function option(name: string, fallback: string): string {
    const index = process.argv.indexOf(`--${name}`);
    return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

async function main(): Promise<void> {
    const count = Number.parseInt(option('payers', '100'), 10);
    const batchTimeout = option('batch-timeout', '2s');
    const say = (line: string): void => {
        console.log(line);
    };
    const begin = Date.now();
    const network = await startPublicNetwork('bench-hotkeys', { cutting: { batchTimeout } });
    say(
        `network up of examples/productivist.yaml (batch timeout ${batchTimeout}) in ${((Date.now() - begin) / 1000).toFixed(1)} s`,
    );
    try {
        const { ledger, payers } = await preparePayers(network, count, { progress: say });
        try {
            const token = await productokenPayments(ledger, payers, 'printlab', '100', 'bench');
            const naive = await naivePayments(ledger, 'naive', payers, 'printlab', '100');
            const lines = [
                `${count} payers pay printlab 1.00 PDT at the same moment, through the gateway, each payment submitted once`,
                ...formatOutcomes([token, naive]),
            ];
            say(lines.join('\n'));
            const out = join(__dirname, '..', '..', '..', 'reports', 'bench-hotkeys.json');
            mkdirSync(join(out, '..'), { recursive: true });
            writeFileSync(
                out,
                `${JSON.stringify({ payers: count, batchTimeout, productoken: token, naive }, null, 2)}\n`,
            );
            say(`written: reports/bench-hotkeys.json`);
        } finally {
            ledger.close();
        }
    } finally {
        await network.remove();
    }
}

main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
});
