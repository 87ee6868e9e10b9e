// SPDX-License-Identifier: Apache-2.0
import type { Ledger } from '@productivist/ledger-api';

import { Wallet } from './clients.js';
import { chooseCredits, maxCreditsPerSpend } from './credits.js';
import { createWorld } from './world.js';

const entry = (id: string, amount: number): { id: string; amount: string } => ({ id, amount: String(amount) });

describe('chooseCredits', () => {
    it('names nothing when the base covers the amount', () => {
        expect(chooseCredits(50n, [entry('t1:0001', 10)], 50n)).toEqual([]);
    });

    it('names the largest credits first, ties by id, until the amount is covered', () => {
        const credits = [entry('t3:0001', 5), entry('t2:0001', 20), entry('t1:0001', 5), entry('t4:0001', 1)];
        expect(chooseCredits(0n, credits, 26n)).toEqual(['t2:0001', 't1:0001', 't3:0001']);
        expect(chooseCredits(10n, credits, 26n)).toEqual(['t2:0001']);
        // the same credits in another order give the same choice
        expect(chooseCredits(0n, [...credits].reverse(), 26n)).toEqual(['t2:0001', 't1:0001', 't3:0001']);
    });

    it('names every credit it can when they do not suffice, at most the limit per spend', () => {
        expect(chooseCredits(0n, [entry('a:0001', 1), entry('b:0001', 2)], 10n)).toEqual(['b:0001', 'a:0001']);
        const many = Array.from({ length: 150 }, (_, i) => entry(`t${String(i).padStart(3, '0')}:0001`, 1));
        expect(chooseCredits(0n, many, 1000n)).toHaveLength(maxCreditsPerSpend);
    });
});

describe('Wallet spends', () => {
    it('names the credits a transfer needs, consolidating first when more than the limit are needed', async () => {
        // Given alice with 150 credits of one unit and nothing in her base
        const world = await createWorld();
        const treasury = new Wallet(world, 'treasury');
        for (let i = 0; i < 150; i++) await treasury.mint('alice', '1', `dust-${i}`);
        const alice = new Wallet(world, 'alice');
        expect((await alice.credits(undefined, 100)).items).toHaveLength(100);
        // When she pays all of it through the client
        const paid = await alice.transfer('dana', '150', '', 'all-of-it');
        // Then it commits and her credits are all merged and spent
        expect(paid.replayed).toBe(false);
        expect(await alice.balance()).toEqual({ account: 'alice', available: '0', held: '0' });
        expect(await alice.credits()).toEqual({ items: [], bookmark: '' });
        expect((await new Wallet(world, 'dana').balance()).available).toBe('150');
    });

    it('pays from the base in one endorsement round, and reads the credits only when the base is short', async () => {
        // Given alice with one credit of 100 (a mint) and nothing in her base, through a ledger that counts queries
        const world = await createWorld();
        await new Wallet(world, 'treasury').mint('alice', '100', 'one-credit');
        const queries: string[] = [];
        const counting: Ledger = {
            chaincodeEvents: (...args) => world.chaincodeEvents(...args),
            contract: (member, chaincode, channel) => {
                const contract = world.contract(member, chaincode, channel);
                return {
                    ...contract,
                    chaincodeName: contract.chaincodeName,
                    evaluate: (name, options) => {
                        queries.push(name);
                        return contract.evaluate(name, options);
                    },
                };
            },
        };
        const alice = new Wallet(counting, 'alice');
        // When she pays 30: the base is short, so the contract refuses and the client names her credit
        await alice.transfer('dana', '30', '', 'first');
        expect(queries).toEqual(['WhoAmI', 'BalanceOf', 'CreditsOf']);
        // When she pays 30 again: the credit was merged into her base (70), which covers it: no query
        queries.length = 0;
        await alice.transfer('dana', '30', '', 'second');
        expect(queries).toEqual([]);
        expect(await alice.balance()).toEqual({ account: 'alice', available: '40', held: '0' });
        // And a spend beyond what she has is refused with the contract's code after the lookup
        await expect(alice.transfer('dana', '41', '', 'third')).rejects.toMatchObject({ code: 'INSUFFICIENT_FUNDS' });
        expect((await new Wallet(world, 'dana').balance()).available).toBe('60');
    });
});
