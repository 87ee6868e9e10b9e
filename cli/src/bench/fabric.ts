// SPDX-License-Identifier: Apache-2.0
//
// The report of `npm run bench:fabric` (reports/bench-fabric.json) and its table: what each phase
// measured on the real network, the ratios against the baselines measured in the same run, and the
// settings they were measured with. Pure: the run itself is fabricMain.ts.
import type { PaymentOutcome } from './hotKeys.js';
import type { Latency, LoopOutcome } from './load.js';
import type { BlockCutting } from './publicNetwork.js';

/** A load phase: the loop's outcome, the submit-to-commit latency of its VALID submits, its conflicts. */
export interface Phase extends LoopOutcome {
    readonly submitToCommit?: Latency;
    readonly conflicts: number;
    readonly retries: number;
}

/** The embedded ledger's throughput against fabric-shim's stub over a Map (ledger/src/bench/throughput.ts). */
export interface EmbeddedLedgerFigures {
    readonly transactions: number;
    readonly perBlock: number;
    readonly baselinePerSecond: number;
    readonly onePeerPerSecond: number;
    readonly twoPeersPerSecond: number;
    readonly onePeerRatio: number;
    readonly twoPeersRatio: number;
}

/** How a run was set up: block cutting, load, bounds, sizes. */
export interface BenchSettings {
    readonly blockCutting: BlockCutting;
    readonly endorsement: string;
    readonly mode: 'closed' | 'open';
    /** Closed loop: transactions in flight (one per payer). */
    readonly concurrency: number;
    /** Open loop: arrivals per second. */
    readonly rate?: number;
    readonly durationSeconds: number;
    readonly maxCount: number;
    readonly hotPayers: number;
    readonly customers: number;
    readonly flowSeconds: number;
}

export interface FabricReport {
    readonly command: string;
    readonly date: string;
    readonly machine: { readonly cpus: number; readonly cpu: string; readonly node: string };
    readonly settings: BenchSettings;
    readonly networkUp: {
        readonly nodes: number;
        readonly totalSeconds: number;
        readonly secondsPerNode: number;
        readonly readySeconds: Readonly<Record<string, number>>;
    };
    readonly transfers: {
        readonly productoken: Phase;
        readonly noop: Phase;
        /** productoken goodput ÷ no-op goodput. */
        readonly ratio: number;
    };
    readonly hotKeys: {
        readonly productoken: PaymentOutcome;
        readonly naive: PaymentOutcome;
        /** VALID productoken payments ÷ VALID naive payments. */
        readonly ratio: number;
    };
    readonly flows: Phase & { readonly customers: number; readonly perMinute: number };
    readonly embeddedLedger: EmbeddedLedgerFigures | { readonly error: string };
}

/** `a ÷ b`, 0 when b is 0 (nothing to compare with is reported as such, never as Infinity). */
export function ratio(a: number, b: number): number {
    return b > 0 ? a / b : 0;
}

/** What is wrong with a report's shape; empty when it is whole (every figure a finite number). */
export function reportProblems(report: FabricReport): string[] {
    const problems: string[] = [];
    const finite = (path: string, value: unknown): void => {
        if (typeof value !== 'number' || !Number.isFinite(value)) problems.push(`${path} is ${String(value)}`);
    };
    for (const [name, phase] of [
        ['transfers.productoken', report.transfers.productoken],
        ['transfers.noop', report.transfers.noop],
        ['flows', report.flows],
    ] as const) {
        for (const key of ['started', 'valid', 'failed', 'seconds', 'goodput', 'conflicts', 'retries'] as const)
            finite(`${name}.${key}`, phase[key]);
        if (phase.valid + phase.failed !== phase.started)
            problems.push(
                `${name}: ${String(phase.valid)} valid + ${String(phase.failed)} failed ≠ ${String(phase.started)} started`,
            );
        if (phase.valid === 0)
            problems.push(
                `${name} committed nothing${phase.firstFailure === undefined ? '' : `: ${phase.firstFailure}`}`,
            );
        else if (phase.submitToCommit === undefined) problems.push(`${name}.submitToCommit is missing`);
    }
    finite('transfers.ratio', report.transfers.ratio);
    finite('hotKeys.ratio', report.hotKeys.ratio);
    finite('hotKeys.productoken.conflicts', report.hotKeys.productoken.conflicts);
    finite('hotKeys.naive.conflicts', report.hotKeys.naive.conflicts);
    finite('flows.perMinute', report.flows.perMinute);
    finite('networkUp.secondsPerNode', report.networkUp.secondsPerNode);
    if (Object.keys(report.networkUp.readySeconds).length !== report.networkUp.nodes)
        problems.push('networkUp.readySeconds does not name every node');
    if (!('error' in report.embeddedLedger)) finite('embeddedLedger.onePeerRatio', report.embeddedLedger.onePeerRatio);
    return problems;
}

const ms = (latency: Latency | undefined): string =>
    latency === undefined ? '-' : `${String(latency.p50)}/${String(latency.p95)}/${String(latency.p99)}`;

/** A phase's failures by code with its first failure's message, and its dropped arrivals; nothing when none. */
function failureLines(phase: Phase): string[] {
    const codes = Object.entries(phase.failures).map(([code, count]) => `${code} ${String(count)}`);
    return [
        ...(codes.length === 0
            ? []
            : [`  failures: ${codes.join(', ')}; first: ${(phase.firstFailure ?? '').slice(0, 200)}`]),
        ...(phase.dropped === 0 ? [] : [`  dropped: ${String(phase.dropped)} arrivals found every payer busy`]),
    ];
}

/** The table `npm run bench:fabric` prints. */
export function formatReport(report: FabricReport): string[] {
    const { settings } = report;
    const load =
        settings.mode === 'closed'
            ? `closed loop, ${String(settings.concurrency)} in flight`
            : `open loop, ${String(settings.rate ?? 0)}/s`;
    const row = (name: string, phase: Phase, unit: string, rate: string): string =>
        `${name.padEnd(30)} ${String(phase.started).padStart(7)} ${String(phase.valid).padStart(6)} ${String(phase.failed).padStart(6)} ${String(phase.conflicts).padStart(9)} ${String(phase.retries).padStart(7)} ${rate.padStart(9)} ${unit.padEnd(8)} ${ms(phase.submitToCommit).padStart(17)}`;
    const { productoken, noop } = report.transfers;
    const hot = report.hotKeys;
    const lines = [
        `bench:fabric — public example, blocks of ${String(settings.blockCutting.maxMessageCount)} or ${settings.blockCutting.batchTimeout}, endorsement ${settings.endorsement}`,
        `${load}, ${String(settings.durationSeconds)} s or ${String(settings.maxCount)} transactions per phase; ${String(report.machine.cpus)} CPUs (${report.machine.cpu}), node ${report.machine.node}`,
        '',
        `${'phase'.padEnd(30)} ${'started'.padStart(7)} ${'valid'.padStart(6)} ${'failed'.padStart(6)} ${'conflicts'.padStart(9)} ${'retries'.padStart(7)} ${'goodput'.padStart(9)} ${''.padEnd(8)} ${'p50/p95/p99 ms'.padStart(17)}`,
        row('no-op chaincode', noop, 'tx/s', noop.goodput.toFixed(2)),
        row('productoken transfers', productoken, 'tx/s', productoken.goodput.toFixed(2)),
        row(
            `flows, ${String(report.flows.customers)} customers`,
            report.flows,
            'flows/min',
            report.flows.perMinute.toFixed(2),
        ),
        `  flow duration p50/p95/p99: ${ms(report.flows.latency)} ms (8 submits each: order, accept, start, progress, produced, campaign, result, verdict)`,
        ...[noop, productoken, report.flows].flatMap((phase) => failureLines(phase)),
        '',
        `transfer goodput ratio, productoken ÷ no-op: ${report.transfers.ratio.toFixed(2)}`,
        `hot key, ${String(settings.hotPayers)} payers into one producer, each submitted once:`,
        `  productoken: ${String(hot.productoken.valid)} valid, ${String(hot.productoken.conflicts)} conflicts (retries needed), ${String(hot.productoken.otherFailures)} other, ${String(hot.productoken.blocks)} blocks, ${hot.productoken.seconds.toFixed(2)} s`,
        `  naive token: ${String(hot.naive.valid)} valid, ${String(hot.naive.conflicts)} conflicts (retries needed), ${String(hot.naive.otherFailures)} other, ${String(hot.naive.blocks)} blocks, ${hot.naive.seconds.toFixed(2)} s`,
        `  valid payments productoken ÷ naive: ${hot.ratio.toFixed(1)}`,
    ];
    const embedded = report.embeddedLedger;
    lines.push(
        'error' in embedded
            ? `embedded ledger bench failed: ${embedded.error}`
            : `embedded ledger ÷ fabric-shim stub over a Map: ${embedded.onePeerRatio.toFixed(2)} (1 peer), ${embedded.twoPeersRatio.toFixed(2)} (2 peers); ${String(embedded.onePeerPerSecond)} vs ${String(embedded.baselinePerSecond)} writes/s`,
    );
    lines.push(
        `network up: ${report.networkUp.totalSeconds.toFixed(1)} s for ${String(report.networkUp.nodes)} nodes, ${report.networkUp.secondsPerNode.toFixed(2)} s per node`,
    );
    return lines;
}
