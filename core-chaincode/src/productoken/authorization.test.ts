// SPDX-License-Identifier: Apache-2.0
//
// Every command × every kind of caller: a caller that may not run a command gets FORBIDDEN and the
// state hash does not move; a caller that may is not refused (its call is evaluated, not committed).
import type { EmbeddedNetwork } from '@productivist/ledger';

import type { WorldMember } from '@productivist/clients/testing';
import { createWorld, everyKindOfCaller, membersWithAccounts, submit, tryAs } from '@productivist/clients/testing';

const pt = 'productoken';
const everyone = everyKindOfCaller;
const members = membersWithAccounts;

const holdRules = JSON.stringify({
    payees: [{ account: 'printlab', bps: 9500 }],
    release: [{ entryChaincode: 'productoken', parties: ['payer'] }],
    refund: [{ entryChaincode: 'productoken', parties: [{ role: 'expert' }] }],
    expiresAt: '2020-01-01T00:00:00Z',
});

/** [command, arguments, the callers allowed] */
const matrix: readonly (readonly [string, readonly string[], readonly WorldMember[]])[] = [
    ['Initialize', ['{}'], ['admin']],
    ['GrantRole', ['IndustrialMSP', 'producer'], ['admin']],
    ['RevokeRole', ['CustomerMSP', 'customer'], ['admin']],
    ['Mint', ['alice', '10', 'auth-mint'], ['treasury']],
    ['Burn', ['1', 'auth-burn'], ['treasury']],
    ['Transfer', ['dana', '1', '', 'auth-transfer'], members],
    ['Consolidate', ['["t:0001"]'], members],
    ['CreateHold', ['auth-hold-new', '1', holdRules, 'auth-hold'], members],
    ['ReleaseHold', ['alice/auth-hold-1'], ['alice']],
    ['RefundHold', ['alice/auth-hold-1'], ['erin']],
    ['ExpireHold', ['alice/auth-hold-1'], ['treasury']],
    ['TokenInfo', [], everyone],
    ['TotalSupply', [], everyone],
    ['RolesOf', ['CustomerMSP'], everyone],
    ['MspsWithRole', ['expert'], everyone],
    ['WhoAmI', [], everyone],
    ['BalanceOf', ['alice'], ['alice', 'treasury']],
    ['GetHold', ['alice/auth-hold-1'], ['treasury', 'admin', 'alice', 'printlab', 'erin']],
    ['HoldsOf', ['alice', '10', ''], ['alice', 'treasury']],
    ['Activity', ['alice', '10', ''], ['alice', 'treasury']],
    ['CreditsOf', ['alice', '10', ''], ['alice', 'treasury']],
    ['TransferByReference', ['alice', 'auth-ref'], members],
    ['OpenAccount', [], members],
    ['AccountInfo', ['printlab'], everyone],
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

    const rows = matrix.flatMap(([command, args, allowed]) =>
        everyone.map((member) => [command, member, allowed.includes(member), args] as const),
    );

    it.each(rows)('%s as %s: allowed=%s', async (command, member, allowed, args) => {
        const outcome = await tryAs(world, member, pt, command, { arguments: [...args] }, allowed);
        if (allowed) expect(outcome.code).not.toBe('FORBIDDEN');
        else expect(outcome.code).toBe('FORBIDDEN');
        expect(outcome.stateChanged).toBe(false);
    });
});
