// SPDX-License-Identifier: Apache-2.0
import { catchError } from '@productivist/common';
import { KeyEndorsementPolicy as ShimKeyEndorsementPolicy } from 'fabric-shim';

import { PolicyError } from './errors.js';
import { evaluateSignaturePolicy } from './evaluate.js';
import type { SigningIdentity } from './evaluate.js';
import { KeyEndorsementPolicy } from './keyLevel.js';
import { decodeSignaturePolicyEnvelope } from './protobuf.js';
import { printSignaturePolicy } from './signatureSyntax.js';

const peer = (mspId: string, id = 'peer0'): SigningIdentity => ({ mspId, role: 'peer', id });

describe('KeyEndorsementPolicy', () => {
    it('builds a real 2-of-3 policy that encodes, decodes and evaluates', () => {
        // Given a key that any two of three orgs may endorse
        const bytes = new KeyEndorsementPolicy().addOrgs('peer', 'C', 'A', 'B').setRequired(2).getPolicy();
        // When the stored bytes are decoded
        const policy = decodeSignaturePolicyEnvelope(bytes);
        // Then it is OutOf(2) over the orgs in MSP-id order
        expect(printSignaturePolicy(policy)).toBe("OutOf(2, 'A.peer', 'B.peer', 'C.peer')");
        // And two orgs' peers satisfy it, one does not, and two peers of one org do not
        expect(evaluateSignaturePolicy(policy, [peer('A'), peer('C')])).toBe(true);
        expect(evaluateSignaturePolicy(policy, [peer('B')])).toBe(false);
        expect(evaluateSignaturePolicy(policy, [peer('B', 'p0'), peer('B', 'p1')])).toBe(false);
        expect(evaluateSignaturePolicy(policy, [{ mspId: 'A', role: 'client', id: 'c' }, peer('B')])).toBe(false);
    });

    it("gives the same bytes as fabric-shim's helper for all-of-N", () => {
        // The stock helper keeps insertion order; the Go helper sorts. Ours sorts, so add in order.
        const shim = new ShimKeyEndorsementPolicy();
        shim.addOrgs('PEER', 'AlphaMSP', 'BetaMSP', 'GammaMSP');
        const ours = new KeyEndorsementPolicy().addOrgs('peer', 'GammaMSP', 'AlphaMSP', 'BetaMSP');
        expect(Buffer.from(ours.getPolicy()).toString('hex')).toBe(Buffer.from(shim.getPolicy()).toString('hex'));
    });

    it('reads stored bytes back, keeping the threshold', () => {
        const stored = new KeyEndorsementPolicy().addOrgs('member', 'A', 'B', 'C', 'D').setRequired(3).getPolicy();
        const edited = new KeyEndorsementPolicy(stored).deleteOrgs('D');
        expect(edited.listOrgs()).toEqual(['A', 'B', 'C']);
        expect(printSignaturePolicy(edited.toSignaturePolicy())).toBe("AND('A.member', 'B.member', 'C.member')");
    });

    it('reads an all-of-N policy as "all", so adding an org keeps it all-of-N', () => {
        const stored = new KeyEndorsementPolicy().addOrgs('peer', 'A', 'B').getPolicy();
        const edited = new KeyEndorsementPolicy(stored).addOrgs('peer', 'C');
        expect(printSignaturePolicy(edited.toSignaturePolicy())).toBe("AND('A.peer', 'B.peer', 'C.peer')");
    });

    it.each([
        [
            'no organization',
            () => new KeyEndorsementPolicy().getPolicy(),
            'a key-level policy needs at least one organization',
        ],
        [
            'more required than listed',
            () => new KeyEndorsementPolicy().addOrgs('peer', 'A').setRequired(2).getPolicy(),
            'key-level policy requires 2 of 1 organizations and can never be satisfied',
        ],
        [
            'zero required',
            () => new KeyEndorsementPolicy().setRequired(0),
            'key-level policy threshold 0 is not a positive whole number',
        ],
        [
            'an empty MSP id',
            () => new KeyEndorsementPolicy().addOrgs('peer', ' '),
            'an MSP id in a key-level policy is empty',
        ],
    ])('refuses %s', (_name, act, message) => {
        const error = catchError(act);
        expect(error).toBeInstanceOf(PolicyError);
        expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', message });
    });
});
