// SPDX-License-Identifier: Apache-2.0
//
// The TLS certificate of a chaincode server: registered at the owning organization's TLS CA (the
// one that issued its peers' TLS certificates) and enrolled with the `tls` profile for 127.0.0.1,
// as a peer's would be. The peer checks it against that CA's root, which the package's
// connection.json carries.
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { CommandFailedError, NetworkError } from '../errors.js';
import type { Runner } from '../runtime/Runner.js';

/** The files of a chaincode server's TLS identity. */
export interface ServerTls {
    readonly cert: string;
    readonly key: string;
    /** The TLS CA root (PEM file) the peer checks the server's certificate against. */
    readonly rootCert: string;
}

/** The TLS CA of an organization as its enrollment plan uses it. */
interface TlsCa {
    readonly url: string;
    readonly caName: string;
    readonly tlsCertFiles: string;
    readonly registrarMsp: string;
    readonly affiliation: string | undefined;
}

function argAfter(args: readonly string[], flag: string): string | undefined {
    const index = args.indexOf(flag);
    return index < 0 ? undefined : args[index + 1];
}

/** Reads how the organization's identities register at its TLS CA from the enrollment plan. */
function tlsCaOf(runner: Runner, organization: string): TlsCa {
    const org = runner.tree.enrollment.organizations.find((entry) => entry.organization === organization);
    const register = org?.identities
        .flatMap((identity) => identity.steps)
        .find(
            (step) =>
                step.action === 'register' &&
                argAfter(step.args ?? [], '--enrollment.profile') === undefined &&
                (step.ca ?? '').startsWith('tlsca'),
        );
    const args = register?.args ?? [];
    const url = argAfter(args, '-u');
    const caName = argAfter(args, '--caname');
    const tlsCertFiles = argAfter(args, '--tls.certfiles');
    const registrarMsp = argAfter(args, '--mspdir');
    if (url === undefined || caName === undefined || tlsCertFiles === undefined || registrarMsp === undefined) {
        throw new NetworkError(`the enrollment plan has no TLS CA registration for organization ${organization}`, {
            code: 'PLAN_INVALID',
            exit: 'usage',
            hint: 'regenerate the tree with this version of productivist',
        });
    }
    return {
        url: runner.sub(url, 'TLS CA url'),
        caName,
        tlsCertFiles: runner.sub(tlsCertFiles, 'TLS CA certificate'),
        registrarMsp: runner.sub(registrarMsp, 'TLS CA registrar'),
        affiliation: argAfter(args, '--id.affiliation'),
    };
}

/** Registers (once) and enrolls (once) the TLS identity of chaincode server `id`, owned by `organization`. */
export async function chaincodeServerTls(
    runner: Runner,
    id: string,
    organization: string,
    rootCert: string,
): Promise<ServerTls> {
    // In the tree, beside the nodes' certificates, where the start plan's chaincode process names them.
    const dir = join(runner.tree.root, 'chaincodes', id, 'tls');
    const result = { cert: join(dir, 'signcerts', 'cert.pem'), key: join(dir, 'keystore', 'key.pem'), rootCert };
    if (existsSync(result.cert) && existsSync(result.key)) return result;
    const ca = tlsCaOf(runner, organization);
    const enrollmentId = `ccaas-${id}`;
    const secretName = `PRODUCTIVIST_SECRET_CCAAS_${id.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
    const secret = runner.state.secrets([secretName])[secretName] ?? '';
    const common = ['-u', ca.url, '--caname', ca.caName, '--tls.certfiles', ca.tlsCertFiles];
    try {
        await runner.client(
            [
                'register',
                ...common,
                '--mspdir',
                ca.registrarMsp,
                '--id.name',
                enrollmentId,
                '--id.secret',
                secret,
                '--id.type',
                'client',
                ...(ca.affiliation === undefined ? [] : ['--id.affiliation', ca.affiliation]),
            ],
            `${enrollmentId} register`,
            enrollmentId,
        );
    } catch (error) {
        // A resumed up registered it before: the secret is kept in the state, so enroll again.
        if (!(error instanceof CommandFailedError && /already registered/i.test(error.stderrTail))) throw error;
    }
    const host = new URL(ca.url).host;
    rmSync(dir, { recursive: true, force: true });
    await runner.client(
        [
            'enroll',
            '-u',
            `https://${enrollmentId}:${secret}@${host}`,
            '--caname',
            ca.caName,
            '--tls.certfiles',
            ca.tlsCertFiles,
            '--mspdir',
            dir,
            '--enrollment.profile',
            'tls',
            '--csr.hosts',
            '127.0.0.1,localhost',
        ],
        `${enrollmentId} enroll`,
        enrollmentId,
    );
    const keystore = join(dir, 'keystore');
    const keys = readdirSync(keystore).filter((name) => name.endsWith('_sk'));
    const [key] = keys;
    if (key === undefined || keys.length !== 1) {
        throw new NetworkError(`${keystore} holds ${keys.length} keys after enrollment, expected one`, {
            code: 'ENROLL_FAILED',
            exit: 'environment',
            hint: `remove ${dir} and deploy again`,
        });
    }
    renameSync(join(keystore, key), result.key);
    return result;
}
