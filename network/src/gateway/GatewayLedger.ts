// SPDX-License-Identifier: Apache-2.0
//
// The Ledger interface over a real Fabric network through @hyperledger/fabric-gateway: the same
// clients that run on the embedded ledger run here. Identities come from a credential store (the
// CA enrollment), every call has a deadline, commit status is checked, and the gateway's errors
// become the same error values the embedded ledger produces.
import { createPrivateKey } from 'node:crypto';

import * as grpc from '@grpc/grpc-js';
import type { Contract, Gateway, Transaction } from '@hyperledger/fabric-gateway';
import {
    connect,
    EndorseError as GatewayEndorseError,
    GatewayError,
    signers,
    StatusCode,
} from '@hyperledger/fabric-gateway';
import type {
    ChaincodeEvent,
    CommitStatus,
    EndorsedTransaction,
    EventOptions,
    EventStream,
    Ledger,
    LedgerContract,
    ProposalOptions,
    SubmitResult,
    ValidationCode,
} from '@productivist/ledger-api';
import { commitOrThrow, EndorseError, LedgerError } from '@productivist/ledger-api';
import { common } from '@hyperledger/fabric-protos';
import type { SignaturePolicy } from '@productivist/policies';

import { describeEndorsementGap, endorsingMspIds, trustedEndorsers } from './endorsers.js';

/** What the gateway says when no set of available peers satisfies the endorsement policy. */
const unsatisfiable =
    /no (peer )?combination|satisfy the endorsement policy|cannot satisfy|unavailability of peers|no endorsers/i;

/** The gRPC status of a call to a peer that cannot be reached (stopped, crashed). */
const unreachable: number = grpc.status.UNAVAILABLE;

/** What the gateway says when the orderers it sent a transaction to could not take it. */
const orderingUnavailable = /(?:no|insufficient number of) orderers could successfully process/i;

/** The peer the gateway client talks to (127.0.0.1 only). */
export interface GatewayPeer {
    /** host:port, e.g. 127.0.0.1:7051. */
    readonly endpoint: string;
    /** PEM of the TLS CA that issued the peer's TLS certificate. */
    readonly tlsRootCertPem: string;
    /** A name in the peer's TLS certificate, when the endpoint address is not one. */
    readonly hostnameOverride?: string;
}

/** A member's credentials, as a credential store keeps them. */
export interface GatewayCredential {
    readonly mspId: string;
    readonly certificatePem: string;
    readonly privateKeyPem: string;
}

export interface GatewayLedgerOptions {
    /** The peer members talk to, unless {@link peerFor} names their own organization's. */
    readonly peer: GatewayPeer;
    /** The peer a member of an organization talks to (its own organization's); `peer` when undefined. */
    readonly peerFor?: (mspId: string) => GatewayPeer | undefined;
    /** The default channel. */
    readonly channel: string;
    /** Finds a member's credentials; throws when the member is unknown. */
    readonly credentials: (member: string) => GatewayCredential;
    /**
     * Every peer of the network. With them, the ledger reads its own writes: after a commit, the next
     * evaluation or proposal waits (`deadlines.catchUp`, 10 s at most) until each of these peers has
     * the block, since the gateway reports a commit once its own peer has it and the others may lag.
     */
    readonly peers?: readonly GatewayPeer[];
    /** The signature policy of a chaincode, to name the organizations whose endorsement is missing. */
    readonly endorsementPolicy?: (chaincodeName: string, channel: string) => SignaturePolicy | undefined;
    /** Deadlines in milliseconds. */
    readonly deadlines?: {
        readonly evaluate?: number;
        readonly endorse?: number;
        readonly submit?: number;
        readonly commitStatus?: number;
        readonly catchUp?: number;
    };
}

const validationNames: ReadonlyMap<number, ValidationCode> = new Map([
    [StatusCode.VALID, 'VALID'],
    [StatusCode.DUPLICATE_TXID, 'DUPLICATE_TXID'],
    [StatusCode.ENDORSEMENT_POLICY_FAILURE, 'ENDORSEMENT_POLICY_FAILURE'],
    [StatusCode.MVCC_READ_CONFLICT, 'MVCC_READ_CONFLICT'],
    [StatusCode.PHANTOM_READ_CONFLICT, 'PHANTOM_READ_CONFLICT'],
]);

/** A peer.TxValidationCode as the kit names it; codes the kit does not distinguish are INVALID_OTHER_REASON. */
export function validationCodeName(code: number): ValidationCode {
    return validationNames.get(code) ?? 'INVALID_OTHER_REASON';
}

/**
 * Turns a gateway error into the kit's: a chaincode failure reported by a peer ("chaincode response
 * 500, CODE: text") becomes the same EndorseError the embedded ledger raises, with the code parsed
 * from the chaincode's message; so does a chaincode failure of an evaluation ("evaluate call to endorser
 * returned error: chaincode response 500, ...").
 */
export function translateGatewayError(error: unknown): unknown {
    if (error instanceof GatewayEndorseError) {
        for (const detail of error.details) {
            const match = /chaincode response (\d+), ([\s\S]*)$/.exec(detail.message);
            if (match) return EndorseError.fromChaincode(error.transactionId, Number(match[1]), match[2] ?? '');
        }
        const reason =
            error.details.map((detail) => `${detail.address}: ${detail.message}`).join('; ') || error.message;
        const mismatch = /ProposalResponsePayloads do not match/.test(reason);
        return new EndorseError(error.transactionId, `endorsement failed: ${reason}`, {
            code: mismatch ? 'ENDORSEMENT_MISMATCH' : 'ENDORSEMENT_FAILED',
            ...(mismatch
                ? { hint: 'chaincode must not use Date.now, Math.random, unordered iteration or instance state' }
                : {}),
        });
    }
    if (error instanceof GatewayError) {
        // An evaluation the chaincode refused: "evaluate call to endorser returned error: chaincode response 500, CODE: text".
        const refused = /chaincode response (\d+), ([\s\S]*)$/.exec(error.message);
        if (refused) return EndorseError.fromChaincode('', Number(refused[1]), refused[2] ?? '');
        // The orderers could not take the transaction (a BFT channel without a quorum of consenters up,
        // a Raft channel electing a leader): it may still be ordered when they return, so only a retry
        // by the same request id is safe.
        if (grpc.status[error.code] === 'UNAVAILABLE' && orderingUnavailable.test(error.message)) {
            return new LedgerError(`ordering unavailable: ${error.message.replace(/^14 UNAVAILABLE: /, '')}`, {
                code: 'ORDERING_UNAVAILABLE',
                hint: "the channel's orderers could not take it: too few run (BFT orders with a quorum of its consenters, Raft with a majority) or a Raft election is under way; 'productivist network status' shows which are down, 'network restart <node>' brings one back; then submit again with the same request id",
                cause: error,
            });
        }
        return new LedgerError(`gateway call failed (gRPC status ${error.code}): ${error.message}`, {
            code: 'GATEWAY_ERROR',
            hint: 'check that the peer runs and that its address and TLS CA are right (productivist doctor)',
            cause: error,
        });
    }
    return error;
}

/** Refuses a peer endpoint that is not on this machine (the kit dials 127.0.0.1 only). */
function checkLocal(peer: GatewayPeer): void {
    if (!/^127\.0\.0\.1:\d+$|^localhost:\d+$/.test(peer.endpoint)) {
        throw new LedgerError(`peer endpoint '${peer.endpoint}' is not on this machine`, {
            code: 'INVALID_ARGUMENT',
            exit: 'invalidInput',
            hint: 'the kit dials 127.0.0.1 only: use 127.0.0.1:<port>',
        });
    }
}

function deadline(ms: number): () => grpc.CallOptions {
    return () => ({ deadline: Date.now() + ms });
}

function bytes(values: readonly (string | Uint8Array)[] | undefined): (string | Uint8Array)[] {
    return [...(values ?? [])];
}

/** The Ledger interface over a Fabric peer's gateway service. */
export class GatewayLedger implements Ledger {
    /** One gRPC client per peer endpoint, shared by the members that talk to it. */
    private readonly clients = new Map<string, grpc.Client>();
    private readonly gateways = new Map<string, Gateway>();
    /** Gateways a member uses to ask each peer its height, by `member@endpoint`. */
    private readonly heightGateways = new Map<string, Gateway>();
    /** The height each channel reached in commits this ledger saw. */
    private readonly committed = new Map<string, bigint>();
    /** The height each peer is known to have, by `endpoint/channel`. */
    private readonly peerHeights = new Map<string, bigint>();

    constructor(private readonly options: Readonly<GatewayLedgerOptions>) {
        checkLocal(options.peer);
    }

    /** The channel contracts use when none is named. */
    get channel(): string {
        return this.options.channel;
    }

    private clientFor(peer: GatewayPeer): grpc.Client {
        let client = this.clients.get(peer.endpoint);
        if (client === undefined) {
            checkLocal(peer);
            client = new grpc.Client(
                peer.endpoint,
                grpc.credentials.createSsl(Buffer.from(peer.tlsRootCertPem)),
                peer.hostnameOverride ? { 'grpc.ssl_target_name_override': peer.hostnameOverride } : {},
            );
            this.clients.set(peer.endpoint, client);
        }
        return client;
    }

    /** The gateway connection of a member, made on first use. */
    gateway(member: string): Gateway {
        let gateway = this.gateways.get(member);
        if (gateway === undefined) {
            const credential = this.options.credentials(member);
            const deadlines = this.options.deadlines ?? {};
            const peer = this.options.peerFor?.(credential.mspId) ?? this.options.peer;
            gateway = connect({
                client: this.clientFor(peer),
                identity: { mspId: credential.mspId, credentials: Buffer.from(credential.certificatePem) },
                signer: signers.newPrivateKeySigner(createPrivateKey(credential.privateKeyPem)),
                evaluateOptions: deadline(deadlines.evaluate ?? 5_000),
                endorseOptions: deadline(deadlines.endorse ?? 15_000),
                submitOptions: deadline(deadlines.submit ?? 5_000),
                commitStatusOptions: deadline(deadlines.commitStatus ?? 60_000),
            });
            this.gateways.set(member, gateway);
        }
        return gateway;
    }

    /** Records a commit this ledger saw: later calls wait until every peer has its block. */
    private sawCommit(channel: string, blockNumber: bigint): void {
        if ((this.committed.get(channel) ?? 0n) <= blockNumber) this.committed.set(channel, blockNumber + 1n);
    }

    /** A peer's height of a channel, asked through the peer's own gateway (qscc GetChainInfo). */
    private async heightOf(member: string, peer: GatewayPeer, channel: string): Promise<bigint> {
        const key = `${member}@${peer.endpoint}`;
        let gateway = this.heightGateways.get(key);
        if (gateway === undefined) {
            const credential = this.options.credentials(member);
            gateway = connect({
                client: this.clientFor(peer),
                identity: { mspId: credential.mspId, credentials: Buffer.from(credential.certificatePem) },
                signer: signers.newPrivateKeySigner(createPrivateKey(credential.privateKeyPem)),
                evaluateOptions: deadline(2_000),
            });
            this.heightGateways.set(key, gateway);
        }
        const info = await gateway.getNetwork(channel).getContract('qscc').evaluateTransaction('GetChainInfo', channel);
        return BigInt(common.BlockchainInfo.deserializeBinary(info).getHeight());
    }

    /** Waits until every peer has the blocks this ledger saw committed on `channel` (bounded; never fails). */
    private async caughtUp(member: string, channel: string): Promise<void> {
        const needed = this.committed.get(channel);
        if (needed === undefined || this.options.peers === undefined) return;
        const end = Date.now() + (this.options.deadlines?.catchUp ?? 10_000);
        for (const peer of this.options.peers) {
            const key = `${peer.endpoint}/${channel}`;
            while ((this.peerHeights.get(key) ?? 0n) < needed && Date.now() < end) {
                const height = await this.heightOf(member, peer, channel).catch((error: unknown) =>
                    // A peer that cannot be reached (stopped, crashed) serves no reads: it is not waited for.
                    error instanceof GatewayError && error.code === unreachable ? 'down' : undefined,
                );
                if (height === 'down') break;
                if (height !== undefined && height > (this.peerHeights.get(key) ?? 0n))
                    this.peerHeights.set(key, height);
                if ((this.peerHeights.get(key) ?? 0n) < needed) await new Promise((resolve) => setTimeout(resolve, 50));
            }
        }
    }

    contract(member: string, chaincodeName: string, channel?: string): LedgerContract {
        const network = channel ?? this.options.channel;
        const contract: Contract = this.gateway(member).getNetwork(network).getContract(chaincodeName);
        const endorse = async (transaction: string, options: ProposalOptions = {}): Promise<EndorsedTransaction> => {
            await this.caughtUp(member, network);
            try {
                const propose = (organizations: readonly string[] | undefined) =>
                    contract
                        .newProposal(transaction, {
                            arguments: bytes(options.arguments),
                            ...(options.transientData ? { transientData: { ...options.transientData } } : {}),
                            ...(organizations ? { endorsingOrganizations: [...organizations] } : {}),
                        })
                        .endorse();
                let endorsed: Transaction;
                try {
                    endorsed = await propose(options.endorsingOrganizations);
                } catch (error) {
                    // The gateway keeps transient data inside a collection's members unless told where
                    // it may go: name the organizations the chaincode's policy needs, once.
                    const organizations =
                        options.endorsingOrganizations === undefined && options.transientData !== undefined
                            ? this.transientEndorsers(error, member, chaincodeName, network)
                            : undefined;
                    if (organizations === undefined) throw error;
                    endorsed = await propose(organizations);
                }
                return {
                    transactionId: endorsed.getTransactionId(),
                    result: endorsed.getResult(),
                    submit: async (): Promise<CommitStatus> => {
                        try {
                            const status = await (await endorsed.submit()).getStatus();
                            const code = validationCodeName(status.code);
                            this.sawCommit(network, status.blockNumber);
                            const policy = this.options.endorsementPolicy?.(chaincodeName, network);
                            const detail =
                                code === 'ENDORSEMENT_POLICY_FAILURE' && policy !== undefined
                                    ? describeEndorsementGap(
                                          chaincodeName,
                                          policy,
                                          endorsingMspIds(endorsed.getBytes()),
                                      )
                                    : undefined;
                            return {
                                transactionId: status.transactionId,
                                blockNumber: status.blockNumber,
                                code,
                                successful: code === 'VALID',
                                ...(detail === undefined ? {} : { detail }),
                            };
                        } catch (error) {
                            throw translateGatewayError(error);
                        }
                    },
                };
            } catch (error) {
                throw (
                    this.unsatisfied(error, chaincodeName, network, options.endorsingOrganizations) ??
                    translateGatewayError(error)
                );
            }
        };
        return {
            chaincodeName,
            evaluate: async (transaction: string, options: ProposalOptions = {}): Promise<Uint8Array> => {
                await this.caughtUp(member, network);
                try {
                    return await contract.evaluate(transaction, {
                        arguments: bytes(options.arguments),
                        ...(options.transientData ? { transientData: { ...options.transientData } } : {}),
                        ...(options.endorsingOrganizations
                            ? { endorsingOrganizations: [...options.endorsingOrganizations] }
                            : {}),
                    });
                } catch (error) {
                    throw translateGatewayError(error);
                }
            },
            endorse,
            submit: async (transaction: string, options: ProposalOptions = {}): Promise<SubmitResult> => {
                const endorsed = await endorse(transaction, options);
                return commitOrThrow(endorsed);
            },
        };
    }

    chaincodeEvents(
        member: string,
        chaincodeName: string,
        options: EventOptions & { channel?: string } = {},
    ): EventStream<ChaincodeEvent> {
        const network = this.gateway(member).getNetwork(options.channel ?? this.options.channel);
        const pending = network.getChaincodeEvents(
            chaincodeName,
            options.startBlock === undefined ? {} : { startBlock: options.startBlock },
        );
        let closed = false;
        let close = (): void => {
            closed = true;
        };
        void pending.then((events) => {
            close = () => {
                events.close();
            };
            if (closed) events.close();
        });
        return {
            close: () => {
                close();
            },
            [Symbol.asyncIterator]: async function* () {
                const events = await pending;
                for await (const event of events) {
                    yield {
                        blockNumber: event.blockNumber,
                        transactionId: event.transactionId,
                        chaincodeName: event.chaincodeName,
                        eventName: event.eventName,
                        payload: event.payload,
                    };
                }
            },
        };
    }

    /** Where a proposal with transient data may be endorsed, when the gateway refused to choose (else undefined). */
    private transientEndorsers(
        error: unknown,
        member: string,
        chaincodeName: string,
        channel: string,
    ): string[] | undefined {
        if (!(error instanceof GatewayError) || !/specifying trusted endorsing organi[sz]ations/.test(error.message))
            return undefined;
        const policy = this.options.endorsementPolicy?.(chaincodeName, channel);
        return policy === undefined ? undefined : trustedEndorsers(policy, this.options.credentials(member).mspId);
    }

    /**
     * The gateway could not find peers to satisfy the chaincode's policy (some are down, or the
     * caller chose endorsing organizations that cannot satisfy it): an error naming the
     * organizations whose endorsement is missing, or undefined for any other failure.
     */
    private unsatisfied(
        error: unknown,
        chaincodeName: string,
        channel: string,
        chosen: readonly string[] | undefined,
    ): EndorseError | undefined {
        if (!(error instanceof GatewayError)) return undefined;
        const text = [
            error.message,
            ...(error instanceof GatewayEndorseError ? error.details : []).map((d) => d.message),
        ].join('; ');
        if (!unsatisfiable.test(text)) return undefined;
        const policy = this.options.endorsementPolicy?.(chaincodeName, channel);
        const gap =
            policy === undefined
                ? `${chaincodeName}'s endorsement policy`
                : describeEndorsementGap(chaincodeName, policy, chosen ?? []);
        const transactionId = error instanceof GatewayEndorseError ? error.transactionId : '';
        return new EndorseError(transactionId, `no peers could endorse under ${gap}`, {
            code: 'ENDORSEMENT_UNSATISFIED',
            hint:
                chosen === undefined
                    ? "check that a peer of each organization named runs ('productivist network status') and has the chaincode"
                    : 'endorse on organizations that satisfy the policy, or let the gateway choose them',
        });
    }

    /** Closes every gateway connection and the gRPC client. */
    close(): void {
        for (const gateway of [...this.gateways.values(), ...this.heightGateways.values()]) gateway.close();
        this.gateways.clear();
        this.heightGateways.clear();
        for (const client of this.clients.values()) client.close();
        this.clients.clear();
    }
}
