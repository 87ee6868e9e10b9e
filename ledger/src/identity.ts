// SPDX-License-Identifier: Apache-2.0
//
// Real X.509 identities made in-process: one self-signed ECDSA P-256 CA per organization, and
// member certificates with the NodeOU role in the subject's OU and fabric-ca style attributes
// (extension 1.2.3.4.5.6.7.8.1 holding {"attrs":{...}}), which fabric-shim's ClientIdentity reads.
import 'reflect-metadata';

import { webcrypto } from 'node:crypto';

import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as never);

const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const notBefore = new Date('2025-01-01T00:00:00Z');
const notAfter = new Date('2125-01-01T00:00:00Z');

/** The OID fabric-ca puts attributes under. */
export const attributesOid = '1.2.3.4.5.6.7.8.1';

/** A NodeOU role, as in an MSP's config.yaml. */
export type IdentityRole = 'client' | 'admin' | 'peer' | 'orderer';

/** An organization's certificate authority. */
export interface CertificateAuthority {
    readonly mspId: string;
    readonly certificatePem: string;
    readonly certificate: x509.X509Certificate;
    readonly keys: webcrypto.CryptoKeyPair;
    serial: number;
}

/** An enrolled identity. */
export interface EnrolledIdentity {
    readonly mspId: string;
    readonly role: IdentityRole;
    readonly certificatePem: string;
    readonly privateKey: webcrypto.CryptoKey;
    readonly attributes: Readonly<Record<string, string>>;
}

function distinguishedValue(value: string): string {
    return value.replace(/[,=+<>#;"\\]/g, (ch) => `\\${ch}`);
}

/** Creates an organization's root CA. */
export async function createCertificateAuthority(mspId: string): Promise<CertificateAuthority> {
    const keys = await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
    const certificate = await x509.X509CertificateGenerator.createSelfSigned({
        serialNumber: '01',
        name: `CN=ca.${distinguishedValue(mspId)}, O=${distinguishedValue(mspId)}`,
        notBefore,
        notAfter,
        keys,
        signingAlgorithm: algorithm,
        extensions: [
            new x509.BasicConstraintsExtension(true, undefined, true),
            new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        ],
    });
    return { mspId, certificatePem: certificate.toString('pem'), certificate, keys, serial: 1 };
}

/** Issues a certificate for `name` with the role in its OU and the attributes in fabric-ca's extension. */
export async function enroll(
    ca: CertificateAuthority,
    name: string,
    role: IdentityRole,
    attributes: Readonly<Record<string, string>> = {},
): Promise<EnrolledIdentity> {
    const keys = await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
    ca.serial += 1;
    const extensions: x509.Extension[] = [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
    ];
    if (Object.keys(attributes).length > 0) {
        extensions.push(new x509.Extension(attributesOid, false, Buffer.from(JSON.stringify({ attrs: attributes }))));
    }
    const certificate = await x509.X509CertificateGenerator.create({
        serialNumber: ca.serial.toString(16).padStart(2, '0'),
        subject: `CN=${distinguishedValue(name)}, OU=${role}, O=${distinguishedValue(ca.mspId)}`,
        issuer: ca.certificate.subject,
        notBefore,
        notAfter,
        signingAlgorithm: algorithm,
        publicKey: keys.publicKey,
        signingKey: ca.keys.privateKey,
        extensions,
    });
    return {
        mspId: ca.mspId,
        role,
        certificatePem: certificate.toString('pem'),
        privateKey: keys.privateKey,
        attributes,
    };
}
