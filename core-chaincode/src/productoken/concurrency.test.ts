// SPDX-License-Identifier: Apache-2.0
//
// No hot keys: payments into one account, and fees into the platform account, endorsed on the same
// state and committed in one block, all commit.
import { memberAttribute } from '../shared/caller.js';
import { evaluate, submit } from '../testing.js';
import { createWorld } from '../world.js';

const pt = 'productoken';

describe('productoken under concurrency', () => {
    it('commits 100 payments from distinct payers into one producer account in one block: 100 VALID, exact balance', async () => {
        // Given 100 funded payers
        const world = await createWorld();
        const payers = Array.from({ length: 100 }, (_, i) => `payer-${String(i).padStart(3, '0')}`);
        for (const payer of payers) {
            await world.addMember(payer, { mspId: 'CustomerMSP', attributes: { [memberAttribute]: payer } });
            await submit(world, 'treasury', pt, 'Mint', payer, '1000', `fund-${payer}`);
        }
        const height = world.blocks().length;
        // When each pays printlab, all endorsed on the same state before any commits
        const endorsed = await Promise.all(
            payers.map((payer, i) =>
                world
                    .contract(payer, pt)
                    .endorse('Transfer', { arguments: ['printlab', String(i + 1), `invoice-${i}`, `pay-${i}`] }),
            ),
        );
        const statuses = await Promise.all(endorsed.map((tx) => tx.submit()));
        // Then all 100 are valid, in one block, and printlab has exactly the sum
        expect(statuses.filter((s) => s.code === 'VALID')).toHaveLength(100);
        expect(new Set(statuses.map((s) => s.blockNumber))).toEqual(new Set([BigInt(height)]));
        expect(await evaluate(world, 'printlab', pt, 'BalanceOf', 'printlab')).toEqual({
            account: 'printlab',
            available: '5050',
            held: '0',
        });
    });

    it('commits 50 hold releases paying the same producer and the platform fee account in one block', async () => {
        const world = await createWorld();
        await submit(world, 'treasury', pt, 'Mint', 'alice', '100000', 'fund');
        const rules = JSON.stringify({
            payees: [{ account: 'printlab', bps: 9500 }],
            release: [{ entryChaincode: 'productoken', parties: ['payer'] }],
            refund: [{ entryChaincode: 'productoken', parties: ['payer'] }],
        });
        for (let i = 0; i < 50; i++)
            await submit(world, 'alice', pt, 'CreateHold', `order-${i}`, '100', rules, `hold-${i}`);
        const endorsed = await Promise.all(
            Array.from({ length: 50 }, (_, i) =>
                world.contract('alice', pt).endorse('ReleaseHold', { arguments: [`alice/order-${i}`] }),
            ),
        );
        const statuses = await Promise.all(endorsed.map((tx) => tx.submit()));
        expect(statuses.filter((s) => s.code === 'VALID')).toHaveLength(50);
        expect((await evaluate<{ available: string }>(world, 'treasury', pt, 'BalanceOf', 'printlab')).available).toBe(
            '4750',
        );
        expect(
            (await evaluate<{ available: string }>(world, 'treasury', pt, 'BalanceOf', 'productivist')).available,
        ).toBe('250');
    });

    it('still serialises two spends by the same payer (one MVCC conflict), so nothing is spent twice', async () => {
        const world = await createWorld();
        await submit(world, 'treasury', pt, 'Mint', 'alice', '100', 'fund');
        await submit(world, 'alice', pt, 'Transfer', 'dana', '1', '', 'warm-up'); // alice's tokens now sit in her base balance
        const [a, b] = await Promise.all([
            world.contract('alice', pt).endorse('Transfer', { arguments: ['dana', '90', '', 's1'] }),
            world.contract('alice', pt).endorse('Transfer', { arguments: ['printlab', '90', '', 's2'] }),
        ]);
        const codes = (await Promise.all([a.submit(), b.submit()])).map((s) => s.code).sort();
        expect(codes).toEqual(['MVCC_READ_CONFLICT', 'VALID']);
        expect((await evaluate<{ available: string }>(world, 'alice', pt, 'BalanceOf', 'alice')).available).toBe('9');
    });
});
