// SPDX-License-Identifier: Apache-2.0
import { describeMissing, missingEndorsements } from './missing.js';
import { parseSignaturePolicy } from './signatureSyntax.js';

describe('missingEndorsements: which organizations a transaction lacks, by Fabric rules', () => {
    const productoken = parseSignaturePolicy(
        "AND('ProductivistMSP.peer', OR('CustomerMSP.peer', 'DesignerMSP.peer', 'ProducerMSP.peer', 'ExpertMSP.peer'))",
    );
    const qualitycheck = parseSignaturePolicy("AND('ProductivistMSP.peer', 'ExpertMSP.peer')");

    it.each([
        ['satisfied', qualitycheck, ['ProductivistMSP', 'ExpertMSP'], []],
        ['one organization missing', qualitycheck, ['ProductivistMSP'], [['ExpertMSP']]],
        ['both missing', qualitycheck, [], [['ExpertMSP', 'ProductivistMSP']]],
        ['Productivist missing', productoken, ['CustomerMSP'], [['ProductivistMSP']]],
        [
            'a choice of role organizations',
            productoken,
            ['ProductivistMSP'],
            [['CustomerMSP'], ['DesignerMSP'], ['ExpertMSP'], ['ProducerMSP']],
        ],
        ['an unrelated endorser counts for nothing', qualitycheck, ['CustomerMSP', 'ExpertMSP'], [['ProductivistMSP']]],
    ])('%s', (_name, policy, endorsedBy, expected) => {
        expect(missingEndorsements(policy, endorsedBy)).toEqual(expected);
    });

    it('counts each organization once, as Fabric counts each identity once', () => {
        // Two distinct Org1 peers are needed; the one that endorsed plus one more Org1 peer satisfy it.
        const twice = parseSignaturePolicy("AND('Org1MSP.peer', 'Org1MSP.peer')");
        expect(missingEndorsements(twice, ['Org1MSP'])).toEqual([['Org1MSP']]);
        // An admin-only principal cannot be satisfied by peers at all.
        expect(missingEndorsements(parseSignaturePolicy("AND('Org1MSP.admin')"), [])).toBeUndefined();
    });

    it('words the sets for a message', () => {
        expect(describeMissing([['ExpertMSP']])).toBe('ExpertMSP');
        expect(describeMissing([['ExpertMSP', 'ProductivistMSP']])).toBe('ExpertMSP and ProductivistMSP');
        expect(describeMissing([['CustomerMSP'], ['ProducerMSP']])).toBe('one of CustomerMSP, ProducerMSP');
    });
});
