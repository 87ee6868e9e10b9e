// SPDX-License-Identifier: Apache-2.0
//
// The file a config update travels in between organizations: the `common.ConfigUpdate` bytes
// configtxlator computed, what it does, and the admins' signatures (`common.ConfigSignature`:
// a signature header naming the signer, and an ECDSA signature over header + update bytes, as
// `peer channel signconfigtx` makes it). An organization can sign the file itself or write a
// detached signature file that the submitter passes along.
import { createHash, createPrivateKey, randomBytes, X509Certificate } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { hash, signers } from '@hyperledger/fabric-gateway';
import { common, msp } from '@hyperledger/fabric-protos';

import { NetworkError } from '../errors.js';
import { commonName, organizationalUnits } from './identities.js';

/** What a committed update leads to, for the steps after it (peers to start and join). */
export type UpdateAction =
    | { readonly type: 'add-organization'; readonly organization: string; readonly mspId: string }
    | { readonly type: 'remove-organization'; readonly organization: string; readonly mspId: string }
    | { readonly type: 'update-msp'; readonly mspId: string };

/** One signature as it is kept in the files. */
export interface SignatureEntry {
    readonly mspId: string;
    /** Subject common name of the signer, for people. */
    readonly signer: string;
    /** `common.SignatureHeader` bytes, base64. */
    readonly signatureHeader: string;
    /** DER ECDSA signature over header + update, base64. */
    readonly signature: string;
}

export const updateFormat = 'productivist/config-update@1';
export const signatureFormat = 'productivist/config-signature@1';

/** The update file. */
export interface UpdateFile {
    readonly format: typeof updateFormat;
    readonly channel: string;
    readonly description: string;
    readonly action: UpdateAction;
    /** `common.ConfigUpdate` bytes, base64. */
    readonly configUpdate: string;
    readonly signatures: readonly SignatureEntry[];
}

/** A detached signature file. */
export interface SignatureFile extends SignatureEntry {
    readonly format: typeof signatureFormat;
    readonly channel: string;
    /** sha256 (hex) of the update bytes it signs. */
    readonly update: string;
}

/** sha256 of the update bytes, hex: how files name the update they belong to. */
export function updateDigest(file: Pick<UpdateFile, 'configUpdate'>): string {
    return createHash('sha256').update(Buffer.from(file.configUpdate, 'base64')).digest('hex');
}

function unreadable(path: string, problem: string, cause?: unknown): NetworkError {
    return new NetworkError(`${path} is not a config update file of productivist: ${problem}`, {
        code: 'UPDATE_FILE_INVALID',
        exit: 'invalidInput',
        hint: "give the file 'productivist org add' (or 'org remove', 'member revoke') wrote",
        cause,
    });
}

function readJson(path: string, what: string): Record<string, unknown> {
    if (!existsSync(path)) {
        throw new NetworkError(`${what} ${path} does not exist`, {
            code: 'FILE_NOT_FOUND',
            exit: 'notFound',
            hint: 'check the path',
        });
    }
    try {
        const value = JSON.parse(readFileSync(path, 'utf8')) as unknown;
        if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object');
        return value as Record<string, unknown>;
    } catch (error) {
        throw unreadable(path, `not JSON (${String(error)})`, error);
    }
}

/** Reads an update file. */
export function readUpdateFile(path: string): UpdateFile {
    const value = readJson(path, 'the update file');
    if (value['format'] !== updateFormat) throw unreadable(path, `its format is ${JSON.stringify(value['format'])}`);
    if (typeof value['channel'] !== 'string' || typeof value['configUpdate'] !== 'string') {
        throw unreadable(path, 'it has no channel or configUpdate');
    }
    if (!Array.isArray(value['signatures'])) throw unreadable(path, 'it has no signatures list');
    try {
        common.ConfigUpdate.deserializeBinary(Buffer.from(value['configUpdate'], 'base64'));
    } catch (error) {
        throw unreadable(path, 'its configUpdate is not a common.ConfigUpdate', error);
    }
    return value as unknown as UpdateFile;
}

/** Writes a JSON file through a temporary file: never half-written. */
export function writeJsonFile(path: string, value: UpdateFile | SignatureFile): void {
    writeFileSync(`${path}.tmp`, `${JSON.stringify(value, null, 2)}\n`);
    renameSync(`${path}.tmp`, path);
}

/** Writes an update file. */
export function writeUpdateFile(path: string, file: UpdateFile): void {
    writeJsonFile(path, file);
}

/** Reads a detached signature file. */
export function readSignatureFile(path: string): SignatureFile {
    const value = readJson(path, 'the signature file');
    if (value['format'] !== signatureFormat) {
        throw new NetworkError(
            `${path} is not a signature file of productivist (format ${JSON.stringify(value['format'])})`,
            {
                code: 'SIGNATURE_FILE_INVALID',
                exit: 'invalidInput',
                hint: "give a file written by 'productivist org sign <update> --out <file>'",
            },
        );
    }
    return value as unknown as SignatureFile;
}

/** The configUpdate bytes of a file. */
export function updateBytes(file: Pick<UpdateFile, 'configUpdate'>): Uint8Array {
    return Buffer.from(file.configUpdate, 'base64');
}

/** A local MSP folder that signs: signcerts/*.pem and the one key of keystore/. */
export interface MspSigner {
    readonly mspId: string;
    readonly mspDir: string;
}

function onlyFile(dir: string, what: string): string {
    const files = existsSync(dir) ? readdirSync(dir).filter((name) => !name.startsWith('.')) : [];
    const [first] = files;
    if (first === undefined || files.length !== 1) {
        throw new NetworkError(`${dir} holds ${files.length} files, expected one ${what}`, {
            code: 'MSP_INVALID',
            exit: 'invalidInput',
            hint: 'give an MSP folder enrolled by Fabric CA (signcerts/ and keystore/ with one file each)',
        });
    }
    return join(dir, first);
}

/** The certificate of an MSP folder. */
export function signerCertificate(signer: MspSigner): string {
    return readFileSync(onlyFile(join(signer.mspDir, 'signcerts'), 'certificate'), 'utf8');
}

/**
 * Signs the update bytes as Fabric's `peer channel signconfigtx` does: a signature header with the
 * serialized identity and a random nonce, and a low-S ECDSA signature over header + update.
 */
export async function signUpdate(bytes: Uint8Array, signer: MspSigner): Promise<SignatureEntry> {
    const certificate = signerCertificate(signer);
    const key = createPrivateKey(readFileSync(onlyFile(join(signer.mspDir, 'keystore'), 'private key')));
    const identity = new msp.SerializedIdentity();
    identity.setMspid(signer.mspId);
    identity.setIdBytes(Buffer.from(certificate));
    const header = new common.SignatureHeader();
    header.setCreator(identity.serializeBinary());
    header.setNonce(randomBytes(24));
    const headerBytes = header.serializeBinary();
    const signature = await signers.newPrivateKeySigner(key)(hash.sha256(Buffer.concat([headerBytes, bytes])));
    return {
        mspId: signer.mspId,
        signer: commonName(new X509Certificate(certificate)),
        signatureHeader: Buffer.from(headerBytes).toString('base64'),
        signature: Buffer.from(signature).toString('base64'),
    };
}

/** The signer of a signature entry, from its header. */
export function signerOf(entry: Pick<SignatureEntry, 'signatureHeader'>): {
    mspId: string;
    certificate: X509Certificate;
} {
    const header = common.SignatureHeader.deserializeBinary(Buffer.from(entry.signatureHeader, 'base64'));
    const identity = msp.SerializedIdentity.deserializeBinary(header.getCreator_asU8());
    return {
        mspId: identity.getMspid(),
        certificate: new X509Certificate(Buffer.from(identity.getIdBytes_asU8()).toString('utf8')),
    };
}

/** True when the signer's certificate carries the admin NodeOU (what a local check can tell). */
export function looksLikeAdmin(certificatePem: string): boolean {
    return organizationalUnits(new X509Certificate(certificatePem)).includes('admin');
}

/** The `common.Envelope` that `peer channel update -f` takes: the update and its signatures. */
export function envelopeOf(file: UpdateFile, signatures: readonly SignatureEntry[]): Uint8Array {
    const updateEnvelope = new common.ConfigUpdateEnvelope();
    updateEnvelope.setConfigUpdate(updateBytes(file));
    updateEnvelope.setSignaturesList(
        signatures.map((entry) => {
            const signature = new common.ConfigSignature();
            signature.setSignatureHeader(Buffer.from(entry.signatureHeader, 'base64'));
            signature.setSignature(Buffer.from(entry.signature, 'base64'));
            return signature;
        }),
    );
    const channelHeader = new common.ChannelHeader();
    channelHeader.setType(common.HeaderType.CONFIG_UPDATE);
    channelHeader.setChannelId(file.channel);
    const header = new common.Header();
    header.setChannelHeader(channelHeader.serializeBinary());
    const payload = new common.Payload();
    payload.setHeader(header);
    payload.setData(updateEnvelope.serializeBinary());
    const envelope = new common.Envelope();
    envelope.setPayload(payload.serializeBinary());
    return envelope.serializeBinary();
}
