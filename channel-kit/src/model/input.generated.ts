// SPDX-License-Identifier: Apache-2.0
//
// Generated from channel-kit/schema/ecosystem.schema.json by model/schemaTypes.ts; do not edit.
// Regenerate with: UPDATE_GOLDEN=1 npx jest channel-kit/src/model/schemaTypes
import type { FriendlyPolicy } from '@productivist/policies';

/** A Productivist production ecosystem: organizations, the ordering service, channels, private data collections and chaincodes. The productivist CLI validates it and generates every Fabric artifact from it. */
export interface EcosystemInput {
    /** Path or URL of this JSON Schema, for editors; ignored by the kit. */
    readonly $schema?: string;
    /** Version of the ecosystem file format; 1 is the only one. */
    readonly version: 1;
    /** Name of the ecosystem, a lowercase slug; used in generated file names and the Docker compose project. */
    readonly name: string;
    /** Free text describing the ecosystem, copied into the topology diagram. */
    readonly description?: string;
    /** How ports on 127.0.0.1 are assigned to the processes of the native start plan. */
    readonly ports?: {
        /** First port handed out; every process gets the next free port from here on, in file order, and keeps it through the lock file. 7050 by default. */
        readonly base?: number;
    };
    /** Organizations whose keys, CA and nodes this ecosystem generates and runs. */
    readonly organizations: readonly OrganizationInput[];
    /** Organizations run by other parties, known only from the certificates they publish. Nothing is generated for them; their certificates are copied into the channel configuration. The public network's ordering organization is not listed here: publicNetwork imports it from the bundle the public network publishes. */
    readonly importedOrganizations?: readonly ImportedOrganizationInput[];
    /** The ordering service of every channel of the ecosystem. */
    readonly ordering: OrderingInput;
    /** Channels of the ecosystem; each becomes one configtx.yaml profile (v3 channel participation, no system channel). */
    readonly channels: readonly ChannelInput[];
    /** Which organizations of this ecosystem also take part in the Productivist public channel (run elsewhere), to read productoken from their private channels. */
    readonly publicChannel?: PublicChannelInput;
    /** The public Productivist network this ecosystem links to, known by the bundle its network up publishes: <network dir>/published/public-network.json with the ordering organization's CA and TLS roots, its orderers' endpoints and certificates, and the public channel's name. The network dir is given by --public (.productivist/network by default). The ordering organization is imported under `organization`; publicChannel.name defaults to the bundle's channel. */
    readonly publicNetwork?: PublicNetworkInput;
}

/** An organization of the ecosystem: its MSP, its CA server, its peers and its identities. */
export interface OrganizationInput {
    /** Name of an organization: a letter then letters and digits, unique in the file. */
    readonly name: string;
    /** MSP id of an organization, as written in Fabric policies. */
    readonly mspId: string;
    /** DNS domain of the organization, used in certificate names (peer0.<domain>); addresses stay 127.0.0.1. */
    readonly domain: string;
    /** Productivist roles granted to the organization; its identities may carry only these roles. */
    readonly roles?: readonly ('customer' | 'designer' | 'producer' | 'expert' | 'treasury')[];
    /** How many peers the organization runs (peer0, peer1, ...); peer0 is the anchor peer. 1 by default; 0 for an organization that only runs orderers or clients. */
    readonly peers?: number;
    /** The organization's Fabric CA server, which hosts its CA and its TLS CA. */
    readonly ca?: {
        /** Fixed listening port of the CA server; assigned from ports.base when absent. */
        readonly port?: number;
        /** Intermediate CAs delegated from the organization's root CA, each a server of its own that enrolls the identities naming it. */
        readonly intermediates?: readonly {
            /** A lowercase name: a letter then lowercase letters, digits and '-'. */
            readonly name: string;
        }[];
    };
    /** People and applications enrolled by the organization's CA. */
    readonly users?: readonly UserInput[];
    /** Machines (production controllers) enrolled as client identities bound to a user of the organization. */
    readonly devices?: readonly DeviceInput[];
}

/** A user identity. */
export interface UserInput {
    /** A lowercase name: a letter then lowercase letters, digits and '-'. */
    readonly name: string;
    /** Registered as an admin (NodeOU admin) instead of a client. false by default. */
    readonly admin?: boolean;
    /** Member id carried in the certificate as productivist.member: identities of one member in several organizations share one wallet. '<name>@<domain>' by default. */
    readonly member?: string;
    /** Productivist roles this user acts in; each must be granted to its organization (roles belong to organizations through the on-chain role registry). 'treasury' also puts productivist.treasury=true in the certificate. */
    readonly roles?: readonly ('customer' | 'designer' | 'producer' | 'expert' | 'treasury')[];
    /** Name of the organization's intermediate CA that enrolls this identity; the root CA when absent. */
    readonly intermediate?: string;
    /** Extra attributes put into the enrollment certificate (registered with ':ecert'); names are letters, digits, '.', '_' and '-'; values may not contain ',' or ':' (Fabric CA's attribute list syntax). */
    readonly attributes?: Readonly<Record<string, string>>;
}

/** A device identity (client NodeOU) carrying productivist.device = the member id of the producer that owns it. */
export interface DeviceInput {
    /** A lowercase name: a letter then lowercase letters, digits and '-'. */
    readonly name: string;
    /** Name of the user of the same organization the device works for. */
    readonly owner: string;
    /** Name of the organization's intermediate CA that enrolls this device; the root CA when absent. */
    readonly intermediate?: string;
    /** Extra attributes put into the enrollment certificate (registered with ':ecert'); names are letters, digits, '.', '_' and '-'; values may not contain ',' or ':' (Fabric CA's attribute list syntax). */
    readonly attributes?: Readonly<Record<string, string>>;
}

/** An organization run by another party, imported from its published certificates. */
export interface ImportedOrganizationInput {
    /** Name of an organization: a letter then letters and digits, unique in the file. */
    readonly name: string;
    /** MSP id of an organization, as written in Fabric policies. */
    readonly mspId: string;
    /** The organization's published root CA certificate (its MSP cacerts). */
    readonly caCert: string;
    /** The organization's published TLS root CA certificate (its MSP tlscacerts). */
    readonly tlsCaCert: string;
    /** The organization's published intermediate CA certificates (its MSP intermediatecerts), when intermediate CAs issue its identities. */
    readonly intermediateCerts?: readonly string[];
    /** Ordering nodes the organization runs, with their published certificates. */
    readonly orderers?: readonly ImportedNodeInput[];
    /** Anchor peers the organization runs, for gossip and discovery. */
    readonly peers?: readonly ImportedNodeInput[];
}

/** A node of an imported organization. */
export interface ImportedNodeInput {
    /** Host name of the node as it appears in its TLS certificate, e.g. orderer0.productivist.example. */
    readonly name: string;
    /** Host name of an endpoint; every address of the kit is local. */
    readonly host: '127.0.0.1' | 'localhost';
    /** A TCP port on 127.0.0.1. */
    readonly port: number;
    /** The node's published TLS certificate (server and cluster client), signed by tlsCaCert. */
    readonly tlsCert: string;
    /** The node's published signing certificate, signed by caCert; required for BFT consenters. */
    readonly identityCert?: string;
}

/** The ordering service of every channel of the ecosystem. */
export interface OrderingInput {
    /** Organization that runs the ordering nodes: a local organization (nodes are generated) or an imported one (its published orderers are used). */
    readonly organization: string;
    /** Consensus: raft (crash fault tolerant, etcdraft) or bft (SmartBFT, Byzantine fault tolerant, channel capability V3_0). */
    readonly type: 'raft' | 'bft';
    /** How many ordering nodes a local ordering organization runs: 3 (Raft) or 4 (BFT) survive one fault. 1 by default for Raft, 4 for BFT. Not allowed for an imported organization. */
    readonly nodes?: number;
}

/** A channel: its members, policies, block cutting, collections and chaincodes. */
export interface ChannelInput {
    /** Channel name: lowercase letters, digits, '.' and '-', starting with a letter (Fabric's rule). */
    readonly name: string;
    /** public: the Productivist public channel where productoken runs; private: an industrial channel, ordered by the Productivist orderers of the public network it links to or by its own. */
    readonly type: 'public' | 'private';
    /** Organizations (local or imported) in the channel's Application group. */
    readonly members: readonly string[];
    /** The channel's Application policies. majority/any/all count the member organizations' own policies; anything else is a signature policy (a bare organization means its admins for admins, its members otherwise). */
    readonly policies?: {
        /** A policy in the friendly form of policies/README.md: majority | any | all (channel-wide), an organization name, 'Org.role', { any: [...] }, { all: [...] }, { majority: [...] }, { outOf: n, of: [...] }, or Fabric's own syntax such as "AND('AMSP.peer', 'BMSP.peer')". */
        readonly readers?: FriendlyPolicy;
        /** A policy in the friendly form of policies/README.md: majority | any | all (channel-wide), an organization name, 'Org.role', { any: [...] }, { all: [...] }, { majority: [...] }, { outOf: n, of: [...] }, or Fabric's own syntax such as "AND('AMSP.peer', 'BMSP.peer')". */
        readonly writers?: FriendlyPolicy;
        /** A policy in the friendly form of policies/README.md: majority | any | all (channel-wide), an organization name, 'Org.role', { any: [...] }, { all: [...] }, { majority: [...] }, { outOf: n, of: [...] }, or Fabric's own syntax such as "AND('AMSP.peer', 'BMSP.peer')". */
        readonly admins?: FriendlyPolicy;
    };
    /** Who approves chaincode definitions (Application/LifecycleEndorsement); majority by default. A bare organization means its peers. */
    readonly lifecycleEndorsement?: FriendlyPolicy;
    /** The channel's default endorsement policy (Application/Endorsement), used by chaincodes that name none; majority by default. */
    readonly endorsement?: FriendlyPolicy;
    /** When the orderers cut a block of this channel. */
    readonly blockCutting?: {
        /** Longest wait before a block is cut, e.g. 2s or 250ms; 2s by default. */
        readonly batchTimeout?: string;
        /** Most transactions in one block; 500 by default. */
        readonly maxMessageCount?: number;
        /** Hard size limit of a block, e.g. '10 MB'; '10 MB' by default. */
        readonly absoluteMaxBytes?: string;
        /** Preferred size of a block, e.g. '2 MB'; '2 MB' by default. */
        readonly preferredMaxBytes?: string;
    };
    /** Private data collections of the channel's chaincodes. */
    readonly collections?: readonly CollectionInput[];
    /** Chaincodes deployed on the channel (as chaincode services). */
    readonly chaincodes?: readonly ChaincodeInput[];
}

/** A private data collection. */
export interface CollectionInput {
    /** Collection name, unique in the channel. */
    readonly name: string;
    /** Organizations whose peers store the private data; all must be channel members. */
    readonly members: readonly string[];
    /** Peers (of other member orgs) the endorsing peer must disseminate to before endorsing; 0 by default. */
    readonly requiredPeerCount?: number;
    /** Most peers the endorsing peer disseminates to; 1 by default, at least requiredPeerCount. */
    readonly maxPeerCount?: number;
    /** Blocks after which the private data is purged; 0 (never) by default. */
    readonly blockToLive?: number;
    /** Only member organizations' clients may read the private data; true by default. */
    readonly memberOnlyRead?: boolean;
    /** Only member organizations' clients may write the private data; true by default. */
    readonly memberOnlyWrite?: boolean;
    /** Endorsement policy of the collection's writes, replacing the chaincode's for them. */
    readonly endorsement?: FriendlyPolicy;
}

/** A chaincode definition on a channel. */
export interface ChaincodeInput {
    /** Chaincode name, unique in the channel. */
    readonly name: string;
    /** Version label of the definition; '1.0' by default. */
    readonly version?: string;
    /** Sequence number of the definition; 1 by default. */
    readonly sequence?: number;
    /** The chaincode's endorsement policy; the channel's default (/Channel/Application/Endorsement) when absent. */
    readonly endorsement?: FriendlyPolicy;
    /** Names of the channel's collections this chaincode uses (its collection config). */
    readonly collections?: readonly string[];
    /** Chaincodes of the public channel this chaincode reads across channels (e.g. productoken); its endorsing peers and its clients' organizations must then be on the public channel. */
    readonly uses?: readonly ('productoken' | 'modelcert' | 'prodcontrol' | 'qualitycheck')[];
    /** How its chaincode servers run: 'shared' (default) is one process serving every local peer of its endorsing organizations; 'per-organization' is one process per endorsing organization that runs peers, serving that organization's peers with a TLS certificate from its own TLS CA and its own package, as each organization's own deployment would. */
    readonly servers?: 'shared' | 'per-organization';
}

/** Which organizations of this ecosystem also take part in the Productivist public channel (run elsewhere), to read productoken from their private channels. */
export interface PublicChannelInput {
    /** Name of the public channel; 'productivist' by default. */
    readonly name?: string;
    /** Organizations whose peers join the public channel. */
    readonly peers?: readonly string[];
    /** Organizations that are members of the public channel, so their clients pass its ChaincodeToChaincode ACL. */
    readonly clients?: readonly string[];
}

/** The public Productivist network this ecosystem links to, known by the bundle its network up publishes: <network dir>/published/public-network.json with the ordering organization's CA and TLS roots, its orderers' endpoints and certificates, and the public channel's name. The network dir is given by --public (.productivist/network by default). The ordering organization is imported under `organization`; publicChannel.name defaults to the bundle's channel. */
export interface PublicNetworkInput {
    /** Name the public network's ordering organization is imported under, for ordering.organization and channel members; the bundle's own name (Productivist) by default. */
    readonly organization?: string;
}
