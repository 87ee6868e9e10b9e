// SPDX-License-Identifier: Apache-2.0
//
// Support of the real-Docker tests: each test file starts its own dockerd (own data dir, exec dir
// and socket under os.tmpdir()), stops it by pid in afterAll, and generates its trees through the
// CLI as a separate process (this package never imports the generator).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type Docker from 'dockerode';
import execa from 'execa';

import { connectEngine, startEngine, stopEngine } from '../docker/engine.js';
import type { GatewayLedger } from '../gateway/GatewayLedger.js';
import { runBinary } from '../exec.js';

/** One test file's engine. */
export interface TestEngine {
    readonly root: string;
    readonly socket: string;
    readonly pid: number | undefined;
    readonly docker: Docker;
}

/** Starts a dockerd of this test file's own (dockerd must be installed: CI's steps install it). */
export async function startTestEngine(name: string): Promise<TestEngine> {
    const root = mkdtempSync(join(tmpdir(), `pd-${name}-`));
    const started = await startEngine(root);
    return { root, socket: started.socket, pid: started.pid, docker: await connectEngine(started.socket) };
}

/** Stops the test file's engine by its pid and removes its folders. */
export async function stopTestEngine(engine: TestEngine | undefined): Promise<void> {
    if (engine === undefined) return;
    try {
        await stopEngine(engine.root);
    } finally {
        rmSync(engine.root, { recursive: true, force: true });
    }
}

const repo = join(__dirname, '..', '..', '..');

/** Generates the tree of ecosystem text (its ports.base replaced by `base`) with the CLI; returns the tree. */
export async function generateWithCli(text: string, base: number, name: string): Promise<string> {
    const dir = mkdtempSync(join(tmpdir(), `productivist-docker-${name}-`));
    const withBase = text
        .replace(/^ports:\n +base: \d+\n/m, '')
        .replace(/^version: 1$/m, `version: 1\nports:\n    base: ${base}`);
    const file = join(dir, `${name}.yaml`);
    writeFileSync(file, withBase);
    const out = join(dir, 'tree');
    await runBinary(process.execPath, [join(repo, 'cli', 'dist', 'main.js'), 'generate', file, '--out', out], {
        cwd: join(repo, 'examples'),
        timeoutMs: 120_000,
    });
    return out;
}

/** What one run of the CLI gave: its exit code and its two streams. */
export interface CliRun {
    readonly code: number;
    readonly out: string;
    readonly err: string;
}

/** Runs the built CLI (cli/dist/main.js) as a separate process in `cwd`; a non-zero exit is returned, not thrown. */
export async function runCliProcess(args: readonly string[], cwd: string, timeoutMs: number): Promise<CliRun> {
    const result = await execa(process.execPath, [join(repo, 'cli', 'dist', 'main.js'), ...args], {
        cwd,
        // The gateway client's one deprecation warning (a TLS server name that is an IP) is not the CLI's output.
        env: { NODE_OPTIONS: '--no-deprecation' },
        timeout: timeoutMs,
        killSignal: 'SIGKILL',
        reject: false,
    });
    if (result.timedOut) throw new Error(`productivist ${args.join(' ')} timed out after ${timeoutMs} ms`);
    return { code: result.exitCode, out: result.stdout, err: result.stderr };
}

/** The text of an example ecosystem. */
export function exampleText(name: string): string {
    return readFileSync(join(repo, 'examples', `${name}.yaml`), 'utf8');
}

/** The ledgers the members of a transfer use (one network's, or each organization's bundle's). */
export interface TransferLedgers {
    readonly treasury: GatewayLedger;
    readonly alice: GatewayLedger;
    readonly dana: GatewayLedger;
}

/**
 * A productoken transfer through the gateway: the treasury mints 1000 to alice, alice transfers 250
 * to dana naming the credits she spends; returns what dana's available balance gained.
 */
export async function transferAliceToDana(ledgers: TransferLedgers, request: string): Promise<bigint> {
    const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString();
    const balance = async (): Promise<bigint> =>
        BigInt(
            (
                JSON.parse(
                    text(
                        await ledgers.dana
                            .contract('dana', 'productoken')
                            .evaluate('BalanceOf', { arguments: ['dana'] }),
                    ),
                ) as { available: string }
            ).available,
        );
    await ledgers.treasury
        .contract('treasury', 'productoken')
        .submit('Mint', { arguments: ['alice', '1000', `${request}-mint`] });
    const before = await balance();
    // The minted amount is a credit of alice's: the transfer names the credits it spends.
    const credits = JSON.parse(
        text(
            await ledgers.alice
                .contract('alice', 'productoken')
                .evaluate('CreditsOf', { arguments: ['alice', '100', ''] }),
        ),
    ) as { items: { id: string }[] };
    await ledgers.alice.contract('alice', 'productoken').submit('Transfer', {
        arguments: ['dana', '250', '', `${request}-transfer`],
        transientData: { credits: JSON.stringify(credits.items.map((credit) => credit.id)) },
    });
    return (await balance()) - before;
}
