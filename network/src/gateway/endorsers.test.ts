// SPDX-License-Identifier: Apache-2.0
import { common, gateway, msp, peer } from '@hyperledger/fabric-protos';
import { parseSignaturePolicy } from '@productivist/policies';

import { describeEndorsementGap, endorsingMspIds, trustedEndorsers } from './endorsers.js';

/** A transaction envelope as the gateway prepares it, with endorsements by these MSPs. */
function envelopeEndorsedBy(mspIds: readonly string[]): Uint8Array {
    const endorsed = new peer.ChaincodeEndorsedAction();
    endorsed.setEndorsementsList(
        mspIds.map((mspId) => {
            const identity = new msp.SerializedIdentity();
            identity.setMspid(mspId);
            identity.setIdBytes(Buffer.from(`-----BEGIN CERTIFICATE-----\n${mspId}\n-----END CERTIFICATE-----\n`));
            const endorsement = new peer.Endorsement();
            endorsement.setEndorser(identity.serializeBinary());
            endorsement.setSignature(Buffer.from('signature'));
            return endorsement;
        }),
    );
    const actionPayload = new peer.ChaincodeActionPayload();
    actionPayload.setAction(endorsed);
    const action = new peer.TransactionAction();
    action.setPayload(actionPayload.serializeBinary());
    const transaction = new peer.Transaction();
    transaction.setActionsList([action]);
    const payload = new common.Payload();
    payload.setData(transaction.serializeBinary());
    const envelope = new common.Envelope();
    envelope.setPayload(payload.serializeBinary());
    return envelope.serializeBinary();
}

describe('naming the organizations whose endorsement is missing', () => {
    const qualitycheck = parseSignaturePolicy("AND('ProductivistMSP.peer', 'ExpertMSP.peer')");

    it('reads the endorsing organizations from a prepared transaction, each once', () => {
        const envelope = envelopeEndorsedBy(['ProductivistMSP', 'CustomerMSP', 'ProductivistMSP']);
        // What fabric-gateway's Transaction.getBytes() gives: the envelope inside a PreparedTransaction.
        const prepared = new gateway.PreparedTransaction();
        prepared.setTransactionId('tx-1');
        prepared.setEnvelope(common.Envelope.deserializeBinary(envelope));
        expect(endorsingMspIds(prepared.serializeBinary())).toEqual(['ProductivistMSP', 'CustomerMSP']);
    });

    it.each([
        [
            ['ProductivistMSP'],
            "qualitycheck's policy AND('ProductivistMSP.peer', 'ExpertMSP.peer'): missing the endorsement of ExpertMSP (endorsed by ProductivistMSP)",
        ],
        [
            [],
            "qualitycheck's policy AND('ProductivistMSP.peer', 'ExpertMSP.peer'): missing the endorsement of ExpertMSP and ProductivistMSP (no organization endorsed)",
        ],
        [
            ['ProductivistMSP', 'ExpertMSP'],
            "qualitycheck's policy AND('ProductivistMSP.peer', 'ExpertMSP.peer'): the endorsements satisfy it (a key-level policy or a collection policy was not satisfied) (endorsed by ProductivistMSP, ExpertMSP)",
        ],
    ])('endorsed by %j', (endorsedBy, message) => {
        expect(describeEndorsementGap('qualitycheck', qualitycheck, endorsedBy)).toBe(message);
    });
});

describe('trustedEndorsers: where transient data goes when the gateway asks to be told', () => {
    const prodcontrol = parseSignaturePolicy("AND('ProductivistMSP.peer', OR('CustomerMSP.peer', 'ProducerMSP.peer'))");

    it.each([
        ['CustomerMSP', ['CustomerMSP', 'ProductivistMSP']],
        ['ProducerMSP', ['ProducerMSP', 'ProductivistMSP']],
        ['DesignerMSP', ['CustomerMSP', 'ProductivistMSP']],
    ])('a member of %s', (own, expected) => {
        expect(trustedEndorsers(prodcontrol, own)).toEqual(expected);
    });
});
