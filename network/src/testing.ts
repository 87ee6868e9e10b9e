// SPDX-License-Identifier: Apache-2.0
//
// Support for tests on real Fabric in any package: the binaries a network needs, a free port range
// for one test file's network, and polling with a deadline (never a fixed sleep).
import { isPortFree } from './ports.js';
import { requireNetworkBinaries } from './toolchain.js';

/** The binaries a real network needs; a missing one fails the test with the install hint. */
export function requireFabric(): void {
    requireNetworkBinaries();
}

/**
 * The smallest ecosystem text: one organization (Solo) with one orderer and one peer on the
 * channel `solo`, its ports from `base`; `batchTimeout` sets the channel's block cutting.
 */
export function soloEcosystem(name: string, base: number, batchTimeout?: string): string {
    const cutting = batchTimeout === undefined ? '' : `      blockCutting:\n          batchTimeout: ${batchTimeout}\n`;
    return `version: 1
name: ${name}
description: One organization, one orderer, one peer.
ports:
    base: ${String(base)}
organizations:
    - name: Solo
      mspId: SoloMSP
      domain: solo.example
      roles: [producer]
ordering:
    organization: Solo
    type: raft
    nodes: 1
channels:
    - name: solo
      type: public
      members: [Solo]
${cutting}`;
}

/** A base port with `span` free ports above it on 127.0.0.1, away from every example's range. */
export async function freePortBase(span: number): Promise<number> {
    // Below Linux's ephemeral range (32768+), where outgoing connections could take a port meanwhile.
    for (let attempt = 0; attempt < 50; attempt++) {
        const base = 20000 + Math.floor(Math.random() * 120) * 100;
        const ports = Array.from({ length: span }, (_, i) => base + i);
        if ((await Promise.all(ports.map(isPortFree))).every(Boolean)) return base;
    }
    throw new Error(`no range of ${span} free ports found`);
}

/** Polls `probe` until it holds or the deadline passes; returns the last value. */
export async function eventually<T>(
    probe: () => Promise<T>,
    holds: (value: T) => boolean,
    deadlineMs: number,
): Promise<T> {
    const end = Date.now() + deadlineMs;
    for (;;) {
        const value = await probe();
        if (holds(value) || Date.now() > end) return value;
        await new Promise((resolve) => setTimeout(resolve, 250));
    }
}

/**
 * The lines of a `productivist demo` report from "Balances" up to the timeline: the balances and
 * reputation, which must be the same on the embedded ledger and on a real network (the timeline's
 * block numbers are not).
 */
export function demoOutcome(report: string): string {
    const from = report.indexOf('Balances');
    const to = report.indexOf('Timeline');
    if (from < 0 || to < from) throw new Error(`not a demo report (no Balances … Timeline):\n${report}`);
    return report.slice(from, to);
}
