// SPDX-License-Identifier: Apache-2.0
//
// The production-flow scenarios on real Fabric 3.1.5: the same list the embedded world runs
// (core-chaincode/src/flow.test.ts), on the public example (examples/productivist.yaml, blocks cut
// after 250 ms) with the four core contracts that `network up` deploys and initializes (accounts
// open), as the members it enrolled. One network for the file; the scenarios use fresh ids.
import type { FlowBackend } from '@productivist/clients/testing';
import { flowScenarios } from '@productivist/clients/testing';

import type { SuiteNetwork } from './support.js';
import { repoText, startNetwork, withBatchTimeout, withPortBase } from './support.js';

jest.setTimeout(240_000);

describe('the production flow scenarios on real Fabric', () => {
    let network: SuiteNetwork | undefined;
    let backend: FlowBackend;

    beforeAll(async () => {
        network = await startNetwork(
            'flows',
            (base) => withBatchTimeout(withPortBase(repoText('examples', 'productivist.yaml'), base), '250ms'),
            40,
        );
        // The gateway ledger reads its own writes: after a commit, the next step waits until every
        // peer has the block (the gateway reports a commit once its own peer has it).
        backend = { name: 'fabric', ledger: network.ledger() };
    });

    afterAll(async () => {
        await network?.stop();
    });

    it.each(flowScenarios.map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
        await scenario.run(backend);
    });
});
