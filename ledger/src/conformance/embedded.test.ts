// SPDX-License-Identifier: Apache-2.0
import type { ConformanceBackend } from './cases.js';
import { conformanceCases } from './cases.js';
import { createEmbeddedConformanceBackend } from './embeddedBackend.js';

describe('conformance on the embedded ledger', () => {
    let backend: ConformanceBackend;
    beforeAll(async () => {
        backend = await createEmbeddedConformanceBackend();
    });

    it.each(conformanceCases.map((c) => [c.name, c] as const))('%s', async (_name, conformanceCase) => {
        await conformanceCase.run(backend);
    });
});
