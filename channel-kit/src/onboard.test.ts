// SPDX-License-Identifier: Apache-2.0
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { catchError } from '@productivist/common';
import { parse } from 'yaml';

import type { ChannelKitError } from './errors.js';
import { EcosystemInvalidError } from './errors.js';
import { testPublicNetwork } from './fixtures.js';
import { generateEcosystem } from './generate.js';
import { addOrganizationToEcosystem, readOrganizationFile, regenerate, setChannelMember } from './onboard.js';

const examples = join(__dirname, '..', '..', 'examples');

interface ChannelsOf {
    channels: {
        collections: { members: string[] }[];
        chaincodes: { name: string; endorsement: { all: { any?: string[] }[] } }[];
    }[];
}

describe('onboarding files', () => {
    let dir = '';
    beforeEach(() => {
        dir = mkdtempSync(join(tmpdir(), 'productivist-onboard-unit-'));
    });
    afterEach(() => {
        rmSync(dir, { recursive: true, force: true });
    });

    it('reads an organization file in the organization form', () => {
        const draft = readOrganizationFile(join(examples, 'onboarding', 'northlab.yaml'));
        expect(draft).toEqual({
            name: 'NorthLab',
            mspId: 'NorthLabMSP',
            mspIdAt: `${join(examples, 'onboarding', 'northlab.yaml')}:7:8`,
            kind: 'local',
        });
    });

    it('reports schema problems of an organization file at its own lines and columns', () => {
        const file = join(dir, 'bad.yaml');
        writeFileSync(file, 'name: Bad\nmspId: BadMSP\ndomian: bad.example\nroles: [baker]\n');
        const error = catchError(() => readOrganizationFile(file)) as EcosystemInvalidError;
        expect(error).toBeInstanceOf(EcosystemInvalidError);
        expect(error.problems.map((problem) => `${problem.line}:${problem.column} ${problem.message}`)).toEqual([
            "1:1 the file has no 'domain'",
            "3:1 the file has an unknown key 'domian'",
            '4:9 roles[0] is \'baker\', expected one of "customer", "designer", "producer", "expert", "treasury"',
        ]);
    });

    it('adds an organization to an ecosystem, then to a channel, and regenerates without moving a port', () => {
        const ecosystem = join(dir, 'productivist.yaml');
        writeFileSync(ecosystem, readFileSync(join(examples, 'productivist.yaml'), 'utf8'));
        const tree = join(dir, 'tree');
        generateEcosystem({ path: ecosystem, display: ecosystem, outDir: tree });
        const before = JSON.parse(readFileSync(join(tree, 'productivist.lock.json'), 'utf8')) as {
            ports: Record<string, number>;
        };
        const added = join(dir, 'added.yaml');
        addOrganizationToEcosystem(ecosystem, examples, join(examples, 'onboarding', 'northlab.yaml'), added);
        const member = join(dir, 'member.yaml');
        setChannelMember(added, examples, 'productivist', 'NorthLab', true, member);
        expect(readFileSync(member, 'utf8')).toMatch(/members: \[[^\]]*NorthLab/);
        // NorthLab is a producer: it joins the alternatives and the collection that name Producer.
        const channel = (parse(readFileSync(member, 'utf8')) as ChannelsOf).channels[0];
        const any = (name: string): unknown =>
            channel?.chaincodes.find((chaincode) => chaincode.name === name)?.endorsement.all[1]?.any;
        expect(any('productoken')).toEqual(['Customer', 'Designer', 'Producer', 'Expert', 'NorthLab']);
        expect(any('prodcontrol')).toEqual(['Customer', 'Producer', 'NorthLab']);
        expect(any('modelcert')).toEqual(['Designer', 'Expert']);
        expect(channel?.collections[0]?.members).toEqual(['Customer', 'Producer', 'NorthLab']);
        regenerate(member, examples, tree);
        const after = JSON.parse(readFileSync(join(tree, 'productivist.lock.json'), 'utf8')) as {
            ports: Record<string, number>;
        };
        for (const [key, port] of Object.entries(before.ports)) expect(after.ports[key]).toBe(port);
        expect(Object.keys(after.ports).some((key) => key.includes('northlab'))).toBe(true);
        const start = readFileSync(join(tree, 'start-plan.json'), 'utf8');
        expect(start).toContain('peer0.northlab');
        // And out again: the channel's members as before.
        const removed = join(dir, 'removed.yaml');
        setChannelMember(member, examples, 'productivist', 'NorthLab', false, removed);
        expect(readFileSync(removed, 'utf8')).not.toMatch(/NorthLab\b(?!MSP)[^\n]*\]/);
        expect((parse(readFileSync(removed, 'utf8')) as ChannelsOf).channels[0]?.collections[0]?.members).toEqual([
            'Customer',
            'Producer',
        ]);
    });

    it('refuses an organization whose name is taken, writing nothing', () => {
        const ecosystem = join(dir, 'productivist.yaml');
        writeFileSync(ecosystem, readFileSync(join(examples, 'productivist.yaml'), 'utf8'));
        const file = join(dir, 'producer.yaml');
        writeFileSync(file, 'name: Producer\nmspId: OtherMSP\ndomain: other.example\n');
        const out = join(dir, 'out.yaml');
        expect(() => {
            addOrganizationToEcosystem(ecosystem, examples, file, out);
        }).toThrow(EcosystemInvalidError);
        expect(() => readFileSync(out)).toThrow(/ENOENT/);
    });

    it('reads a published bundle as an organization run elsewhere, and refuses one without its certificates', () => {
        const tree = join(dir, 'acme');
        generateEcosystem({
            path: join(examples, 'acme-raft.yaml'),
            display: 'acme-raft.yaml',
            outDir: tree,
            publicNetwork: testPublicNetwork,
        });
        const bundle = join(tree, 'bundles', 'castco', 'bundle.json');
        const error = catchError(() => readOrganizationFile(bundle)) as ChannelKitError;
        expect(error.code).toBe('BUNDLE_INVALID');
        expect(error.message).toMatch(/its published cacerts\/ca\.pem is not in .* \(enroll the organization first\)/);
        // Once enrolled (the published certificates exist), it is the importedOrganization form.
        for (const [sub, pem] of [
            ['cacerts/ca.pem', 'ca'],
            ['tlscacerts/tlsca.pem', 'tlsca'],
        ] as const) {
            mkdirSync(join(tree, 'organizations', 'castco', 'msp', sub, '..'), { recursive: true });
            writeFileSync(join(tree, 'organizations', 'castco', 'msp', sub), pem);
        }
        expect(readOrganizationFile(bundle)).toMatchObject({ name: 'CastCo', mspId: 'CastCoMSP', kind: 'imported' });
    });
});
