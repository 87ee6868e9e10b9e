// SPDX-License-Identifier: Apache-2.0
//
// Identities as a channel's MSPs judge them: a certificate is valid for an MSP of the config when
// it chains to one of the MSP's root (or intermediate) certificates and is not on the MSP's
// revocation lists; its role is its NodeOU (admin, client, peer, orderer), as Fabric's MSP reads it
// from every OU of the subject, the multi-valued entry Fabric CA writes included.
import { X509Certificate } from 'node:crypto';

import { msp } from '@hyperledger/fabric-protos';
import type { NodeRole } from '@productivist/policies';

/** What a channel knows of one organization's MSP. */
export interface MspInfo {
    readonly mspId: string;
    readonly roots: readonly X509Certificate[];
    readonly intermediates: readonly X509Certificate[];
    /** Serial numbers (upper-case hex) revoked by the MSP's CRLs. */
    readonly revoked: ReadonlySet<string>;
    /** NodeOU identifier → role. */
    readonly nodeOus: ReadonlyMap<string, NodeRole>;
}

/** One DER element: its tag, and where its content starts and ends. */
interface Der {
    readonly tag: number;
    readonly start: number;
    readonly end: number;
}

function derAt(bytes: Uint8Array, offset: number): Der {
    const tag = bytes[offset] ?? 0;
    let length = bytes[offset + 1] ?? 0;
    let start = offset + 2;
    if (length & 0x80) {
        const count = length & 0x7f;
        length = 0;
        for (let i = 0; i < count; i++) length = length * 256 + (bytes[start + i] ?? 0);
        start += count;
    }
    return { tag, start, end: start + length };
}

function children(bytes: Uint8Array, parent: Der): Der[] {
    const out: Der[] = [];
    for (let offset = parent.start; offset < parent.end;) {
        const child = derAt(bytes, offset);
        out.push(child);
        offset = child.end;
    }
    return out;
}

/**
 * Serial numbers (upper-case hex, as X509Certificate prints them) of a PEM CRL: TBSCertList's
 * revokedCertificates, the first SEQUENCE after the dates.
 */
export function revokedSerials(pem: string): string[] {
    const body = pem.replace(/-----(BEGIN|END) X509 CRL-----/g, '').replace(/\s+/g, '');
    const bytes = Buffer.from(body, 'base64');
    const tbs = children(bytes, derAt(bytes, 0))[0];
    if (tbs === undefined) return [];
    const fields = children(bytes, tbs);
    // version (INTEGER, optional), signature, issuer, thisUpdate, nextUpdate (optional), revokedCertificates.
    const first = fields[0]?.tag === 0x02 ? 1 : 0;
    const list = fields.slice(first + 3).find((field) => field.tag === 0x30);
    if (list === undefined) return [];
    return children(bytes, list).map((entry) => {
        const serial = children(bytes, entry)[0];
        let hex = serial === undefined ? '' : Buffer.from(bytes.subarray(serial.start, serial.end)).toString('hex');
        while (hex.startsWith('00') && hex.length > 2) hex = hex.slice(2);
        return hex.toUpperCase();
    });
}

function text(bytes: Uint8Array): string {
    return Buffer.from(bytes).toString('utf8');
}

/** Reads the MSP value of an organization group (`msp.MSPConfig` holding a `FabricMSPConfig`). */
export function mspInfoOf(valueBytes: Uint8Array): MspInfo {
    const config = msp.FabricMSPConfig.deserializeBinary(msp.MSPConfig.deserializeBinary(valueBytes).getConfig_asU8());
    const revoked = new Set<string>();
    for (const pem of config.getRevocationListList_asU8()) {
        for (const serial of revokedSerials(text(pem))) revoked.add(serial);
    }
    const nodeOus = new Map<string, NodeRole>();
    const ous = config.getFabricNodeOus();
    if (ous?.getEnable() === true) {
        const pairs: [msp.FabricOUIdentifier | undefined, NodeRole][] = [
            [ous.getAdminOuIdentifier(), 'admin'],
            [ous.getClientOuIdentifier(), 'client'],
            [ous.getPeerOuIdentifier(), 'peer'],
            [ous.getOrdererOuIdentifier(), 'orderer'],
        ];
        for (const [identifier, role] of pairs) {
            const name = identifier?.getOrganizationalUnitIdentifier();
            if (name !== undefined && name !== '') nodeOus.set(name, role);
        }
    }
    return {
        mspId: config.getName(),
        roots: config.getRootCertsList_asU8().map((pem) => new X509Certificate(text(pem))),
        intermediates: config.getIntermediateCertsList_asU8().map((pem) => new X509Certificate(text(pem))),
        revoked,
        nodeOus,
    };
}

/** Every OU of a certificate's subject (`OU=admin + OU=acme` counts as two). */
export function organizationalUnits(cert: X509Certificate): string[] {
    return [...cert.subject.matchAll(/(?:^|\n|\+\s*)OU=([^\n+]+)/g)].map((match) => (match[1] ?? '').trim());
}

/** The common name of a certificate's subject. */
export function commonName(cert: X509Certificate): string {
    return /(?:^|\n)CN=([^\n]+)/.exec(cert.subject)?.[1]?.trim() ?? cert.subject;
}

/** Why a certificate is not a valid identity of an MSP, or undefined when it is. */
export function invalidity(cert: X509Certificate, info: MspInfo): string | undefined {
    const now = Date.now();
    if (Date.parse(cert.validTo) < now || Date.parse(cert.validFrom) > now) {
        return `its certificate is not valid now (${cert.validFrom} to ${cert.validTo})`;
    }
    const issuers = [...info.intermediates, ...info.roots];
    const issuer = issuers.find((candidate) => cert.checkIssued(candidate) && cert.verify(candidate.publicKey));
    if (issuer === undefined) return `its certificate was not issued by a CA of ${info.mspId}`;
    if (info.revoked.has(cert.serialNumber.toUpperCase())) {
        return `its certificate (serial ${cert.serialNumber}) is revoked by ${info.mspId}'s CRL`;
    }
    return undefined;
}

/** The NodeOU role of a certificate for an MSP, or undefined when it has none. */
export function roleOf(cert: X509Certificate, info: MspInfo): NodeRole | undefined {
    for (const ou of organizationalUnits(cert)) {
        const role = info.nodeOus.get(ou);
        if (role !== undefined) return role;
    }
    return undefined;
}
