// SPDX-License-Identifier: Apache-2.0
//
// The load side of `npm run bench:fabric`, independent of Fabric: latency percentiles, the closed
// loop (fixed concurrency for a fixed duration) and the open loop (fixed arrival rate), both bounded
// in count and in time so that a run always stops by itself, and the tally of what they did.
import { CommitError, isReadConflict } from '@productivist/ledger-api';

/** Latency percentiles in milliseconds (nearest rank). */
export interface Latency {
    readonly count: number;
    readonly p50: number;
    readonly p95: number;
    readonly p99: number;
    readonly max: number;
}

/** The nearest-rank percentile `p` (0 < p ≤ 100) of `values`; a RangeError for no values or a bad p. */
export function percentile(values: readonly number[], p: number): number {
    if (!(p > 0 && p <= 100)) throw new RangeError(`percentile ${String(p)} is outside (0, 100]`);
    if (values.length === 0) throw new RangeError('no values to take a percentile of');
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.ceil((p / 100) * sorted.length) - 1] ?? Number.NaN;
}

/** p50, p95, p99 and max of `ms`, rounded to the millisecond; undefined when there are none. */
export function latencyOf(ms: readonly number[]): Latency | undefined {
    if (ms.length === 0) return undefined;
    const at = (p: number): number => Math.round(percentile(ms, p));
    return { count: ms.length, p50: at(50), p95: at(95), p99: at(99), max: at(100) };
}

/** A failure's code: a commit's validation code, or the error's own code (ENDORSEMENT_MISMATCH, ...), or ERROR. */
export function failureCode(error: unknown): string {
    const commit = error instanceof CommitError ? error : (error as { cause?: unknown } | null)?.cause;
    if (commit instanceof CommitError) return commit.validationCode;
    const code = (error as { code?: unknown } | null)?.code;
    return typeof code === 'string' ? code : 'ERROR';
}

/** True for MVCC and phantom read conflicts, also when wrapped as a client error's cause. */
export function isConflict(error: unknown): boolean {
    return isReadConflict(error) || isReadConflict((error as { cause?: unknown } | null)?.cause);
}

/** How long to run and when to stop: whichever bound comes first. */
export interface Bounds {
    /** No operation starts after this many milliseconds. */
    readonly durationMs: number;
    /** No more than this many operations start. */
    readonly maxCount: number;
}

/** What a loop did. */
export interface LoopOutcome {
    /** Operations started. */
    readonly started: number;
    /** Operations that ended with their transaction committed VALID. */
    readonly valid: number;
    readonly failed: number;
    /** Failures by code. */
    readonly failures: Readonly<Record<string, number>>;
    readonly firstFailure?: string;
    /** Open loop: arrivals that found every lane busy and were dropped (not started). */
    readonly dropped: number;
    /** From the first start until the last operation settled. */
    readonly seconds: number;
    /** valid ÷ seconds. */
    readonly goodput: number;
    /** Duration of each operation that ended VALID. */
    readonly latency?: Latency;
}

/** One operation on lane `lane` (a worker, or the payer an arrival was given). */
export type Operation = (lane: number) => Promise<unknown>;

class Tally {
    private readonly begin = performance.now();
    private readonly durations: number[] = [];
    private readonly failures: Record<string, number> = {};
    private firstFailure: string | undefined;
    started = 0;
    dropped = 0;

    async run(op: Operation, lane: number): Promise<void> {
        this.started += 1;
        const start = performance.now();
        try {
            await op(lane);
            this.durations.push(performance.now() - start);
        } catch (error) {
            const code = failureCode(error);
            this.failures[code] = (this.failures[code] ?? 0) + 1;
            this.firstFailure ??= error instanceof Error ? error.message : String(error);
        }
    }

    elapsedMs(): number {
        return performance.now() - this.begin;
    }

    outcome(): LoopOutcome {
        const seconds = this.elapsedMs() / 1000;
        const valid = this.durations.length;
        const latency = latencyOf(this.durations);
        return {
            started: this.started,
            valid,
            failed: this.started - valid,
            failures: { ...this.failures },
            ...(this.firstFailure === undefined ? {} : { firstFailure: this.firstFailure }),
            dropped: this.dropped,
            seconds,
            goodput: seconds > 0 ? valid / seconds : 0,
            ...(latency === undefined ? {} : { latency }),
        };
    }
}

/**
 * Closed loop: `concurrency` workers (lanes 0..concurrency-1), each starting its next operation as
 * soon as its last one settled, until `durationMs` has passed or `maxCount` operations started.
 */
export async function closedLoop(concurrency: number, bounds: Bounds, op: Operation): Promise<LoopOutcome> {
    checkBounds(bounds);
    if (!(Number.isInteger(concurrency) && concurrency > 0))
        throw new RangeError(`concurrency ${String(concurrency)} is not a positive whole number`);
    const tally = new Tally();
    const more = (): boolean => tally.started < bounds.maxCount && tally.elapsedMs() < bounds.durationMs;
    await Promise.all(
        Array.from({ length: concurrency }, async (_, lane) => {
            while (more()) await tally.run(op, lane);
        }),
    );
    return tally.outcome();
}

/**
 * The arrival times of an open loop, in milliseconds from its start: one every 1000/rate ms, all
 * before `durationMs`, at most `maxCount`.
 */
export function arrivals(rate: number, bounds: Bounds): number[] {
    checkBounds(bounds);
    if (!(rate > 0 && Number.isFinite(rate))) throw new RangeError(`rate ${String(rate)}/s is not a positive number`);
    const gap = 1000 / rate;
    const count = Math.min(bounds.maxCount, Math.ceil(bounds.durationMs / gap));
    return Array.from({ length: count }, (_, i) => i * gap).filter((at) => at < bounds.durationMs);
}

/**
 * Open loop: operations start at the fixed `rate` (per second) whatever the earlier ones are doing,
 * each on a free lane of `lanes` (a lane is a payer: one of its transactions in flight at a time);
 * an arrival that finds every lane busy is dropped and counted. Waits for the started ones to settle.
 */
export async function openLoop(rate: number, lanes: number, bounds: Bounds, op: Operation): Promise<LoopOutcome> {
    if (!(Number.isInteger(lanes) && lanes > 0))
        throw new RangeError(`lanes ${String(lanes)} is not a positive whole number`);
    const times = arrivals(rate, bounds);
    const tally = new Tally();
    const free = Array.from({ length: lanes }, (_, lane) => lane);
    const running: Promise<void>[] = [];
    for (const at of times) {
        const wait = at - tally.elapsedMs();
        if (wait > 0)
            await new Promise((resolve) => {
                setTimeout(resolve, wait);
            });
        const lane = free.shift();
        if (lane === undefined) {
            tally.dropped += 1;
            continue;
        }
        running.push(
            tally.run(op, lane).finally(() => {
                free.push(lane);
            }),
        );
    }
    await Promise.all(running);
    return tally.outcome();
}

function checkBounds(bounds: Bounds): void {
    if (!(bounds.durationMs > 0 && Number.isFinite(bounds.durationMs)))
        throw new RangeError(`duration ${String(bounds.durationMs)} ms is not a positive number`);
    if (!(Number.isInteger(bounds.maxCount) && bounds.maxCount > 0))
        throw new RangeError(`count bound ${String(bounds.maxCount)} is not a positive whole number`);
}
