// SPDX-License-Identifier: Apache-2.0
//
// Every command × every kind of caller: a caller that may not run a command gets FORBIDDEN and the
// state hash does not move; a caller that may is not refused (its call is evaluated, not committed).
import type { EmbeddedNetwork } from '@productivist/ledger';

import { failure, submit } from '../testing.js';
import type { WorldMember } from '../world.js';
import { createWorld } from '../world.js';

const pt = 'productoken';
const everyone: readonly WorldMember[] = [
    'treasury',
    'admin',
    'alice',
    'dana',
    'printlab',
    'erin',
    'printer',
    'acme',
    'stranger',
];
const members: readonly WorldMember[] = ['treasury', 'alice', 'dana', 'printlab', 'erin', 'acme'];

const holdRules = JSON.stringify({
    payees: [{ account: 'printlab', bps: 9500 }],
    release: [{ entryChaincode: 'productoken', parties: ['payer'] }],
    refund: [{ entryChaincode: 'productoken', parties: [{ role: 'expert' }] }],
    expiresAt: '2020-01-01T00:00:00Z',
});

/** [command, arguments, the callers allowed] */
const matrix: readonly (readonly [string, readonly string[], readonly WorldMember[], 'submit' | 'evaluate'])[] = [
    ['Initialize', ['{}'], ['admin'], 'submit'],
    ['GrantRole', ['IndustrialMSP', 'producer'], ['admin'], 'submit'],
    ['RevokeRole', ['CustomerMSP', 'customer'], ['admin'], 'submit'],
    ['Mint', ['alice', '10', 'auth-mint'], ['treasury'], 'submit'],
    ['Burn', ['1', 'auth-burn'], ['treasury'], 'submit'],
    ['Transfer', ['dana', '1', '', 'auth-transfer'], members, 'submit'],
    ['CreateHold', ['auth-hold-new', '1', holdRules, 'auth-hold'], members, 'submit'],
    ['ReleaseHold', ['auth-hold-1'], ['alice'], 'submit'],
    ['RefundHold', ['auth-hold-1'], ['erin'], 'submit'],
    ['ExpireHold', ['auth-hold-1'], ['treasury'], 'submit'],
    ['TokenInfo', [], everyone, 'evaluate'],
    ['TotalSupply', [], everyone, 'evaluate'],
    ['RolesOf', ['CustomerMSP'], everyone, 'evaluate'],
    ['MspsWithRole', ['expert'], everyone, 'evaluate'],
    ['WhoAmI', [], everyone, 'evaluate'],
    ['BalanceOf', ['alice'], ['alice', 'treasury'], 'evaluate'],
    ['GetHold', ['auth-hold-1'], members, 'evaluate'],
    ['HoldsOf', ['alice', '10', ''], ['alice', 'treasury'], 'evaluate'],
    ['Activity', ['alice', '10', ''], ['alice', 'treasury'], 'evaluate'],
    ['TransferByReference', ['alice', 'auth-ref'], members, 'evaluate'],
];

describe('productoken authorization matrix', () => {
    let world: EmbeddedNetwork;
    beforeAll(async () => {
        world = await createWorld();
        await submit(world, 'treasury', pt, 'Mint', 'alice', '1000', 'fund-alice');
        await submit(world, 'treasury', pt, 'Mint', 'productivist', '1000', 'fund-treasury');
        await submit(world, 'alice', pt, 'Transfer', 'dana', '5', 'auth-ref', 'ref-transfer');
        await submit(world, 'alice', pt, 'CreateHold', 'auth-hold-1', '100', holdRules, 'auth-hold-1');
    });

    it('covers every command of the contract', async () => {
        const metadata = JSON.parse(
            Buffer.from(await world.contract('alice', pt).evaluate('org.hyperledger.fabric:GetMetadata')).toString(),
        ) as { contracts: Record<string, { transactions: { name: string }[] }> };
        const commands = metadata.contracts[pt]?.transactions.map((tx) => tx.name).sort();
        expect(matrix.map(([command]) => command).sort()).toEqual(commands);
    });

    const rows = matrix.flatMap(([command, args, allowed, mode]) =>
        everyone.map((member) => [command, member, allowed.includes(member), args, mode] as const),
    );

    it.each(rows)('%s as %s: allowed=%s', async (command, member, allowed, args, mode) => {
        const before = world.stateHash();
        const contract = world.contract(member, pt);
        if (allowed) {
            // Evaluated: the full transaction logic runs, nothing commits. Any refusal but FORBIDDEN is fine here.
            try {
                await contract.evaluate(command, { arguments: [...args] });
            } catch (error) {
                expect((error as { code?: string }).code).not.toBe('FORBIDDEN');
            }
        } else {
            const attempt =
                mode === 'submit'
                    ? contract.submit(command, { arguments: [...args] })
                    : contract.evaluate(command, { arguments: [...args] });
            const outcome = await failure(attempt);
            expect(outcome.code).toBe('FORBIDDEN');
            expect(outcome.message).toMatch(/^FORBIDDEN: /);
        }
        expect(world.stateHash()).toBe(before);
    });
});
