// SPDX-License-Identifier: Apache-2.0
//
// A member's credentials on disk: one file per identity (one per role organization), readable by
// the owner only. Private keys are never printed: listings show fingerprints, and a loaded
// credential redacts its key when logged or serialised.
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';

import { KitError } from './errors.js';

export interface Credential {
    readonly name: string;
    readonly mspId: string;
    readonly certificatePem: string;
    readonly privateKeyPem: string;
}

/** What a listing shows of a credential. */
export interface CredentialSummary {
    readonly name: string;
    readonly mspId: string;
    /** SHA-256 of the certificate. */
    readonly certificateFingerprint: string;
}

const namePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

function redacted(credential: Credential): Credential {
    const shown = { name: credential.name, mspId: credential.mspId, privateKeyPem: '[redacted]' };
    return Object.defineProperties(
        { ...credential },
        {
            toJSON: { value: () => shown, enumerable: false },
            [inspect.custom]: { value: () => shown, enumerable: false },
        },
    );
}

export class CredentialStore {
    constructor(readonly directory: string) {}

    private file(name: string): string {
        if (!namePattern.test(name)) {
            throw new KitError(`identity name '${name}' is not allowed`, {
                code: 'INVALID_ARGUMENT',
                hint: "use letters, digits, '.', '_' and '-'",
            });
        }
        return join(this.directory, `${name}.id.json`);
    }

    /** Saves a credential (owner-only file, written atomically). */
    save(credential: Credential): void {
        mkdirSync(this.directory, { recursive: true, mode: 0o700 });
        const target = this.file(credential.name);
        const temporary = `${target}.tmp`;
        writeFileSync(temporary, JSON.stringify(credential, null, 2), { mode: 0o600 });
        chmodSync(temporary, 0o600);
        renameSync(temporary, target);
    }

    load(name: string): Credential {
        const path = this.file(name);
        if (!existsSync(path)) {
            throw new KitError(`no identity '${name}' in ${this.directory}`, {
                code: 'NOT_FOUND',
                exit: 'notFound',
                hint: `known identities: ${
                    this.list()
                        .map((c) => c.name)
                        .join(', ') || 'none'
                }`,
            });
        }
        return redacted(JSON.parse(readFileSync(path, 'utf8')) as Credential);
    }

    list(): CredentialSummary[] {
        if (!existsSync(this.directory)) return [];
        return readdirSync(this.directory)
            .filter((file) => file.endsWith('.id.json'))
            .sort()
            .map((file) => {
                const credential = JSON.parse(readFileSync(join(this.directory, file), 'utf8')) as Credential;
                return {
                    name: credential.name,
                    mspId: credential.mspId,
                    certificateFingerprint: createHash('sha256').update(credential.certificatePem).digest('hex'),
                };
            });
    }
}
