// SPDX-License-Identifier: Apache-2.0
//
// Who is in the embedded network: each organization's CA and peers, and the enrolled members with
// their identities (issued the way Fabric CA issues them, or restored from a saved world).
import { LedgerError } from '@productivist/ledger-api';

import type { Peer } from './channel.js';
import type { CertificateAuthority, EnrolledIdentity, IdentityRole, KeyPairPem } from './identity.js';
import {
    createCertificateAuthority,
    enroll,
    exportPrivateKey,
    restoreCertificateAuthority,
    restoreIdentity,
} from './identity.js';

/** An enrolled member. */
export interface Member {
    readonly name: string;
    readonly identity: EnrolledIdentity;
}

/** Options of {@link Membership.addMember}. */
export interface MemberOptions {
    readonly mspId: string;
    readonly role?: IdentityRole;
    readonly attributes?: Readonly<Record<string, string>>;
    /** Restore this identity (a saved world reopened) instead of enrolling a new one. */
    readonly identity?: KeyPairPem;
}

export class Membership {
    private readonly cas = new Map<string, CertificateAuthority>();
    private readonly peersByOrg = new Map<string, Peer[]>();
    private readonly members = new Map<string, Member>();

    /** Adds an organization with its CA (new, or restored) and `peers` peers (1 by default). */
    async addOrganization(org: {
        readonly mspId: string;
        readonly peers?: number;
        readonly ca?: KeyPairPem;
    }): Promise<void> {
        this.cas.set(
            org.mspId,
            org.ca === undefined
                ? await createCertificateAuthority(org.mspId)
                : await restoreCertificateAuthority(org.mspId, org.ca),
        );
        const count = org.peers ?? 1;
        this.peersByOrg.set(
            org.mspId,
            Array.from({ length: count }, (_, i) => ({ name: `peer${i}.${org.mspId}`, mspId: org.mspId })),
        );
    }

    requireOrg(mspId: string, where: string): void {
        if (!this.cas.has(mspId)) {
            throw new LedgerError(`organization '${mspId}' named in ${where} does not exist`, {
                code: 'NOT_FOUND',
                exit: 'notFound',
                hint: `known organizations: ${[...this.cas.keys()].sort().join(', ')}`,
            });
        }
    }

    /** The peers of an organization (none for an unknown one). */
    peersOf(mspId: string): Peer[] | undefined {
        return this.peersByOrg.get(mspId);
    }

    async addMember(name: string, options: Readonly<MemberOptions>): Promise<void> {
        this.requireOrg(options.mspId, `member '${name}'`);
        if (this.members.has(name)) {
            throw new LedgerError(`member '${name}' is already enrolled`, {
                code: 'CONFLICT',
                exit: 'invalidInput',
                hint: 'choose another name',
            });
        }
        const ca = this.cas.get(options.mspId) as CertificateAuthority;
        const role = options.role ?? 'client';
        const attributes = options.attributes ?? {};
        this.members.set(name, {
            name,
            identity:
                options.identity === undefined
                    ? await enroll(ca, name, role, attributes)
                    : await restoreIdentity(options.mspId, role, attributes, options.identity),
        });
    }

    member(name: string): Member {
        const member = this.members.get(name);
        if (member === undefined) {
            throw new LedgerError(`member '${name}' is not enrolled`, {
                code: 'NOT_FOUND',
                exit: 'notFound',
                hint: 'enroll it first with addMember',
            });
        }
        return member;
    }

    async exportIdentity(member: string): Promise<{ mspId: string; certificatePem: string; privateKeyPem: string }> {
        const { identity } = this.member(member);
        return {
            mspId: identity.mspId,
            certificatePem: identity.certificatePem,
            privateKeyPem: await exportPrivateKey(identity.privateKey),
        };
    }

    async exportCertificateAuthority(mspId: string): Promise<KeyPairPem> {
        this.requireOrg(mspId, 'exportCertificateAuthority');
        const ca = this.cas.get(mspId) as CertificateAuthority;
        return { certificatePem: ca.certificatePem, privateKeyPem: await exportPrivateKey(ca.keys.privateKey) };
    }

    memberNames(): string[] {
        return [...this.members.keys()];
    }

    caCertificateOf(mspId: string): string {
        this.requireOrg(mspId, 'caCertificateOf');
        return (this.cas.get(mspId) as CertificateAuthority).certificatePem;
    }
}
