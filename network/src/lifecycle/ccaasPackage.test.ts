// SPDX-License-Identifier: Apache-2.0
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { runBinary } from '../exec.js';
import { ccaasPackage, packageIdOf } from './ccaasPackage.js';

const options = {
    label: 'productoken_0123456789ab',
    address: '127.0.0.1:7084',
    rootCertPem: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
    codeDigest: 'a'.repeat(64),
};

describe('the chaincode-as-a-service package', () => {
    let dir = '';
    beforeEach(() => {
        dir = mkdtempSync(join(tmpdir(), 'productivist-ccaas-'));
    });
    afterEach(() => {
        rmSync(dir, { recursive: true, force: true });
    });

    it('is byte-identical for the same input, and its id is label:sha256(bytes)', () => {
        const one = ccaasPackage(options);
        const two = ccaasPackage({ ...options });
        expect(two.bytes.equals(one.bytes)).toBe(true);
        expect(one.packageId).toBe(`${options.label}:${createHash('sha256').update(one.bytes).digest('hex')}`);
        expect(packageIdOf(options.label, one.bytes)).toBe(one.packageId);
    });

    it.each([
        ['code digest', { codeDigest: 'b'.repeat(64) }],
        ['address', { address: '127.0.0.1:7085' }],
        ['TLS root', { rootCertPem: options.rootCertPem.replace('MIIB', 'MIIC') }],
    ])('another %s is another package id', (_what, change) => {
        expect(ccaasPackage({ ...options, ...change }).packageId).not.toBe(ccaasPackage(options).packageId);
    });

    it('holds metadata.json and code.tar.gz with connection.json (TLS on) and source.json, as tar reads them', async () => {
        const file = join(dir, 'package.tar.gz');
        writeFileSync(file, ccaasPackage(options).bytes);
        expect((await runBinary('tar', ['-tzvf', file])).stdout).toMatch(/^-rw-r--r-- 0\/0 .* metadata\.json$/m);
        await runBinary('tar', ['-xzf', file, '-C', dir]);
        expect(JSON.parse(readFileSync(join(dir, 'metadata.json'), 'utf8'))).toEqual({
            type: 'ccaas',
            label: options.label,
        });
        await runBinary('tar', ['-xzf', join(dir, 'code.tar.gz'), '-C', dir]);
        expect(JSON.parse(readFileSync(join(dir, 'connection.json'), 'utf8'))).toEqual({
            address: '127.0.0.1:7084',
            dial_timeout: '10s',
            tls_required: true,
            client_auth_required: false,
            root_cert: options.rootCertPem,
        });
        expect(JSON.parse(readFileSync(join(dir, 'source.json'), 'utf8'))).toEqual({ codeDigest: options.codeDigest });
    });

    it('refuses a label Fabric would refuse', () => {
        expect(() => ccaasPackage({ ...options, label: 'bad label' })).toThrow(
            "chaincode package label 'bad label' must match",
        );
    });
});
