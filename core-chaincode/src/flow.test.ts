// SPDX-License-Identifier: Apache-2.0
//
// The production-flow scenarios on the embedded world: the same list (flowScenarios) runs on a real
// Fabric network in cli/src/realnet/flowScenarios.test.ts. Like the network, one world serves every
// scenario, so a scenario that depends on another's state fails here first.
import type { EmbeddedNetwork } from '@productivist/ledger';

import type { FlowBackend } from '@productivist/clients/testing';
import { createWorld, evaluate, Flow, flowScenarios, submit } from '@productivist/clients/testing';

const unlimited = { royaltyBps: 1000, printLimit: null, allowedProducers: null };

describe('the production flow scenarios on the embedded ledger', () => {
    let backend: FlowBackend;
    beforeAll(async () => {
        backend = { name: 'embedded', ledger: await createWorld() };
    });

    it.each(flowScenarios.map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
        await scenario.run(backend);
    });
});

describe('the production flow, embedded only', () => {
    let world: EmbeddedNetwork;
    let flow: Flow;
    beforeEach(async () => {
        world = await createWorld();
        flow = new Flow(world);
        await flow.fund('alice', '100000', 'fund-alice');
        await flow.registerModel('dana', 'bracket', unlimited);
        await flow.certify('erin', 'bracket');
    });

    it('a new organization granted the producer role fulfils an order with no contract change', async () => {
        await submit(world, 'admin', 'productoken', 'GrantRole', 'IndustrialMSP', 'producer');
        const acme = (await evaluate<{ account: string }>(world, 'acme', 'productoken', 'WhoAmI')).account;
        await flow.order('alice', 'o-14', 'bracket', 1, '1000', acme);
        await flow.step('acme', 'Accept', 'o-14');
        await flow.step('acme', 'StartProduction', 'o-14');
        await flow.step('acme', 'MarkProduced', 'o-14');
        await flow.check('erin', 'qc-14', 'o-14', 'pass');
        expect((await evaluate<{ available: string }>(world, 'acme', 'productoken', 'BalanceOf', acme)).available).toBe(
            '850',
        );
    });
});
