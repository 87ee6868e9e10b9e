// SPDX-License-Identifier: Apache-2.0
//
// The fault tests' two profiles: `quick` (the README's `npm test`, CI: seconds of load, a handful of
// payers) and `full` (`npm run test:faults`, FAULTS_PROFILE=full: longer load, more payers).
export type FaultsProfile = 'quick' | 'full';

/** The profile FAULTS_PROFILE names; quick when unset. */
export function faultsProfile(environment: NodeJS.ProcessEnv = process.env): FaultsProfile {
    const value = environment.FAULTS_PROFILE ?? 'quick';
    if (value !== 'quick' && value !== 'full') {
        throw new Error(`FAULTS_PROFILE is '${value}'; set it to quick or full (or leave it unset for quick)`);
    }
    return value;
}

/** How much load a fault test puts on the network. */
export interface LoadProfile {
    /** Concurrent payers. */
    readonly payers: number;
    /** Load before the fault, and between the fault's steps. */
    readonly steadyMs: number;
    /** Commits the load must make while a fault lasts (ordering continues). */
    readonly commitsDuringFault: number;
}

export function loadProfile(profile: FaultsProfile = faultsProfile()): LoadProfile {
    return profile === 'full'
        ? { payers: 12, steadyMs: 20_000, commitsDuringFault: 40 }
        : { payers: 4, steadyMs: 4_000, commitsDuringFault: 4 };
}
