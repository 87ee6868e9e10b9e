// SPDX-License-Identifier: Apache-2.0
//
// Stage 2b: named cross-field rules, run once the file matches the schema. Every rule reports
// through `report` with the path of the offending node; nothing stops at the first problem.
import { isKitError } from '@productivist/common';
import type { CompiledPolicy, PrincipalRole } from '@productivist/policies';
import { compileFriendlyPolicy, mspIdsOf } from '@productivist/policies';

import type { ParsedEcosystem, PathSegment } from '../parse/parseEcosystem.js';
import type {
    ChannelInput,
    EcosystemInput,
    ImportedNodeInput,
    ImportedOrganizationInput,
    OrganizationInput,
} from '../model/input.generated.js';
import type { CertificateRead } from './certificates.js';
import { isRootCa, isSignedBy, readCertificate, resolveInputPath } from './certificates.js';
import type { Problem, Severity } from './problems.js';
import { displayPath, suggest } from './text.js';

/** MSP id of the Productivist organization, which orders every private channel. */
export const productivistMspId = 'ProductivistMSP';

/** Options of {@link checkRules}. */
export interface RuleOptions {
    /** Folder that relative certificate paths are resolved against (the ecosystem file's). */
    readonly baseDir: string;
}

interface OrgInfo {
    readonly name: string;
    readonly mspId: string;
    readonly kind: 'local' | 'imported';
    readonly path: readonly PathSegment[];
    /** Whether it runs peers this ecosystem can address. */
    readonly hasPeers: boolean;
}

interface ChannelScope {
    readonly channel: ChannelInput;
    readonly path: readonly PathSegment[];
    /** Member orgs by name (known ones only). */
    readonly members: ReadonlyMap<string, OrgInfo>;
}

const reservedAttributePrefixes = ['productivist.', 'hf.'];

class RuleRun {
    readonly problems: Problem[] = [];
    readonly orgs = new Map<string, OrgInfo>();

    constructor(
        readonly parsed: ParsedEcosystem,
        readonly input: EcosystemInput,
        readonly options: Readonly<RuleOptions>,
    ) {}

    report(
        rule: string,
        path: readonly PathSegment[],
        message: string,
        fix: string,
        options: { readonly severity?: Severity; readonly at?: 'key' | 'value' } = {},
    ): void {
        const position = this.parsed.locate(path, options.at ?? 'value');
        this.problems.push({
            severity: options.severity ?? 'error',
            rule,
            file: this.parsed.file,
            line: position.line,
            column: position.column,
            message,
            fix,
        });
    }

    unknownOrg(rule: string, path: readonly PathSegment[], name: string, context: string): void {
        const guess = suggest(name, [...this.orgs.keys()]);
        this.report(
            rule,
            path,
            `organization '${name}' ${context} is not defined`,
            guess === undefined
                ? 'define it under organizations or importedOrganizations, or remove it'
                : `did you mean '${guess}'? Otherwise define it under organizations or importedOrganizations`,
        );
    }
}

/** Runs every cross-field rule on a file that already matches the schema. */
export function checkRules(parsed: ParsedEcosystem, input: EcosystemInput, options: Readonly<RuleOptions>): Problem[] {
    const run = new RuleRun(parsed, input, options);
    checkOrganizations(run);
    checkImported(run);
    checkOrdering(run);
    checkChannels(run);
    checkPublicChannel(run);
    checkPorts(run);
    return run.problems;
}

function checkOrganizations(run: RuleRun): void {
    const mspIds = new Map<string, string>();
    const domains = new Map<string, string>();
    const register = (
        name: string,
        mspId: string,
        kind: OrgInfo['kind'],
        path: readonly PathSegment[],
        hasPeers: boolean,
    ): void => {
        if (run.orgs.has(name)) {
            run.report(
                'duplicate-org-name',
                [...path, 'name'],
                `organization name '${name}' is used twice`,
                'give each organization its own name',
            );
        } else {
            run.orgs.set(name, { name, mspId, kind, path, hasPeers });
        }
        const owner = mspIds.get(mspId);
        if (owner !== undefined) {
            run.report(
                'duplicate-msp-id',
                [...path, 'mspId'],
                `MSP id '${mspId}' of '${name}' is already the MSP id of '${owner}'`,
                'give each organization its own MSP id',
            );
        } else {
            mspIds.set(mspId, name);
        }
    };
    run.input.organizations.forEach((org, i) => {
        const path: PathSegment[] = ['organizations', i];
        register(org.name, org.mspId, 'local', path, (org.peers ?? 1) > 0);
        const domainOwner = domains.get(org.domain);
        if (domainOwner !== undefined) {
            run.report(
                'duplicate-domain',
                [...path, 'domain'],
                `domain '${org.domain}' of '${org.name}' is already the domain of '${domainOwner}'`,
                'give each organization its own domain: node names such as peer0.<domain> must be unique',
            );
        } else {
            domains.set(org.domain, org.name);
        }
        checkIdentities(run, org, path);
    });
    (run.input.importedOrganizations ?? []).forEach((org, i) => {
        register(org.name, org.mspId, 'imported', ['importedOrganizations', i], (org.peers ?? []).length > 0);
    });
}

function checkIdentities(run: RuleRun, org: OrganizationInput, path: readonly PathSegment[]): void {
    const intermediates = new Set<string>();
    (org.ca?.intermediates ?? []).forEach((intermediate, j) => {
        if (intermediates.has(intermediate.name)) {
            run.report(
                'duplicate-intermediate',
                [...path, 'ca', 'intermediates', j, 'name'],
                `intermediate CA '${intermediate.name}' of '${org.name}' is declared twice`,
                'give each intermediate CA its own name',
            );
        }
        intermediates.add(intermediate.name);
    });
    const identities = new Set<string>(['admin']);
    const users = new Set((org.users ?? []).map((user) => user.name));
    const granted = new Set(org.roles ?? []);
    const checkCommon = (
        kind: 'users' | 'devices',
        j: number,
        identity: {
            readonly name: string;
            readonly intermediate?: string;
            readonly attributes?: Readonly<Record<string, string>>;
        },
    ): void => {
        const itemPath = [...path, kind, j];
        if (identities.has(identity.name)) {
            run.report(
                'duplicate-identity',
                [...itemPath, 'name'],
                identity.name === 'admin'
                    ? `identity name 'admin' in '${org.name}' is reserved for the organization's admin`
                    : `identity name '${identity.name}' is used twice in '${org.name}' (users and devices share names)`,
                'give each user and device of the organization its own name',
            );
        }
        identities.add(identity.name);
        if (identity.intermediate !== undefined && !intermediates.has(identity.intermediate)) {
            run.report(
                'intermediate-unknown',
                [...itemPath, 'intermediate'],
                `intermediate CA '${identity.intermediate}' of ${kind === 'users' ? 'user' : 'device'} '${identity.name}' is not declared in '${org.name}'`,
                intermediates.size === 0
                    ? `declare it under ca.intermediates of '${org.name}', or remove the line to enroll with the root CA`
                    : `use one of ${[...intermediates].join(', ')}, or declare it under ca.intermediates`,
            );
        }
        for (const attribute of Object.keys(identity.attributes ?? {})) {
            if (reservedAttributePrefixes.some((prefix) => attribute.startsWith(prefix))) {
                run.report(
                    'attribute-reserved',
                    [...itemPath, 'attributes', attribute],
                    `attribute '${attribute}' of '${identity.name}' uses a reserved prefix (${reservedAttributePrefixes.join(', ')})`,
                    'rename it: the kit sets productivist.* attributes from member, roles and owner, and Fabric CA owns hf.*',
                    { at: 'key' },
                );
            }
        }
    };
    (org.users ?? []).forEach((user, j) => {
        checkCommon('users', j, user);
        (user.roles ?? []).forEach((role, k) => {
            if (!granted.has(role)) {
                run.report(
                    'role-not-granted',
                    [...path, 'users', j, 'roles', k],
                    `user '${user.name}' of '${org.name}' has role '${role}', which is not granted to '${org.name}'`,
                    `add '${role}' to the roles of '${org.name}' or remove it from the user`,
                );
            }
        });
    });
    (org.devices ?? []).forEach((device, j) => {
        checkCommon('devices', j, device);
        if (!users.has(device.owner)) {
            const guess = suggest(device.owner, [...users]);
            run.report(
                'device-owner-unknown',
                [...path, 'devices', j, 'owner'],
                `owner '${device.owner}' of device '${device.name}' is not a user of '${org.name}'`,
                guess === undefined ? `declare the user under users of '${org.name}'` : `did you mean '${guess}'?`,
            );
        }
    });
}

function certificate(
    run: RuleRun,
    path: readonly PathSegment[],
    file: string,
    what: string,
): CertificateRead & { readonly file: string } {
    const result = readCertificate(resolveInputPath(run.options.baseDir, file));
    if (!result.ok && result.reason === 'missing') {
        run.report(
            'certificate-missing',
            path,
            `${what} ('${file}') cannot be read (${result.detail})`,
            'put the PEM certificate the organization published at this path, relative to the ecosystem file',
        );
    } else if (!result.ok) {
        run.report(
            'certificate-invalid',
            path,
            `${what} ('${file}') is not a PEM X.509 certificate (${result.detail})`,
            'use the PEM certificate file the organization published',
        );
    }
    return { ...result, file };
}

function checkImported(run: RuleRun): void {
    (run.input.importedOrganizations ?? []).forEach((org, i) => {
        const path: PathSegment[] = ['importedOrganizations', i];
        const ca = certificate(run, [...path, 'caCert'], org.caCert, `caCert of '${org.name}'`);
        const tlsCa = certificate(run, [...path, 'tlsCaCert'], org.tlsCaCert, `tlsCaCert of '${org.name}'`);
        for (const [key, read] of [
            ['caCert', ca],
            ['tlsCaCert', tlsCa],
        ] as const) {
            if (read.ok && !isRootCa(read.certificate)) {
                run.report(
                    'certificate-not-ca',
                    [...path, key],
                    `${key} of '${org.name}' ('${read.file}') is not a self-signed CA certificate`,
                    'use the root CA certificate of the organization (its MSP cacerts / tlscacerts file)',
                );
            }
        }
        const names = new Set<string>();
        for (const kind of ['orderers', 'peers'] as const) {
            (org[kind] ?? []).forEach((node: ImportedNodeInput, j) => {
                const nodePath = [...path, kind, j];
                if (names.has(node.name)) {
                    run.report(
                        'duplicate-node',
                        [...nodePath, 'name'],
                        `node '${node.name}' of '${org.name}' is listed twice`,
                        'list each node once',
                    );
                }
                names.add(node.name);
                const tls = certificate(run, [...nodePath, 'tlsCert'], node.tlsCert, `tlsCert of '${node.name}'`);
                if (tls.ok && tlsCa.ok && !isSignedBy(tls.certificate, tlsCa.certificate)) {
                    run.report(
                        'certificate-not-signed',
                        [...nodePath, 'tlsCert'],
                        `tlsCert of '${node.name}' ('${node.tlsCert}') is not signed by the TLS CA of '${org.name}' ('${org.tlsCaCert}')`,
                        "use the TLS certificate the node was issued by its organization's TLS CA, or correct tlsCaCert",
                    );
                }
                if (node.identityCert !== undefined) {
                    const identity = certificate(
                        run,
                        [...nodePath, 'identityCert'],
                        node.identityCert,
                        `identityCert of '${node.name}'`,
                    );
                    if (identity.ok && ca.ok && !isSignedBy(identity.certificate, ca.certificate)) {
                        run.report(
                            'certificate-not-signed',
                            [...nodePath, 'identityCert'],
                            `identityCert of '${node.name}' ('${node.identityCert}') is not signed by the CA of '${org.name}' ('${org.caCert}')`,
                            'use the signing certificate the node was enrolled with, or correct caCert',
                        );
                    }
                }
            });
        }
    });
}

function importedOrg(run: RuleRun, name: string): ImportedOrganizationInput | undefined {
    return (run.input.importedOrganizations ?? []).find((org) => org.name === name);
}

function checkOrdering(run: RuleRun): void {
    const ordering = run.input.ordering;
    const orgInfo = run.orgs.get(ordering.organization);
    if (orgInfo === undefined) {
        run.unknownOrg(
            'ordering-org-unknown',
            ['ordering', 'organization'],
            ordering.organization,
            'that runs the orderers',
        );
        return;
    }
    let count: number;
    if (orgInfo.kind === 'imported') {
        const org = importedOrg(run, ordering.organization);
        const orderers = org?.orderers ?? [];
        if (ordering.nodes !== undefined) {
            run.report(
                'ordering-nodes-imported',
                ['ordering', 'nodes'],
                `ordering.nodes is ${ordering.nodes}, but '${ordering.organization}' is imported: its orderers are the ones it published`,
                `remove ordering.nodes and list the orderers under importedOrganizations '${ordering.organization}'`,
            );
        }
        if (orderers.length === 0) {
            run.report(
                'ordering-no-orderers',
                ['ordering', 'organization'],
                `imported organization '${ordering.organization}' runs the orderers but publishes none`,
                `list its orderers (name, host, port, tlsCert) under importedOrganizations '${ordering.organization}'`,
            );
            return;
        }
        count = orderers.length;
        if (ordering.type === 'bft') {
            orderers.forEach((node, j) => {
                if (node.identityCert === undefined) {
                    run.report(
                        'bft-identity-missing',
                        [...orgInfo.path, 'orderers', j],
                        `orderer '${node.name}' has no identityCert, which a BFT consenter mapping needs`,
                        'add the identityCert (signing certificate) the organization published for it',
                    );
                }
            });
        }
    } else {
        count = ordering.nodes ?? (ordering.type === 'bft' ? 4 : 1);
    }
    const countPath: PathSegment[] =
        ordering.nodes !== undefined && orgInfo.kind === 'local' ? ['ordering', 'nodes'] : ['ordering', 'type'];
    if (ordering.type === 'bft' && count < 4) {
        run.report(
            'bft-too-few-orderers',
            countPath,
            `BFT ordering with ${count} orderer(s) cannot tolerate a faulty node (3f+1 nodes tolerate f)`,
            'run at least 4 orderers, or use raft',
        );
    }
    if (ordering.type === 'raft' && count % 2 === 0) {
        run.report(
            'raft-even-orderers',
            countPath,
            `Raft ordering with ${count} orderers tolerates no more faults than with ${count - 1}`,
            `run an odd number of orderers (${count - 1} or ${count + 1})`,
            { severity: 'warning' },
        );
    }
    if (orgInfo.mspId !== productivistMspId) {
        run.input.channels.forEach((channel, i) => {
            if (channel.type !== 'private') return;
            run.report(
                'private-channel-orderer',
                ['channels', i, 'type'],
                `private channel '${channel.name}' would be ordered by '${ordering.organization}' (${orgInfo.mspId}), not by the Productivist orderers (${productivistMspId})`,
                `import the Productivist organization from its published certificates and set ordering.organization to it`,
            );
        });
    }
}

function channelScopes(run: RuleRun): ChannelScope[] {
    return run.input.channels.map((channel, i) => {
        const members = new Map<string, OrgInfo>();
        for (const name of channel.members) {
            const info = run.orgs.get(name);
            if (info !== undefined) members.set(name, info);
        }
        return { channel, path: ['channels', i], members };
    });
}

function checkChannels(run: RuleRun): void {
    const names = new Set<string>();
    const publics: string[] = [];
    for (const scope of channelScopes(run)) {
        const { channel, path } = scope;
        if (names.has(channel.name)) {
            run.report(
                'duplicate-channel',
                [...path, 'name'],
                `channel name '${channel.name}' is used twice`,
                'give each channel its own name',
            );
        }
        names.add(channel.name);
        if (channel.type === 'public') {
            if (publics.length > 0) {
                run.report(
                    'public-channel-twice',
                    [...path, 'type'],
                    `channel '${channel.name}' is public, but '${publics[0] ?? ''}' already is`,
                    'an ecosystem has at most one public channel; make this one private',
                );
            }
            publics.push(channel.name);
            if (run.input.publicChannel !== undefined) {
                run.report(
                    'public-channel-declared-twice',
                    ['publicChannel'],
                    `publicChannel describes a public channel run elsewhere, but channel '${channel.name}' is the public channel of this file`,
                    'remove publicChannel: members of the public channel here take part in it',
                    { at: 'key' },
                );
            }
        }
        const seen = new Set<string>();
        channel.members.forEach((name, j) => {
            if (seen.has(name)) {
                run.report(
                    'channel-member-duplicate',
                    [...path, 'members', j],
                    `organization '${name}' is listed twice in channel '${channel.name}'`,
                    'list each member once',
                );
            }
            seen.add(name);
            if (!run.orgs.has(name)) {
                run.unknownOrg('channel-member-unknown', [...path, 'members', j], name, `in channel '${channel.name}'`);
            }
        });
        const rolesOf: readonly [key: 'readers' | 'writers' | 'admins', sub: string, role: PrincipalRole][] = [
            ['readers', 'Readers', 'member'],
            ['writers', 'Writers', 'member'],
            ['admins', 'Admins', 'admin'],
        ];
        for (const [key, sub, role] of rolesOf) {
            const value = channel.policies?.[key];
            if (value !== undefined) checkPolicy(run, scope, value, [...path, 'policies', key], role, sub);
        }
        if (channel.lifecycleEndorsement !== undefined) {
            checkPolicy(
                run,
                scope,
                channel.lifecycleEndorsement,
                [...path, 'lifecycleEndorsement'],
                'peer',
                'Endorsement',
            );
        }
        if (channel.endorsement !== undefined) {
            checkPolicy(run, scope, channel.endorsement, [...path, 'endorsement'], 'peer', 'Endorsement');
        }
        const cutting = channel.blockCutting;
        if (cutting?.absoluteMaxBytes !== undefined && cutting.preferredMaxBytes !== undefined) {
            if (byteSize(cutting.preferredMaxBytes) > byteSize(cutting.absoluteMaxBytes)) {
                run.report(
                    'block-size-order',
                    [...path, 'blockCutting', 'preferredMaxBytes'],
                    `preferredMaxBytes '${cutting.preferredMaxBytes}' of channel '${channel.name}' exceeds absoluteMaxBytes '${cutting.absoluteMaxBytes}'`,
                    'make preferredMaxBytes at most absoluteMaxBytes',
                );
            }
        }
        checkCollections(run, scope);
        checkChaincodes(run, scope);
    }
}

/** '10 MB' → bytes. */
export function byteSize(text: string): number {
    const [count, unit] = text.split(' ');
    return Number(count) * (unit === 'MB' ? 1024 * 1024 : 1024);
}

function checkCollections(run: RuleRun, scope: ChannelScope): void {
    const { channel, path } = scope;
    const names = new Set<string>();
    (channel.collections ?? []).forEach((collection, j) => {
        const collectionPath = [...path, 'collections', j];
        if (names.has(collection.name)) {
            run.report(
                'duplicate-collection',
                [...collectionPath, 'name'],
                `collection '${collection.name}' is declared twice in channel '${channel.name}'`,
                'give each collection of the channel its own name',
            );
        }
        names.add(collection.name);
        collection.members.forEach((name, k) => {
            const memberPath = [...collectionPath, 'members', k];
            if (!run.orgs.has(name)) {
                run.unknownOrg('collection-member-unknown', memberPath, name, `in collection '${collection.name}'`);
            } else if (!channel.members.includes(name)) {
                run.report(
                    'collection-member-not-in-channel',
                    memberPath,
                    `organization '${name}' in collection '${collection.name}' is not a member of channel '${channel.name}'`,
                    `add '${name}' to the members of channel '${channel.name}' or remove it from the collection`,
                );
            }
        });
        const required = collection.requiredPeerCount ?? 0;
        const max = collection.maxPeerCount ?? Math.max(1, required);
        if (max < required) {
            run.report(
                'collection-peer-count',
                [...collectionPath, 'maxPeerCount'],
                `maxPeerCount ${max} of collection '${collection.name}' is below its requiredPeerCount ${required}`,
                'make maxPeerCount at least requiredPeerCount',
            );
        }
        if (collection.endorsement !== undefined) {
            checkPolicy(run, scope, collection.endorsement, [...collectionPath, 'endorsement'], 'peer', 'Endorsement');
        }
    });
}

/** The organizations that take part in the public channel, or undefined when none is described. */
function publicParticipants(
    run: RuleRun,
): { readonly channel: string; readonly peers: Set<string>; readonly clients: Set<string> } | undefined {
    const local = run.input.channels.find((channel) => channel.type === 'public');
    if (local !== undefined) {
        const members = local.members.filter((name) => run.orgs.has(name));
        return {
            channel: local.name,
            peers: new Set(members.filter((name) => run.orgs.get(name)?.hasPeers === true)),
            clients: new Set(members),
        };
    }
    const declared = run.input.publicChannel;
    if (declared === undefined) return undefined;
    return {
        channel: declared.name ?? 'productivist',
        peers: new Set(declared.peers ?? []),
        clients: new Set(declared.clients ?? []),
    };
}

function checkChaincodes(run: RuleRun, scope: ChannelScope): void {
    const { channel, path } = scope;
    const names = new Set<string>();
    const collections = new Set((channel.collections ?? []).map((collection) => collection.name));
    const anyPeers = [...scope.members.values()].some((org) => org.hasPeers);
    (channel.chaincodes ?? []).forEach((chaincode, j) => {
        const chaincodePath = [...path, 'chaincodes', j];
        if (names.has(chaincode.name)) {
            run.report(
                'duplicate-chaincode',
                [...chaincodePath, 'name'],
                `chaincode '${chaincode.name}' is declared twice in channel '${channel.name}'`,
                'declare each chaincode once per channel; change version and sequence to upgrade it',
            );
        }
        names.add(chaincode.name);
        if (!anyPeers && scope.members.size === channel.members.length) {
            run.report(
                'chaincode-no-peers',
                [...chaincodePath, 'name'],
                `chaincode '${chaincode.name}' cannot run: no member of channel '${channel.name}' runs peers`,
                'give a member organization peers (peers: 1)',
            );
        }
        (chaincode.collections ?? []).forEach((name, k) => {
            if (!collections.has(name)) {
                const guess = suggest(name, [...collections]);
                run.report(
                    'chaincode-collection-unknown',
                    [...chaincodePath, 'collections', k],
                    `collection '${name}' of chaincode '${chaincode.name}' is not declared in channel '${channel.name}'`,
                    guess === undefined
                        ? `declare it under collections of channel '${channel.name}'`
                        : `did you mean '${guess}'?`,
                );
            }
        });
        let compiled: CompiledPolicy | undefined;
        if (chaincode.endorsement !== undefined) {
            compiled = checkPolicy(
                run,
                scope,
                chaincode.endorsement,
                [...chaincodePath, 'endorsement'],
                'peer',
                'Endorsement',
            );
        }
        if ((chaincode.uses ?? []).length === 0 || channel.type === 'public') return;
        const usesPath = [...chaincodePath, 'uses', 0];
        const used = (chaincode.uses ?? []).join(', ');
        const participants = publicParticipants(run);
        if (participants === undefined) {
            run.report(
                'public-channel-missing',
                usesPath,
                `chaincode '${chaincode.name}' on channel '${channel.name}' reads ${used} on the public channel, but no organization of this file takes part in it`,
                'add publicChannel: { peers: [...], clients: [...] } naming the organizations on the public channel',
            );
            return;
        }
        const endorsers =
            compiled?.type === 'signature'
                ? [...scope.members.values()].filter((org) => mspIdsOf(compiled.policy).includes(org.mspId))
                : [...scope.members.values()].filter((org) => org.hasPeers);
        for (const org of endorsers) {
            if (!participants.peers.has(org.name)) {
                run.report(
                    'uses-peers-not-public',
                    usesPath,
                    `chaincode '${chaincode.name}' on channel '${channel.name}' reads ${used}, but the peers of '${org.name}' that endorse it are not on the public channel '${participants.channel}'`,
                    `add '${org.name}' to publicChannel.peers: a cross-channel read runs on the endorsing peer, which must have joined both channels`,
                );
            }
        }
        for (const org of scope.members.values()) {
            if (!participants.clients.has(org.name)) {
                run.report(
                    'uses-clients-not-public',
                    usesPath,
                    `chaincode '${chaincode.name}' on channel '${channel.name}' reads ${used}, but clients of '${org.name}' are not members of the public channel '${participants.channel}'`,
                    `add '${org.name}' to publicChannel.clients: the submitter must pass the public channel's ChaincodeToChaincode ACL (its Writers)`,
                );
            }
        }
    });
}

/** Path (relative to the policy) of the first string in a friendly policy that names `name` or `mspId`. */
function findMention(value: unknown, name: string, mspId: string): PathSegment[] {
    const mentions = (text: string): boolean => {
        const base = text.trim().replace(/\.(member|admin|client|peer|orderer)$/, '');
        return base === name || base === mspId || text.includes(`'${mspId}.`) || text.includes(`"${mspId}.`);
    };
    if (typeof value === 'string') return [];
    if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
            const item: unknown = value[i];
            if (typeof item === 'string' ? mentions(item) : containsMention(item, mentions)) {
                return [i, ...findMention(item, name, mspId)];
            }
        }
        return [];
    }
    if (typeof value === 'object' && value !== null) {
        for (const [key, item] of Object.entries(value)) {
            if (typeof item === 'string' ? mentions(item) : containsMention(item, mentions)) {
                return [key, ...findMention(item, name, mspId)];
            }
        }
    }
    return [];
}

function containsMention(value: unknown, mentions: (text: string) => boolean): boolean {
    if (typeof value === 'string') return mentions(value);
    if (Array.isArray(value)) return value.some((item) => containsMention(item, mentions));
    if (typeof value === 'object' && value !== null)
        return Object.values(value).some((item) => containsMention(item, mentions));
    return false;
}

/** `.any[1].all[0]` → ['any', 1, 'all', 0]. */
function subPath(text: string): PathSegment[] {
    const out: PathSegment[] = [];
    for (const match of text.matchAll(/\.([A-Za-z]+)|\[(\d+)\]/g)) {
        if (match[1] !== undefined) out.push(match[1]);
        else if (match[2] !== undefined) out.push(Number(match[2]));
    }
    return out;
}

const pathMarker = '@';

/** Compiles one friendly policy of a channel; reports problems; returns it when it compiles. */
function checkPolicy(
    run: RuleRun,
    scope: ChannelScope,
    value: unknown,
    path: readonly PathSegment[],
    defaultRole: PrincipalRole,
    subPolicy: string,
): CompiledPolicy | undefined {
    const memberMspIds = new Map([...scope.members.values()].map((org) => [org.mspId, org]));
    const resolveOrg = (name: string): string | undefined => {
        const org = run.orgs.get(name);
        if (org !== undefined) return org.mspId;
        for (const known of run.orgs.values()) if (known.mspId === name) return name;
        return undefined;
    };
    let compiled: CompiledPolicy;
    try {
        compiled = compileFriendlyPolicy(value, { resolveOrg, defaultRole, subPolicy, path: pathMarker });
    } catch (error) {
        if (!isKitError(error)) throw error;
        const match = /^policy at @([^:]*): (.*)$/s.exec(error.message);
        const rest = match?.[2] ?? error.message;
        const fullPath = [...path, ...subPath(match?.[1] ?? '')];
        run.report(
            'policy-invalid',
            fullPath,
            `policy ${displayPath(fullPath)}: ${rest}`,
            error.hint ?? 'write the policy in the friendly form of policies/README.md',
        );
        return undefined;
    }
    if (compiled.type === 'signature') {
        for (const mspId of mspIdsOf(compiled.policy)) {
            if (memberMspIds.has(mspId)) continue;
            const org = [...run.orgs.values()].find((known) => known.mspId === mspId);
            const label = org === undefined ? `MSP id '${mspId}'` : `'${org.name}' (${mspId})`;
            run.report(
                'policy-org-outside-channel',
                [...path, ...findMention(value, org?.name ?? mspId, mspId)],
                `policy ${displayPath(path)} names ${label}, which is not a member of channel '${scope.channel.name}'`,
                `add ${org === undefined ? 'the organization' : `'${org.name}'`} to the channel's members or remove it from the policy`,
            );
        }
    }
    return compiled;
}

function checkPublicChannel(run: RuleRun): void {
    const declared = run.input.publicChannel;
    if (declared === undefined) return;
    for (const key of ['peers', 'clients'] as const) {
        (declared[key] ?? []).forEach((name, j) => {
            const org = run.orgs.get(name);
            if (org === undefined) {
                run.unknownOrg(
                    'public-channel-org-unknown',
                    ['publicChannel', key, j],
                    name,
                    `in publicChannel.${key}`,
                );
            } else if (key === 'peers' && !org.hasPeers) {
                run.report(
                    'public-channel-peerless',
                    ['publicChannel', key, j],
                    `organization '${name}' in publicChannel.peers runs no peers`,
                    `give '${name}' peers or remove it from publicChannel.peers`,
                );
            }
        });
    }
}

function checkPorts(run: RuleRun): void {
    const used = new Map<number, { readonly what: string; readonly path: readonly PathSegment[] }>();
    const claim = (port: number | undefined, what: string, path: readonly PathSegment[]): void => {
        if (port === undefined) return;
        const previous = used.get(port);
        if (previous !== undefined) {
            const at = run.parsed.locate(previous.path);
            run.report(
                'port-clash',
                path,
                `port ${port} of ${what} is already the port of ${previous.what} (line ${at.line})`,
                'give every process its own port on 127.0.0.1; remove a fixed port to have one assigned',
            );
        } else {
            used.set(port, { what, path });
        }
    };
    run.input.organizations.forEach((org, i) => {
        claim(org.ca?.port, `the CA server of '${org.name}'`, ['organizations', i, 'ca', 'port']);
    });
    (run.input.importedOrganizations ?? []).forEach((org, i) => {
        for (const kind of ['orderers', 'peers'] as const) {
            (org[kind] ?? []).forEach((node, j) => {
                claim(node.port, `'${node.name}'`, ['importedOrganizations', i, kind, j, 'port']);
            });
        }
    });
}
