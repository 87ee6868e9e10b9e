// SPDX-License-Identifier: Apache-2.0
//
// Rules on organizations: names, MSP ids and domains (also those that differ only in case),
// identities and their attributes, imported organizations and their certificates.
import type { PathSegment } from '../../parse/parseEcosystem.js';
import type { ImportedNodeInput, ImportedOrganizationInput, OrganizationInput } from '../../model/input.generated.js';
import type { CertificateRead } from '../certificates.js';
import { isRootCa, isSignedBy, readCertificate, resolveInputPath } from '../certificates.js';
import { suggest } from '../text.js';
import type { OrgInfo, RuleRun } from './run.js';
import { reservedAttributePrefixes } from './run.js';

export function checkOrganizations(run: RuleRun): void {
    const mspIds = new Map<string, string>();
    const domains = new Map<string, string>();
    const foldedNames = new Map<string, { name: string; path: readonly PathSegment[] }>();
    const foldedMspIds = new Map<string, { name: string; mspId: string; path: readonly PathSegment[] }>();
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
            const same = foldedNames.get(name.toLowerCase());
            if (same !== undefined) {
                run.report(
                    'case-only-org-name',
                    [...path, 'name'],
                    `organization name '${name}' differs only in case from '${same.name}' (${run.where([...same.path, 'name'])})`,
                    'rename one of them: names become folder and file names, and those ignore case on macOS and Windows',
                );
            } else {
                foldedNames.set(name.toLowerCase(), { name, path });
            }
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
            const same = foldedMspIds.get(mspId.toLowerCase());
            if (same !== undefined) {
                run.report(
                    'case-only-msp-id',
                    [...path, 'mspId'],
                    `MSP id '${mspId}' of '${name}' differs only in case from '${same.mspId}' of '${same.name}' (${run.where([...same.path, 'mspId'])})`,
                    'give each organization an MSP id that differs in more than case: MSP folders and policies would be confused',
                );
            } else {
                foldedMspIds.set(mspId.toLowerCase(), { name, mspId, path });
            }
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

export function checkIdentities(run: RuleRun, org: OrganizationInput, path: readonly PathSegment[]): void {
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

export function certificate(
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

export function checkImported(run: RuleRun): void {
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

export function importedOrg(run: RuleRun, name: string): ImportedOrganizationInput | undefined {
    return (run.input.importedOrganizations ?? []).find((org) => org.name === name);
}
