// SPDX-License-Identifier: Apache-2.0
//
// The normalised ecosystem: defaults applied, names derived, ports and consenter ids assigned.
// Every path is relative to the root of the generated tree.
export type ProductivistRole = 'customer' | 'designer' | 'producer' | 'expert' | 'treasury';
export type IdentityType = 'admin' | 'client' | 'peer' | 'orderer';
export type ConsensusType = 'raft' | 'bft';

/** A policy of a channel configuration, as configtx.yaml writes it. */
export type ConfigPolicy =
    { readonly type: 'ImplicitMeta'; readonly rule: string } | { readonly type: 'Signature'; readonly rule: string };

/** A chaincode or collection endorsement policy, as the peer CLI and collection JSON take it. */
export type EndorsementPolicy = { readonly signaturePolicy: string } | { readonly channelConfigPolicy: string };

/** An attribute registered into (and so carried by) the enrollment certificate. */
export interface Attribute {
    readonly name: string;
    readonly value: string;
}

/** One Fabric CA (a root or an intermediate) of a CA server. */
export interface CertificateAuthority {
    /** Process id in the start plan (`ca.acme`, `ca.acme.workshop`). */
    readonly id: string;
    /** The CA's name (`--caname`). */
    readonly caName: string;
    /** Its TLS CA's name, for the root server (which hosts both). */
    readonly tlsCaName: string | undefined;
    readonly host: string;
    readonly port: number;
    readonly operationsPort: number;
    /** The server's home folder (its config, keys and database). */
    readonly homeDir: string;
    /** For an intermediate: the CA it is delegated from. */
    readonly parent: { readonly caName: string; readonly port: number; readonly homeDir: string } | undefined;
    /** The registrar identity and where its secret comes from. */
    readonly registrar: { readonly enrollmentId: string; readonly secretEnv: string };
}

/** An identity the organization's CA registers and enrolls. */
export interface Identity {
    readonly enrollmentId: string;
    readonly type: IdentityType;
    /** What it is, for people reading the plan. */
    readonly kind: 'admin' | 'user' | 'device' | 'peer' | 'orderer';
    /** Process id of the CA that enrolls it. */
    readonly caId: string;
    readonly caName: string;
    readonly secretEnv: string;
    /** Its local MSP folder. */
    readonly mspDir: string;
    /** Its TLS folder, for nodes (enrolled again at the TLS CA). */
    readonly tlsDir: string | undefined;
    /** Host names put into its TLS certificate. */
    readonly csrHosts: readonly string[];
    readonly attributes: readonly Attribute[];
}

export interface Peer {
    readonly id: string;
    readonly name: string;
    readonly host: string;
    readonly port: number;
    readonly chaincodePort: number;
    readonly operationsPort: number;
    readonly mspDir: string;
    readonly tlsDir: string;
    readonly dataDir: string;
    readonly anchor: boolean;
}

/** An orderer, run here or imported. */
export interface Orderer {
    readonly id: string;
    readonly name: string;
    readonly host: string;
    readonly port: number;
    /** Channel participation API (osnadmin); undefined for an imported orderer. */
    readonly adminPort: number | undefined;
    readonly operationsPort: number | undefined;
    readonly mspId: string;
    readonly consenterId: number;
    /** TLS certificate (server and cluster client). */
    readonly tlsCert: string;
    /** Signing certificate, for BFT consenter mappings. */
    readonly identityCert: string;
    readonly mspDir: string | undefined;
    readonly tlsDir: string | undefined;
    readonly dataDir: string | undefined;
}

interface OrganizationBase {
    readonly name: string;
    readonly mspId: string;
    /** Lowercase name used in paths and process ids. */
    readonly key: string;
    /** The organization's MSP folder as configtx.yaml reads it. */
    readonly mspDir: string;
    readonly orderers: readonly Orderer[];
}

export interface Organization extends OrganizationBase {
    readonly kind: 'local';
    readonly domain: string;
    readonly roles: readonly ProductivistRole[];
    readonly ca: CertificateAuthority;
    readonly intermediates: readonly CertificateAuthority[];
    readonly peers: readonly Peer[];
    readonly admin: Identity;
    /** Every identity to register and enroll: admin, nodes, users, devices. */
    readonly identities: readonly Identity[];
}

/** A node of an imported organization (an anchor peer). */
export interface ImportedPeer {
    readonly name: string;
    readonly host: string;
    readonly port: number;
    readonly tlsCert: string;
}

export interface ImportedOrganization extends OrganizationBase {
    readonly kind: 'imported';
    /** Files copied from the published certificates: tree path → PEM. */
    readonly files: ReadonlyMap<string, string>;
    readonly peers: readonly ImportedPeer[];
}

export type AnyOrganization = Organization | ImportedOrganization;

export interface Ordering {
    readonly organization: string;
    readonly mspId: string;
    readonly type: ConsensusType;
    readonly orderers: readonly Orderer[];
}

export interface BlockCutting {
    readonly batchTimeout: string;
    readonly maxMessageCount: number;
    readonly absoluteMaxBytes: string;
    readonly preferredMaxBytes: string;
}

export interface Collection {
    readonly name: string;
    readonly members: readonly string[];
    /** Who may hold the data: OR of the members' member roles. */
    readonly policy: string;
    readonly requiredPeerCount: number;
    readonly maxPeerCount: number;
    readonly blockToLive: number;
    readonly memberOnlyRead: boolean;
    readonly memberOnlyWrite: boolean;
    readonly endorsementPolicy: EndorsementPolicy | undefined;
}

/** One chaincode server: its process id, port, the organization that runs it and the ones whose peers it serves. */
export interface ChaincodeService {
    readonly id: string;
    readonly port: number;
    readonly organization: string;
    readonly serves: readonly string[];
}

export interface Chaincode {
    readonly name: string;
    readonly version: string;
    readonly sequence: number;
    readonly endorsementPolicy: EndorsementPolicy;
    readonly collections: readonly Collection[];
    readonly uses: readonly string[];
    /** The chaincode-as-a-service process serving every peer of the channel (the first of `services`). */
    readonly service: ChaincodeService;
    /** Its chaincode servers: one shared, or one per endorsing organization that runs peers. */
    readonly services: readonly ChaincodeService[];
    /** Organizations whose peers endorse it (all peer-running members for a channel-wide policy). */
    readonly endorsingOrganizations: readonly string[];
}

export interface Channel {
    readonly name: string;
    readonly type: 'public' | 'private';
    /** configtx.yaml profile name. */
    readonly profile: string;
    readonly members: readonly string[];
    /** Application group policies (Readers, Writers, Admins, LifecycleEndorsement, Endorsement, ...). */
    readonly policies: Readonly<Record<string, ConfigPolicy>>;
    readonly blockCutting: BlockCutting;
    readonly collections: readonly Collection[];
    readonly chaincodes: readonly Chaincode[];
}

export interface PublicParticipation {
    readonly channel: string;
    readonly peers: readonly string[];
    readonly clients: readonly string[];
}

/** What the lock file records, so that adding an organization renumbers nothing. */
export interface Lock {
    readonly version: 1;
    /** `process/purpose` → port. */
    readonly ports: Readonly<Record<string, number>>;
    /** Orderer → BFT consenter id. */
    readonly consenterIds: Readonly<Record<string, number>>;
}

export interface Ecosystem {
    readonly name: string;
    readonly description: string;
    readonly organizations: readonly Organization[];
    readonly imported: readonly ImportedOrganization[];
    readonly ordering: Ordering;
    readonly channels: readonly Channel[];
    readonly publicChannel: PublicParticipation | undefined;
    readonly lock: Lock;
}
