// SPDX-License-Identifier: Apache-2.0
//
// Blocks read from a real peer (qscc GetChainInfo and GetBlockByNumber through a member's gateway)
// and decoded with the Fabric protobufs: each transaction's id, chaincode and function, creator and
// endorsing organizations, validation code (the block's transactions filter) and chaincode event.
import type { Gateway } from '@hyperledger/fabric-gateway';
import { common, msp, peer } from '@hyperledger/fabric-protos';

import { validationCodeName } from './GatewayLedger.js';

/** One decoded transaction of a block. */
export interface DecodedTransaction {
    readonly transactionId: string;
    /** Empty for a configuration transaction. */
    readonly chaincode: string;
    /** The chaincode function, or `config` for a configuration transaction. */
    readonly transaction: string;
    readonly creatorMspId: string;
    readonly endorsers: readonly string[];
    readonly validationCode: string;
    readonly event: { readonly name: string; readonly payload: Uint8Array } | null;
}

export interface DecodedBlock {
    readonly number: number;
    readonly transactions: readonly DecodedTransaction[];
}

function mspOf(serialized: Uint8Array): string {
    try {
        return msp.SerializedIdentity.deserializeBinary(serialized).getMspid();
    } catch {
        return '';
    }
}

function decodeEnvelope(bytes: Uint8Array, code: number | undefined): DecodedTransaction {
    const payload = common.Payload.deserializeBinary(common.Envelope.deserializeBinary(bytes).getPayload_asU8());
    const header = payload.getHeader();
    const channelHeader = common.ChannelHeader.deserializeBinary(header?.getChannelHeader_asU8() ?? new Uint8Array());
    const signatureHeader = common.SignatureHeader.deserializeBinary(
        header?.getSignatureHeader_asU8() ?? new Uint8Array(),
    );
    const base = {
        transactionId: channelHeader.getTxId(),
        creatorMspId: mspOf(signatureHeader.getCreator_asU8()),
        validationCode: code === undefined ? 'UNKNOWN' : validationCodeName(code),
    };
    if (channelHeader.getType() !== common.HeaderType.ENDORSER_TRANSACTION) {
        return { ...base, chaincode: '', transaction: 'config', endorsers: [], event: null };
    }
    const [action] = peer.Transaction.deserializeBinary(payload.getData_asU8()).getActionsList();
    const actionPayload = peer.ChaincodeActionPayload.deserializeBinary(action?.getPayload_asU8() ?? new Uint8Array());
    const invocation = peer.ChaincodeInvocationSpec.deserializeBinary(
        peer.ChaincodeProposalPayload.deserializeBinary(
            actionPayload.getChaincodeProposalPayload_asU8(),
        ).getInput_asU8(),
    );
    const spec = invocation.getChaincodeSpec();
    const [fn] = spec?.getInput()?.getArgsList_asU8() ?? [];
    const endorsed = actionPayload.getAction();
    const endorsers = [
        ...new Set((endorsed?.getEndorsementsList() ?? []).map((endorsement) => mspOf(endorsement.getEndorser_asU8()))),
    ];
    const chaincodeAction = peer.ChaincodeAction.deserializeBinary(
        peer.ProposalResponsePayload.deserializeBinary(
            endorsed?.getProposalResponsePayload_asU8() ?? new Uint8Array(),
        ).getExtension_asU8(),
    );
    const eventBytes = chaincodeAction.getEvents_asU8();
    const event = eventBytes.length === 0 ? undefined : peer.ChaincodeEvent.deserializeBinary(eventBytes);
    return {
        ...base,
        chaincode: spec?.getChaincodeId()?.getName() ?? '',
        transaction: fn === undefined ? '' : Buffer.from(fn).toString(),
        endorsers,
        event:
            event === undefined || event.getEventName() === ''
                ? null
                : { name: event.getEventName(), payload: event.getPayload_asU8() },
    };
}

/** Decodes a block as qscc GetBlockByNumber returns it. */
export function decodeBlock(bytes: Uint8Array): DecodedBlock {
    const block = common.Block.deserializeBinary(bytes);
    const filter = block.getMetadata()?.getMetadataList_asU8()[common.BlockMetadataIndex.TRANSACTIONS_FILTER];
    return {
        number: block.getHeader()?.getNumber() ?? 0,
        transactions: (block.getData()?.getDataList_asU8() ?? []).map((envelope, index) =>
            decodeEnvelope(envelope, filter?.[index]),
        ),
    };
}

/** One page of a channel's blocks, newest first, and the channel's height. */
export interface BlockPage {
    readonly channel: string;
    readonly height: number;
    readonly blocks: readonly DecodedBlock[];
    /** The number to pass as `before` for the next older page; null when block 0 is on this one. */
    readonly older: number | null;
}

/**
 * Up to `count` blocks of a channel below block `before` (the newest when undefined), newest first,
 * read from the peer behind `gateway` (qscc GetChainInfo and GetBlockByNumber).
 */
export async function readBlockPage(
    gateway: Gateway,
    channel: string,
    count: number,
    before?: number,
): Promise<BlockPage> {
    const qscc = gateway.getNetwork(channel).getContract('qscc');
    const info = await qscc.evaluateTransaction('GetChainInfo', channel);
    const height = common.BlockchainInfo.deserializeBinary(info).getHeight();
    const top = Math.min(height, before ?? height);
    const blocks: DecodedBlock[] = [];
    const last = Math.max(0, top - count);
    for (let number = top - 1; number >= last; number--) {
        blocks.push(decodeBlock(await qscc.evaluateTransaction('GetBlockByNumber', channel, String(number))));
    }
    return { channel, height, blocks, older: last > 0 ? last : null };
}
