// SPDX-License-Identifier: Apache-2.0
//
// Runs chaincode in-process through fabric-shim's own ChaincodeStub: the stub the contracts get is
// the real one (key validation, composite keys, iterators, getSignedProposal, ClientIdentity), and
// this module plays the peer's side of the chaincode protocol behind it.
import { common, msp, peer } from '@hyperledger/fabric-protos';
import { ChaincodeStub } from 'fabric-shim';
import { HistoryQueryIterator, StateQueryIterator } from 'fabric-shim/lib/iterators';
import { Timestamp } from 'google-protobuf/google/protobuf/timestamp_pb';

import type { Channel, ChaincodeDefinition } from './channel.js';
import type { TxSimulator } from './simulator.js';

/** The response of a chaincode invocation (peer.Response). */
export interface ChaincodeResponse {
    readonly status: number;
    readonly message: string;
    readonly payload: Buffer;
}

/** One invocation stack of one simulation. */
export interface InvocationScope {
    readonly simulator: TxSimulator;
    /** Simulators of other channels for cross-channel calls, made on demand. */
    readonly crossChannel: (channelName: string) => TxSimulator;
    readonly channel: Channel;
    readonly signedProposal: peer.SignedProposal;
    readonly txId: string;
    /** Chaincodes running in this transaction, outermost first. */
    readonly callStack: readonly string[];
    /** Every chaincode of this channel the transaction called (shared by the whole stack). */
    readonly called: Set<string>;
    /** Whether the submitter may call into `channelName` (ChaincodeToChaincode ACL: channel Writers). */
    readonly mayCallChannel: (channelName: string) => boolean;
}

/** The outcome of an invocation: the response and the event the stub was left with. */
export interface InvocationResult {
    readonly response: ChaincodeResponse;
    readonly event: { readonly name: string; readonly payload: Buffer } | undefined;
}

function toBuffer(value: Uint8Array | string | undefined): Buffer {
    if (value === undefined) return Buffer.alloc(0);
    return typeof value === 'string' ? Buffer.from(value, 'base64') : Buffer.from(value);
}

function decodeMetadata(bytes: Uint8Array | undefined): { pageSize: number; bookmark: string } | undefined {
    if (bytes === undefined || bytes.length === 0) return undefined;
    const metadata = peer.QueryMetadata.deserializeBinary(bytes);
    return { pageSize: metadata.getPagesize(), bookmark: metadata.getBookmark() };
}

/** The peer side of the shim protocol for one chaincode invocation. */
class PeerHandler {
    constructor(
        private readonly scope: InvocationScope,
        private readonly ns: string,
    ) {}

    private get sim(): TxSimulator {
        return this.scope.simulator;
    }

    handleGetState(collection: string, key: string): Promise<Buffer> {
        return this.run('GET_STATE', () =>
            collection === '' ? this.sim.getState(this.ns, key) : this.sim.getPrivateData(this.ns, collection, key),
        );
    }

    handlePutState(collection: string, key: string, value: Uint8Array): Promise<Buffer> {
        return this.run('PUT_STATE', () => {
            const buffer = Buffer.from(value);
            if (collection === '') this.sim.putState(this.ns, key, buffer);
            else this.sim.putPrivateData(this.ns, collection, key, buffer);
            return Buffer.alloc(0);
        });
    }

    handleDeleteState(collection: string, key: string): Promise<Buffer> {
        return this.remove('DEL_STATE', collection, key);
    }

    handlePurgeState(collection: string, key: string): Promise<Buffer> {
        // The embedded ledger keeps no purge history: a purge is a delete of the private value.
        return this.remove('PURGE_PRIVATE_DATA', collection, key);
    }

    private remove(type: string, collection: string, key: string): Promise<Buffer> {
        return this.run(type, () => {
            if (collection === '') this.sim.putState(this.ns, key, null);
            else this.sim.putPrivateData(this.ns, collection, key, null);
            return Buffer.alloc(0);
        });
    }

    handlePutStateMetadata(collection: string, key: string, metakey: string, value: Uint8Array): Promise<Buffer> {
        return this.run('PUT_STATE_METADATA', () => {
            if (collection === '') this.sim.putStateMetadata(this.ns, key, metakey, Buffer.from(value));
            else this.sim.putPrivateDataMetadata(this.ns, collection, key, metakey, Buffer.from(value));
            return Buffer.alloc(0);
        });
    }

    handleGetPrivateDataHash(collection: string, key: string): Promise<Buffer> {
        return this.run('GET_PRIVATE_DATA_HASH', () => this.sim.getPrivateDataHash(this.ns, collection, key));
    }

    handleGetStateMetadata(collection: string, key: string): Promise<Record<string, Buffer>> {
        return this.run('GET_STATE_METADATA', () => {
            const metadata =
                collection === ''
                    ? this.sim.getStateMetadata(this.ns, key)
                    : this.sim.getPrivateDataMetadata(this.ns, collection, key);
            return Object.fromEntries(metadata);
        });
    }

    handleGetStateByRange(
        collection: string,
        startKey: string,
        endKey: string,
        channelId: string,
        txId: string,
        metadata?: Uint8Array,
    ): Promise<{ iterator: unknown; metadata?: { bookmark: string; fetchedRecordsCount: number } }> {
        return this.run('GET_STATE_BY_RANGE', () => {
            const response =
                collection === ''
                    ? this.sim.rangeQuery(this.ns, startKey, endKey, decodeMetadata(metadata))
                    : this.sim.privateRangeQuery(this.ns, collection, startKey, endKey);
            const iterator: unknown = new StateQueryIterator(this, channelId, txId, response);
            const bytes = response.getMetadata_asU8();
            if (bytes.length === 0) return { iterator };
            const decoded = peer.QueryResponseMetadata.deserializeBinary(bytes);
            return {
                iterator,
                metadata: { bookmark: decoded.getBookmark(), fetchedRecordsCount: decoded.getFetchedRecordsCount() },
            };
        });
    }

    handleQueryStateNext(id: string): Promise<peer.QueryResponse> {
        return this.run('QUERY_STATE_NEXT', () => this.sim.batch(id));
    }

    handleQueryStateClose(id: string): Promise<peer.QueryResponse> {
        return this.run('QUERY_STATE_CLOSE', () => this.sim.close(id));
    }

    handleGetQueryResult(): Promise<never> {
        return this.run('GET_QUERY_RESULT', () => {
            throw new Error('ExecuteQuery not supported for leveldb');
        });
    }

    handleGetHistoryForKey(key: string, channelId: string, txId: string): Promise<unknown> {
        return this.run(
            'GET_HISTORY_FOR_KEY',
            () => new HistoryQueryIterator(this, channelId, txId, this.sim.history(this.ns, key)),
        );
    }

    async handleInvokeChaincode(target: string, args: readonly (string | Uint8Array)[]): Promise<ChaincodeResponse> {
        const [name = '', channelName = this.scope.channel.name] = target.split('/', 2);
        const failure = (reason: string): Error =>
            new Error(`INVOKE_CHAINCODE failed: transaction ID: ${this.scope.txId}: ${reason}`);
        if (channelName !== this.scope.channel.name) {
            if (!this.scope.mayCallChannel(channelName)) {
                throw failure(
                    `access denied for [INVOKE_CHAINCODE][${channelName}]: the submitter is not a Writer of channel '${channelName}'`,
                );
            }
            const simulator = this.scope.crossChannel(channelName);
            const definition = simulator.scope.channel.chaincodes.get(name);
            if (definition === undefined)
                throw failure(`chaincode definition for '${name}' not found on channel '${channelName}'`);
            const nested = await invokeChaincode(
                { ...this.scope, simulator, channel: simulator.scope.channel, callStack: [name] },
                definition,
                args.map((arg) => Buffer.from(arg)),
            );
            return nested.response;
        }
        this.scope.called.add(name);
        if (this.scope.callStack.includes(name)) {
            // Fabric keeps one transaction context per chaincode and transaction id: no re-entry.
            throw failure(`txid: ${this.scope.txId}(${channelName}) exists`);
        }
        const definition = this.scope.channel.chaincodes.get(name);
        if (definition === undefined)
            throw failure(`chaincode definition for '${name}' not found on channel '${channelName}'`);
        const nested = await invokeChaincode(
            { ...this.scope, callStack: [...this.scope.callStack, name] },
            definition,
            args.map((arg) => Buffer.from(arg)),
        );
        // Only the outermost chaincode's event reaches the transaction.
        return nested.response;
    }

    /**
     * Runs a request of the chaincode to its peer; a refusal reaches the chaincode as the peer words it,
     * `<request type> failed: transaction ID: <id>: <reason>` (core/chaincode/handler.go).
     */
    private run<T>(type: string, operation: () => T): Promise<T> {
        try {
            return Promise.resolve(operation());
        } catch (error) {
            const reason = error instanceof Error ? error.message : String(error);
            return Promise.reject(new Error(`${type} failed: transaction ID: ${this.scope.txId}: ${reason}`));
        }
    }
}

/** Runs one chaincode invocation with fabric-shim's stub. */
export async function invokeChaincode(
    scope: InvocationScope,
    definition: ChaincodeDefinition,
    args: readonly Buffer[],
): Promise<InvocationResult> {
    const input = new peer.ChaincodeInput();
    input.setArgsList(args.map((arg) => new Uint8Array(arg)));
    const ns = definition.name;
    // The stub's constructor is internal to fabric-shim (the peer connection normally calls it).
    const Stub = ChaincodeStub as unknown as new (
        handler: PeerHandler,
        channelId: string,
        txId: string,
        input: peer.ChaincodeInput,
        signedProposal: peer.SignedProposal,
    ) => ChaincodeStub;
    const stub = new Stub(new PeerHandler(scope, ns), scope.channel.name, scope.txId, input, scope.signedProposal);
    let raw: { status: number; message?: string; payload?: Uint8Array };
    try {
        raw = await definition.router.Invoke(stub);
    } catch (error) {
        raw = { status: 500, message: error instanceof Error ? error.message : String(error) };
    }
    const response: ChaincodeResponse = {
        status: raw.status,
        message: raw.message ?? '',
        payload: toBuffer(raw.payload),
    };
    const event = (stub as unknown as { chaincodeEvent?: peer.ChaincodeEvent }).chaincodeEvent;
    return {
        response,
        event:
            event === undefined
                ? undefined
                : { name: event.getEventName(), payload: Buffer.from(event.getPayload_asU8()) },
    };
}

/** What a client puts in a proposal. */
export interface ProposalContent {
    readonly channelName: string;
    readonly chaincodeName: string;
    readonly args: readonly Buffer[];
    readonly creator: { readonly mspId: string; readonly certificatePem: string };
    readonly nonce: Buffer;
    readonly txId: string;
    readonly timestamp: Date;
    readonly transient: ReadonlyMap<string, Buffer>;
}

/** Serialises a SignedProposal as a client SDK builds it (the signature is left empty in-process). */
export function buildSignedProposal(content: ProposalContent): peer.SignedProposal {
    const identity = new msp.SerializedIdentity();
    identity.setMspid(content.creator.mspId);
    identity.setIdBytes(Buffer.from(content.creator.certificatePem));

    const chaincodeId = new peer.ChaincodeID();
    chaincodeId.setName(content.chaincodeName);
    const extension = new peer.ChaincodeHeaderExtension();
    extension.setChaincodeId(chaincodeId);

    const millis = content.timestamp.getTime();
    const timestamp = new Timestamp();
    timestamp.setSeconds(Math.floor(millis / 1000));
    timestamp.setNanos((millis % 1000) * 1_000_000);

    const channelHeader = new common.ChannelHeader();
    channelHeader.setType(common.HeaderType.ENDORSER_TRANSACTION);
    channelHeader.setChannelId(content.channelName);
    channelHeader.setTxId(content.txId);
    channelHeader.setTimestamp(timestamp);
    channelHeader.setExtension$(extension.serializeBinary());

    const signatureHeader = new common.SignatureHeader();
    signatureHeader.setCreator(identity.serializeBinary());
    signatureHeader.setNonce(content.nonce);

    const header = new common.Header();
    header.setChannelHeader(channelHeader.serializeBinary());
    header.setSignatureHeader(signatureHeader.serializeBinary());

    const chaincodeInput = new peer.ChaincodeInput();
    chaincodeInput.setArgsList(content.args.map((arg) => new Uint8Array(arg)));
    const spec = new peer.ChaincodeSpec();
    spec.setType(peer.ChaincodeSpec.Type.NODE);
    spec.setChaincodeId(chaincodeId);
    spec.setInput(chaincodeInput);
    const invocation = new peer.ChaincodeInvocationSpec();
    invocation.setChaincodeSpec(spec);

    const payload = new peer.ChaincodeProposalPayload();
    payload.setInput(invocation.serializeBinary());
    const transientMap = payload.getTransientmapMap();
    for (const [key, value] of content.transient) transientMap.set(key, new Uint8Array(value));

    const proposal = new peer.Proposal();
    proposal.setHeader(header.serializeBinary());
    proposal.setPayload(payload.serializeBinary());

    const signed = new peer.SignedProposal();
    signed.setProposalBytes(proposal.serializeBinary());
    signed.setSignature(new Uint8Array());
    return signed;
}
