// SPDX-License-Identifier: Apache-2.0
//
// Separation of duty (issue 18): for an organization the Productivist org does not run, every
// identity is its own account, so the party is the organization; for trusted orgs it is the
// member id. Matrix tests for each check: designer ≠ certifying expert, order party ≠ campaign
// expert, customer ≠ producer.
import { createHash } from 'node:crypto';

import type { EmbeddedNetwork } from '@productivist/ledger';

import { memberAttribute } from '../shared/caller.js';
import { createWorld, enrollMember, failure, spendOptions, submit } from '@productivist/clients/testing';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const licence = JSON.stringify({ royaltyBps: 1000, printLimit: null, allowedProducers: null });

/** The world, with IndustrialMSP (not run by Productivist) granted every member role, and more identities. */
async function separationWorld(): Promise<EmbeddedNetwork> {
    const world = await createWorld();
    for (const role of ['customer', 'designer', 'producer', 'expert'])
        await submit(world, 'admin', 'productoken', 'GrantRole', 'IndustrialMSP', role);
    // Two more identities of the industrial org (their attributes are not trusted)
    await enrollMember(world, 'acme-2', { mspId: 'IndustrialMSP', attributes: {} });
    await enrollMember(world, 'acme-3', { mspId: 'IndustrialMSP', attributes: {} });
    // dana's identity in the expert org: same member as the designer dana
    await enrollMember(world, 'dana-expert', { mspId: 'ExpertMSP', attributes: { [memberAttribute]: 'dana' } });
    await enrollMember(world, 'printlab-expert', { mspId: 'ExpertMSP', attributes: { [memberAttribute]: 'printlab' } });
    await enrollMember(world, 'alice-producer', { mspId: 'ProducerMSP', attributes: { [memberAttribute]: 'alice' } });
    await enrollMember(world, 'gil', { mspId: 'ExpertMSP', attributes: { [memberAttribute]: 'gil' } });
    return world;
}

async function accountOf(world: EmbeddedNetwork, member: string): Promise<string> {
    const caller = JSON.parse(
        Buffer.from(await world.contract(member, 'productoken').evaluate('WhoAmI')).toString(),
    ) as { account: string };
    return caller.account;
}

describe('designer ≠ certifying expert', () => {
    it.each([
        ['acme', 'acme-2', 'FORBIDDEN', 'two identities of one untrusted org are one party'],
        ['dana', 'dana-expert', 'FORBIDDEN', 'one trusted member in two role orgs is one party'],
        ['acme', 'erin', 'OK', 'an untrusted org and a trusted expert are two parties'],
        ['dana', 'acme', 'OK', 'a trusted designer and an untrusted expert are two parties'],
        ['dana', 'gil', 'OK', 'two trusted members are two parties'],
    ])('designer %s, expert %s: %s (%s)', async (designer, expert, expected) => {
        const world = await separationWorld();
        await submit(world, designer, 'modelcert', 'RegisterModel', 'm', 'M', sha256('f'), licence, '');
        const before = world.stateHash();
        const attempt = submit(world, expert, 'modelcert', 'Certify', 'm', sha256('r'));
        if (expected === 'OK') await attempt;
        else {
            expect((await failure(attempt)).code).toBe(expected);
            expect(world.stateHash()).toBe(before);
        }
    });
});

describe('order party ≠ campaign expert, customer ≠ producer', () => {
    it.each([
        // customer, producer, expert (IndustrialMSP is no member of the orderSpecs collection: never a customer here)
        ['alice', 'acme', 'acme-2', 'FORBIDDEN', 'the expert is of the producer’s untrusted org'],
        ['alice', 'printlab', 'printlab-expert', 'FORBIDDEN', 'the expert is the producer, a trusted member'],
        ['alice', 'printlab', 'dana-expert', 'FORBIDDEN', 'the expert designed the model (mutation survivor)'],
        ['alice', 'printlab', 'acme', 'OK', 'the untrusted expert org is no party'],
        ['alice', 'acme', 'erin', 'OK', 'a trusted expert is no party'],
    ])('customer %s, producer %s, expert %s: %s (%s)', async (customer, producer, expert, expected) => {
        const world = await separationWorld();
        const producerAccount = await accountOf(world, producer);
        await submit(world, 'treasury', 'productoken', 'Mint', await accountOf(world, customer), '1000', 'fund');
        await submit(world, 'dana', 'modelcert', 'RegisterModel', 'm', 'M', sha256('f'), licence, '');
        await submit(world, 'erin', 'modelcert', 'Certify', 'm', sha256('r'));
        await world.contract(customer, 'prodcontrol').submit(
            'Order',
            await spendOptions(world, customer, 'prodcontrol', 'Order', ['o', 'm', '1', '100', producerAccount], {
                spec: 'PLA',
            }),
        );
        await submit(world, producer, 'prodcontrol', 'Accept', 'o');
        await submit(world, producer, 'prodcontrol', 'StartProduction', 'o');
        await submit(world, producer, 'prodcontrol', 'MarkProduced', 'o');
        const before = world.stateHash();
        const attempt = submit(world, expert, 'qualitycheck', 'OpenCampaign', 'c', 'o');
        if (expected === 'OK') await attempt;
        else {
            expect((await failure(attempt)).code).toBe(expected);
            expect(world.stateHash()).toBe(before);
        }
    });

    it.each([
        ['acme', 'acme-2', 'FORBIDDEN'],
        ['alice', 'alice-producer', 'FORBIDDEN'],
        ['alice', 'acme', 'OK'],
        ['alice', 'printlab', 'OK'],
    ])('customer %s orders from producer %s: %s', async (customer, producer, expected) => {
        const world = await separationWorld();
        await submit(world, 'treasury', 'productoken', 'Mint', await accountOf(world, customer), '1000', 'fund');
        await submit(world, 'dana', 'modelcert', 'RegisterModel', 'm', 'M', sha256('f'), licence, '');
        await submit(world, 'erin', 'modelcert', 'Certify', 'm', sha256('r'));
        const before = world.stateHash();
        const attempt = world
            .contract(customer, 'prodcontrol')
            .submit(
                'Order',
                await spendOptions(
                    world,
                    customer,
                    'prodcontrol',
                    'Order',
                    ['o', 'm', '1', '100', await accountOf(world, producer)],
                    { spec: 'PLA' },
                ),
            );
        if (expected === 'OK') await attempt;
        else {
            expect((await failure(attempt)).code).toBe(expected);
            expect(world.stateHash()).toBe(before);
        }
    });
});
