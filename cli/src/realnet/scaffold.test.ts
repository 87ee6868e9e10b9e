// SPDX-License-Identifier: Apache-2.0
//
// A scaffolded contract on a real network (issue 14): a contract for a private channel written by
// `productivist scaffold contract` into a temporary folder, its own `npm install` and `npm test`
// (the embedded ledger), `network deploy <folder> --channel`, and the app `scaffold app` wrote,
// run as its own process: the buyer pays on the public channel with a reference and the private
// contract confirms it by a cross-channel read of productoken. A confirmation with a wrong amount,
// an unknown reference or a reference already consumed is refused, with its message, and the order
// is unchanged. The public-channel variant's own tests run beside it on the same installed packages.
//
// ONE network. Its set-up is `startScaffoldNetwork`: today one ecosystem holding the public channel
// (the public example, core contracts deployed by `network up`) and a private channel `supply` of
// Customer and Producer, whose peers are on both channels; swap it for `channel create` of an
// industrial example beside the public network (publicState and contractState then differ).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { withPrivateChannel } from '@productivist/channel-kit';
import { Wallet } from '@productivist/clients';
import { openNetworkLedger } from '@productivist/network';

import { runCli } from '../run.js';
import { repoText, startNetwork, withBatchTimeout, withPortBase } from './support.js';

jest.setTimeout(1_500_000);

/** Where the scaffolded contract runs: the public channel's network and the contract channel's network. */
interface ScaffoldNetwork {
    readonly publicState: string;
    readonly contractState: string;
    readonly channel: string;
    readonly stop: () => Promise<void>;
}

/** Brings up the network of `ecosystemFile` (the public channel and the private channel `supply`). */
async function startScaffoldNetwork(ecosystemFile: string): Promise<ScaffoldNetwork> {
    const network = await startNetwork(
        'scaffold',
        (base) => withPortBase(readFileSync(ecosystemFile, 'utf8'), base),
        40,
    );
    return { publicState: network.state, contractState: network.state, channel: 'supply', stop: network.stop };
}

/** The ecosystem the contract is scaffolded into: the public example plus the private channel. */
function scaffoldEcosystem(): string {
    return withPrivateChannel(withBatchTimeout(repoText('examples', 'productivist.yaml'), '500ms'), 'supply', [
        'Customer',
        'Producer',
    ]);
}

interface Run {
    readonly code: number;
    readonly out: string;
    readonly err: string;
    readonly seconds: number;
}

/** Runs a program in its own process (npm, node), with a deadline. */
function run(file: string, args: readonly string[], cwd: string, timeoutMs = 600_000): Promise<Run> {
    const started = Date.now();
    return new Promise((resolve) => {
        execFile(
            file,
            [...args],
            { cwd, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, env: { ...process.env } },
            (error, stdout, stderr) => {
                const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
                resolve({ code, out: stdout, err: stderr, seconds: (Date.now() - started) / 1000 });
            },
        );
    });
}

const npm = (args: readonly string[], cwd: string): Promise<Run> =>
    run('npm', [...args, '--prefer-offline', '--no-audit', '--no-fund'], cwd);

describe('a scaffolded contract on a real network: pay on public, prove on private', () => {
    const root = mkdtempSync(join(tmpdir(), 'productivist-scaffold-'));
    const ecosystem = join(root, 'ecosystem.yaml');
    const contractDir = join(root, 'orders');
    const appDir = join(root, 'orders-app');
    let network: ScaffoldNetwork | undefined;
    const timings: string[] = [];
    const cli = async (...argv: string[]): Promise<{ code: number; out: string; err: string }> => {
        const out: string[] = [];
        const err: string[] = [];
        const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t), cwd: root });
        return { code, out: out.join('\n'), err: err.join('\n') };
    };
    const running = (): ScaffoldNetwork => {
        if (network === undefined) throw new Error('the network did not come up');
        return network;
    };
    /** The app's command, as its own process; its JSON output parsed when it succeeds. */
    const app = async (...args: string[]): Promise<Run & { json: unknown }> => {
        const result = await run(
            process.execPath,
            [
                // The gateway's TLS options print a Node deprecation warning (a server name that is an IP address).
                '--no-deprecation',
                join(appDir, 'dist', 'main.js'),
                ...args,
                '--network',
                running().publicState,
                '--contract-network',
                running().contractState,
            ],
            appDir,
            180_000,
        );
        return { ...result, json: result.code === 0 ? (JSON.parse(result.out) as unknown) : undefined };
    };

    beforeAll(async () => {
        writeFileSync(ecosystem, scaffoldEcosystem());
        // The contract and the app are scaffolded before the network is generated (the ecosystem gains the chaincode).
        const contract = await cli('scaffold', 'contract', 'orders', '--ecosystem', ecosystem, '--channel', 'supply');
        expect(contract.err).toBe('');
        expect(contract.code).toBe(0);
        const made = await cli('scaffold', 'app', 'orders-app', '--contract', contractDir);
        expect(made.code).toBe(0);
        const started = Date.now();
        // The network comes up while the projects install (their packages come from the npm cache).
        const [up, installed] = await Promise.allSettled([
            startScaffoldNetwork(ecosystem),
            Promise.all([npm(['install'], contractDir), npm(['install'], appDir)]),
        ]);
        if (up.status === 'fulfilled') network = up.value;
        else throw up.reason;
        if (installed.status === 'rejected') throw installed.reason;
        for (const [name, result] of [
            ['orders', installed.value[0]],
            ['orders-app', installed.value[1]],
        ] as const) {
            if (result.code !== 0) throw new Error(`npm install in ${name} failed:\n${result.err}`);
            timings.push(`npm install ${name}: ${result.seconds.toFixed(0)} s`);
        }
        timings.push(`network up and installs: ${((Date.now() - started) / 1000).toFixed(0)} s`);
        // alice has tokens to pay with.
        const ledger = openNetworkLedger({ state: running().publicState, channel: 'productivist' });
        try {
            await new Wallet(ledger, 'treasury').mint('alice', '100000', 'scaffold-fund-alice');
        } finally {
            ledger.close();
        }
    }, 1_500_000);

    afterAll(async () => {
        process.stdout.write(`scaffold real-network timings: ${timings.join('; ')}\n`);
        try {
            await network?.stop();
        } finally {
            rmSync(root, { recursive: true, force: true });
        }
    });

    it("passes its own npm test (the embedded ledger), and so does the public-channel variant's", async () => {
        const own = await npm(['test'], contractDir);
        timings.push(`npm test orders: ${own.seconds.toFixed(0)} s`);
        expect(own.out + own.err).toMatch(/Tests: +6 passed, 6 total/);
        expect(own.code).toBe(0);
        // The public-channel variant, scaffolded into a copy of the ecosystem, on the same packages.
        writeFileSync(join(root, 'public.yaml'), scaffoldEcosystem());
        const market = await cli(
            'scaffold',
            'contract',
            'market',
            '--ecosystem',
            join(root, 'public.yaml'),
            '--channel',
            'productivist',
        );
        expect(market.code).toBe(0);
        symlinkSync(join(contractDir, 'node_modules'), join(root, 'market', 'node_modules'));
        const variant = await npm(['test'], join(root, 'market'));
        expect(variant.out + variant.err).toMatch(/Tests: +4 passed, 4 total/);
        expect(variant.code).toBe(0);
    });

    it('deploys to the private channel; the app pays on public and the private contract confirms', async () => {
        // Given the contract built and deployed on supply, and the app built
        expect((await npm(['run', 'build'], contractDir)).code).toBe(0);
        const built = await npm(['run', 'build'], appDir);
        expect(built.err).not.toContain('error');
        expect(built.code).toBe(0);
        const deployed = await cli(
            'network',
            'deploy',
            contractDir,
            '--channel',
            'supply',
            '--network',
            running().contractState,
        );
        expect(deployed.err).toBe('');
        expect(deployed.out).toMatch(/orders on supply: version 1\.0, sequence 1 committed/);
        const before = (await app('balance', '--as', 'printlab')).json as { available: string };
        // When the app runs the example flow
        const flow = await app(
            'flow',
            '--id',
            'o-1',
            '--buyer',
            'alice',
            '--seller',
            'printlab',
            '--price',
            '500',
            '--reference',
            'pay-o-1',
        );
        // Then the order went open → paid (by the transfer pay-o-1) → done, and printlab got 500
        expect(flow.err).toBe('');
        expect(flow.code).toBe(0);
        expect(flow.json).toMatchObject({
            created: { id: 'o-1', buyer: 'alice', seller: 'printlab', price: '500', state: 'open' },
            paid: { state: 'paid', reference: 'pay-o-1' },
            completed: { state: 'done' },
        });
        const after = (await app('balance', '--as', 'printlab')).json as { available: string };
        expect(BigInt(after.available) - BigInt(before.available)).toBe(500n);
    });

    it.each([
        {
            case: 'a wrong amount',
            pay: ['--amount', '400', '--reference', 'pay-o-2'],
            reference: 'pay-o-2',
            message:
                "PAYMENT_MISMATCH: transfer 'pay-o-2' of 'alice' does not pay order 'o-2': amount 400 (expected 500)",
        },
        {
            case: 'an unknown reference',
            pay: undefined,
            reference: 'never-paid',
            message:
                "NOT_FOUND: proving order 'o-2': productoken on 'productivist' says: no transfer by 'alice' with reference 'never-paid'",
        },
        {
            case: 'a reference already consumed',
            pay: undefined,
            reference: 'pay-o-1',
            message: "CONFLICT: reference 'pay-o-1' of 'alice' was already claimed by order 'o-1'",
        },
    ])('refuses a confirmation with $case, and the order stays as it was', async ({ pay, reference, message }) => {
        // Given the open order o-2 of alice to printlab for 500 (and, maybe, a payment that does not match it)
        if ((await app('show', '--id', 'o-2', '--as', 'alice')).code !== 0) {
            expect(
                (await app('create', '--id', 'o-2', '--buyer', 'alice', '--seller', 'printlab', '--price', '500')).code,
            ).toBe(0);
        }
        if (pay !== undefined) {
            const paid = await app('pay', '--buyer', 'alice', '--seller', 'printlab', ...pay);
            expect(paid.err).toBe('');
        }
        const before = await app('show', '--id', 'o-2', '--as', 'printlab');
        expect(before.json).toMatchObject({ state: 'open' });
        // When printlab confirms it with the reference
        const confirm = await app('confirm', '--id', 'o-2', '--as', 'printlab', '--reference', reference);
        // Then it is refused with the contract's message, and neither o-2 nor o-1 changed
        expect(confirm.code).toBe(1);
        expect(confirm.err).toContain(`orders.ConfirmPayment refused: ${message}`);
        expect((await app('show', '--id', 'o-2', '--as', 'printlab')).json).toEqual(before.json);
        expect((await app('show', '--id', 'o-1', '--as', 'printlab')).json).toMatchObject({ state: 'done' });
    });
});
