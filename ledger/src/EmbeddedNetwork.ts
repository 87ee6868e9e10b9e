// SPDX-License-Identifier: Apache-2.0
//
// The embedded ledger: organizations with CAs and peers, channels, chaincodes deployed from
// contract classes, and the Ledger interface over them with Fabric's endorsement, ordering and
// validation. See ARCHITECTURE.md, "The embedded ledger".
import { createHash, randomBytes } from 'node:crypto';

import type { ApplicationPolicy, FriendlyPolicy } from '@productivist/policies';
import { compileFriendlyPolicy, toApplicationPolicy } from '@productivist/policies';
import { JSONSerializer } from 'fabric-contract-api';
import ChaincodeFromContract from 'fabric-shim/lib/contract-spi/chaincodefromcontract';

import type {
    ChaincodeEvent,
    EndorsedTransaction,
    EventOptions,
    EventStream,
    Ledger,
    LedgerContract,
    ProposalOptions,
    SubmitResult,
} from '@productivist/ledger-api';
import type { BlockRecord, CollectionDefinition, Peer } from './channel.js';
import { Channel } from './channel.js';
import { collectionInterest, planEndorsers, requirements } from './endorsement.js';
import { EndorseError, LedgerError } from '@productivist/ledger-api';
import { commitOrThrow } from '@productivist/ledger-api';
import type { InvocationScope, InvocationResult } from './execution.js';
import { buildSignedProposal, invokeChaincode } from './execution.js';
import type { KeyPairPem } from './identity.js';
import type { MemberOptions } from './membership.js';
import { Membership } from './membership.js';
import type { RwSet } from './rwset.js';
import { fingerprint } from './rwset.js';
import { TxSimulator } from './simulator.js';
import type { OrderedTransaction } from './validation.js';
import { OrderingService } from './ordering.js';

/** An organization of the embedded network. */
export interface OrganizationOptions {
    readonly mspId: string;
    /** Number of peers; 1 by default, 0 for an organization of clients only. */
    readonly peers?: number;
    /** Restore this CA (a saved world reopened) instead of creating a new one. */
    readonly ca?: KeyPairPem;
}

/** Options of {@link EmbeddedNetwork.create}. */
export interface EmbeddedNetworkOptions {
    readonly organizations: readonly OrganizationOptions[];
    /** Channels and their member organizations; by default one channel `productivist` with every organization. */
    readonly channels?: readonly { readonly name: string; readonly organizations: readonly string[] }[];
    /** The clock clients stamp proposals with; the wall clock by default. */
    readonly now?: () => Date;
    /** The nonce of each proposal (24 random bytes by default); a replayed journal gives the recorded ones. */
    readonly nonce?: () => Uint8Array;
    /** A block is cut when this many transactions wait (else at the end of the current tick); 500 by default. */
    readonly maxTransactionsPerBlock?: number;
}

/** A private data collection to deploy with a chaincode. */
export interface CollectionOptions {
    readonly name: string;
    /** Member organizations (MSP ids). */
    readonly members: readonly string[];
    readonly requiredPeerCount?: number;
    readonly maxPeerCount?: number;
    readonly blockToLive?: number;
    readonly memberOnlyRead?: boolean;
    readonly memberOnlyWrite?: boolean;
    readonly endorsementPolicy?: FriendlyPolicy;
}

/** Options of {@link EmbeddedNetwork.deploy}. */
export interface DeployOptions {
    readonly name: string;
    /** Contract classes (fabric-contract-api), as a chaincode's `contracts` export lists them. */
    readonly contracts: readonly (new () => object)[];
    /** The friendly form (`majority`, `{ any: [...] }`, Fabric syntax, ...); `majority` by default. */
    readonly endorsementPolicy?: FriendlyPolicy;
    readonly collections?: readonly CollectionOptions[];
    /** Channel to deploy on; the first channel by default. */
    readonly channel?: string;
}

interface Simulation {
    readonly peer: Peer;
    readonly result: InvocationResult;
    readonly rwset: RwSet;
    readonly called: ReadonlySet<string>;
    readonly fingerprint: string;
}

function bytes(value: string | Uint8Array): Buffer {
    return typeof value === 'string' ? Buffer.from(value) : Buffer.from(value);
}

/** An in-process Fabric network with Fabric's transaction semantics. */
export class EmbeddedNetwork implements Ledger {
    private readonly membership = new Membership();
    private readonly channels = new Map<string, Channel>();
    private readonly now: () => Date;
    private readonly nonce: () => Uint8Array;
    private readonly orderer: OrderingService;

    private constructor(options: Readonly<EmbeddedNetworkOptions>) {
        this.now = options.now ?? (() => new Date());
        this.nonce = options.nonce ?? (() => randomBytes(24));
        this.orderer = new OrderingService(options.maxTransactionsPerBlock ?? 500);
    }

    /** Creates the organizations (each with its CA and peers) and channels. */
    static async create(options: Readonly<EmbeddedNetworkOptions>): Promise<EmbeddedNetwork> {
        const network = new EmbeddedNetwork(options);
        const seen = new Set<string>();
        for (const org of options.organizations) {
            if (!/^[A-Za-z0-9.-]+$/.test(org.mspId) || seen.has(org.mspId)) {
                throw new LedgerError(`organization MSP id '${org.mspId}' is invalid or repeated`, {
                    code: 'INVALID_ARGUMENT',
                    exit: 'invalidInput',
                    hint: "use distinct MSP ids made of letters, digits, '.' and '-'",
                });
            }
            seen.add(org.mspId);
            await network.membership.addOrganization(org);
        }
        const channels = options.channels ?? [{ name: 'productivist', organizations: [...seen] }];
        for (const channel of channels) {
            for (const org of channel.organizations) network.membership.requireOrg(org, `channel '${channel.name}'`);
            network.channels.set(channel.name, new Channel(channel.name, [...channel.organizations].sort()));
            network.orderer.addChannel(channel.name);
        }
        return network;
    }

    private channel(name?: string): Channel {
        const channel = name === undefined ? this.channels.values().next().value : this.channels.get(name);
        if (channel === undefined) {
            throw new LedgerError(`channel '${name ?? ''}' does not exist`, {
                code: 'NOT_FOUND',
                exit: 'notFound',
                hint: `known channels: ${[...this.channels.keys()].join(', ')}`,
            });
        }
        return channel;
    }

    /** Enrolls a member with a certificate from its organization's CA (or restores a saved identity). */
    async addMember(name: string, options: MemberOptions): Promise<void> {
        await this.membership.addMember(name, options);
    }

    /** The certificate (PEM) of a member. */
    certificateOf(member: string): string {
        return this.membership.member(member).identity.certificatePem;
    }

    /** A member's credentials: MSP id, certificate and PKCS#8 private key (PEM), for a credential store. */
    exportIdentity(member: string): Promise<{ mspId: string; certificatePem: string; privateKeyPem: string }> {
        return this.membership.exportIdentity(member);
    }

    /** An organization's CA certificate and key, to save a world and restore it later. */
    exportCertificateAuthority(mspId: string): Promise<KeyPairPem> {
        return this.membership.exportCertificateAuthority(mspId);
    }

    /** Names of the enrolled members. */
    memberNames(): string[] {
        return this.membership.memberNames();
    }

    /** The CA certificate (PEM) of an organization. */
    caCertificateOf(mspId: string): string {
        return this.membership.caCertificateOf(mspId);
    }

    /** Deploys (defines and commits) a chaincode made of contract classes. */
    deploy(options: Readonly<DeployOptions>): void {
        const channel = this.channel(options.channel);
        if (channel.chaincodes.has(options.name)) {
            throw new LedgerError(`chaincode '${options.name}' is already deployed on channel '${channel.name}'`, {
                code: 'CONFLICT',
                exit: 'invalidInput',
                hint: 'deploy under another name',
            });
        }
        const resolveOrg = (name: string): string | undefined => (channel.orgs.includes(name) ? name : undefined);
        const policy = (input: FriendlyPolicy | undefined, path: string): ApplicationPolicy =>
            toApplicationPolicy(compileFriendlyPolicy(input ?? 'majority', { resolveOrg, path }));
        const collections = new Map<string, CollectionDefinition>();
        for (const collection of options.collections ?? []) {
            for (const org of collection.members) this.membership.requireOrg(org, `collection '${collection.name}'`);
            collections.set(collection.name, {
                name: collection.name,
                members: [...collection.members],
                requiredPeerCount: collection.requiredPeerCount ?? 0,
                maxPeerCount: collection.maxPeerCount ?? 1,
                blockToLive: collection.blockToLive ?? 0,
                memberOnlyRead: collection.memberOnlyRead ?? true,
                memberOnlyWrite: collection.memberOnlyWrite ?? false,
                ...(collection.endorsementPolicy === undefined
                    ? {}
                    : {
                          endorsementPolicy: policy(
                              collection.endorsementPolicy,
                              `collections.${collection.name}.endorsementPolicy`,
                          ),
                      }),
            });
        }
        const router = new ChaincodeFromContract(
            [...options.contracts],
            { transaction: 'jsonSerializer', serializers: { jsonSerializer: JSONSerializer } },
            {},
            options.name,
            '1.0.0',
        );
        channel.chaincodes.set(options.name, {
            name: options.name,
            router,
            endorsementPolicy: policy(options.endorsementPolicy, `chaincodes.${options.name}.endorsementPolicy`),
            collections,
        });
    }

    contract(member: string, chaincodeName: string, channelName?: string): LedgerContract {
        const channel = this.channel(channelName);
        return {
            chaincodeName,
            evaluate: async (transactionName: string, options: ProposalOptions = {}): Promise<Uint8Array> => {
                const proposal = this.propose(member, channel, chaincodeName, transactionName, options);
                const simulation = await this.simulate(
                    this.localPeer(channel, proposal.creatorMspId),
                    channel,
                    proposal,
                );
                const { status, message, payload } = simulation.result.response;
                if (status >= 400) throw EndorseError.fromChaincode(proposal.txId, status, message);
                return payload;
            },
            endorse: (transactionName: string, options: ProposalOptions = {}): Promise<EndorsedTransaction> =>
                this.endorse(member, channel, chaincodeName, transactionName, options),
            submit: async (transactionName: string, options: ProposalOptions = {}): Promise<SubmitResult> => {
                const endorsed = await this.endorse(member, channel, chaincodeName, transactionName, options);
                return commitOrThrow(endorsed);
            },
        };
    }

    private propose(
        memberName: string,
        channel: Channel,
        chaincodeName: string,
        transactionName: string,
        options: Readonly<ProposalOptions>,
    ): Proposal {
        const member = this.membership.member(memberName);
        if (!channel.chaincodes.has(chaincodeName)) {
            throw new LedgerError(`chaincode '${chaincodeName}' is not deployed on channel '${channel.name}'`, {
                code: 'NOT_FOUND',
                exit: 'notFound',
                hint: `deployed: ${[...channel.chaincodes.keys()].sort().join(', ') || 'none'}`,
            });
        }
        const nonce = Buffer.from(this.nonce());
        const creator = { mspId: member.identity.mspId, certificatePem: member.identity.certificatePem };
        const txId = createHash('sha256')
            .update(nonce)
            .update(creator.mspId)
            .update(creator.certificatePem)
            .digest('hex');
        const args = [Buffer.from(transactionName), ...(options.arguments ?? []).map(bytes)];
        const timestamp = this.now();
        const transient = new Map(
            Object.entries(options.transientData ?? {}).map(([key, value]) => [key, bytes(value)]),
        );
        const signedProposal = buildSignedProposal({
            channelName: channel.name,
            chaincodeName,
            args,
            creator,
            nonce,
            txId,
            timestamp,
            transient,
        });
        return {
            txId,
            chaincodeName,
            transactionName,
            args,
            creatorMspId: creator.mspId,
            timestamp,
            signedProposal,
            hasTransient: transient.size > 0,
            ...(options.endorsingOrganizations ? { endorsingOrganizations: options.endorsingOrganizations } : {}),
        };
    }

    private localPeer(channel: Channel, mspId: string): Peer {
        const own = channel.orgs.includes(mspId) ? this.membership.peersOf(mspId)?.[0] : undefined;
        const peer = own ?? channel.orgs.map((org) => this.membership.peersOf(org)?.[0]).find((p) => p !== undefined);
        if (peer === undefined) {
            throw new LedgerError(`channel '${channel.name}' has no peers`, {
                code: 'NO_PEERS',
                hint: 'give an organization of the channel a peer',
            });
        }
        return peer;
    }

    private async simulate(peer: Peer, channel: Channel, proposal: Proposal): Promise<Simulation> {
        const definition = channel.chaincodes.get(proposal.chaincodeName);
        if (definition === undefined)
            throw new LedgerError(`chaincode '${proposal.chaincodeName}' is not deployed`, { code: 'NOT_FOUND' });
        const base = { txId: proposal.txId, peer, creatorMspId: proposal.creatorMspId };
        const simulator = new TxSimulator({ ...base, channel, height: channel.height });
        const others = new Map<string, TxSimulator>();
        const called = new Set<string>([proposal.chaincodeName]);
        const scope: InvocationScope = {
            simulator,
            channel,
            signedProposal: proposal.signedProposal,
            txId: proposal.txId,
            callStack: [proposal.chaincodeName],
            called,
            crossChannel: (name) => {
                const other = this.channel(name);
                let sim = others.get(name);
                if (sim === undefined) {
                    sim = new TxSimulator({ ...base, channel: other, height: other.height }, true);
                    others.set(name, sim);
                }
                return sim;
            },
            mayCallChannel: (name) => this.channels.get(name)?.orgs.includes(proposal.creatorMspId) === true,
        };
        const result = await invokeChaincode(scope, definition, proposal.args);
        const response = result.response;
        return {
            peer,
            result,
            rwset: simulator.rwset,
            called,
            fingerprint: JSON.stringify([
                fingerprint(simulator.rwset),
                response.status,
                response.message,
                response.payload.toString('base64'),
                result.event === undefined ? null : [result.event.name, result.event.payload.toString('base64')],
            ]),
        };
    }

    private async endorse(
        memberName: string,
        channel: Channel,
        chaincodeName: string,
        transactionName: string,
        options: Readonly<ProposalOptions>,
    ): Promise<EndorsedTransaction> {
        const proposal = this.propose(memberName, channel, chaincodeName, transactionName, options);
        const checkResponse = (simulation: Simulation): void => {
            const { status, message } = simulation.result.response;
            if (status >= 400) throw EndorseError.fromChaincode(proposal.txId, status, message);
        };
        let peers: Peer[];
        let first: Simulation;
        if (proposal.endorsingOrganizations !== undefined) {
            peers = proposal.endorsingOrganizations.map((org) => {
                const peer = channel.orgs.includes(org) ? this.membership.peersOf(org)?.[0] : undefined;
                if (peer === undefined) {
                    throw new EndorseError(
                        proposal.txId,
                        `endorsing organization '${org}' has no peer on channel '${channel.name}'`,
                        {
                            code: 'NOT_FOUND',
                            hint: `organizations of the channel: ${channel.orgs.join(', ')}`,
                        },
                    );
                }
                return peer;
            });
            first = await this.simulate(peers[0] ?? this.localPeer(channel, proposal.creatorMspId), channel, proposal);
            checkResponse(first);
        } else {
            first = await this.simulate(this.localPeer(channel, proposal.creatorMspId), channel, proposal);
            checkResponse(first);
            const needed = requirements(channel, first.rwset, first.called, 'plan', channel.height);
            const interest = collectionInterest(channel, first.rwset, proposal.hasTransient);
            const plan = planEndorsers(this.channelPeers(channel, interest.members), needed, proposal.creatorMspId);
            if (plan === undefined && interest.protectedCollections.length > 0) {
                const unprotected = planEndorsers(
                    this.channelPeers(channel, interest.readMembers),
                    needed,
                    proposal.creatorMspId,
                );
                if (unprotected !== undefined) {
                    throw new EndorseError(
                        proposal.txId,
                        `endorsement failed: requires endorsement from organisation(s) that are not in the distribution policy of the private data collection(s): [${interest.protectedCollections.join(' ')}]; retry specifying trusted endorsing organizations to protect transient data`,
                        {
                            code: 'ENDORSEMENT_FAILED',
                            hint: 'name the organizations trusted with the transient data in endorsingOrganizations',
                        },
                    );
                }
            }
            if (plan === undefined) {
                throw new EndorseError(
                    proposal.txId,
                    `no combination of peers can be derived which satisfy the endorsement policy: ${needed.map((n) => n.source).join('; ')}`,
                    { code: 'NO_ENDORSERS', hint: 'the policy names organizations without peers on this channel' },
                );
            }
            peers = plan;
        }
        const simulations = await Promise.all(
            peers.map((peer) =>
                peer.name === first.peer.name ? Promise.resolve(first) : this.simulate(peer, channel, proposal),
            ),
        );
        for (const simulation of simulations) {
            checkResponse(simulation);
            if (simulation.fingerprint !== first.fingerprint) {
                throw new EndorseError(
                    proposal.txId,
                    `ProposalResponsePayloads do not match: peers ${first.peer.name} and ${simulation.peer.name} returned different results (is the chaincode deterministic?)`,
                    {
                        code: 'ENDORSEMENT_MISMATCH',
                        hint: 'chaincode must not use Date.now, Math.random, unordered iteration or instance state',
                    },
                );
            }
        }
        const chosen = simulations[0] ?? first;
        const tx: OrderedTransaction = {
            txId: proposal.txId,
            chaincodeName,
            transactionName,
            creatorMspId: proposal.creatorMspId,
            endorsers: peers,
            rwset: chosen.rwset,
            event: chosen.result.event,
            timestamp: proposal.timestamp,
        };
        return {
            transactionId: proposal.txId,
            result: chosen.result.response.payload,
            submit: () => this.orderer.order(channel, tx),
        };
    }

    /** The peers of each organization of the channel; only of the organizations in `members` when given. */
    private channelPeers(channel: Channel, members?: ReadonlySet<string>): Map<string, Peer[]> {
        const orgs = members === undefined ? channel.orgs : channel.orgs.filter((org) => members.has(org));
        return new Map(orgs.map((org) => [org, this.membership.peersOf(org) ?? []]));
    }

    /** Cuts a block now from the transactions waiting on a channel (they are also cut at the end of each tick). */
    cutBlock(channelName?: string): void {
        this.orderer.cut(this.channel(channelName));
    }

    chaincodeEvents(
        member: string,
        chaincodeName: string,
        options: EventOptions & { channel?: string } = {},
    ): EventStream<ChaincodeEvent> {
        this.membership.member(member);
        return this.orderer.subscribe(this.channel(options.channel), chaincodeName, options.startBlock);
    }

    /** The blocks of a channel, genesis first. */
    blocks(channelName?: string): readonly BlockRecord[] {
        return this.channel(channelName).blocks;
    }

    /** SHA-256 over every live key and value of a channel (public, private and hashed): equal hashes, equal state. */
    stateHash(channelName?: string): string {
        const channel = this.channel(channelName);
        const hash = createHash('sha256');
        for (const [id, store] of channel.allStores()) {
            for (const [key, entry] of store.snapshot(channel.height)) {
                hash.update(id)
                    .update('\u0000')
                    .update(key)
                    .update('\u0000')
                    .update(entry.value ?? Buffer.alloc(0));
                for (const [name, value] of [...entry.metadata].sort(([a], [b]) => (a < b ? -1 : 1)))
                    hash.update(name).update(value);
            }
        }
        return hash.digest('hex');
    }
}

interface Proposal {
    readonly txId: string;
    readonly chaincodeName: string;
    readonly transactionName: string;
    readonly args: readonly Buffer[];
    readonly creatorMspId: string;
    readonly timestamp: Date;
    readonly signedProposal: ReturnType<typeof buildSignedProposal>;
    /** Whether the proposal carries transient data. */
    readonly hasTransient: boolean;
    readonly endorsingOrganizations?: readonly string[];
}
