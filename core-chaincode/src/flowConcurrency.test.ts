// SPDX-License-Identifier: Apache-2.0
import type { EndorsedTransaction } from '@productivist/ledger-api';
import { EndorseError } from '@productivist/ledger-api';

import { createWorld, enrollMember, Flow, spendOptions } from '@productivist/clients/testing';
import { memberAttribute } from './shared/caller.js';

async function customers(
    count: number,
): Promise<{ world: Awaited<ReturnType<typeof createWorld>>; flow: Flow; names: string[] }> {
    const world = await createWorld();
    const flow = new Flow(world);
    const names = Array.from({ length: count }, (_, i) => `buyer-${String(i).padStart(2, '0')}`);
    for (const name of names) {
        await enrollMember(world, name, { mspId: 'CustomerMSP', attributes: { [memberAttribute]: name } });
        await flow.fund(name, '10000', `fund-${name}`);
    }
    return { world, flow, names };
}

async function endorseOrder(
    world: Awaited<ReturnType<typeof createWorld>>,
    customer: string,
    orderId: string,
    modelId: string,
): Promise<EndorsedTransaction> {
    return world.contract(customer, 'prodcontrol').endorse(
        'Order',
        await spendOptions(world, customer, 'prodcontrol', 'Order', [orderId, modelId, '1', '100', 'printlab'], {
            spec: `spec of ${orderId}`,
        }),
    );
}

describe('orders under concurrency', () => {
    it('50 orders of a popular model with an unlimited licence, endorsed on the same state: all VALID', async () => {
        const { world, flow, names } = await customers(50);
        await flow.registerModel('dana', 'popular', { royaltyBps: 1000, printLimit: null, allowedProducers: null });
        await flow.certify('erin', 'popular');
        const endorsed = await Promise.all(names.map((name, i) => endorseOrder(world, name, `o-${i}`, 'popular')));
        const statuses = await Promise.all(endorsed.map((tx) => tx.submit()));
        expect(statuses.map((s) => s.code)).toEqual(Array<string>(50).fill('VALID'));
        expect(new Set(statuses.map((s) => s.blockNumber)).size).toBe(1);
    });

    it('a print limit is never exceeded, whatever the interleaving (reports refused and conflicted orders)', async () => {
        const { world, flow, names } = await customers(30);
        await flow.registerModel('dana', 'rare', { royaltyBps: 1000, printLimit: 10, allowedProducers: null });
        await flow.certify('erin', 'rare');
        let pending = names.map((name, i) => ({ name, orderId: `r-${i}` }));
        let valid = 0;
        let conflicted = 0;
        let refused = 0;
        let rounds = 0;
        while (pending.length > 0) {
            rounds++;
            const attempts = await Promise.all(
                pending.map(async (entry) => {
                    try {
                        return { entry, tx: await endorseOrder(world, entry.name, entry.orderId, 'rare') };
                    } catch (error) {
                        if (error instanceof EndorseError && error.code === 'LIMIT_EXCEEDED')
                            return { entry, tx: undefined };
                        throw error;
                    }
                }),
            );
            refused += attempts.filter((attempt) => attempt.tx === undefined).length;
            const submitted = attempts.filter((attempt) => attempt.tx !== undefined);
            const statuses = await Promise.all(submitted.map((attempt) => attempt.tx.submit()));
            valid += statuses.filter((s) => s.code === 'VALID').length;
            conflicted += statuses.filter(
                (s) => s.code === 'PHANTOM_READ_CONFLICT' || s.code === 'MVCC_READ_CONFLICT',
            ).length;
            pending = submitted.filter((_, i) => statuses[i]?.code !== 'VALID').map((attempt) => attempt.entry);
        }
        // Exactly the limit was sold; every other order was refused or conflicted and retried
        expect(valid).toBe(10);
        expect(refused).toBe(20);
        expect(conflicted).toBeGreaterThan(0);
        console.info(
            `print limit 10, 30 concurrent customers: ${valid} valid, ${conflicted} conflicted (retried), ${refused} refused, ${rounds} rounds`,
        );
    });
});
