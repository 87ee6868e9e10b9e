// SPDX-License-Identifier: Apache-2.0
//
// No hot keys: payments into one account, and fees into the platform account, endorsed on the same
// state and committed in one block, all commit.
import { memberAttribute } from '../shared/caller.js';
import { createWorld, enrollMember, evaluate, failure, spendOptions, submit } from '@productivist/clients/testing';

const pt = 'productoken';

describe('productoken under concurrency', () => {
    it('commits 100 payments from distinct payers into one producer account in one block: 100 VALID, exact balance', async () => {
        // Given 100 funded payers
        const world = await createWorld();
        const payers = Array.from({ length: 100 }, (_, i) => `payer-${String(i).padStart(3, '0')}`);
        for (const payer of payers) {
            await enrollMember(world, payer, { mspId: 'CustomerMSP', attributes: { [memberAttribute]: payer } });
            await submit(world, 'treasury', pt, 'Mint', payer, '1000', `fund-${payer}`);
        }
        const height = world.blocks().length;
        // When each pays printlab, all endorsed on the same state before any commits
        const endorsed = await Promise.all(
            payers.map(async (payer, i) =>
                world
                    .contract(payer, pt)
                    .endorse(
                        'Transfer',
                        await spendOptions(world, payer, pt, 'Transfer', [
                            'printlab',
                            String(i + 1),
                            `invoice-${i}`,
                            `pay-${i}`,
                        ]),
                    ),
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

    describe('dust cannot block spending', () => {
        type Credits = { items: { id: string; amount: string }[]; bookmark: string };

        async function dustWorld(): Promise<Awaited<ReturnType<typeof createWorld>>> {
            const world = await createWorld();
            await enrollMember(world, 'mallory', {
                mspId: 'CustomerMSP',
                attributes: { [memberAttribute]: 'mallory' },
            });
            await submit(world, 'treasury', pt, 'Mint', 'alice', '1000', 'fund-alice');
            await submit(world, 'treasury', pt, 'Mint', 'mallory', '1000', 'fund-mallory');
            // mallory's first payment merges her minted credit into her base, which pays the dust after it
            await submit(world, 'mallory', pt, 'Transfer', 'productivist', '1', '', 'warm-up');
            return world;
        }

        it('a payer receiving one-unit payments every block spends from chosen credits and consolidates: zero failures', async () => {
            // Given alice, whose money sits in credit entries, and mallory paying her 1 unit in every block
            const world = await dustWorld();
            const statuses: string[] = [];
            let spent = 0n;
            for (let round = 0; round < 12; round++) {
                const credits = await evaluate<Credits>(world, 'alice', pt, 'CreditsOf', 'alice', '100', '');
                const ids = credits.items.map((c) => c.id);
                const known = credits.items.reduce((sum, c) => sum + BigInt(c.amount), 0n);
                // When alice spends everything in her known credits (more than her base), or merges them,
                // endorsed on the same state as mallory's next one-unit payment
                const dust = world
                    .contract('mallory', pt)
                    .endorse('Transfer', { arguments: ['alice', '1', '', `dust-${round}`] });
                const spend =
                    round % 3 === 2
                        ? world.contract('alice', pt).endorse('Consolidate', { arguments: [JSON.stringify(ids)] })
                        : world.contract('alice', pt).endorse('Transfer', {
                              arguments: ['dana', known.toString(), '', `spend-${round}`],
                              transientData: { credits: JSON.stringify(ids) },
                          });
                if (round % 3 !== 2) spent += known;
                const committed = await Promise.all((await Promise.all([spend, dust])).map((tx) => tx.submit()));
                // Then both commit, in one block
                expect(new Set(committed.map((s) => s.blockNumber)).size).toBe(1);
                statuses.push(...committed.map((s) => s.code));
            }
            expect(statuses.filter((code) => code !== 'VALID')).toEqual([]);
            // And no money appeared or vanished
            const balance = async (account: string): Promise<bigint> =>
                BigInt((await evaluate<{ available: string }>(world, 'treasury', pt, 'BalanceOf', account)).available);
            expect(await balance('alice')).toBe(1000n + 12n - spent);
            expect(await balance('dana')).toBe(spent);
            expect(await balance('mallory')).toBe(1000n - 13n);
            expect(await evaluate(world, 'alice', pt, 'TotalSupply')).toBe(2000);
        });

        it('a payer spending through the client while one-unit payments land in every block never fails', async () => {
            // Given alice with 1000 more in ten credits of 100, and mallory paying her 1 unit in every block
            const world = await dustWorld();
            for (let i = 0; i < 10; i++) await submit(world, 'treasury', pt, 'Mint', 'alice', '100', `fund-alice-${i}`);
            await submit(world, 'alice', pt, 'Transfer', 'dana', '1000', '', 'spend-first-mint'); // her base is 0 again
            const statuses: string[] = [];
            let spent = 0n;
            let namedRounds = 0;
            for (let round = 0; round < 12; round++) {
                // When alice pays more than her base, with the credits the client chose, endorsed on
                // the same state as mallory's payment
                const amount = 80n; // her base never holds 80 for long: most rounds name a new credit
                const options = await spendOptions(world, 'alice', pt, 'Transfer', [
                    'dana',
                    amount.toString(),
                    '',
                    `spend-${round}`,
                ]);
                const endorsed = await Promise.all([
                    world.contract('alice', pt).endorse('Transfer', options),
                    world
                        .contract('mallory', pt)
                        .endorse('Transfer', { arguments: ['alice', '1', '', `dust-${round}`] }),
                ]);
                spent += amount;
                if (options.transientData?.['credits'] !== undefined) namedRounds++;
                const committed = await Promise.all(endorsed.map((tx) => tx.submit()));
                // Then both commit in one block
                expect(new Set(committed.map((s) => s.blockNumber)).size).toBe(1);
                statuses.push(...committed.map((s) => s.code));
            }
            expect(statuses.filter((code) => code !== 'VALID')).toEqual([]);
            const balance = async (account: string): Promise<bigint> =>
                BigInt((await evaluate<{ available: string }>(world, 'treasury', pt, 'BalanceOf', account)).available);
            expect(await balance('alice')).toBe(2000n + 12n - 1000n - spent);
            expect(await balance('dana')).toBe(1000n + spent);
            expect(namedRounds).toBeGreaterThanOrEqual(8);
        });

        it('a spend naming no credits never reads a credit range: with a short base it is refused, state unchanged', async () => {
            // Given alice whose 1000 sit in a credit entry (base 0)
            const world = await dustWorld();
            const before = world.stateHash();
            // When she pays without naming credits
            expect(
                await failure(
                    world.contract('alice', pt).submit('Transfer', { arguments: ['dana', '10', '', 'spend'] }),
                ),
            ).toEqual({
                code: 'INSUFFICIENT_FUNDS',
                message:
                    "INSUFFICIENT_FUNDS: account 'alice' has 0 available and cannot pay 10 (base 0, named credits 0; " +
                    "credits not named are not read: name them from CreditsOf in transient field 'credits', " +
                    'or merge them into the base with Consolidate)',
            });
            // Then nothing changed
            expect(world.stateHash()).toBe(before);
            // And a spend naming no credits while a payment lands in the same block is not a range reader:
            // with a base that covers it, both commit
            await submit(world, 'alice', pt, 'Transfer', 'dana', '1', '', 'to-base'); // merges her credit into her base
            const [spend, dust] = await Promise.all([
                world.contract('alice', pt).endorse('Transfer', { arguments: ['dana', '10', '', 'spend-base'] }),
                world.contract('mallory', pt).endorse('Transfer', { arguments: ['alice', '1', '', 'dust'] }),
            ]);
            const codes = await Promise.all([dust.submit(), spend.submit()]);
            expect(codes.map((s) => s.code)).toEqual(['VALID', 'VALID']);
        });

        it('refuses a credit that is not the payer own, unknown, or malformed, and changes nothing', async () => {
            const world = await dustWorld();
            await submit(world, 'treasury', pt, 'Mint', 'mallory', '5', 'fund-mallory-again');
            const mallorys = await evaluate<Credits>(world, 'mallory', pt, 'CreditsOf', 'mallory', '10', '');
            const before = world.stateHash();
            // A credit id of mallory's names alice's key of that id: it does not exist
            expect(
                await failure(
                    submit(world, 'alice', pt, 'Consolidate', JSON.stringify(mallorys.items.map((c) => c.id))),
                ),
            ).toEqual({
                code: 'CONFLICT',
                message: `CONFLICT: credit '${mallorys.items[0]?.id ?? ''}' of 'alice' does not exist or was already spent`,
            });
            expect(await failure(submit(world, 'alice', pt, 'Consolidate', '[]'))).toEqual({
                code: 'INVALID_ARGUMENT',
                message: 'INVALID_ARGUMENT: credits must be a JSON list of 1 to 100 credit ids',
            });
            expect(await failure(submit(world, 'alice', pt, 'Consolidate', '["x"]'))).toEqual({
                code: 'INVALID_ARGUMENT',
                message: "INVALID_ARGUMENT: credits has 'x', which is not a credit id <transaction id>:<sequence>",
            });
            expect(world.stateHash()).toBe(before);
        });

        it('refuses a spend whose transient credits are malformed, naming the transient field, and changes nothing', async () => {
            // Given alice whose money sits in a credit entry (base 0), so a spend reads the credits she names
            const world = await dustWorld();
            const before = world.stateHash();
            const spend = (credits: string): Promise<unknown> =>
                world.contract('alice', pt).submit('Transfer', {
                    arguments: ['dana', '10', '', `spend-${credits.length}`],
                    transientData: { credits },
                });
            // When the transient field is not JSON, not a list, or names something that is not a credit id
            expect(await failure(spend('{'))).toEqual({
                code: 'INVALID_ARGUMENT',
                message: 'INVALID_ARGUMENT: transient credits is not valid JSON',
            });
            expect(await failure(spend('{}'))).toEqual({
                code: 'INVALID_ARGUMENT',
                message: 'INVALID_ARGUMENT: transient credits must be a JSON list of 1 to 100 credit ids',
            });
            expect(await failure(spend('[7]'))).toEqual({
                code: 'INVALID_ARGUMENT',
                message:
                    "INVALID_ARGUMENT: transient credits has '7', which is not a credit id <transaction id>:<sequence>",
            });
            // An empty field names no credits: the spend reads only the base, which is short
            expect(await failure(spend(''))).toEqual({
                code: 'INSUFFICIENT_FUNDS',
                message:
                    "INSUFFICIENT_FUNDS: account 'alice' has 0 available and cannot pay 10 (base 0, named credits 0; " +
                    "credits not named are not read: name them from CreditsOf in transient field 'credits', " +
                    'or merge them into the base with Consolidate)',
            });
            // Then nothing changed
            expect(world.stateHash()).toBe(before);
        });
    });
});
