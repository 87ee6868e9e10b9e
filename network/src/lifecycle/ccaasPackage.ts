// SPDX-License-Identifier: Apache-2.0
//
// The chaincode package the chaincode-as-a-service builder installs: metadata.json
// {type: "ccaas", label} and code.tar.gz with connection.json (where the peer dials the chaincode
// server, with TLS) and source.json (the digest of the code the server runs). The code itself is
// not in the package, so the digest is what makes changed code a new package id and so a new
// definition sequence.
import { createHash } from 'node:crypto';

import { tarGz } from './tar.js';

/** What the peer reads from connection.json to dial the chaincode server. */
export interface ConnectionJson {
    readonly address: string;
    readonly dial_timeout: string;
    readonly tls_required: true;
    readonly client_auth_required: false;
    /** PEM of the TLS CA that issued the chaincode server's certificate. */
    readonly root_cert: string;
}

/** Options of {@link ccaasPackage}. */
export interface CcaasPackageOptions {
    readonly label: string;
    /** host:port of the chaincode server (127.0.0.1 only). */
    readonly address: string;
    readonly rootCertPem: string;
    /** sha256 (hex) of the code the chaincode server runs. */
    readonly codeDigest: string;
}

/** A built package: its bytes and the id the peer will give it. */
export interface CcaasPackage {
    readonly label: string;
    readonly bytes: Buffer;
    readonly packageId: string;
}

const labelPattern = /^[A-Za-z0-9][A-Za-z0-9_.+-]*$/;

/** The package id a peer computes: `label:sha256(package bytes)`. */
export function packageIdOf(label: string, bytes: Buffer): string {
    return `${label}:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** Builds the package; the same options always give the same bytes. */
export function ccaasPackage(options: Readonly<CcaasPackageOptions>): CcaasPackage {
    if (!labelPattern.test(options.label)) {
        throw new Error(`chaincode package label '${options.label}' must match ${labelPattern.source}`);
    }
    const connection: ConnectionJson = {
        address: options.address,
        dial_timeout: '10s',
        tls_required: true,
        client_auth_required: false,
        root_cert: options.rootCertPem,
    };
    const code = tarGz([
        { name: 'connection.json', content: `${JSON.stringify(connection, null, 2)}\n` },
        { name: 'source.json', content: `${JSON.stringify({ codeDigest: options.codeDigest }, null, 2)}\n` },
    ]);
    const bytes = tarGz([
        { name: 'metadata.json', content: `${JSON.stringify({ type: 'ccaas', label: options.label })}\n` },
        { name: 'code.tar.gz', content: code },
    ]);
    return { label: options.label, bytes, packageId: packageIdOf(options.label, bytes) };
}
