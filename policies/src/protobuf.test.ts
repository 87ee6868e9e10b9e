// SPDX-License-Identifier: Apache-2.0
import { common, msp } from '@hyperledger/fabric-protos';
import { catchError } from '@productivist/common';

import { PolicyError } from './errors.js';
import { implicitMeta } from './model.js';
import type { SignaturePolicy } from './model.js';
import {
    decodeApplicationPolicy,
    decodePolicy,
    decodeSignaturePolicyEnvelope,
    encodeApplicationPolicy,
    encodePolicy,
    encodeSignaturePolicyEnvelope,
    toSignaturePolicyEnvelope,
} from './protobuf.js';
import { parseSignaturePolicy } from './signatureSyntax.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

const samples = [
    "OR('A.peer')",
    "AND('A.peer', 'B.peer')",
    "OutOf(2, 'A.peer', 'B.member', 'C.admin')",
    "AND('A.peer', OutOf(2, 'B.member', 'C.member', 'D.client'))",
    "OR(AND('A.peer', 'B.peer'), AND('C.orderer', 'D.peer'), 'E.member')",
    "AND('A.peer', 'A.peer')",
    "OutOf(2, OutOf(2, 'A.peer', 'B.peer', 'C.peer'), OutOf(2, 'D.peer', 'E.peer', 'F.peer'), 'G.admin')",
];

describe('SignaturePolicyEnvelope', () => {
    it.each(samples)('%s decodes back to the same model', (source) => {
        const policy = parseSignaturePolicy(source);
        expect(decodeSignaturePolicyEnvelope(encodeSignaturePolicyEnvelope(policy))).toEqual(policy);
    });

    it("encodes OR('A.peer') to the bytes the .proto field numbers give", () => {
        // envelope{rule(2): {n_out_of(2): {n(1)=1, rules(2): [{signed_by(1)=0}]}}, identities(3): [
        //   {principal_classification(1)=ROLE(0, omitted), principal(2): MSPRole{msp_identifier(1)="A", role(2)=PEER(3)}}]}
        expect(hex(encodeSignaturePolicyEnvelope(parseSignaturePolicy("OR('A.peer')")))).toBe(
            '1208' + '1206' + '0801' + '1202' + '0800' + '1a07' + '1205' + '0a0141' + '1003',
        );
    });

    it("numbers principals as Fabric's policydsl does: nested gates first, then the gate's own", () => {
        // Fabric evaluates a gate's arguments (the nested OR) before the gate itself.
        const envelope = toSignaturePolicyEnvelope(
            parseSignaturePolicy("AND('A.peer', OR('B.peer', 'C.peer'), 'D.admin')"),
        );
        const ids = envelope.getIdentitiesList().map((principal) => {
            const role = msp.MSPRole.deserializeBinary(principal.getPrincipal_asU8());
            return `${role.getMspIdentifier()}.${role.getRole()}`;
        });
        expect(ids).toEqual(['B.3', 'C.3', 'A.3', 'D.1']);
        const root = envelope.getRule()!.getNOutOf()!;
        expect(root.getN()).toBe(3);
        const [first, second, third] = root.getRulesList();
        expect(first!.getSignedBy()).toBe(2);
        expect(
            second!
                .getNOutOf()!
                .getRulesList()
                .map((rule) => rule.getSignedBy()),
        ).toEqual([0, 1]);
        expect(third!.getSignedBy()).toBe(3);
    });

    it('keeps repeated principals as separate identities, as Fabric does', () => {
        const envelope = toSignaturePolicyEnvelope(parseSignaturePolicy("AND('A.peer', 'A.peer')"));
        expect(envelope.getIdentitiesList()).toHaveLength(2);
    });

    it('decodes an envelope whose rule is a bare signed-by', () => {
        const envelope = new common.SignaturePolicyEnvelope();
        const rule = new common.SignaturePolicy();
        rule.setSignedBy(0);
        envelope.setRule(rule);
        envelope.setIdentitiesList(
            toSignaturePolicyEnvelope(parseSignaturePolicy("OR('A.admin')")).getIdentitiesList(),
        );
        const expected: SignaturePolicy = { type: 'signedBy', principal: { mspId: 'A', role: 'admin' } };
        expect(decodeSignaturePolicyEnvelope(envelope.serializeBinary())).toEqual(expected);
    });

    it.each([
        [
            'garbage',
            Uint8Array.from([0xff, 0xff, 0xff]),
            'cannot decode signature policy envelope: the protobuf is malformed',
        ],
        [
            'no rule',
            new common.SignaturePolicyEnvelope().serializeBinary(),
            'cannot decode signature policy envelope: it has no rule',
        ],
        [
            'index out of range',
            (() => {
                const envelope = new common.SignaturePolicyEnvelope();
                const rule = new common.SignaturePolicy();
                rule.setSignedBy(4);
                envelope.setRule(rule);
                return envelope.serializeBinary();
            })(),
            'cannot decode signature policy envelope: signed_by 4 points past the 0 identities',
        ],
    ])('refuses %s', (_name, bytes, message) => {
        const error = catchError(() => decodeSignaturePolicyEnvelope(bytes));
        expect(error).toBeInstanceOf(PolicyError);
        expect(error).toMatchObject({ code: 'POLICY_DECODE', message });
    });
});

describe('Policy and ApplicationPolicy', () => {
    it('round-trips an implicit-meta common.Policy', () => {
        const policy = implicitMeta('MAJORITY', 'Endorsement');
        const bytes = encodePolicy(policy);
        expect(common.Policy.deserializeBinary(bytes).getType()).toBe(common.Policy.PolicyType.IMPLICIT_META);
        expect(decodePolicy(bytes)).toEqual(policy);
    });

    it('round-trips a signature common.Policy', () => {
        const policy = parseSignaturePolicy("OR('A.admin', 'B.admin')");
        const bytes = encodePolicy(policy);
        expect(common.Policy.deserializeBinary(bytes).getType()).toBe(common.Policy.PolicyType.SIGNATURE);
        expect(decodePolicy(bytes)).toEqual(policy);
    });

    it('round-trips an ApplicationPolicy with a signature policy', () => {
        const application = {
            type: 'signature',
            policy: parseSignaturePolicy("OutOf(2, 'A.peer', 'B.peer', 'C.peer')"),
        } as const;
        expect(decodeApplicationPolicy(encodeApplicationPolicy(application))).toEqual(application);
    });

    it('round-trips an ApplicationPolicy with a channel policy reference', () => {
        const application = { type: 'channelReference', reference: '/Channel/Application/Endorsement' } as const;
        const bytes = encodeApplicationPolicy(application);
        // field 2 (channel_config_policy_reference), length-delimited
        expect(hex(bytes)).toBe(
            `12${(32).toString(16)}${Buffer.from('/Channel/Application/Endorsement').toString('hex')}`,
        );
        expect(decodeApplicationPolicy(bytes)).toEqual(application);
    });

    it('refuses an empty ApplicationPolicy', () => {
        expect(() => decodeApplicationPolicy(new Uint8Array())).toThrow(
            'cannot decode application policy: it has neither a signature policy nor a channel policy reference',
        );
    });
});
