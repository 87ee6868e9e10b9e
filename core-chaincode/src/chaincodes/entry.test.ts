// SPDX-License-Identifier: Apache-2.0
//
// What a peer loads: each chaincode entry module, compiled, in a fresh node process. It must export
// its contracts and bring no tooling with it (no CLI, YAML, templates, process runner or ledger).
import { spawnSync } from 'node:child_process';
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
});
