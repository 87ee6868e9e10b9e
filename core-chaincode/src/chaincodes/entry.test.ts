// SPDX-License-Identifier: Apache-2.0
//
// What a peer loads: each chaincode entry module, compiled, in a fresh node process. It must export
// its contracts and bring no tooling with it (no CLI, YAML, templates, process runner or ledger).
import { spawn, spawnSync } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const chaincodes = ['productoken', 'modelcert', 'prodcontrol', 'qualitycheck'] as const;
const tooling = ['commander', 'yaml', 'handlebars', 'execa'];
const kitPackages = ['ledger', 'ledger-api', 'clients', 'channel-kit', 'network', 'cli', 'templates'];

interface Loaded {
    readonly contracts: string[];
    readonly modules: string[];
}

function load(entry: string): Loaded {
    const script = `
        const entry = require(${JSON.stringify(entry)});
        const modules = Object.keys(require.cache).map((file) => require('node:fs').realpathSync(file));
        process.stdout.write(JSON.stringify({ contracts: entry.contracts.map((c) => c.name), modules }));`;
    const run = spawnSync(process.execPath, ['-e', script], {
        encoding: 'utf8',
        env: { ...process.env, CORE_CHAINCODE_LOGGING_LEVEL: 'CRITICAL' },
    });
    if (run.status !== 0) throw new Error(`loading ${entry} failed: ${run.stderr}`);
    return JSON.parse(run.stdout) as Loaded;
}

describe('chaincode entry modules', () => {
    const root = join(__dirname, '..', '..', '..');
    const dist = join(root, 'core-chaincode', 'dist', 'chaincodes');

    beforeAll(() => {
        if (!existsSync(join(dist, 'productoken.js'))) {
            throw new Error(`${dist} is not built; run 'npm run build' (npm test builds before testing)`);
        }
    });

    it.each(chaincodes)('%s exports its contract and loads no tooling package', (name) => {
        const { contracts, modules } = load(join(dist, `${name}.js`));
        expect(contracts).toEqual([`${name[0]?.toUpperCase() ?? ''}${name.slice(1)}Contract`]);
        const packages = new Set(
            modules.map((file) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file)?.[1]).filter(Boolean),
        );
        for (const name of tooling) expect(packages).not.toContain(name);
        const kit = modules
            .map((file) => file.slice(root.length + 1).split('/')[0] ?? '')
            .filter((folder) => kitPackages.includes(folder));
        expect([...new Set(kit)]).toEqual([]);
        // What it does load of ours: the contracts and the key-level policy code only.
        const policies = modules.filter((file) => file.startsWith(join(root, 'policies')));
        const loadedPolicies = policies.map((file) => file.slice(join(root, 'policies', 'dist').length + 1));
        for (const file of ['cli.js', 'corePolicies.js', 'index.js']) expect(loadedPolicies).not.toContain(file);
        if (name === 'modelcert') expect(loadedPolicies).toContain('keyLevel.js');
    });

    it('starts as a chaincode server (CCaaS) when run directly, and says what is missing', async () => {
        const entry = join(dist, 'productoken.js');
        const missing = spawnSync(process.execPath, [entry], {
            encoding: 'utf8',
            env: { ...process.env, CHAINCODE_ID: '', CHAINCODE_SERVER_ADDRESS: '' },
        });
        expect(missing.status).toBe(1);
        expect(missing.stderr).toContain('productoken chaincode: CHAINCODE_ID is not set');
        // A free port, then the server on it: it accepts a TCP connection (the peer dials it over gRPC).
        const port = await new Promise<number>((resolve) => {
            const probe = createServer().listen(0, '127.0.0.1', () => {
                const address = probe.address();
                probe.close(() => {
                    resolve(typeof address === 'object' && address !== null ? address.port : 0);
                });
            });
        });
        const server = spawn(process.execPath, [entry], {
            stdio: 'ignore',
            env: {
                ...process.env,
                CHAINCODE_ID: 'productoken_1.0:0000',
                CHAINCODE_SERVER_ADDRESS: `127.0.0.1:${port}`,
                CORE_CHAINCODE_LOGGING_LEVEL: 'CRITICAL',
            },
        });
        try {
            const deadline = Date.now() + 20_000;
            for (;;) {
                const listening = await new Promise<boolean>((resolve) => {
                    const socket = connect(port, '127.0.0.1', () => {
                        socket.destroy();
                        resolve(true);
                    }).on('error', () => {
                        resolve(false);
                    });
                });
                if (listening) break;
                if (server.exitCode !== null || Date.now() > deadline)
                    throw new Error('the chaincode server did not listen');
                await new Promise((resolve) => setTimeout(resolve, 100));
            }
        } finally {
            server.kill('SIGTERM');
        }
    }, 30_000);
});
