// SPDX-License-Identifier: Apache-2.0
//
// Fabric CA: one server per organization hosting its CA and its TLS CA (cafiles), one server per
// intermediate CA, and the registration/enrollment plan. No secret is ever written: the registrar
// identity is added to a server's registry at start (withBootstrapRegistrar), and every secret
// is named by an environment variable.
import { parseDocument } from 'yaml';

import type { CertificateAuthority, Ecosystem, Identity, Organization } from '../model/types.js';
import { jsonText, rooted, yamlText } from './serialise.js';

/** Attributes the registrar of every server holds (what fabric-ca-server gives a bootstrap admin). */
export const registrarAttributes: Readonly<Record<string, string | boolean>> = {
    'hf.Registrar.Roles': '*',
    'hf.Registrar.DelegateRoles': '*',
    'hf.Registrar.Attributes': '*',
    'hf.Revoker': true,
    'hf.IntermediateCA': true,
    'hf.GenCRL': true,
    'hf.AffiliationMgr': true,
};

const tlsUsage = ['digital signature', 'key encipherment', 'server auth', 'client auth', 'key agreement'];

function csr(org: Organization, cn: string, intermediate: boolean): Record<string, unknown> {
    return {
        // An intermediate CA takes its subject from its parent's enrollment: its CN stays empty.
        cn: intermediate ? '' : cn,
        keyrequest: { algo: 'ecdsa', size: 256 },
        names: [{ O: org.name, OU: '' }],
        hosts: [cn, 'localhost', '127.0.0.1'],
        ca: { expiry: '131400h', pathlength: intermediate ? 0 : 1 },
    };
}

function signing(): Record<string, unknown> {
    return {
        default: { usage: ['digital signature'], expiry: '8760h' },
        profiles: {
            ca: { usage: ['cert sign', 'crl sign'], expiry: '43800h', caconstraint: { isca: true, maxpathlen: 0 } },
            tls: { usage: tlsUsage, expiry: '8760h' },
        },
    };
}

/** The server config of a root CA server or of an intermediate CA server. */
export function caServerConfig(org: Organization, ca: CertificateAuthority): Record<string, unknown> {
    const intermediate = ca.parent !== undefined;
    const config: Record<string, unknown> = {
        port: ca.port,
        address: '127.0.0.1',
        debug: false,
        crlsizelimit: 512000,
        tls: { enabled: true, clientauth: { type: 'noclientcert', certfiles: [] } },
        ca: { name: ca.caName },
        crl: { expiry: '24h' },
        registry: { maxenrollments: -1, identities: [] },
        db: { type: 'sqlite3', datasource: 'fabric-ca-server.db', tls: { enabled: false } },
        ldap: { enabled: false },
        affiliations: { [org.key]: [] },
        signing: signing(),
        csr: csr(org, intermediate ? `${ca.caName}.${org.domain}` : `ca.${org.domain}`, intermediate),
    };
    if (ca.tlsCaName !== undefined) config['cafiles'] = ['tlsca/fabric-ca-server-config.yaml'];
    if (ca.parent !== undefined) {
        config['intermediate'] = {
            parentserver: { url: `https://127.0.0.1:${ca.parent.port}`, caname: ca.parent.caName },
            enrollment: { hosts: ['localhost', '127.0.0.1'], profile: 'ca' },
            tls: { certfiles: [relativeTo(ca.homeDir, `${ca.parent.homeDir}/ca-cert.pem`)] },
        };
    }
    config['operations'] = { listenAddress: `127.0.0.1:${ca.operationsPort}`, tls: { enabled: false } };
    config['metrics'] = { provider: 'disabled' };
    return config;
}

/** The TLS CA of a root server (a second CA of the same server, listed in cafiles). */
export function tlsCaConfig(org: Organization, ca: CertificateAuthority): Record<string, unknown> {
    return {
        ca: { name: ca.tlsCaName },
        registry: { maxenrollments: -1, identities: [] },
        db: { type: 'sqlite3', datasource: 'fabric-ca-server.db', tls: { enabled: false } },
        affiliations: { [org.key]: [] },
        signing: { default: { usage: tlsUsage, expiry: '8760h' } },
        csr: csr(org, `tlsca.${org.domain}`, false),
    };
}

/** `a/b/c` seen from `a/x` → `../b/c`. */
export function relativeTo(from: string, to: string): string {
    const a = from.split('/');
    const b = to.split('/');
    let common = 0;
    while (common < a.length && common < b.length - 1 && a[common] === b[common]) common++;
    return [...a.slice(common).map(() => '..'), ...b.slice(common)].join('/');
}

/**
 * Adds the registrar identity (and, for an intermediate, the parent credentials) to a generated
 * server config, in memory, at start: what `-b admin:secret` does for a config that fabric-ca-server
 * writes itself, and what it does not do for an existing config.
 */
export function withBootstrapRegistrar(configText: string, secret: string, parentSecret?: string): string {
    const document = parseDocument(configText);
    document.setIn(
        ['registry', 'identities'],
        document.createNode([
            { name: 'admin', pass: secret, type: 'client', affiliation: '', attrs: registrarAttributes },
        ]),
    );
    const parentUrl = document.getIn(['intermediate', 'parentserver', 'url']);
    if (typeof parentUrl === 'string' && parentSecret !== undefined) {
        document.setIn(
            ['intermediate', 'parentserver', 'url'],
            parentUrl.replace('https://', `https://admin:${encodeURIComponent(parentSecret)}@`),
        );
    }
    return document.toString({ lineWidth: 0 });
}

function caConfigComment(org: Organization, ca: CertificateAuthority): string {
    return [
        `Fabric CA server ${ca.caName} of ${org.name}, generated by productivist; do not edit.`,
        'No secret is written here: the start plan adds the registrar identity (see enrollment-plan.json).',
    ].join('\n');
}

/** Every CA server config file of an organization: tree path → text. */
export function renderCaConfigs(org: Organization): [string, string][] {
    const files: [string, string][] = [
        [
            `${org.ca.homeDir}/fabric-ca-server-config.yaml`,
            yamlText(caServerConfig(org, org.ca), caConfigComment(org, org.ca)),
        ],
        [
            `${org.ca.homeDir}/tlsca/fabric-ca-server-config.yaml`,
            yamlText(tlsCaConfig(org, org.ca), caConfigComment(org, org.ca)),
        ],
    ];
    for (const intermediate of org.intermediates) {
        files.push([
            `${intermediate.homeDir}/fabric-ca-server-config.yaml`,
            yamlText(caServerConfig(org, intermediate), caConfigComment(org, intermediate)),
        ]);
    }
    return files;
}

/** The file a client trusts for a CA server's TLS: its root cert, or an intermediate's chain. */
export function caTrustFile(ca: CertificateAuthority): string {
    return ca.parent === undefined ? `${ca.homeDir}/ca-cert.pem` : `${ca.homeDir}/ca-chain.pem`;
}

function clientBase(ca: CertificateAuthority, caName: string): string[] {
    return ['-u', `https://127.0.0.1:${ca.port}`, '--caname', caName, '--tls.certfiles', rooted(caTrustFile(ca))];
}

/** `--id.attrs` value: every attribute registered with ':ecert' so it lands in the enrollment certificate. */
export function attributeList(identity: Identity): string {
    return identity.attributes.map((attribute) => `${attribute.name}=${attribute.value}:ecert`).join(',');
}

function registrarMsp(caName: string): string {
    return `ca-clients/${caName}/registrar/msp`;
}

function steps(org: Organization, identity: Identity): unknown[] {
    const ca = [org.ca, ...org.intermediates].find((candidate) => candidate.id === identity.caId) ?? org.ca;
    const secret = `\${${identity.secretEnv}}`;
    const out: unknown[] = [];
    // The TLS CA lives on the organization's root server, whichever CA issues the identity.
    const register = (caName: string, attrs: boolean, server = ca): string[] => {
        const args = ['register', ...clientBase(server, caName), '--mspdir', rooted(registrarMsp(caName))];
        args.push('--id.name', identity.enrollmentId, '--id.secret', secret, '--id.type', identity.type);
        args.push('--id.affiliation', org.key);
        if (attrs && identity.attributes.length > 0) args.push('--id.attrs', attributeList(identity));
        return args;
    };
    const enroll = (caName: string, mspDir: string, tls: boolean, server = ca): string[] => {
        const args = ['enroll', '-u', `https://${identity.enrollmentId}:${secret}@127.0.0.1:${server.port}`];
        args.push('--caname', caName, '--tls.certfiles', rooted(caTrustFile(server)), '--mspdir', rooted(mspDir));
        if (tls) args.push('--enrollment.profile', 'tls');
        if (identity.csrHosts.length > 0) args.push('--csr.hosts', identity.csrHosts.join(','));
        return args;
    };
    out.push({ action: 'register', ca: identity.caName, args: register(identity.caName, true) });
    out.push({ action: 'enroll', ca: identity.caName, args: enroll(identity.caName, identity.mspDir, false) });
    if (identity.tlsDir !== undefined && org.ca.tlsCaName !== undefined) {
        out.push({ action: 'register', ca: org.ca.tlsCaName, args: register(org.ca.tlsCaName, false, org.ca) });
        out.push({
            action: 'enroll',
            ca: org.ca.tlsCaName,
            args: enroll(org.ca.tlsCaName, identity.tlsDir, true, org.ca),
        });
        out.push({
            action: 'rename-key',
            from: `${identity.tlsDir}/keystore`,
            to: `${identity.tlsDir}/keystore/key.pem`,
        });
    }
    return out;
}

/** enrollment-plan.json: servers to initialise and start, then identities to register and enroll, in order. */
export function renderEnrollmentPlan(ecosystem: Ecosystem): string {
    const organizations = ecosystem.organizations.map((org) => ({
        organization: org.name,
        mspId: org.mspId,
        servers: [org.ca, ...org.intermediates].map((ca) => ({
            id: ca.id,
            caNames: ca.tlsCaName === undefined ? [ca.caName] : [ca.caName, ca.tlsCaName],
            home: ca.homeDir,
            configs:
                ca.tlsCaName === undefined
                    ? [`${ca.homeDir}/fabric-ca-server-config.yaml`]
                    : [
                          `${ca.homeDir}/fabric-ca-server-config.yaml`,
                          `${ca.homeDir}/tlsca/fabric-ca-server-config.yaml`,
                      ],
            registrar: { enrollmentId: ca.registrar.enrollmentId, secretEnv: ca.registrar.secretEnv },
            parentSecretEnv: ca.parent === undefined ? undefined : org.ca.registrar.secretEnv,
            init: ['init', '--home', rooted(ca.homeDir)],
            start: ['start', '--home', rooted(ca.homeDir)],
            url: `https://127.0.0.1:${ca.port}`,
            readiness: `http://127.0.0.1:${ca.operationsPort}/healthz`,
            registrarEnrollments: (ca.tlsCaName === undefined ? [ca.caName] : [ca.caName, ca.tlsCaName]).map(
                (caName) => [
                    'enroll',
                    '-u',
                    `https://admin:\${${ca.registrar.secretEnv}}@127.0.0.1:${ca.port}`,
                    '--caname',
                    caName,
                    '--tls.certfiles',
                    rooted(caTrustFile(ca)),
                    '--mspdir',
                    rooted(registrarMsp(caName)),
                ],
            ),
        })),
        mspAssembly: [
            { copy: `${org.ca.homeDir}/ca-cert.pem`, to: `${org.mspDir}/cacerts/ca.pem` },
            { copy: `${org.ca.homeDir}/tlsca/ca-cert.pem`, to: `${org.mspDir}/tlscacerts/tlsca.pem` },
            ...org.intermediates.map((ca) => ({
                copy: `${ca.homeDir}/ca-cert.pem`,
                to: `${org.mspDir}/intermediatecerts/${ca.caName}.pem`,
            })),
        ],
        identities: org.identities.map((identity) => ({
            enrollmentId: identity.enrollmentId,
            kind: identity.kind,
            type: identity.type,
            ca: identity.caName,
            secretEnv: identity.secretEnv,
            mspDir: identity.mspDir,
            tlsDir: identity.tlsDir,
            attributes: identity.attributes,
            steps: steps(org, identity),
        })),
    }));
    return jsonText({
        about: [
            'Registration and enrollment plan, generated by productivist; do not edit.',
            'Paths are relative to this folder; ${PRODUCTIVIST_ROOT} is its absolute path, ${NAME} the value of environment variable NAME.',
            'Per server: add the registrar (withBootstrapRegistrar) to each config, init, start, poll readiness, run registrarEnrollments.',
            'Then mspAssembly, then each identity: its steps with fabric-ca-client; rename-key renames the one key in a keystore.',
            'Attributes are registered with :ecert, so they are in the enrollment certificates.',
            'fabric-ca-client does not write NodeOU config.yaml files: they are generated next to each msp folder.',
        ],
        organizations,
    });
}
