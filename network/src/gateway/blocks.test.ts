// SPDX-License-Identifier: Apache-2.0
//
// decodeBlock over blocks built with the Fabric protobufs as a peer writes them: a configuration
// transaction, and an endorsed transaction with its function, endorsers, event and validation code.
import { common, msp, peer } from '@hyperledger/fabric-protos';

import { decodeBlock } from './blocks.js';

function identity(mspId: string): Uint8Array {
    const serialized = new msp.SerializedIdentity();
    serialized.setMspid(mspId);
    serialized.setIdBytes(Buffer.from(`certificate of ${mspId}`));
    return serialized.serializeBinary();
}

function envelope(type: number, txId: string, creator: string, data: Uint8Array): Uint8Array {
    const channelHeader = new common.ChannelHeader();
    channelHeader.setType(type);
    channelHeader.setTxId(txId);
    channelHeader.setChannelId('productivist');
    const signatureHeader = new common.SignatureHeader();
    signatureHeader.setCreator(identity(creator));
    const header = new common.Header();
    header.setChannelHeader(channelHeader.serializeBinary());
    header.setSignatureHeader(signatureHeader.serializeBinary());
    const payload = new common.Payload();
    payload.setHeader(header);
    payload.setData(data);
    const out = new common.Envelope();
    out.setPayload(payload.serializeBinary());
    return out.serializeBinary();
}

function invocation(fn: string, endorsers: readonly string[], event?: { name: string; payload: string }): Uint8Array {
    const spec = new peer.ChaincodeSpec();
    const id = new peer.ChaincodeID();
    id.setName('productoken');
    spec.setChaincodeId(id);
    const input = new peer.ChaincodeInput();
    input.setArgsList([Buffer.from(fn), Buffer.from('alice')]);
    spec.setInput(input);
    const invocationSpec = new peer.ChaincodeInvocationSpec();
    invocationSpec.setChaincodeSpec(spec);
    const proposalPayload = new peer.ChaincodeProposalPayload();
    proposalPayload.setInput(invocationSpec.serializeBinary());
    const action = new peer.ChaincodeAction();
    if (event !== undefined) {
        const chaincodeEvent = new peer.ChaincodeEvent();
        chaincodeEvent.setEventName(event.name);
        chaincodeEvent.setPayload(Buffer.from(event.payload));
        action.setEvents(chaincodeEvent.serializeBinary());
    }
    const responsePayload = new peer.ProposalResponsePayload();
    responsePayload.setExtension$(action.serializeBinary());
    const endorsed = new peer.ChaincodeEndorsedAction();
    endorsed.setProposalResponsePayload(responsePayload.serializeBinary());
    endorsed.setEndorsementsList(
        endorsers.map((mspId) => {
            const endorsement = new peer.Endorsement();
            endorsement.setEndorser(identity(mspId));
            return endorsement;
        }),
    );
    const actionPayload = new peer.ChaincodeActionPayload();
    actionPayload.setChaincodeProposalPayload(proposalPayload.serializeBinary());
    actionPayload.setAction(endorsed);
    const transactionAction = new peer.TransactionAction();
    transactionAction.setPayload(actionPayload.serializeBinary());
    const transaction = new peer.Transaction();
    transaction.setActionsList([transactionAction]);
    return transaction.serializeBinary();
}

function block(number: number, envelopes: readonly Uint8Array[], codes: readonly number[]): Uint8Array {
    const out = new common.Block();
    const header = new common.BlockHeader();
    header.setNumber(number);
    out.setHeader(header);
    const data = new common.BlockData();
    data.setDataList([...envelopes]);
    out.setData(data);
    const metadata = new common.BlockMetadata();
    metadata.setMetadataList([new Uint8Array(), new Uint8Array(), Uint8Array.from(codes), new Uint8Array()]);
    out.setMetadata(metadata);
    return out.serializeBinary();
}

describe('decodeBlock', () => {
    it('decodes a configuration transaction', () => {
        const decoded = decodeBlock(
            block(0, [envelope(common.HeaderType.CONFIG, '', 'ProductivistMSP', new Uint8Array())], [0]),
        );
        expect(decoded).toEqual({
            number: 0,
            transactions: [
                {
                    transactionId: '',
                    chaincode: '',
                    transaction: 'config',
                    creatorMspId: 'ProductivistMSP',
                    endorsers: [],
                    validationCode: 'VALID',
                    event: null,
                },
            ],
        });
    });

    it("decodes endorsed transactions: function, endorsers once each, the event, each one's validation code", () => {
        const mint = envelope(
            common.HeaderType.ENDORSER_TRANSACTION,
            'tx-mint',
            'ProductivistMSP',
            invocation('Mint', ['ProductivistMSP', 'ExpertMSP', 'ExpertMSP'], {
                name: 'ProducToken',
                payload: '{"n":1}',
            }),
        );
        const late = envelope(
            common.HeaderType.ENDORSER_TRANSACTION,
            'tx-late',
            'DesignerMSP',
            invocation('Transfer', ['DesignerMSP']),
        );
        const decoded = decodeBlock(block(12, [mint, late], [0, 11]));
        expect(decoded.number).toBe(12);
        const [first, second] = decoded.transactions;
        expect(first).toMatchObject({
            transactionId: 'tx-mint',
            chaincode: 'productoken',
            transaction: 'Mint',
            creatorMspId: 'ProductivistMSP',
            endorsers: ['ProductivistMSP', 'ExpertMSP'],
            validationCode: 'VALID',
        });
        expect(first?.event?.name).toBe('ProducToken');
        expect(Buffer.from(first?.event?.payload ?? []).toString()).toBe('{"n":1}');
        expect(second).toMatchObject({
            transactionId: 'tx-late',
            transaction: 'Transfer',
            validationCode: 'MVCC_READ_CONFLICT',
            event: null,
        });
    });
});
