// SPDX-License-Identifier: Apache-2.0
//
// The contracts' caller code on identities a real Fabric CA issued (the pinned fabric-ca-server and
// fabric-ca-client that `npm test` installs), and the embedded ledger's identities compared with
// them. Fabric CA writes the node OU and the affiliation as one multi-valued name entry.
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { EmbeddedNetwork } from '@productivist/ledger';
import { isPortFree, requireBinary, runBinary } from '@productivist/network';
import type { Context } from 'fabric-contract-api';
import { ClientIdentity } from 'fabric-shim';

import type { Caller, Role } from './caller.js';
import {
    deviceAttribute,
    memberAttribute,
    nodeOuOfSubject,
    organizationalUnits,
    requireMember,
    requireProductivistAdmin,
    requireTreasury,
    resolveCaller,
    treasuryAttribute,
} from './caller.js';

const registry: Record<string, readonly Role[]> = { ProductivistMSP: ['treasury'], ProducerMSP: ['producer'] };
const trusted = ['ProductivistMSP', 'ProducerMSP'];

/** The caller the contracts resolve for a certificate, through fabric-shim's own ClientIdentity. */
function callerOf(mspid: string, certificatePem: string): Caller {
    const stub = {
        getChannelID: () => 'productivist',
        getTxID: () => 'tx',
        getCreator: () => ({ mspid, idBytes: Buffer.from(certificatePem) }),
    };
    const ctx = { clientIdentity: new ClientIdentity(stub as never) } as unknown as Context;
    return resolveCaller(ctx, trusted, registry);
}

/** The certificate's subject with the enrollment id left out, to compare shapes. */
function shape(certificatePem: string): string {
    return new X509Certificate(certificatePem).subject.replace(/\nCN=.*$/, '\nCN=<id>');
}

/** Fabric CA's attribute extension (1.2.3.4.5.6.7.8.1, JSON). */
function attributeNames(certificatePem: string): string[] {
    const raw = new X509Certificate(certificatePem).raw.toString('latin1');
    const start = raw.indexOf('{"attrs":');
    const end = raw.indexOf('}}', start);
    return Object.keys((JSON.parse(raw.slice(start, end + 2)) as { attrs: Record<string, string> }).attrs).sort();
}

describe('organizationalUnits', () => {
    it.each([
        [
            'Fabric CA, node OU and affiliation in one entry',
            'C=US\nO=Hyperledger\nOU=admin + OU=productivist\nCN=a',
            ['admin', 'productivist'],
            'admin',
        ],
        [
            'Fabric CA, nested affiliation',
            'OU=client + OU=org1 + OU=department1\nCN=u',
            ['client', 'org1', 'department1'],
            'client',
        ],
        ['Fabric CA, no affiliation', 'C=US\nOU=peer\nCN=peer0', ['peer'], 'peer'],
        ['affiliation first', 'OU=productivist + OU=admin\nCN=a', ['productivist', 'admin'], 'admin'],
        [
            'cryptogen, one OU per line',
            'C=US\nL=San Francisco\nOU=admin\nCN=Admin@org1.example.com',
            ['admin'],
            'admin',
        ],
        [
            'CSR names with an extra OU line',
            'OU=Fabric\nOU=client + OU=customer\nCN=u',
            ['Fabric', 'client', 'customer'],
            'client',
        ],
        ['written without spaces', 'OU=orderer+OU=productivist\nCN=o', ['orderer', 'productivist'], 'orderer'],
        ['an escaped plus inside a value', 'OU=a\\+b + OU=client\nCN=u', ['a+b', 'client'], 'client'],
        ['a quoted value', 'OU="x, y" + OU=client\nCN=u', ['x, y', 'client'], 'client'],
        ['two node OUs: not a valid identity', 'OU=admin + OU=client\nCN=u', ['admin', 'client'], 'unknown'],
        ['an OU that only contains a node type', 'OU=administrators\nCN=u', ['administrators'], 'unknown'],
    ])('%s', (_name, subject, units, nodeOu) => {
        expect(organizationalUnits(subject)).toEqual(units);
        expect(nodeOuOfSubject(subject)).toBe(nodeOu);
    });
});

describe('identities enrolled through a real Fabric CA', () => {
    let dir: string;
    let server: ChildProcess | undefined;
    const certificates = new Map<string, string>();

    beforeAll(async () => {
        const caServer = requireBinary('fabric-ca-server');
        const caClient = requireBinary('fabric-ca-client');
        dir = mkdtempSync(join(tmpdir(), 'productivist-caller-ca-'));
        let port = 0;
        for (let attempt = 0; attempt < 50 && port === 0; attempt++) {
            const candidate = 20000 + Math.floor(Math.random() * 20000);
            if ((await isPortFree(candidate)) && (await isPortFree(candidate + 1))) port = candidate;
        }
        const home = join(dir, 'server');
        const listen = ['--port', String(port), '--address', '127.0.0.1'];
        const operations = ['--operations.listenaddress', `127.0.0.1:${port + 1}`];
        await runBinary(caServer, ['init', '-b', 'registrar:registrar-pw', '--home', home, ...listen, ...operations], {
            timeoutMs: 60_000,
        });
        server = spawn(caServer, ['start', '-b', 'registrar:registrar-pw', '--home', home, ...listen, ...operations], {
            stdio: 'ignore',
        });
        const deadline = Date.now() + 30_000;
        for (;;) {
            const ok = await fetch(`http://127.0.0.1:${port + 1}/healthz`).then(
                (response) => response.ok,
                () => false,
            );
            if (ok) break;
            if (server.exitCode !== null || Date.now() > deadline) throw new Error('fabric-ca-server did not start');
            await new Promise((resolve) => setTimeout(resolve, 100));
        }
        const url = (user: string, secret: string): string => `http://${user}:${secret}@127.0.0.1:${port}`;
        const registrarHome = join(dir, 'registrar');
        const asRegistrar = async (args: string[]): Promise<void> => {
            await runBinary(caClient, [...args, '--home', registrarHome, '-u', `http://127.0.0.1:${port}`], {
                timeoutMs: 30_000,
            });
        };
        await runBinary(caClient, ['enroll', '--home', registrarHome, '-u', url('registrar', 'registrar-pw')], {
            timeoutMs: 30_000,
        });
        await asRegistrar(['affiliation', 'add', 'productivist']);
        const identities: [string, string, string][] = [
            ['padmin', 'admin', ''],
            ['treasury', 'client', `${memberAttribute}=productivist:ecert,${treasuryAttribute}=true:ecert`],
            ['printlab', 'client', `${memberAttribute}=printlab:ecert`],
            ['printer', 'client', `${deviceAttribute}=printlab:ecert`],
            ['peer0', 'peer', ''],
        ];
        for (const [name, type, attrs] of identities) {
            await asRegistrar([
                'register',
                '--id.name',
                name,
                '--id.secret',
                `${name}-pw`,
                '--id.type',
                type,
                '--id.affiliation',
                'productivist',
                ...(attrs === '' ? [] : ['--id.attrs', attrs]),
            ]);
            const identityHome = join(dir, name);
            await runBinary(caClient, ['enroll', '--home', identityHome, '-u', url(name, `${name}-pw`)], {
                timeoutMs: 30_000,
            });
            certificates.set(name, readFileSync(join(identityHome, 'msp', 'signcerts', 'cert.pem'), 'utf8'));
        }
    }, 120_000);

    afterAll(() => {
        server?.kill('SIGKILL');
        rmSync(dir, { recursive: true, force: true });
    });

    const certificate = (name: string): string => certificates.get(name) ?? '';

    it('writes the node OU and the affiliation as one multi-valued entry', () => {
        expect(new X509Certificate(certificate('padmin')).subject).toMatch(/^OU=admin \+ OU=productivist$/m);
    });

    it('lets the Productivist admin initialize', () => {
        const admin = callerOf('ProductivistMSP', certificate('padmin'));
        expect(admin).toMatchObject({ nodeOu: 'admin', productivistAdmin: true, account: undefined });
        expect(() => {
            requireProductivistAdmin(admin, 'initialize productoken');
        }).not.toThrow();
    });

    it('resolves clients with member, treasury and device attributes, and a peer', () => {
        const treasury = callerOf('ProductivistMSP', certificate('treasury'));
        expect(treasury).toMatchObject({ nodeOu: 'client', account: 'productivist', treasury: true });
        expect(requireTreasury(treasury, 'mint')).toBe('productivist');
        const producer = callerOf('ProducerMSP', certificate('printlab'));
        expect(producer).toMatchObject({ nodeOu: 'client', account: 'printlab', roles: ['producer'] });
        expect(requireMember(producer, 'pay')).toBe('printlab');
        expect(callerOf('ProducerMSP', certificate('printer'))).toMatchObject({
            nodeOu: 'client',
            deviceOf: 'printlab',
        });
        expect(callerOf('ProductivistMSP', certificate('peer0'))).toMatchObject({
            nodeOu: 'peer',
            productivistAdmin: false,
        });
    });

    it('is what the embedded ledger issues: same subject shape and the same attribute names', async () => {
        const network = await EmbeddedNetwork.create({ organizations: [{ mspId: 'ProductivistMSP' }] });
        await network.addMember('padmin', { mspId: 'ProductivistMSP', role: 'admin' });
        await network.addMember('treasury', {
            mspId: 'ProductivistMSP',
            attributes: { [memberAttribute]: 'productivist', [treasuryAttribute]: 'true' },
        });
        for (const name of ['padmin', 'treasury']) {
            expect(shape(network.certificateOf(name))).toBe(shape(certificate(name)));
            expect(attributeNames(network.certificateOf(name))).toEqual(attributeNames(certificate(name)));
            expect(callerOf('ProductivistMSP', network.certificateOf(name))).toEqual(
                callerOf('ProductivistMSP', certificate(name)),
            );
        }
    });
});
