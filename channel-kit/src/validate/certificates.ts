// SPDX-License-Identifier: Apache-2.0
//
// Published certificates of imported organizations: present, PEM X.509, and signed by the CA
// they claim (checked with node:crypto, signature and issuer name).
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';

/** A certificate file as read, or why it could not be. */
export type CertificateRead =
    | { readonly ok: true; readonly pem: string; readonly certificate: X509Certificate }
    | { readonly ok: false; readonly reason: 'missing' | 'invalid'; readonly detail: string };

/** Resolves a path written in an ecosystem file against the file's folder. */
export function resolveInputPath(baseDir: string, path: string): string {
    return isAbsolute(path) ? path : join(baseDir, path);
}

/** Reads and parses one PEM certificate. */
export function readCertificate(file: string): CertificateRead {
    let pem: string;
    try {
        pem = readFileSync(file, 'utf8');
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
        return { ok: false, reason: 'missing', detail: code };
    }
    if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
        return { ok: false, reason: 'invalid', detail: 'no PEM CERTIFICATE block' };
    }
    try {
        return { ok: true, pem, certificate: new X509Certificate(pem) };
    } catch (error) {
        return { ok: false, reason: 'invalid', detail: error instanceof Error ? error.message : String(error) };
    }
}

/** True when `certificate` names `issuer` as its issuer and carries a valid signature by its key. */
export function isSignedBy(certificate: X509Certificate, issuer: X509Certificate): boolean {
    try {
        return certificate.checkIssued(issuer) && certificate.verify(issuer.publicKey);
    } catch {
        return false;
    }
}

/** True for a self-signed CA certificate (basic constraints CA, own signature). */
export function isRootCa(certificate: X509Certificate): boolean {
    return certificate.ca && isSignedBy(certificate, certificate);
}
