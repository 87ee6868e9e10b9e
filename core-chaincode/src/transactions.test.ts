// SPDX-License-Identifier: Apache-2.0
//
// The transaction descriptions are the one place a transaction's name, kind and arguments are
// written: they must equal the contract metadata, and each SPEC.md must document exactly them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { contractMetadata, createWorld } from '@productivist/clients/testing';

import type { ContractMetadata } from './spec.js';
import { describedCommands, descriptionProblems, documentedCommands } from './spec.js';
import { coreTransactions, findTransaction } from './transactions.js';

describe.each(Object.keys(coreTransactions) as (keyof typeof coreTransactions)[])('%s transactions', (chaincode) => {
    let metadata: ContractMetadata;
    beforeAll(async () => {
        metadata = await contractMetadata<ContractMetadata>(await createWorld(), chaincode);
    });

    it('are described exactly as the contract declares them', () => {
        expect(descriptionProblems(coreTransactions[chaincode], metadata)).toEqual([]);
    });

    it('are documented in SPEC.md exactly as described', () => {
        const spec = readFileSync(join(__dirname, chaincode, 'SPEC.md'), 'utf8');
        const byName = (a: { name: string }, b: { name: string }): number => a.name.localeCompare(b.name);
        expect(documentedCommands(spec).sort(byName)).toEqual(
            describedCommands(coreTransactions[chaincode]).sort(byName),
        );
    });
});

describe('descriptionProblems', () => {
    it('notices a description that drifts from the contract', () => {
        const metadata: ContractMetadata = {
            transactions: [{ name: 'Burn', tag: ['SUBMIT'], parameters: [{ name: 'amount' }, { name: 'requestId' }] }],
        };
        expect(
            descriptionProblems({ Burn: { name: 'Burn', kind: 'submit', arguments: ['amount'] } }, metadata),
        ).toEqual(['transaction Burn is described with (amount) but takes (amount, requestId)']);
        expect(findTransaction('productoken', 'Transfer')?.arguments).toEqual([
            'to',
            'amount',
            'reference',
            'requestId',
        ]);
        expect(findTransaction('productoken', 'Nope')).toBeUndefined();
    });
});
