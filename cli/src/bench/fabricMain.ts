// SPDX-License-Identifier: Apache-2.0
//
// Benchmark: the public example on real Fabric, every figure beside a baseline measured in the same
// run on the same network (these machines are noisy and small). The example comes up on free ports
// in its own state folder with a no-op chaincode and the naive token declared beside productoken
// with productoken's endorsement policy; payers are enrolled, opened and funded through the treasury.
// Then, through the same gateway clients:
//   - goodput (committed VALID per second) of the no-op chaincode and of productoken transfers, one
//     payer per transaction in flight, closed loop (fixed concurrency) or open loop (fixed rate),
//     each bounded in time and count: their ratio;
//   - 64 payers paying one producer at once, productoken against the naive single-key token;
//   - full production flows per minute (order, escrow, production, QC, payout) with N customers;
//   - submit-to-commit latency percentiles of each, the embedded ledger's throughput against
//     fabric-shim's stub over a Map (ledger/src/bench/throughput.ts), `network up` time per node.
// Prints a table and writes reports/bench-fabric.json; takes everything down at the end.
// Run: npm run bench:fabric [-- --duration 30 --concurrency 32 | --rate 20, --hot-payers 64,
//      --customers 8, --flow-duration 60, --max-count 5000, --batch-timeout 2s, --max-message-count 500]
import '../quiet.js';

import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { Wallet } from '@productivist/clients';
import { Flow, freshId } from '@productivist/clients/testing';
import { KitError } from '@productivist/common';

import type { BenchSettings, EmbeddedLedgerFigures, FabricReport, Phase } from './fabric.js';
import { formatReport, ratio, reportProblems } from './fabric.js';
import { naivePayments, productokenPayments } from './hotKeys.js';
import type { Bounds, LoopOutcome, Operation } from './load.js';
import { closedLoop, latencyOf, openLoop } from './load.js';
import { exampleBlockCutting, preparePayers, startPublicNetwork } from './publicNetwork.js';
import { TimingLedger } from './timing.js';

const repoRoot = join(__dirname, '..', '..', '..');

/** The value of `--name`, or undefined. */
function flag(name: string): string | undefined {
    const index = process.argv.indexOf(`--${name}`);
    return index >= 0 ? process.argv[index + 1] : undefined;
}

/** A positive whole number flag, `fallback` when absent; a clear error otherwise. */
function whole(name: string, fallback: number): number {
    const text = flag(name);
    if (text === undefined) return fallback;
    if (!/^[1-9][0-9]{0,6}$/.test(text)) {
        throw new KitError(`--${name} '${text}' is not a positive whole number`, {
            code: 'INVALID_ARGUMENT',
            exit: 'usage',
            hint: `give a number such as --${name} ${String(fallback)}`,
        });
    }
    return Number.parseInt(text, 10);
}

function settings(): BenchSettings {
    const example = exampleBlockCutting();
    const batchTimeout = flag('batch-timeout') ?? example.batchTimeout;
    if (!/^[1-9][0-9]*(ms|s)$/.test(batchTimeout)) {
        throw new KitError(`--batch-timeout '${batchTimeout}' is not a duration`, {
            code: 'INVALID_ARGUMENT',
            exit: 'usage',
            hint: 'give milliseconds or seconds, such as --batch-timeout 250ms or 2s',
        });
    }
    const rate = flag('rate') === undefined ? undefined : whole('rate', 20);
    return {
        blockCutting: { batchTimeout, maxMessageCount: whole('max-message-count', example.maxMessageCount) },
        endorsement: 'AND(Productivist, OR(Customer, Designer, Producer, Expert)) for productoken, noop, naive',
        mode: rate === undefined ? 'closed' : 'open',
        concurrency: whole('concurrency', 32),
        ...(rate === undefined ? {} : { rate }),
        durationSeconds: whole('duration', 30),
        maxCount: whole('max-count', 5000),
        hotPayers: whole('hot-payers', 64),
        customers: whole('customers', 8),
        flowSeconds: whole('flow-duration', 60),
    };
}

/** The existing embedded-ledger bench, in a process of its own, its JSON line parsed. */
async function embeddedLedger(): Promise<EmbeddedLedgerFigures | { error: string }> {
    try {
        const { stdout } = await promisify(execFile)(
            process.execPath,
            [join(repoRoot, 'ledger', 'dist', 'bench', 'throughput.js'), '5000', '500', '--json'],
            { timeout: 300_000 },
        );
        return JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as EmbeddedLedgerFigures;
    } catch (error) {
        return { error: error instanceof Error ? error.message : String(error) };
    }
}

/** Runs `op` under the chosen loop; the timing ledger measured its submits. */
async function phase(run: BenchSettings, lanes: number, timing: TimingLedger, op: Operation): Promise<Phase> {
    timing.reset();
    const bounds: Bounds = { durationMs: run.durationSeconds * 1000, maxCount: run.maxCount };
    const outcome: LoopOutcome =
        run.mode === 'open' && run.rate !== undefined
            ? await openLoop(run.rate, lanes, bounds, op)
            : await closedLoop(run.concurrency, bounds, op);
    const submitToCommit = latencyOf(timing.committedMs);
    return {
        ...outcome,
        ...(submitToCommit === undefined ? {} : { submitToCommit }),
        conflicts: timing.conflicts,
        retries: timing.retries,
    };
}

async function main(): Promise<void> {
    const run = settings();
    const say = (line: string): void => {
        console.log(line);
    };
    const embedded = await embeddedLedger();
    say(`embedded ledger bench done`);
    const begin = Date.now();
    const network = await startPublicNetwork('bench-fabric', {
        cutting: run.blockCutting,
        declared: ['naive', 'noop'],
    });
    say(
        `network up of examples/productivist.yaml (blocks of ${String(run.blockCutting.maxMessageCount)} or ${run.blockCutting.batchTimeout}) in ${((Date.now() - begin) / 1000).toFixed(1)} s`,
    );
    try {
        const payerCount = Math.max(run.mode === 'open' ? 64 : run.concurrency, run.hotPayers, run.customers);
        const { ledger, payers } = await preparePayers(network, payerCount, {
            mint: '1000000',
            noop: true,
            progress: say,
        });
        try {
            const payer = (lane: number): string => payers[lane % payers.length] ?? 'payer001';
            const timing = new TimingLedger(ledger);
            // References and request ids are unique per payer: a fresh one for each transaction.
            const transfer: Operation = (lane) => {
                const id = freshId(`bench-${payer(lane)}`);
                return new Wallet(timing, payer(lane)).transfer('printlab', '1', id, id);
            };
            const noop: Operation = (lane) => {
                const id = freshId(`bench-${payer(lane)}`);
                return timing.contract(payer(lane), 'noop').submit('Noop', { arguments: ['printlab', '1', id, id] });
            };
            // Warm-up (not measured): the chaincode servers and the clients' connections.
            const warm: BenchSettings = { ...run, mode: 'closed', durationSeconds: 60, maxCount: run.concurrency };
            await phase(warm, payers.length, timing, noop);
            await phase(warm, payers.length, timing, transfer);
            const noopPhase = await phase(run, payers.length, timing, noop);
            say(`no-op: ${String(noopPhase.valid)} valid in ${noopPhase.seconds.toFixed(1)} s`);
            const tokenPhase = await phase(run, payers.length, timing, transfer);
            say(`productoken: ${String(tokenPhase.valid)} valid in ${tokenPhase.seconds.toFixed(1)} s`);

            const hotPayers = payers.slice(0, run.hotPayers);
            const hotToken = await productokenPayments(ledger, hotPayers, 'printlab', '100', freshId('hot'));
            const hotNaive = await naivePayments(ledger, 'naive', hotPayers, 'printlab', '100');
            say(`hot key: productoken ${String(hotToken.conflicts)} conflicts, naive ${String(hotNaive.conflicts)}`);

            // The flows: one certified model, then each customer orders, the producer produces, the
            // expert checks and passes, the payout is split; read conflicts retried and counted.
            const flowTiming = new TimingLedger(ledger, { attempts: 4 });
            const flow = new Flow(flowTiming);
            const model = freshId('bench-model');
            await flow.registerModel('dana', model, { royaltyBps: 1000, printLimit: null, allowedProducers: null });
            await flow.certify('erin', model);
            const customers = payers.slice(0, run.customers);
            const oneFlow: Operation = async (lane) => {
                const order = freshId('bench-order');
                await flow.order(customers[lane] ?? 'payer001', order, model, 1, '100', 'printlab');
                await flow.step('printlab', 'Accept', order);
                await flow.step('printlab', 'StartProduction', order);
                await flow.progress('printer', order, 'printing', 'layer 1 of 1');
                await flow.step('printlab', 'MarkProduced', order);
                const verdict = await flow.check('erin', freshId('bench-qc'), order, 'pass');
                if (verdict.order.status !== 'PASSED') throw new Error(`order ${order} ended ${verdict.order.status}`);
            };
            const flows = await phase(
                { ...run, mode: 'closed', concurrency: run.customers, durationSeconds: run.flowSeconds },
                customers.length,
                flowTiming,
                oneFlow,
            );
            const nodes = Object.keys(network.up.readyAt).length;
            const report: FabricReport = {
                command: `npm run bench:fabric${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
                date: new Date().toISOString(),
                machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version },
                settings: { ...run, hotPayers: hotPayers.length, customers: customers.length },
                networkUp: {
                    nodes,
                    totalSeconds: network.up.elapsedMs / 1000,
                    secondsPerNode: network.up.elapsedMs / 1000 / Math.max(1, nodes),
                    readySeconds: Object.fromEntries(
                        Object.entries(network.up.readyAt).map(([id, at]) => [id, at / 1000]),
                    ),
                },
                transfers: {
                    productoken: tokenPhase,
                    noop: noopPhase,
                    ratio: ratio(tokenPhase.goodput, noopPhase.goodput),
                },
                hotKeys: { productoken: hotToken, naive: hotNaive, ratio: ratio(hotToken.valid, hotNaive.valid) },
                flows: { ...flows, customers: customers.length, perMinute: flows.goodput * 60 },
                embeddedLedger: embedded,
            };
            say(['', ...formatReport(report)].join('\n'));
            const problems = reportProblems(report);
            const out = join(repoRoot, 'reports', 'bench-fabric.json');
            mkdirSync(join(out, '..'), { recursive: true });
            writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
            say('written: reports/bench-fabric.json');
            if (problems.length > 0) throw new Error(`the report is not whole: ${problems.join('; ')}`);
            if (hotToken.conflicts > 0)
                throw new Error(
                    `productoken had ${String(hotToken.conflicts)} conflicts in the hot-key run; expected 0`,
                );
        } finally {
            ledger.close();
        }
    } finally {
        await network.remove();
    }
}

main().catch((error: unknown) => {
    console.error(error instanceof KitError && error.hint !== undefined ? `${error.message}\n${error.hint}` : error);
    process.exitCode = 1;
});
