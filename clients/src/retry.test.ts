// SPDX-License-Identifier: Apache-2.0
//
// The clients' conflict retry on the embedded ledger: concurrent read-modify-writes of one key
// conflict at validation; each conflicted call is endorsed again from a fresh proposal and commits.
import type { TransactionDescription } from '@productivist/core-chaincode';
import type { Ledger } from '@productivist/ledger-api';
import type { Context } from 'fabric-contract-api';
import { Contract } from 'fabric-contract-api';

import { ClientError, ContractClient } from './ContractClient.js';
import { LocalLedger } from './local/LocalLedger.js';

/** A counter rewritten by every call: the hottest key there is. */
class CounterContract extends Contract {
    constructor() {
        super('counter');
    }

    async Increment(ctx: Context): Promise<string> {
        const bytes = await ctx.stub.getState('count');
        const next = (bytes.length === 0 ? 0 : Number(Buffer.from(bytes).toString())) + 1;
        await ctx.stub.putState('count', Buffer.from(String(next)));
        return String(next);
    }

    async Count(ctx: Context): Promise<string> {
        const bytes = await ctx.stub.getState('count');
        return bytes.length === 0 ? '0' : Buffer.from(bytes).toString();
    }
}

const increment: TransactionDescription<readonly [], string> = {
    chaincode: 'counter',
    name: 'Increment',
    kind: 'submit',
    arguments: [],
    transient: [],
};

class Counter extends ContractClient {
    constructor(ledger: Ledger, member: string) {
        super(ledger, member, 'counter');
    }

    increment(): Promise<string> {
        return this.run(increment, {});
    }
}

describe('the clients retry read conflicts with a fresh proposal', () => {
    let world: LocalLedger;
    beforeEach(async () => {
        world = await LocalLedger.open();
        world.network.deploy({
            name: 'counter',
            contracts: [CounterContract],
            endorsementPolicy: { any: ['CustomerMSP'] },
        });
    });
    afterEach(() => {
        world.close();
    });

    const count = async (): Promise<string> =>
        Buffer.from(await world.contract('alice', 'counter').evaluate('Count')).toString();

    it('commits every one of three concurrent increments (the default policy)', async () => {
        const counters = Array.from({ length: 3 }, () => new Counter(world, 'alice'));
        const results = await Promise.all(counters.map((counter) => counter.increment()));
        expect([...results].sort()).toEqual(['1', '2', '3']);
        expect(await count()).toBe('3');
    });

    it('reports the conflict when the policy allows one attempt', async () => {
        const counters = Array.from({ length: 3 }, () => {
            const counter = new Counter(world, 'alice');
            counter.retryPolicy = { attempts: 1 };
            return counter;
        });
        const settled = await Promise.allSettled(counters.map((counter) => counter.increment()));
        const failures = settled.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
        expect(failures.length).toBeGreaterThan(0);
        for (const failure of failures) {
            expect(failure).toBeInstanceOf(ClientError);
            expect(failure).toMatchObject({ code: 'MVCC_READ_CONFLICT' });
        }
        expect(await count()).toBe(String(3 - failures.length));
    });
});
