// SPDX-License-Identifier: Apache-2.0
//
// Random sequences of token operations — valid and invalid — keep the books: total supply equals
// minted minus burned, balances plus open holds equal the supply, no balance goes negative, held
// tokens cannot be spent, and replaying a request changes nothing.
import fc from 'fast-check';

import type { EmbeddedNetwork } from '@productivist/ledger';

import { evaluate, failure, submit } from '../testing.js';
import type { WorldMember } from '../world.js';
import { createWorld } from '../world.js';

const pt = 'productoken';
const people = ['alice', 'dana', 'printlab', 'erin'] as const;
type Person = (typeof people)[number];
const accounts = ['alice', 'dana', 'printlab', 'erin', 'productivist'];

const amount = fc.oneof(
    { weight: 8, arbitrary: fc.integer({ min: 1, max: 3000 }).map(String) },
    { weight: 1, arbitrary: fc.constantFrom('0', '1.5', '-3', '1e2', ' 7', '', '10abc', '0010') },
);
const requestId = fc.integer({ min: 0, max: 40 }).map((n) => `r${n}`);

type Op =
    | { kind: 'mint'; to: Person; amount: string; requestId: string }
    | { kind: 'burn'; amount: string; requestId: string }
    | { kind: 'transfer'; from: Person; to: Person | 'productivist'; amount: string; requestId: string }
    | { kind: 'hold'; from: Person; amount: string; requestId: string }
    | { kind: 'release'; index: number }
    | { kind: 'refund'; index: number };

const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ kind: fc.constant('mint' as const), to: fc.constantFrom(...people), amount, requestId }),
    fc.record({ kind: fc.constant('burn' as const), amount, requestId }),
    fc.record({
        kind: fc.constant('transfer' as const),
        from: fc.constantFrom(...people),
        to: fc.constantFrom(...people, 'productivist' as const),
        amount,
        requestId,
    }),
    fc.record({ kind: fc.constant('hold' as const), from: fc.constantFrom(...people), amount, requestId }),
    fc.record({ kind: fc.constant('release' as const), index: fc.nat({ max: 20 }) }),
    fc.record({ kind: fc.constant('refund' as const), index: fc.nat({ max: 20 }) }),
);

const rules = (payee: string): string =>
    JSON.stringify({
        payees: [{ account: payee, bps: 9500 }],
        release: [{ entryChaincode: 'productoken', parties: ['payer'] }],
        refund: [{ entryChaincode: 'productoken', parties: [{ role: 'expert' }] }],
    });

async function attempt(run: Promise<unknown>): Promise<boolean> {
    try {
        await run;
        return true;
    } catch {
        return false;
    }
}

async function books(world: EmbeddedNetwork): Promise<{ supply: bigint; balances: bigint[]; held: bigint }> {
    const supply = BigInt(await evaluate<number | string>(world, 'treasury', pt, 'TotalSupply'));
    let held = 0n;
    const balances: bigint[] = [];
    for (const account of accounts) {
        const balance = await evaluate<{ available: string; held: string }>(
            world,
            'treasury',
            pt,
            'BalanceOf',
            account,
        );
        balances.push(BigInt(balance.available));
        held += BigInt(balance.held);
    }
    return { supply, balances, held };
}

describe('productoken properties', () => {
    it('keeps the books through thousands of random operations', async () => {
        let operations = 0;
        await fc.assert(
            fc.asyncProperty(fc.array(op, { minLength: 40, maxLength: 90 }), async (ops) => {
                const world = await createWorld();
                let minted = 0n;
                let burned = 0n;
                const holds: { id: string; payer: Person }[] = [];
                const done: { member: WorldMember; command: string; args: string[] }[] = [];
                const run = async (member: WorldMember, command: string, args: string[]): Promise<boolean> => {
                    const ok = await attempt(submit(world, member, pt, command, ...args));
                    if (ok) done.push({ member, command, args });
                    return ok;
                };
                for (const [n, next] of ops.entries()) {
                    operations++;
                    switch (next.kind) {
                        case 'mint':
                            // A replayed request id returns the first result: count only first uses.
                            if (done.some((d) => d.command === 'Mint' && d.args[2] === next.requestId)) {
                                await attempt(
                                    submit(world, 'treasury', pt, 'Mint', next.to, next.amount, next.requestId),
                                );
                            } else if (await run('treasury', 'Mint', [next.to, next.amount, next.requestId])) {
                                minted += BigInt(next.amount);
                            }
                            break;
                        case 'burn':
                            if (done.some((d) => d.command === 'Burn' && d.args[1] === next.requestId)) {
                                await attempt(submit(world, 'treasury', pt, 'Burn', next.amount, next.requestId));
                            } else if (await run('treasury', 'Burn', [next.amount, next.requestId])) {
                                burned += BigInt(next.amount);
                            }
                            break;
                        case 'transfer':
                            await run(next.from, 'Transfer', [next.to, next.amount, '', next.requestId]);
                            break;
                        case 'hold': {
                            const id = `h${n}`;
                            if (
                                await run(next.from, 'CreateHold', [id, next.amount, rules('printlab'), next.requestId])
                            ) {
                                holds.push({ id, payer: next.from });
                            }
                            break;
                        }
                        case 'release': {
                            const hold = holds[next.index % Math.max(1, holds.length)];
                            if (hold) await run(hold.payer, 'ReleaseHold', [hold.id]);
                            break;
                        }
                        case 'refund': {
                            const hold = holds[next.index % Math.max(1, holds.length)];
                            if (hold) await run('erin', 'RefundHold', [hold.id]);
                            break;
                        }
                    }
                }
                // The books balance and nothing is negative
                const { supply, balances, held } = await books(world);
                expect(supply).toBe(minted - burned);
                expect(balances.reduce((a, b) => a + b, 0n) + held).toBe(supply);
                expect(balances.every((balance) => balance >= 0n)).toBe(true);
                // Held tokens cannot be spent
                const alice = await evaluate<{ available: string }>(world, 'alice', pt, 'BalanceOf', 'alice');
                const overdraft = await failure(
                    submit(
                        world,
                        'alice',
                        pt,
                        'Transfer',
                        'dana',
                        (BigInt(alice.available) + 1n).toString(),
                        '',
                        'overdraft',
                    ),
                );
                expect(overdraft.code).toBe('INSUFFICIENT_FUNDS');
                // Replaying any successful request changes nothing
                const state = world.stateHash();
                for (const previous of done
                    .filter((d) => ['Mint', 'Burn', 'Transfer', 'CreateHold'].includes(d.command))
                    .slice(-5)) {
                    await submit(world, previous.member, pt, previous.command, ...previous.args);
                }
                expect(world.stateHash()).toBe(state);
            }),
            { numRuns: 30 },
        );
        expect(operations).toBeGreaterThan(1000);
    }, 120_000); // thousands of operations: slow on two shared cores
});
