// SPDX-License-Identifier: Apache-2.0
//
// The generated Fabric CA configs and enrollment plan, run against the real pinned fabric-ca-server
// and fabric-ca-client (installed by `npm test` through scripts/install-fabric.sh ca).
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { isPortFree, requireBinary, runBinary, withBootstrapRegistrar } from '@productivist/network';

import { testPublicNetwork } from '../fixtures.js';
import { buildTree } from '../generate.js';
import { writeTree } from '../write/writeTree.js';

const examples = join(__dirname, '..', '..', '..', 'examples');
const registrarSecret = 'registrar-pw';

interface PlanStep {
    readonly action: string;
    readonly args?: readonly string[];
    readonly from?: string;
    readonly to?: string;
}
interface PlanIdentity {
    readonly enrollmentId: string;
    readonly secretEnv: string;
    readonly mspDir: string;
    readonly tlsDir?: string;
    readonly steps: readonly PlanStep[];
}
interface PlanServer {
    readonly id: string;
    readonly home: string;
    readonly configs: readonly string[];
    readonly registrar: { readonly secretEnv: string };
    readonly parentSecretEnv?: string;
    readonly init: readonly string[];
    readonly start: readonly string[];
    readonly readiness: string;
    readonly registrarEnrollments: readonly (readonly string[])[];
}
interface Plan {
    readonly organizations: readonly {
        readonly organization: string;
        readonly servers: readonly PlanServer[];
        readonly mspAssembly: readonly { readonly copy: string; readonly to: string }[];
        readonly identities: readonly PlanIdentity[];
    }[];
}

/** `${NAME}` → a secret derived from NAME (the registrars' secrets are fixed). */
function substitute(text: string, tree: string, registrars: ReadonlySet<string>): string {
    return text.replace(/\$\{([A-Z0-9_]+)\}/g, (_match, name: string) =>
        name === 'PRODUCTIVIST_ROOT'
            ? tree
            : registrars.has(name)
              ? registrarSecret
              : `pw-${name.toLowerCase().slice(-12)}`,
    );
}

function generate(example: string, portBase?: number): string {
    const file = join(examples, `${example}.yaml`);
    let text = readFileSync(file, 'utf8');
    if (portBase !== undefined) {
        text = text
            .replace(/^ports:\n +base: \d+$/m, '')
            .replace(/^version: 1$/m, `version: 1\nports:\n  base: ${portBase}`);
    }
    const out = join(mkdtempSync(join(tmpdir(), `productivist-ca-${example}-`)), 'tree');
    writeTree(
        buildTree(text, { file: `${example}.yaml`, baseDir: examples, publicNetwork: testPublicNetwork }).tree,
        out,
    );
    return out;
}

async function waitForHealth(url: string, server: ChildProcess, deadlineMs: number): Promise<void> {
    const deadline = Date.now() + deadlineMs;
    for (;;) {
        if (server.exitCode !== null)
            throw new Error(`CA server exited with ${server.exitCode} before ${url} answered`);
        try {
            const response = await fetch(url);
            if (response.ok) return;
        } catch {
            // not listening yet
        }
        if (Date.now() > deadline) throw new Error(`${url} did not answer within ${deadlineMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
}

/** The attributes Fabric CA embeds in an enrollment certificate (extension 1.2.3.4.5.6.7.8.1, JSON). */
function certificateAttributes(pem: string): Record<string, string> {
    const raw = new X509Certificate(pem).raw.toString('latin1');
    const start = raw.indexOf('{"attrs":');
    if (start < 0) return {};
    let depth = 0;
    for (let i = start; i < raw.length; i++) {
        if (raw[i] === '{') depth++;
        if (raw[i] === '}' && --depth === 0) {
            return (JSON.parse(raw.slice(start, i + 1)) as { attrs: Record<string, string> }).attrs;
        }
    }
    return {};
}

async function freePortBase(): Promise<number> {
    for (let attempt = 0; attempt < 50; attempt++) {
        const base = 20000 + Math.floor(Math.random() * 20000);
        const ports = Array.from({ length: 8 }, (_, i) => base + i);
        if ((await Promise.all(ports.map(isPortFree))).every(Boolean)) return base;
    }
    throw new Error('no free port range found');
}

describe('generated Fabric CA configs with the real fabric-ca-server', () => {
    const server = requireBinary('fabric-ca-server');
    const client = requireBinary('fabric-ca-client');
    const trees: string[] = [];
    const processes: ChildProcess[] = [];

    afterAll(() => {
        for (const process of processes) process.kill('SIGKILL');
        for (const tree of trees) rmSync(dirname(tree), { recursive: true, force: true });
    });

    it.each(['productivist', 'acme-raft', 'aero-bft'])(
        'fabric-ca-server init succeeds with every root CA config of %s (the CA and its TLS CA)',
        async (example) => {
            const tree = generate(example);
            trees.push(tree);
            const plan = JSON.parse(readFileSync(join(tree, 'enrollment-plan.json'), 'utf8')) as Plan;
            const roots = plan.organizations.flatMap((org) =>
                org.servers.filter((ca) => ca.parentSecretEnv === undefined),
            );
            expect(roots.length).toBeGreaterThan(0);
            for (const ca of roots) {
                await runBinary(
                    server,
                    ca.init.map((arg) => substitute(arg, tree, new Set())),
                    { timeoutMs: 60_000 },
                );
                expect(new X509Certificate(readFileSync(join(tree, ca.home, 'ca-cert.pem'))).ca).toBe(true);
                expect(new X509Certificate(readFileSync(join(tree, ca.home, 'tlsca', 'ca-cert.pem'))).ca).toBe(true);
            }
        },
        120_000,
    );

    it('enrolls identities through started CAs (root, TLS and intermediate), with the declared attributes in their certificates', async () => {
        const tree = generate('acme-raft', await freePortBase());
        trees.push(tree);
        const plan = JSON.parse(readFileSync(join(tree, 'enrollment-plan.json'), 'utf8')) as Plan;
        const acme = plan.organizations.find((org) => org.organization === 'Acme')!;
        const registrars = new Set(acme.servers.map((ca) => ca.registrar.secretEnv));
        const env = { FABRIC_CA_CLIENT_HOME: join(dirname(tree), 'client-home') };
        // Given the Acme root server (CA + TLS CA) and its intermediate CA 'plant', started in order.
        for (const ca of acme.servers) {
            for (const config of ca.configs) {
                const path = join(tree, config);
                const parent = ca.parentSecretEnv === undefined ? undefined : registrarSecret;
                writeFileSync(
                    path,
                    withBootstrapRegistrar(
                        readFileSync(path, 'utf8'),
                        { enrollmentId: 'admin', secret: registrarSecret },
                        parent,
                    ),
                );
            }
            const child = spawn(
                server,
                ca.start.map((arg) => substitute(arg, tree, registrars)),
                { stdio: 'ignore' },
            );
            processes.push(child);
            await waitForHealth(ca.readiness, child, 30_000);
            for (const args of ca.registrarEnrollments) {
                await runBinary(
                    client,
                    args.map((arg) => substitute(arg, tree, registrars)),
                    { cwd: tree, env },
                );
            }
        }
        for (const step of acme.mspAssembly) cpSync(join(tree, step.copy), join(tree, step.to));
        // When the plan registers and enrolls two users (one naming the intermediate) and a peer.
        const run = async (enrollmentId: string): Promise<PlanIdentity> => {
            const identity = acme.identities.find((candidate) => candidate.enrollmentId === enrollmentId)!;
            for (const step of identity.steps) {
                if (step.action === 'rename-key') {
                    const keystore = join(tree, step.from!);
                    const [key] = readdirSync(keystore);
                    renameSync(join(keystore, key!), join(tree, step.to!));
                } else {
                    await runBinary(
                        client,
                        (step.args ?? []).map((arg) => substitute(arg, tree, registrars)),
                        { cwd: tree, env },
                    );
                }
            }
            return identity;
        };
        const buyer = await run('buyer@acme.example');
        const inspector = await run('inspector@acme.example');
        const peer = await run('peer0.acme.example');
        // Then each enrollment certificate carries the declared attributes and its NodeOU role.
        const cert = (identity: PlanIdentity, dir = identity.mspDir): string =>
            readFileSync(join(tree, dir, 'signcerts', 'cert.pem'), 'utf8');
        expect(certificateAttributes(cert(buyer))).toMatchObject({ 'productivist.member': 'buyer@acme.example' });
        expect(certificateAttributes(cert(inspector))).toMatchObject({
            'productivist.member': 'inspector@acme.example',
            plant: 'lyon',
        });
        expect(new X509Certificate(cert(buyer)).subject).toMatch(/OU=client/);
        expect(new X509Certificate(cert(peer)).subject).toMatch(/OU=peer/);
        // The inspector was enrolled by the intermediate CA, which the root CA signed.
        const root = new X509Certificate(readFileSync(join(tree, 'organizations/acme/msp/cacerts/ca.pem')));
        const plant = new X509Certificate(
            readFileSync(join(tree, 'organizations/acme/msp/intermediatecerts/ca-acme-plant.pem')),
        );
        expect(new X509Certificate(cert(inspector)).checkIssued(plant)).toBe(true);
        // Fabric's MSP takes only certificates issued by a leaf of its CA tree: with an intermediate, every identity comes from it.
        expect(new X509Certificate(cert(buyer)).checkIssued(plant)).toBe(true);
        expect(new X509Certificate(cert(peer)).checkIssued(plant)).toBe(true);
        expect(plant.verify(root.publicKey)).toBe(true);
        // The peer's TLS certificate comes from the TLS CA, names its host and 127.0.0.1, and its key has the planned name.
        const tls = new X509Certificate(cert(peer, peer.tlsDir));
        const tlsCa = new X509Certificate(readFileSync(join(tree, 'organizations/acme/msp/tlscacerts/tlsca.pem')));
        expect(tls.verify(tlsCa.publicKey)).toBe(true);
        expect(tls.subjectAltName).toContain('DNS:peer0.acme.example');
        expect(tls.subjectAltName).toContain('IP Address:127.0.0.1');
        expect(existsSync(join(tree, peer.tlsDir!, 'keystore', 'key.pem'))).toBe(true);
        // fabric-ca-client left the generated NodeOU config.yaml in place.
        expect(readFileSync(join(tree, buyer.mspDir, 'config.yaml'), 'utf8')).toContain(
            'OrganizationalUnitIdentifier: client',
        );
    }, 180_000);
});
