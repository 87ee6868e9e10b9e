// SPDX-License-Identifier: Apache-2.0
//
// Attacks one member could mount on another at no cost (issue 18), each reproduced on the
// embedded ledger: the test fails on the code before the fix.
import { memberAttribute, treasuryAttribute } from '../shared/caller.js';
import { createWorld, evaluate, failure, submit, enrollMember } from '@productivist/clients/testing';

const pt = 'productoken';
/** The composite key fabric-shim builds for `type` and `attributes`. */
const composite = (type: string, ...attributes: string[]): string =>
    `\u0000${type}\u0000${attributes.map((a) => `${a}\u0000`).join('')}`;

describe('productoken: pages stay in their lane', () => {
    it('refuses a bookmark below the account: Activity and HoldsOf do not list another member', async () => {
        // Given alice has movements and a hold, and erin has movements too
        const world = await createWorld();
        await submit(world, 'treasury', pt, 'Mint', 'alice', '1000', 'fund-alice');
        await submit(world, 'treasury', pt, 'Mint', 'erin', '10', 'fund-erin');
        const rules = JSON.stringify({
            payees: [{ account: 'printlab', bps: 9500 }],
            release: [{ entryChaincode: 'productoken', parties: ['payer'] }],
            refund: [{ entryChaincode: 'productoken', parties: ['payer'] }],
        });
        await submit(world, 'alice', pt, 'CreateHold', 'secret', '700', rules, 'h');
        // When erin lists her own activity with a bookmark pointing at alice's keys
        const activity = await failure(
            evaluate(world, 'erin', pt, 'Activity', 'erin', '10', composite('pt.activity', 'alice')),
        );
        // Then INVALID_ARGUMENT, not alice's movements
        expect(activity).toEqual({
            code: 'INVALID_ARGUMENT',
            message:
                'INVALID_ARGUMENT: bookmark is not one this listing handed out; pass the bookmark of its previous page, or none',
        });
        // And the same for holds
        expect((await failure(evaluate(world, 'erin', pt, 'HoldsOf', 'erin', '10', composite('pt.holdOf')))).code).toBe(
            'INVALID_ARGUMENT',
        );
        // And a bookmark the listing handed out still works
        await submit(world, 'treasury', pt, 'Mint', 'erin', '5', 'fund-erin-2');
        const first = await evaluate<{ items: unknown[]; bookmark: string }>(
            world,
            'erin',
            pt,
            'Activity',
            'erin',
            '1',
            '',
        );
        expect(first.bookmark).not.toBe('');
        const second = await evaluate<{ items: unknown[] }>(world, 'erin', pt, 'Activity', 'erin', '1', first.bookmark);
        expect(second.items).toHaveLength(1);
    });
});

describe('productoken: tests that bite (mutation survivors)', () => {
    it('a Productivist member without the productivist.treasury attribute is no treasury', async () => {
        // Given a member of the Productivist org with a wallet but no treasury attribute
        const world = await createWorld();
        await enrollMember(world, 'clerk', {
            mspId: 'ProductivistMSP',
            attributes: { [memberAttribute]: 'clerk' },
        });
        await enrollMember(world, 'clerk-says-no', {
            mspId: 'ProductivistMSP',
            attributes: { [memberAttribute]: 'clerk2', [treasuryAttribute]: 'false' },
        });
        const before = world.stateHash();
        // Then it may neither mint nor read another member's balance
        for (const member of ['clerk', 'clerk-says-no']) {
            expect((await failure(submit(world, member, pt, 'Mint', 'clerk', '1000', 'r'))).code).toBe('FORBIDDEN');
            expect((await failure(evaluate(world, member, pt, 'BalanceOf', 'alice'))).code).toBe('FORBIDDEN');
        }
        expect((await evaluate<{ treasury: boolean }>(world, 'clerk', pt, 'WhoAmI')).treasury).toBe(false);
        expect(world.stateHash()).toBe(before);
    });
});
