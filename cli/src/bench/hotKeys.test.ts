// SPDX-License-Identifier: Apache-2.0
//
// The hot-key measurement on the embedded ledger (the real-Fabric run is cli/src/realnet/hotKeys.test.ts
// and `npm run bench:hotkeys`): concurrent payments into one producer all commit with productoken,
// and collide on the naive token's single balance key.
import { join } from 'node:path';

import { LocalLedger, Wallet } from '@productivist/clients';

import { formatOutcomes, naivePayments, productokenPayments } from './hotKeys.js';

// The naive chaincode is a plain Node chaincode project (cli/bench/naive-token), not TypeScript.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const naive = require(join(__dirname, '..', '..', 'bench', 'naive-token')) as { contracts: (new () => object)[] };

describe('concurrent payments into one producer', () => {
    const payers = Array.from({ length: 12 }, (_, i) => `payer${String(i).padStart(3, '0')}`);
    let world: LocalLedger;
    beforeAll(async () => {
        world = await LocalLedger.open();
        world.network.deploy({
            name: 'naive',
            contracts: naive.contracts,
            endorsementPolicy: { any: ['CustomerMSP', 'ProducerMSP'] },
        });
        const treasury = new Wallet(world, 'treasury');
        for (const payer of payers) {
            await world.network.addMember(payer, {
                mspId: 'CustomerMSP',
                role: 'client',
                attributes: { 'productivist.member': payer },
            });
            await world.contract(payer, 'productoken').submit('OpenAccount');
            await treasury.mint(payer, '1000', `fund-${payer}`);
            await world.contract(payer, 'naive').submit('Fund', { arguments: [payer, '1000'] });
        }
    });
    afterAll(() => {
        world.close();
    });

    it('all commit with productoken: no conflicts', async () => {
        const outcome = await productokenPayments(world, payers, 'printlab', '100', 'unit');
        expect(outcome).toMatchObject({ payments: 12, valid: 12, conflicts: 0, otherFailures: 0 });
        expect((await new Wallet(world, 'printlab').balance()).available).toBe('1200');
    });

    it('collide on the naive single balance key, and the table prints both', async () => {
        const outcome = await naivePayments(world, 'naive', payers, 'printlab', '100');
        expect(outcome.payments).toBe(12);
        expect(outcome.otherFailures).toBe(0);
        expect(outcome.valid + outcome.conflicts).toBe(12);
        expect(outcome.conflicts).toBeGreaterThan(0);
        const table = formatOutcomes([
            {
                contract: 'productoken (credit entries)',
                payments: 12,
                valid: 12,
                conflicts: 0,
                otherFailures: 0,
                failures: {},
                blocks: 1,
                seconds: 1,
            },
            outcome,
        ]);
        expect(table[0]).toMatch(/^contract +payments +valid +conflicts +other +blocks +seconds$/);
        expect(table.at(-1)).toContain(`conflict rate: productoken 0/12, naive ${outcome.conflicts}/12`);
    });
});
