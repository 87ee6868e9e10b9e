// SPDX-License-Identifier: Apache-2.0
//
// BFT ordering with consenters down, under a steady payment load, on ONE network (four SmartBFT
// consenters, three peers, productoken): with one follower stopped (`network stop`) payments keep
// committing; with two stopped the remaining two are no quorum, nothing commits and the client's
// error names the cause; one restarted (`network restart`), ordering resumes; then the books: lost 0,
// duplicated 0, supply unchanged, every peer at the same height with the same commit hash.
import { channelLeader, ordererConsensus, peerStates } from '@productivist/network';
import { eventually } from '@productivist/network/testing';

import { countByCode, loadProfile, PaymentLoad, samePeerState } from '../faults/index.js';
import type { FaultsNetwork } from './faultsNetwork.js';
import { faultsChannel, productivist, settledBooks, startFaultsNetwork, stopFaultsNetwork } from './faultsNetwork.js';

jest.setTimeout(900_000);

const channel = faultsChannel;
const profile = loadProfile();

describe('BFT: consenters down under load', () => {
    let faults: FaultsNetwork | undefined;
    const running = (): FaultsNetwork => {
        if (faults === undefined) throw new Error('the network did not come up');
        return faults;
    };

    beforeAll(async () => {
        // Commit status deadline shorter than Raft's: a transaction no quorum orders fails sooner.
        faults = await startFaultsNetwork('bft', profile.payers, 30_000);
    }, 900_000);

    afterAll(async () => {
        await stopFaultsNetwork(faults);
    });

    it('one down: commits; two down: stops with a clear error; one back: resumes; the books hold', async () => {
        const net = running();
        const books = net.funded;
        const load = new PaymentLoad(net.ledger, { payers: books.payers, payee: 'printlab', amount: '1', run: 'bft' });
        const enough = (since: number) =>
            eventually(
                () => Promise.resolve(load.committedSince(since)),
                (n) => n >= profile.commitsDuringFault,
                240_000,
            );
        load.start();
        try {
            expect(await enough(Date.now())).toBeGreaterThanOrEqual(profile.commitsDuringFault);
            const leader = await eventually(
                () => channelLeader(net.state, channel),
                (id) => id !== undefined,
                60_000,
            );
            if (leader === undefined) throw new Error('no orderer reports itself the BFT leader');
            // Followers go down: the leader stays, so no view change is needed when one comes back.
            const followers = (await ordererConsensus(net.state, channel))
                .map((view) => view.orderer)
                .filter((id) => id !== leader);
            const [first, second] = followers;
            if (first === undefined || second === undefined) throw new Error(`followers: ${followers.join(', ')}`);

            expect(await productivist('network', 'stop', first, '--state', net.state)).toBe(`${first} stopped`);
            const oneDown = Date.now();
            expect(await enough(oneDown)).toBeGreaterThanOrEqual(profile.commitsDuringFault);

            expect(await productivist('network', 'stop', second, '--state', net.state)).toBe(`${second} stopped`);
            const twoDown = Date.now();
            // Every payer's request is refused by the ordering service, naming the cause; none commits.
            const unavailable = (since: number) =>
                load.failuresSince(since).filter((failure) => failure.code === 'ORDERING_UNAVAILABLE');
            const refused = await eventually(
                () => Promise.resolve(unavailable(twoDown)),
                (failures) => failures.length >= books.payers.length,
                240_000,
            );
            expect(refused.length).toBeGreaterThanOrEqual(books.payers.length);
            expect(refused[0]?.message).toBe(
                'ordering unavailable: insufficient number of orderers could successfully process transaction to satisfy quorum requirement',
            );
            // No block is cut: the peers, level with each other, stay at their height while every
            // payer is refused twice more.
            const level = await samePeerState(net.state, 'treasury', channel);
            expect(level.equal).toBe(true);
            const quiet = Date.now();
            await eventually(
                () => Promise.resolve(unavailable(quiet)),
                (failures) => failures.length >= 2 * books.payers.length,
                240_000,
            );
            expect(load.committedSince(quiet)).toBe(0);
            expect((await peerStates(net.state, 'treasury', channel)).map((peer) => peer.height)).toEqual(
                level.peers.map((peer) => peer.height),
            );
            console.log(
                `BFT two down (${first}, ${second}): nothing committed for ${((Date.now() - quiet) / 1000).toFixed(1)} s; ` +
                    `failed attempts by code: ${JSON.stringify(countByCode(load.failuresSince(twoDown)))}`,
            );

            expect(await productivist('network', 'restart', first, '--state', net.state)).toMatch(
                /restarted \(pid \d+\)$/,
            );
            const back = Date.now();
            expect(await enough(back)).toBeGreaterThanOrEqual(profile.commitsDuringFault);
            console.log(`BFT: ordering resumed ${((Date.now() - back) / 1000).toFixed(1)} s after ${first} came back`);
            expect(await productivist('network', 'restart', second, '--state', net.state)).toMatch(
                /restarted \(pid \d+\)$/,
            );
            // The second consenter pulls the blocks it missed while payments still flow (a BFT replica
            // syncs when it sees the others ahead); the books are read once the load has stopped.
            const ahead = Math.max(...(await ordererConsensus(net.state, channel)).map((view) => view.height ?? 0));
            const synced = await eventually(
                () => ordererConsensus(net.state, channel),
                (views) => (views.find((view) => view.orderer === second)?.height ?? 0) >= ahead,
                240_000,
            );
            expect(synced.find((view) => view.orderer === second)?.height).toBeGreaterThanOrEqual(ahead);
        } finally {
            console.log(`BFT load: ${JSON.stringify(await load.stop())}`);
        }

        const { orderers, books: result, peers } = await settledBooks(net, load.requests);
        expect(new Set(orderers.map((view) => view.height)).size).toBe(1);
        expect(result).toMatchObject({ lost: 0, duplicated: 0, refusedButOnLedger: 0, unsettled: 0, problems: [] });
        expect(result.supply).toBe(books.minted);
        expect(peers.peers).toHaveLength(3);
        expect(peers.equal).toBe(true);
    });
});
