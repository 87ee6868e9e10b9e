// SPDX-License-Identifier: Apache-2.0
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { ContractMetadata } from './spec.js';
import { specProblems } from './spec.js';
import { contractMetadata, createWorld } from '@productivist/clients/testing';

describe.each(['modelcert', 'prodcontrol', 'qualitycheck'])('%s SPEC.md', (chaincode) => {
    let metadata: ContractMetadata;
    beforeAll(async () => {
        metadata = await contractMetadata<ContractMetadata>(await createWorld(), chaincode);
    });

    it('documents exactly the commands of the contract, with their kind and arguments', () => {
        expect(specProblems(readFileSync(join(__dirname, chaincode, 'SPEC.md'), 'utf8'), metadata)).toEqual([]);
    });

    it('keeps a snapshot of the contract metadata', () => {
        expect(metadata).toMatchSnapshot();
    });
});
