// SPDX-License-Identifier: Apache-2.0
//
// The pure parts of `npm run bench:fabric` (the bench itself runs real Fabric and is not part of the
// tests): percentiles, the loops' bounds, the report's shape and table.
import { CommitError } from '@productivist/ledger-api';

import type { FabricReport, Phase } from './fabric.js';
import { formatReport, ratio, reportProblems } from './fabric.js';
import type { PaymentOutcome } from './hotKeys.js';
import { arrivals, closedLoop, failureCode, latencyOf, openLoop, percentile } from './load.js';

describe('percentiles', () => {
    it('are nearest-rank values of the sample', () => {
        const values = Array.from({ length: 100 }, (_, i) => 100 - i); // 100 … 1, unsorted
        expect(percentile(values, 50)).toBe(50);
        expect(percentile(values, 95)).toBe(95);
        expect(percentile(values, 99)).toBe(99);
        expect(percentile(values, 100)).toBe(100);
        expect(percentile([7], 1)).toBe(7);
        expect(percentile([1, 2, 3], 50)).toBe(2);
        expect(latencyOf([3.4, 1.2, 2.6])).toEqual({ count: 3, p50: 3, p95: 3, p99: 3, max: 3 });
        expect(latencyOf([])).toBeUndefined();
    });

    it('refuse an empty sample and a percentile outside (0, 100]', () => {
        expect(() => percentile([], 50)).toThrow('no values');
        expect(() => percentile([1], 0)).toThrow('outside (0, 100]');
        expect(() => percentile([1], 101)).toThrow('outside (0, 100]');
    });
});

describe('the loops are bounded in count and time', () => {
    it('open-loop arrivals: evenly spaced, all before the duration, at most the count', () => {
        expect(arrivals(10, { durationMs: 1000, maxCount: 100 })).toEqual([
            0, 100, 200, 300, 400, 500, 600, 700, 800, 900,
        ]);
        expect(arrivals(10, { durationMs: 1000, maxCount: 3 })).toEqual([0, 100, 200]);
        expect(arrivals(3, { durationMs: 1001, maxCount: 100 })).toHaveLength(4);
        expect(() => arrivals(0, { durationMs: 1000, maxCount: 3 })).toThrow('rate 0/s');
        expect(() => arrivals(5, { durationMs: 1000, maxCount: 0 })).toThrow('count bound 0');
        expect(() => arrivals(5, { durationMs: Number.POSITIVE_INFINITY, maxCount: 3 })).toThrow('duration');
    });

    it('the closed loop stops at the count bound, its lanes never overlapping', async () => {
        const busy = new Set<number>();
        let overlaps = 0;
        const outcome = await closedLoop(4, { durationMs: 600_000, maxCount: 30 }, async (lane) => {
            if (busy.has(lane)) overlaps += 1;
            busy.add(lane);
            await Promise.resolve();
            busy.delete(lane);
        });
        expect(overlaps).toBe(0);
        expect(outcome).toMatchObject({ started: 30, valid: 30, failed: 0, dropped: 0 });
        expect(outcome.latency?.count).toBe(30);
    });

    it('the closed loop stops at the time bound', async () => {
        const outcome = await closedLoop(
            2,
            { durationMs: 50, maxCount: 1_000_000 },
            () => new Promise((r) => setTimeout(r, 5)),
        );
        expect(outcome.started).toBeLessThan(1_000_000);
        expect(outcome.started).toBeGreaterThan(0);
    });

    it('the open loop starts at most the count, drops arrivals that find every lane busy, and tallies failures by code', async () => {
        let release: () => void = () => undefined;
        const held = new Promise<void>((resolve) => {
            release = resolve;
        });
        const lanesSeen: number[] = [];
        const running = openLoop(1000, 2, { durationMs: 600_000, maxCount: 5 }, async (lane) => {
            lanesSeen.push(lane);
            if (lanesSeen.length === 1) throw new CommitError('tx1', 7n, 'MVCC_READ_CONFLICT');
            await held;
        });
        // Arrivals 2 and 3 take lanes 1 and 0; 4 and 5 find both busy until released.
        setTimeout(release, 20);
        const outcome = await running;
        expect(outcome.started + outcome.dropped).toBe(5);
        expect(outcome.dropped).toBeGreaterThan(0);
        expect(outcome.failures).toEqual({ MVCC_READ_CONFLICT: 1 });
        expect(outcome.valid).toBe(outcome.started - 1);
        expect(new Set(lanesSeen)).toEqual(new Set([0, 1]));
    });

    it('failure codes come from a commit, a wrapped commit, or the error', () => {
        const commit = new CommitError('tx', 3n, 'PHANTOM_READ_CONFLICT');
        expect(failureCode(commit)).toBe('PHANTOM_READ_CONFLICT');
        expect(failureCode(Object.assign(new Error('wrapped'), { cause: commit }))).toBe('PHANTOM_READ_CONFLICT');
        expect(failureCode(Object.assign(new Error('refused'), { code: 'INSUFFICIENT_FUNDS' }))).toBe(
            'INSUFFICIENT_FUNDS',
        );
        expect(failureCode('text')).toBe('ERROR');
    });
});

describe('the report', () => {
    const phase = (valid: number, seconds: number): Phase => ({
        started: valid,
        valid,
        failed: 0,
        failures: {},
        dropped: 0,
        seconds,
        goodput: valid / seconds,
        latency: { count: valid, p50: 900, p95: 1500, p99: 1900, max: 2000 },
        submitToCommit: { count: valid, p50: 800, p95: 1400, p99: 1800, max: 1900 },
        conflicts: 0,
        retries: 0,
    });
    const payments = (valid: number, conflicts: number): PaymentOutcome => ({
        contract: 'c',
        payments: 64,
        valid,
        conflicts,
        otherFailures: 0,
        failures: conflicts > 0 ? { MVCC_READ_CONFLICT: conflicts } : {},
        blocks: 2,
        seconds: 3,
    });
    const report = (): FabricReport => ({
        command: 'npm run bench:fabric',
        date: '2026-11-30T00:00:00.000Z',
        machine: { cpus: 2, cpu: 'test cpu', node: 'v22' },
        settings: {
            blockCutting: { batchTimeout: '2s', maxMessageCount: 500 },
            endorsement: 'AND(Productivist, OR(Customer, Designer, Producer, Expert))',
            mode: 'closed',
            concurrency: 32,
            durationSeconds: 30,
            maxCount: 5000,
            hotPayers: 64,
            customers: 8,
            flowSeconds: 60,
        },
        networkUp: { nodes: 2, totalSeconds: 40, secondsPerNode: 20, readySeconds: { peer0: 10, orderer0: 12 } },
        transfers: { productoken: phase(270, 30), noop: phase(300, 30), ratio: ratio(9, 10) },
        hotKeys: { productoken: payments(64, 0), naive: payments(2, 62), ratio: ratio(64, 2) },
        flows: { ...phase(12, 60), customers: 8, perMinute: 12 },
        embeddedLedger: {
            transactions: 5000,
            perBlock: 500,
            baselinePerSecond: 1500,
            onePeerPerSecond: 1000,
            twoPeersPerSecond: 800,
            onePeerRatio: 0.67,
            twoPeersRatio: 0.53,
        },
    });

    it('a whole report has no problems, and its table prints the ratios and settings', () => {
        expect(reportProblems(report())).toEqual([]);
        const table = formatReport(report()).join('\n');
        expect(table).toContain('blocks of 500 or 2s');
        expect(table).toContain('transfer goodput ratio, productoken ÷ no-op: 0.90');
        expect(table).toMatch(/productoken transfers +270 +270 +0 +0 +0 +9\.00 tx\/s +800\/1400\/1800/);
        expect(table).toContain('productoken: 64 valid, 0 conflicts');
        expect(table).toContain('naive token: 2 valid, 62 conflicts');
        expect(table).toContain('valid payments productoken ÷ naive: 32.0');
        expect(table).toContain('flows, 8 customers');
        expect(table).toContain('embedded ledger ÷ fabric-shim stub over a Map: 0.67 (1 peer)');
        expect(table).toContain('network up: 40.0 s for 2 nodes, 20.00 s per node');
    });

    it('a broken report names what is wrong', () => {
        const broken = report();
        const bad: FabricReport = {
            ...broken,
            transfers: { ...broken.transfers, ratio: Number.NaN, noop: { ...phase(5, 1), failed: 1 } },
            networkUp: { ...broken.networkUp, nodes: 3 },
            flows: { ...broken.flows, perMinute: Number.POSITIVE_INFINITY },
        };
        expect(reportProblems(bad)).toEqual([
            'transfers.noop: 5 valid + 1 failed ≠ 5 started',
            'transfers.ratio is NaN',
            'flows.perMinute is Infinity',
            'networkUp.readySeconds does not name every node',
        ]);
        expect(ratio(3, 0)).toBe(0);
        const refused: Phase = {
            ...phase(0, 10),
            started: 3,
            failed: 3,
            failures: { CONFLICT: 3 },
            firstFailure: 'productoken.Transfer refused: CONFLICT',
        };
        expect(reportProblems({ ...broken, transfers: { ...broken.transfers, productoken: refused } })).toEqual([
            'transfers.productoken committed nothing: productoken.Transfer refused: CONFLICT',
        ]);
        const table = formatReport({
            ...broken,
            transfers: { ...broken.transfers, productoken: refused, noop: { ...phase(5, 1), dropped: 4 } },
        });
        expect(table).toContain('  failures: CONFLICT 3; first: productoken.Transfer refused: CONFLICT');
        expect(table).toContain('  dropped: 4 arrivals found every payer busy');
    });
});
