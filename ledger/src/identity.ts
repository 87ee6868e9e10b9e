// SPDX-License-Identifier: Apache-2.0
//
// Real X.509 identities made in-process: one self-signed ECDSA P-256 CA per organization, and
// member certificates shaped as Fabric CA 1.5 issues them: the subject of fabric-ca-client's
// default CSR (C=US, ST=North Carolina, O=Hyperledger), the NodeOU and the affiliation as ONE
// multi-valued entry (`OU=client + OU=customer`), CN the enrollment id, and the attributes in
// extension 1.2.3.4.5.6.7.8.1 as {"attrs":{...}} including the hf.* ones Fabric CA always adds.
// A test enrolls through a real fabric-ca-server and compares.
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

/** The affiliation members of an organization are registered under: `CustomerMSP` → `customer`. */
export function affiliationOf(mspId: string): string {
    return mspId.replace(/MSP$/, '').toLowerCase() || mspId.toLowerCase();
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
    const affiliation = affiliationOf(ca.mspId);
    const attrs = {
        'hf.Affiliation': affiliation,
        'hf.EnrollmentID': name,
        'hf.Type': role,
        ...attributes,
    };
    extensions.push(new x509.Extension(attributesOid, false, Buffer.from(JSON.stringify({ attrs }))));
    const certificate = await x509.X509CertificateGenerator.create({
        serialNumber: ca.serial.toString(16).padStart(2, '0'),
        subject: `C=US, ST=North Carolina, O=Hyperledger, OU=${role}+OU=${distinguishedValue(affiliation)}, CN=${distinguishedValue(name)}`,
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

/** PEM (PKCS#8) of a private key. */
export async function exportPrivateKey(key: webcrypto.CryptoKey): Promise<string> {
    const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key));
    const body = pkcs8.toString('base64').replace(/.{64}/g, '$&\n');
    return `-----BEGIN PRIVATE KEY-----\n${body.trimEnd()}\n-----END PRIVATE KEY-----\n`;
}

/** A private key from its PEM (PKCS#8, P-256). */
export async function importPrivateKey(pem: string): Promise<webcrypto.CryptoKey> {
    const der = Buffer.from(pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, ''), 'base64');
    return webcrypto.subtle.importKey('pkcs8', der, algorithm, true, ['sign']);
}

/** A certificate and its key, as kept to restore an identity or a CA. */
export interface KeyPairPem {
    readonly certificatePem: string;
    readonly privateKeyPem: string;
}

/** An organization's CA restored from its certificate and key (a saved world reopened). */
export async function restoreCertificateAuthority(mspId: string, saved: KeyPairPem): Promise<CertificateAuthority> {
    const certificate = new x509.X509Certificate(saved.certificatePem);
    const publicKey = await webcrypto.subtle.importKey('spki', certificate.publicKey.rawData, algorithm, true, [
        'verify',
    ]);
    const privateKey = await importPrivateKey(saved.privateKeyPem);
    return {
        mspId,
        certificatePem: saved.certificatePem,
        certificate,
        keys: { publicKey, privateKey },
        serial: 0x1000,
    };
}

/** An identity restored from its certificate and key, with the role and attributes it was enrolled with. */
export async function restoreIdentity(
    mspId: string,
    role: IdentityRole,
    attributes: Readonly<Record<string, string>>,
    saved: KeyPairPem,
): Promise<EnrolledIdentity> {
    return {
        mspId,
        role,
        certificatePem: saved.certificatePem,
        privateKey: await importPrivateKey(saved.privateKeyPem),
        attributes,
    };
}
