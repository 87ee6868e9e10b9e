// SPDX-License-Identifier: Apache-2.0
//
// The ledger conformance cases on real Fabric 3.1.5: the same list the embedded ledger runs
// (ledger/src/conformance/embedded.test.ts), on the network of ledger/conformance-chaincode/ecosystem.yaml
// with the conformance chaincode deployed by path. One network for the file.
import type { ConformanceBackend } from '@productivist/ledger/conformance';
import { conformanceCases } from '@productivist/ledger/conformance';

import { fabricConformanceBackend } from './fabricConformanceBackend.js';
import type { SuiteNetwork } from './support.js';
import { deployConformance, repoText, startNetwork, withPortBase } from './support.js';

jest.setTimeout(240_000);

describe('conformance on real Fabric', () => {
    let network: SuiteNetwork | undefined;
    let backend: ConformanceBackend;

    beforeAll(async () => {
        network = await startNetwork(
            'conformance',
            (base) => withPortBase(repoText('ledger', 'conformance-chaincode', 'ecosystem.yaml'), base),
            40,
            'conformance',
        );
        await deployConformance(network);
        backend = fabricConformanceBackend(network.ledger());
    });

    afterAll(async () => {
        await network?.stop();
    });

    it.each(conformanceCases.map((c) => [c.name, c] as const))('%s', async (_name, conformanceCase) => {
        await conformanceCase.run(backend);
    });
});
