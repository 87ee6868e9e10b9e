// SPDX-License-Identifier: Apache-2.0
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { ContractMetadata } from '../spec.js';
import { documentedCommands, specProblems } from '../spec.js';
import { contractMetadata, createWorld } from '@productivist/clients/testing';

describe('productoken SPEC.md', () => {
    let metadata: ContractMetadata;
    beforeAll(async () => {
        metadata = await contractMetadata<ContractMetadata>(await createWorld(), 'productoken');
    });

    it('documents exactly the commands of the contract, with their kind and arguments', () => {
        const spec = readFileSync(join(__dirname, 'SPEC.md'), 'utf8');
        expect(specProblems(spec, metadata)).toEqual([]);
    });

    it('notices a command that drifts from the documentation', () => {
        const spec = readFileSync(join(__dirname, 'SPEC.md'), 'utf8').replace(
            /\| `Burn`\s*\| amount, requestId[^|]*\|/,
            '| `Burn` | amount |',
        );
        expect(specProblems(spec, metadata)).toEqual([
            'command Burn documents arguments (amount) but takes (amount, requestId)',
        ]);
        expect(documentedCommands(spec).find((command) => command.name === 'Burn')).toEqual({
            name: 'Burn',
            kind: 'invocation',
            arguments: ['amount'],
        });
    });

    it('keeps a snapshot of the contract metadata', () => {
        expect(metadata).toMatchSnapshot();
    });
});
