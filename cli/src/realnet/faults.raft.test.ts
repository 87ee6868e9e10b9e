// SPDX-License-Identifier: Apache-2.0
//
// Raft leader loss under a steady payment load, on ONE network (three Raft orderers, three peers,
// productoken): the leader the orderers' metrics name is stopped with `network stop`, a new leader
// is elected and payments keep committing; `network restart` brings the old leader back and it
// catches up to the others' block; then the books: lost 0, duplicated 0, supply unchanged, every
// peer at the same height with the same commit hash. FAULTS_PROFILE=full runs a longer load.
import type { GatewayLedger } from '@productivist/network';
import { channelLeader, openNetworkLedger, ordererConsensus } from '@productivist/network';
import { eventually } from '@productivist/network/testing';

import type { FundedPayers } from '../faults/index.js';
import { checkBooks, faultsEcosystem, fundPayers, loadProfile, PaymentLoad, samePeerState } from '../faults/index.js';
import { runCli } from '../run.js';
import type { SuiteNetwork } from './support.js';
import { startNetwork } from './support.js';

jest.setTimeout(900_000);

const channel = 'productivist';
const profile = loadProfile();

describe('Raft: the leader lost under load', () => {
    let network: SuiteNetwork | undefined;
    let ledger: GatewayLedger | undefined;
    let funded: FundedPayers | undefined;
    const running = (): { network: SuiteNetwork; ledger: GatewayLedger; funded: FundedPayers } => {
        if (network === undefined || ledger === undefined || funded === undefined)
            throw new Error('the network did not come up');
        return { network, ledger, funded };
    };
    const cli = async (...argv: string[]): Promise<string> => {
        const out: string[] = [];
        const err: string[] = [];
        const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t), cwd: process.cwd() });
        if (code !== 0) throw new Error(`productivist ${argv.join(' ')} exited ${String(code)}: ${err.join('\n')}`);
        return out.join('\n');
    };

    beforeAll(async () => {
        network = await startNetwork('faults-raft', (base) => faultsEcosystem('raft', base), 40);
        // A loaded 2-core machine: deadlines long enough that what is counted is the fault, not a client giving up.
        ledger = openNetworkLedger({
            state: network.state,
            deadlines: { evaluate: 30_000, endorse: 60_000, submit: 30_000, commitStatus: 60_000 },
        });
        funded = await fundPayers(network.state, ledger, profile.payers, '1000000');
    }, 900_000);

    afterAll(async () => {
        ledger?.close();
        await network?.stop();
    });

    it('stops the leader: a new one is elected and payments commit; restarted, it catches up; the books hold', async () => {
        const { network: net, ledger: gateway, funded: books } = running();
        const load = new PaymentLoad(gateway, { payers: books.payers, payee: 'printlab', amount: '1', run: 'raft' });
        load.start();
        try {
            const steady = Date.now();
            const before = await eventually(
                () => Promise.resolve(load.committedSince(steady)),
                (n) => n >= profile.commitsDuringFault,
                180_000,
            );
            expect(before).toBeGreaterThanOrEqual(profile.commitsDuringFault);

            const leader = await eventually(
                () => channelLeader(net.state, channel),
                (id) => id !== undefined,
                60_000,
            );
            if (leader === undefined) throw new Error('no orderer reports itself the Raft leader');
            expect(await cli('network', 'stop', leader, '--state', net.state)).toBe(`${leader} stopped`);
            const lostAt = Date.now();

            const next = await eventually(
                () => channelLeader(net.state, channel),
                (id) => id !== undefined && id !== leader,
                120_000,
            );
            expect(next).toBeDefined();
            expect(next).not.toBe(leader);
            const during = await eventually(
                () => Promise.resolve(load.committedSince(lostAt)),
                (n) => n >= profile.commitsDuringFault,
                180_000,
            );
            expect(during).toBeGreaterThanOrEqual(profile.commitsDuringFault);
            console.log(
                `Raft: ${leader} stopped, ${next ?? '?'} elected; ${String(during)} payments committed without it ` +
                    `in ${((Date.now() - lostAt) / 1000).toFixed(1)} s; failed attempts meanwhile: ` +
                    JSON.stringify(load.summary().failuresByCode),
            );

            expect(await cli('network', 'restart', leader, '--state', net.state)).toMatch(
                new RegExp(`${leader.replace('.', '\\.')} restarted \\(pid \\d+\\)$`),
            );
            const back = Date.now();
            await eventually(
                () => Promise.resolve(load.committedSince(back)),
                (n) => n >= profile.commitsDuringFault,
                180_000,
            );
        } finally {
            console.log(`Raft load: ${JSON.stringify(await load.stop())}`);
        }

        // The restarted orderer reaches the block the others committed.
        const orderers = await eventually(
            () => ordererConsensus(net.state, channel),
            (views) => views.every((view) => view.height !== undefined && view.height === views[0]?.height),
            120_000,
        );
        expect(orderers.map((view) => view.error)).toEqual(orderers.map(() => undefined));
        expect(new Set(orderers.map((view) => view.height)).size).toBe(1);

        const result = await checkBooks(gateway, {
            treasury: 'treasury',
            accounts: books.accounts,
            minted: books.minted,
            requests: load.requests,
        });
        expect(result).toMatchObject({ lost: 0, duplicated: 0, refusedButOnLedger: 0, unsettled: 0, problems: [] });
        expect(result.supply).toBe(books.minted);
        expect(result.committed).toBeGreaterThanOrEqual(3 * profile.commitsDuringFault);
        const peers = await samePeerState(net.state, 'treasury', channel);
        expect(peers.peers).toHaveLength(3);
        expect(peers.equal).toBe(true);
    });
});
