// SPDX-License-Identifier: Apache-2.0
//
// Stage 3: a valid EcosystemInput → the typed Ecosystem: defaults, derived names and paths,
// compiled policies, and ports and consenter ids from the lock.
import { readFileSync } from 'node:fs';

import type { CompiledPolicy, PrincipalRole } from '@productivist/policies';
import { compileFriendlyPolicy, printImplicitMetaPolicy, printSignaturePolicy } from '@productivist/policies';

import { resolveInputPath } from '../validate/certificates.js';
import type { ChannelInput, EcosystemInput, ImportedOrganizationInput, OrganizationInput } from './input.generated.js';
import { Assigner } from './lock.js';
import type {
    ChaincodeService,
    AnyOrganization,
    Attribute,
    BlockCutting,
    CertificateAuthority,
    Chaincode,
    Channel,
    Collection,
    ConfigPolicy,
    Ecosystem,
    EndorsementPolicy,
    Identity,
    ImportedOrganization,
    Lock,
    Orderer,
    Organization,
    Peer,
    PublicParticipation,
} from './types.js';

/** Options of {@link normaliseEcosystem}. */
export interface NormaliseOptions {
    /** Folder that certificate paths are relative to. */
    readonly baseDir: string;
    /** Assignments of a previous generation. */
    readonly lock: Lock;
    /** Reads a published certificate; the file system by default. */
    readonly readText?: (path: string) => string;
}

export const localHost = '127.0.0.1';
export const defaultPortBase = 7050;
export const defaultBlockCutting: BlockCutting = {
    batchTimeout: '2s',
    maxMessageCount: 500,
    absoluteMaxBytes: '10 MB',
    preferredMaxBytes: '2 MB',
};

/** `acme-supply` → `AcmeSupply`. */
export function profileName(channel: string): string {
    return channel
        .split(/[^a-z0-9]+/)
        .filter((part) => part !== '')
        .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
        .join('');
}

/** An environment variable name from parts. */
function envName(...parts: string[]): string {
    return parts
        .join('_')
        .toUpperCase()
        .replace(/[^A-Z0-9]+/g, '_');
}

function orgKey(name: string): string {
    return name.toLowerCase();
}

/** Normalises a validated input. */
export function normaliseEcosystem(input: EcosystemInput, options: Readonly<NormaliseOptions>): Ecosystem {
    const readText = options.readText ?? ((path: string) => readFileSync(path, 'utf8'));
    const reserved: number[] = [];
    for (const org of input.organizations) if (org.ca?.port !== undefined) reserved.push(org.ca.port);
    for (const org of input.importedOrganizations ?? []) {
        for (const node of [...(org.orderers ?? []), ...(org.peers ?? [])]) reserved.push(node.port);
    }
    const assign = new Assigner(options.lock, input.ports?.base ?? defaultPortBase, reserved);
    const ordering = input.ordering;
    const organizations = input.organizations.map((org) =>
        localOrganization(org, assign, ordering.organization === org.name ? ordering : undefined),
    );
    const imported = (input.importedOrganizations ?? []).map((org) =>
        importedOrganization(org, options.baseDir, readText, assign),
    );
    const all = new Map<string, AnyOrganization>([...organizations, ...imported].map((org) => [org.name, org]));
    const orderingOrg = all.get(ordering.organization);
    if (orderingOrg === undefined) throw new Error(`ordering organization ${ordering.organization} is not defined`);
    const channels = input.channels.map((channel) => normaliseChannel(channel, all, assign));
    return {
        name: input.name,
        description: input.description ?? '',
        organizations,
        imported,
        ordering: {
            organization: orderingOrg.name,
            mspId: orderingOrg.mspId,
            type: ordering.type,
            orderers: orderingOrg.orderers,
        },
        channels,
        publicChannel: publicParticipation(input),
        lock: assign.lock(),
    };
}

function publicParticipation(input: EcosystemInput): PublicParticipation | undefined {
    const local = input.channels.find((channel) => channel.type === 'public');
    if (local !== undefined) return { channel: local.name, peers: local.members, clients: local.members };
    if (input.publicChannel === undefined) return undefined;
    return {
        channel: input.publicChannel.name ?? 'productivist',
        peers: input.publicChannel.peers ?? [],
        clients: input.publicChannel.clients ?? [],
    };
}

function certificateAuthority(
    org: OrganizationInput,
    assign: Assigner,
    intermediate: string | undefined,
    root: CertificateAuthority | undefined,
): CertificateAuthority {
    const key = orgKey(org.name);
    const id = intermediate === undefined ? `ca.${key}` : `ca.${key}.${intermediate}`;
    const homeDir = intermediate === undefined ? `ca/${key}` : `ca/${key}/intermediates/${intermediate}`;
    return {
        id,
        caName: intermediate === undefined ? `ca-${key}` : `ca-${key}-${intermediate}`,
        tlsCaName: intermediate === undefined ? `tlsca-${key}` : undefined,
        host: localHost,
        port: assign.port(`${id}:listen`, intermediate === undefined ? org.ca?.port : undefined),
        operationsPort: assign.port(`${id}:operations`),
        homeDir,
        parent: root === undefined ? undefined : { caName: root.caName, port: root.port, homeDir: root.homeDir },
        registrar: {
            enrollmentId: 'admin',
            secretEnv: envName('PRODUCTIVIST_CA', key, intermediate ?? '', 'REGISTRAR_SECRET'),
        },
    };
}

function localOrganization(
    org: OrganizationInput,
    assign: Assigner,
    ordering: EcosystemInput['ordering'] | undefined,
): Organization {
    const key = orgKey(org.name);
    const base = `organizations/${key}`;
    const ca = certificateAuthority(org, assign, undefined, undefined);
    const intermediates = (org.ca?.intermediates ?? []).map((intermediate) =>
        certificateAuthority(org, assign, intermediate.name, ca),
    );
    // Fabric's MSP accepts only certificates whose issuer is a leaf of its certification tree: once
    // an organization has intermediate CAs, the root CA issues nothing but their certificates, and
    // every identity is enrolled by an intermediate (the first one unless it names another).
    const issuer = intermediates[0] ?? ca;
    const caFor = (name: string | undefined): CertificateAuthority =>
        intermediates.find((candidate) => candidate.id === `ca.${key}.${name ?? ''}`) ?? issuer;
    const identity = (
        enrollmentId: string,
        type: Identity['type'],
        kind: Identity['kind'],
        dir: string,
        node: boolean,
        attributes: readonly Attribute[],
        via: CertificateAuthority = issuer,
    ): Identity => ({
        enrollmentId,
        type,
        kind,
        caId: via.id,
        caName: via.caName,
        secretEnv: envName('PRODUCTIVIST_SECRET', key, enrollmentId),
        mspDir: `${dir}/msp`,
        tlsDir: node ? `${dir}/tls` : undefined,
        csrHosts: node ? [enrollmentId, 'localhost', localHost] : [],
        attributes,
    });
    const orderers: Orderer[] = [];
    const nodeIdentities: Identity[] = [];
    if (ordering !== undefined) {
        const count = ordering.nodes ?? (ordering.type === 'bft' ? 4 : 1);
        for (let i = 0; i < count; i++) {
            const name = `orderer${i}`;
            const host = `${name}.${org.domain}`;
            const id = `${name}.${key}`;
            const dir = `${base}/orderers/${host}`;
            orderers.push({
                id,
                name,
                host,
                port: assign.port(`${id}:listen`),
                adminPort: assign.port(`${id}:admin`),
                operationsPort: assign.port(`${id}:operations`),
                mspId: org.mspId,
                consenterId: assign.consenterId(id),
                tlsCert: `${dir}/tls/signcerts/cert.pem`,
                identityCert: `${dir}/msp/signcerts/cert.pem`,
                mspDir: `${dir}/msp`,
                tlsDir: `${dir}/tls`,
                dataDir: `data/${id}`,
            });
            nodeIdentities.push(identity(host, 'orderer', 'orderer', dir, true, []));
        }
    }
    const peers: Peer[] = [];
    for (let i = 0; i < (org.peers ?? 1); i++) {
        const name = `peer${i}`;
        const host = `${name}.${org.domain}`;
        const id = `${name}.${key}`;
        const dir = `${base}/peers/${host}`;
        peers.push({
            id,
            name,
            host,
            port: assign.port(`${id}:listen`),
            chaincodePort: assign.port(`${id}:chaincode`),
            operationsPort: assign.port(`${id}:operations`),
            mspDir: `${dir}/msp`,
            tlsDir: `${dir}/tls`,
            dataDir: `data/${id}`,
            anchor: i === 0,
        });
        nodeIdentities.push(identity(host, 'peer', 'peer', dir, true, []));
    }
    const adminDir = `${base}/users/admin@${org.domain}`;
    const admin: Identity = {
        ...identity(`admin@${org.domain}`, 'admin', 'admin', adminDir, false, [
            { name: 'productivist.member', value: `admin@${org.domain}`.toLowerCase() },
        ]),
        // A TLS client certificate from the TLS CA: osnadmin and peer CLI calls need mutual TLS.
        tlsDir: `${adminDir}/tls`,
    };
    const users = (org.users ?? []).map((user) => {
        const enrollmentId = `${user.name}@${org.domain}`;
        // Member ids are account ids on the ledger: lowercase (productoken's account syntax).
        const attributes: Attribute[] = [
            { name: 'productivist.member', value: (user.member ?? enrollmentId).toLowerCase() },
        ];
        // Roles belong to organizations (the on-chain registry); only the treasury is also marked on the certificate.
        if ((user.roles ?? []).includes('treasury')) attributes.push({ name: 'productivist.treasury', value: 'true' });
        for (const [name, value] of Object.entries(user.attributes ?? {})) attributes.push({ name, value });
        return identity(
            enrollmentId,
            user.admin === true ? 'admin' : 'client',
            'user',
            `${base}/users/${enrollmentId}`,
            false,
            attributes,
            caFor(user.intermediate),
        );
    });
    const owners = new Map(
        (org.users ?? []).map((user) => [user.name, (user.member ?? `${user.name}@${org.domain}`).toLowerCase()]),
    );
    const devices = (org.devices ?? []).map((device) => {
        const enrollmentId = `${device.name}@${org.domain}`;
        const attributes: Attribute[] = [
            // The producer account the device reports for (prodcontrol binds devices by this attribute).
            { name: 'productivist.device', value: owners.get(device.owner) ?? device.owner.toLowerCase() },
        ];
        for (const [name, value] of Object.entries(device.attributes ?? {})) attributes.push({ name, value });
        return identity(
            enrollmentId,
            'client',
            'device',
            `${base}/users/${enrollmentId}`,
            false,
            attributes,
            caFor(device.intermediate),
        );
    });
    return {
        kind: 'local',
        name: org.name,
        mspId: org.mspId,
        key,
        mspDir: `${base}/msp`,
        domain: org.domain,
        roles: org.roles ?? [],
        ca,
        intermediates,
        peers,
        orderers,
        admin,
        identities: [admin, ...nodeIdentities, ...users, ...devices],
    };
}

function importedOrganization(
    org: ImportedOrganizationInput,
    baseDir: string,
    readText: (path: string) => string,
    assign: Assigner,
): ImportedOrganization {
    const key = orgKey(org.name);
    const base = `organizations/${key}`;
    const files = new Map<string, string>();
    const copy = (to: string, from: string): string => {
        files.set(to, readText(resolveInputPath(baseDir, from)));
        return to;
    };
    copy(`${base}/msp/cacerts/ca.pem`, org.caCert);
    copy(`${base}/msp/tlscacerts/tlsca.pem`, org.tlsCaCert);
    (org.intermediateCerts ?? []).forEach((file, i) =>
        copy(`${base}/msp/intermediatecerts/intermediate${String(i)}.pem`, file),
    );
    const orderers: Orderer[] = (org.orderers ?? []).map((node) => {
        const dir = `${base}/orderers/${node.name}`;
        const id = `${key}/${node.name}`;
        return {
            id,
            name: node.name,
            host: node.host,
            port: node.port,
            adminPort: undefined,
            operationsPort: undefined,
            mspId: org.mspId,
            consenterId: assign.consenterId(id),
            tlsCert: copy(`${dir}/tls/server.crt`, node.tlsCert),
            identityCert:
                node.identityCert === undefined ? '' : copy(`${dir}/msp/signcerts/cert.pem`, node.identityCert),
            mspDir: undefined,
            tlsDir: undefined,
            dataDir: undefined,
        };
    });
    const peers = (org.peers ?? []).map((node) => ({
        name: node.name,
        host: node.host,
        port: node.port,
        tlsCert: copy(`${base}/peers/${node.name}/tls/server.crt`, node.tlsCert),
    }));
    return { kind: 'imported', name: org.name, mspId: org.mspId, key, mspDir: `${base}/msp`, orderers, peers, files };
}

function configPolicy(compiled: CompiledPolicy): ConfigPolicy {
    return compiled.type === 'signature'
        ? { type: 'Signature', rule: printSignaturePolicy(compiled.policy) }
        : { type: 'ImplicitMeta', rule: printImplicitMetaPolicy(compiled.implicitMeta) };
}

function normaliseChannel(channel: ChannelInput, all: ReadonlyMap<string, AnyOrganization>, assign: Assigner): Channel {
    const members = channel.members.map((name) => all.get(name)).filter((org) => org !== undefined);
    const resolveOrg = (name: string): string | undefined =>
        all.get(name)?.mspId ?? [...all.values()].find((org) => org.mspId === name)?.mspId;
    const compile = (value: unknown, role: PrincipalRole, subPolicy: string): CompiledPolicy =>
        compileFriendlyPolicy(value, { resolveOrg, defaultRole: role, subPolicy, path: channel.name });
    const policies: Record<string, ConfigPolicy> = {
        Readers: configPolicy(compile(channel.policies?.readers ?? 'any', 'member', 'Readers')),
        Writers: configPolicy(compile(channel.policies?.writers ?? 'any', 'member', 'Writers')),
        Admins: configPolicy(compile(channel.policies?.admins ?? 'majority', 'admin', 'Admins')),
        LifecycleEndorsement: configPolicy(compile(channel.lifecycleEndorsement ?? 'majority', 'peer', 'Endorsement')),
        Endorsement: configPolicy(compile(channel.endorsement ?? 'majority', 'peer', 'Endorsement')),
    };
    const endorsement = (value: unknown): EndorsementPolicy => {
        const compiled = compile(value, 'peer', 'Endorsement');
        if (compiled.type === 'signature') return { signaturePolicy: printSignaturePolicy(compiled.policy) };
        policies[compiled.name] ??= { type: 'ImplicitMeta', rule: printImplicitMetaPolicy(compiled.implicitMeta) };
        return { channelConfigPolicy: compiled.reference };
    };
    const collections: Collection[] = (channel.collections ?? []).map((collection) => {
        const required = collection.requiredPeerCount ?? 0;
        return {
            name: collection.name,
            members: collection.members,
            policy: `OR(${collection.members.map((name) => `'${all.get(name)?.mspId ?? name}.member'`).join(', ')})`,
            requiredPeerCount: required,
            maxPeerCount: collection.maxPeerCount ?? Math.max(1, required),
            blockToLive: collection.blockToLive ?? 0,
            memberOnlyRead: collection.memberOnlyRead ?? true,
            memberOnlyWrite: collection.memberOnlyWrite ?? true,
            endorsementPolicy: collection.endorsement === undefined ? undefined : endorsement(collection.endorsement),
        };
    });
    const peerRunning = members.filter((org) => org.peers.length > 0).map((org) => org.name);
    const chaincodes: Chaincode[] = (channel.chaincodes ?? []).map((chaincode) => {
        const policy: EndorsementPolicy =
            chaincode.endorsement === undefined
                ? { channelConfigPolicy: '/Channel/Application/Endorsement' }
                : endorsement(chaincode.endorsement);
        // Installed and approved by every member running peers, not only by those its policy names: a
        // contract of the channel may call it (invokeChaincode) from any of the caller's endorsing
        // peers, and a peer runs a callee only when its organization approved the callee's
        // definition (prodcontrol's Order, endorsed by Productivist and the customer's organization,
        // reads modelcert there).
        const endorsingOrganizations = peerRunning;
        const id = `cc.${channel.name}.${chaincode.name}`;
        const withPeers = endorsingOrganizations.filter((name) => peerRunning.includes(name));
        const services: ChaincodeService[] =
            chaincode.servers === 'per-organization' && withPeers.length > 0
                ? withPeers.map((name) => {
                      const orgId = `${id}.${all.get(name)?.key ?? name.toLowerCase()}`;
                      return { id: orgId, port: assign.port(`${orgId}:listen`), organization: name, serves: [name] };
                  })
                : [
                      {
                          id,
                          port: assign.port(`${id}:listen`),
                          organization: peerRunning[0] ?? members[0]?.name ?? '',
                          serves: withPeers,
                      },
                  ];
        const [service] = services;
        if (service === undefined) throw new Error(`chaincode ${chaincode.name} has no server`);
        return {
            name: chaincode.name,
            version: chaincode.version ?? '1.0',
            sequence: chaincode.sequence ?? 1,
            endorsementPolicy: policy,
            collections: collections.filter((collection) => (chaincode.collections ?? []).includes(collection.name)),
            uses: chaincode.uses ?? [],
            service,
            services,
            endorsingOrganizations,
        };
    });
    return {
        name: channel.name,
        type: channel.type,
        profile: profileName(channel.name),
        members: members.map((org) => org.name),
        policies,
        blockCutting: { ...defaultBlockCutting, ...channel.blockCutting },
        collections,
        chaincodes,
    };
}
