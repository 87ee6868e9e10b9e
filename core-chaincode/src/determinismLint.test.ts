// SPDX-License-Identifier: Apache-2.0
//
// The lint rule that keeps chaincode deterministic refuses the clock, randomness and instance state.
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const fixture = `// SPDX-License-Identifier: Apache-2.0
import { randomBytes } from 'node:crypto';

import { Context, Contract, Transaction } from 'fabric-contract-api';

let calls = 0;

export class Sloppy extends Contract {
    private last = '';

    @Transaction()
    async Stamp(ctx: Context): Promise<void> {
        this.last = String(Date.now()) + String(Math.random()) + new Date().toISOString() + randomBytes(4).toString('hex');
        calls += 1;
        await ctx.stub.putState('k', Buffer.from(this.last + String(calls)));
    }
}
`;

describe('determinism lint rule for core-chaincode', () => {
    it('reports Date.now, Math.random, new Date(), random bytes and instance state', () => {
        const file = join(__dirname, 'shared', `LintFixture${process.pid}.ts`);
        writeFileSync(file, fixture);
        try {
            // The CLI, as `npm run lint` runs it (jest cannot load the ESM config in-process).
            const root = join(__dirname, '..', '..');
            const run = spawnSync(
                process.execPath,
                [join(root, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--format', 'json', file],
                {
                    cwd: root,
                    encoding: 'utf8',
                },
            );
            const [result] = JSON.parse(run.stdout) as { messages: { message: string }[] }[];
            const messages = (result?.messages ?? []).map((message) => message.message);
            expect(messages).toEqual(
                expect.arrayContaining([
                    "'Date.now' is restricted from being used. Chaincode must be deterministic: use ctx.stub.getTxTimestamp().",
                    "'Math.random' is restricted from being used. Chaincode must be deterministic: derive values from the transaction.",
                    'new Date() reads the clock: use ctx.stub.getDateTimestamp().',
                    "'randomBytes' import from 'node:crypto' is restricted. Chaincode must be deterministic.",
                    'No instance state in contracts: peers and calls do not share it.',
                    'No module-level mutable state in chaincode.',
                ]),
            );
        } finally {
            rmSync(file, { force: true });
        }
    }, 60_000);
});
