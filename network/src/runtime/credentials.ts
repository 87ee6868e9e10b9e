// SPDX-License-Identifier: Apache-2.0
//
// The members a network's CAs enrolled, as a credential store in the state directory: one file
// per identity (certificate and key from its MSP folder), named as the clients name members.
// Users and devices keep their name (`alice@customer.example` → `alice`); each organization's
// admin is `admin.<organization>`, and the admin of the organization that runs the ordering
// service (the network's operator) is also `admin`. A name two organizations share is qualified
// in both (`alice.customer`, `alice.designer`).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Credential, CredentialSummary } from '@productivist/common';
import { CredentialStore } from '@productivist/common';

import { NetworkError } from '../errors.js';
import type { GeneratedTree } from './plans.js';

/** An enrolled client identity of the tree and the name its credential is stored under. */
export interface MemberIdentity {
    readonly name: string;
    readonly organization: string;
    readonly mspId: string;
    readonly enrollmentId: string;
    /** `admin`, `user` or `device`. */
    readonly kind: string;
    /** MSP folder, relative to the tree. */
    readonly mspDir: string;
}

const clientKinds = new Set(['admin', 'user', 'device']);

/** The credential store of a network's state directory. */
export function networkCredentials(stateRoot: string): CredentialStore {
    return new CredentialStore(join(stateRoot, 'credentials'));
}

/** The client identities of a tree (admins, users, devices) with the names they are stored under. */
export function memberIdentities(tree: GeneratedTree): MemberIdentity[] {
    const operator = tree.start.processes.find((process) => process.kind === 'orderer')?.organization;
    const found: Omit<MemberIdentity, 'name'>[] = [];
    for (const org of tree.enrollment.organizations) {
        for (const identity of org.identities) {
            if (!clientKinds.has(identity.kind)) continue;
            found.push({
                organization: org.organization,
                mspId: org.mspId,
                enrollmentId: identity.enrollmentId,
                kind: identity.kind,
                mspDir: identity.mspDir,
            });
        }
    }
    const orgTag = (organization: string): string => organization.toLowerCase();
    const base = (identity: Omit<MemberIdentity, 'name'>): string =>
        identity.kind === 'admin'
            ? `admin.${orgTag(identity.organization)}`
            : (identity.enrollmentId.split('@')[0] ?? identity.enrollmentId);
    const counts = new Map<string, number>();
    for (const identity of found) counts.set(base(identity), (counts.get(base(identity)) ?? 0) + 1);
    const named: MemberIdentity[] = found.map((identity) => {
        const name = base(identity);
        return { ...identity, name: (counts.get(name) ?? 0) > 1 ? `${name}.${orgTag(identity.organization)}` : name };
    });
    const operatorAdmin = named.find((identity) => identity.kind === 'admin' && identity.organization === operator);
    if (operatorAdmin !== undefined && (counts.get('admin') ?? 0) === 0)
        named.push({ ...operatorAdmin, name: 'admin' });
    return named;
}

function readCredential(tree: GeneratedTree, identity: MemberIdentity): Credential {
    const msp = join(tree.root, identity.mspDir);
    const certificate = join(msp, 'signcerts', 'cert.pem');
    const keystore = join(msp, 'keystore');
    const keys = existsSync(keystore) ? readdirSync(keystore) : [];
    const [key] = keys;
    if (!existsSync(certificate) || key === undefined || keys.length !== 1) {
        throw new NetworkError(
            `${identity.enrollmentId} has no enrolled certificate and single key in ${msp} (${keys.length} keys)`,
            {
                code: 'ENROLL_FAILED',
                exit: 'environment',
                hint: "start over with 'network up --fresh'",
            },
        );
    }
    return {
        name: identity.name,
        mspId: identity.mspId,
        certificatePem: readFileSync(certificate, 'utf8'),
        privateKeyPem: readFileSync(join(keystore, key), 'utf8'),
    };
}

/** Writes every client identity of an enrolled tree into the state directory's credential store. */
export function writeCredentials(tree: GeneratedTree, stateRoot: string): CredentialSummary[] {
    const store = networkCredentials(stateRoot);
    for (const identity of memberIdentities(tree)) store.save(readCredential(tree, identity));
    return store.list();
}
