// SPDX-License-Identifier: Apache-2.0
//
// Accounts are opened by their owner; tokens go only to existing accounts; an account's roles come
// from the organizations it was opened from.
import type { EmbeddedNetwork } from '@productivist/ledger';

import { createWorld, enrollMember, evaluate, failure, submit } from '@productivist/clients/testing';

import { memberAttribute } from '../shared/caller.js';

const pt = 'productoken';

describe('productoken accounts', () => {
    let world: EmbeddedNetwork;
    beforeAll(async () => {
        world = await createWorld();
        await submit(world, 'treasury', pt, 'Mint', 'alice', '1000', 'accounts-fund');
    });

    it('refuses a transfer to an account nobody opened, and nothing moves', async () => {
        // Given alice with 1000 and no account 'dnaa'
        // When alice pays 'dnaa'
        const refused = await failure(submit(world, 'alice', pt, 'Transfer', 'dnaa', '500', '', 'typo'));
        // Then it is refused and alice keeps her tokens
        expect(refused).toEqual({
            code: 'NOT_FOUND',
            message:
                "NOT_FOUND: recipient account 'dnaa' does not exist; accounts are opened by their owner (productoken OpenAccount)",
        });
        expect(await evaluate(world, 'alice', pt, 'BalanceOf', 'alice')).toMatchObject({ available: '1000' });
    });

    it('refuses to mint into, or to hold for, an account nobody opened', async () => {
        expect((await failure(submit(world, 'treasury', pt, 'Mint', 'nobody', '5', 'm-nobody'))).code).toBe(
            'NOT_FOUND',
        );
        const rules = JSON.stringify({
            payees: [{ account: 'nobody', bps: 9500 }],
            release: [{ entryChaincode: 'productoken', parties: ['payer'] }],
            refund: [{ entryChaincode: 'productoken', parties: ['payer'] }],
        });
        const hold = await failure(submit(world, 'alice', pt, 'CreateHold', 'h-nobody', '5', rules, 'h-nobody'));
        expect(hold.message).toBe(
            "NOT_FOUND: payee 1 account 'nobody' does not exist; accounts are opened by their owner (productoken OpenAccount)",
        );
    });

    it('lets a new member open its account, once per organization, and pays it then', async () => {
        await world.addMember('bea', { mspId: 'CustomerMSP', attributes: { [memberAttribute]: 'bea' } });
        expect((await failure(submit(world, 'alice', pt, 'Transfer', 'bea', '1', '', 'to-bea-1'))).code).toBe(
            'NOT_FOUND',
        );
        const opened = await submit<{ account: string; mspIds: string[] }>(world, 'bea', pt, 'OpenAccount');
        expect(opened).toMatchObject({ account: 'bea', mspIds: ['CustomerMSP'] });
        expect(await submit(world, 'bea', pt, 'OpenAccount')).toEqual(opened);
        await submit(world, 'alice', pt, 'Transfer', 'bea', '1', '', 'to-bea-2');
        await enrollMember(world, 'bea-lab', { mspId: 'ProducerMSP', attributes: { [memberAttribute]: 'bea' } });
        expect(await evaluate(world, 'stranger', pt, 'AccountInfo', 'bea')).toEqual({
            account: 'bea',
            mspIds: ['CustomerMSP', 'ProducerMSP'],
            roles: ['customer', 'producer'],
        });
    });

    it('refuses to open an account for an identity without a member id', async () => {
        expect((await failure(submit(world, 'stranger', pt, 'OpenAccount'))).code).toBe('FORBIDDEN');
        expect((await failure(submit(world, 'printer', pt, 'OpenAccount'))).code).toBe('FORBIDDEN');
    });
});
