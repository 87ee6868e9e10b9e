// SPDX-License-Identifier: Apache-2.0
//
// Raft leader loss under a steady payment load, on ONE network (three Raft orderers, three peers,
// productoken): the leader the orderers' metrics name is stopped with `network stop`, a new leader
// is elected and payments keep committing; `network restart` brings the old leader back and it
// catches up to the others' height; then the books: lost 0, duplicated 0, supply unchanged, every
// peer at the same height with the same commit hash. FAULTS_PROFILE=full runs a longer load.
import { channelLeader } from '@productivist/network';
import { eventually } from '@productivist/network/testing';

import { loadProfile, PaymentLoad } from '../faults/index.js';
import type { FaultsNetwork } from './faultsNetwork.js';
import { faultsChannel, productivist, settledBooks, startFaultsNetwork, stopFaultsNetwork } from './faultsNetwork.js';

jest.setTimeout(900_000);

const profile = loadProfile();

describe('Raft: the leader lost under load', () => {
    let faults: FaultsNetwork | undefined;
    const running = (): FaultsNetwork => {
        if (faults === undefined) throw new Error('the network did not come up');
        return faults;
    };

    beforeAll(async () => {
        faults = await startFaultsNetwork('raft', profile.payers);
    }, 900_000);

    afterAll(async () => {
        await stopFaultsNetwork(faults);
    });

    it('stops the leader: a new one is elected and payments commit; restarted, it catches up; the books hold', async () => {
        const net = running();
        const load = new PaymentLoad(net.ledger, {
            payers: net.funded.payers,
            payee: 'printlab',
            amount: '1',
            run: 'raft',
        });
        const enough = (since: number): Promise<number> =>
            eventually(
                () => Promise.resolve(load.committedSince(since)),
                (n) => n >= profile.commitsDuringFault,
                180_000,
            );
        load.start();
        try {
            expect(await enough(Date.now())).toBeGreaterThanOrEqual(profile.commitsDuringFault);
            const leader = await eventually(
                () => channelLeader(net.state, faultsChannel),
                (id) => id !== undefined,
                60_000,
            );
            if (leader === undefined) throw new Error('no orderer reports itself the Raft leader');
            expect(await productivist('network', 'stop', leader, '--state', net.state)).toBe(`${leader} stopped`);
            const lostAt = Date.now();

            const next = await eventually(
                () => channelLeader(net.state, faultsChannel),
                (id) => id !== undefined && id !== leader,
                120_000,
            );
            expect(next).toBeDefined();
            expect(next).not.toBe(leader);
            const during = await enough(lostAt);
            expect(during).toBeGreaterThanOrEqual(profile.commitsDuringFault);
            console.log(
                `Raft: ${leader} stopped, ${next ?? '?'} elected; ${String(during)} payments committed without it ` +
                    `in ${((Date.now() - lostAt) / 1000).toFixed(1)} s; failed attempts meanwhile: ` +
                    JSON.stringify(load.summary().failuresByCode) +
                    load
                        .failuresSince(lostAt)
                        .slice(0, 2)
                        .map((failure) => `\n  ${failure.code}: ${failure.message}`)
                        .join(''),
            );

            expect(await productivist('network', 'restart', leader, '--state', net.state)).toMatch(
                /restarted \(pid \d+\)$/,
            );
            expect(await enough(Date.now())).toBeGreaterThanOrEqual(profile.commitsDuringFault);
        } finally {
            console.log(`Raft load: ${JSON.stringify(await load.stop())}`);
        }

        const { orderers, books, peers } = await settledBooks(net, load.requests);
        // The restarted orderer holds the blocks the others hold.
        expect(orderers.map((view) => view.error)).toEqual(orderers.map(() => undefined));
        expect(new Set(orderers.map((view) => view.height)).size).toBe(1);
        expect(books).toMatchObject({ lost: 0, duplicated: 0, refusedButOnLedger: 0, unsettled: 0, problems: [] });
        expect(books.supply).toBe(net.funded.minted);
        expect(books.committed).toBeGreaterThanOrEqual(3 * profile.commitsDuringFault);
        expect(peers.peers).toHaveLength(3);
        expect(peers.equal).toBe(true);
    });
});
