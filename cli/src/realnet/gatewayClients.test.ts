// SPDX-License-Identifier: Apache-2.0
//
// The clients on real Fabric 3.1.5 through the gateway, on ONE network of the public example (its
// own ports, state folder and a short block timeout; network up deploys the core contracts and
// initializes productoken): `productivist demo --network` gives the embedded demo's balances and
// reputation, a command group runs with --network, a restarted event listener neither misses nor
// repeats an event, an endorsement policy failure names the organizations missing, and 100
// concurrent payments into one producer all commit with productoken while the naive token's
// conflicts are counted beside them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { FileCheckpointer, followEvents, Wallet } from '@productivist/clients';
import { ExitCode } from '@productivist/common';
import type { ChaincodeEvent } from '@productivist/ledger-api';
import { CommitError } from '@productivist/ledger-api';
import type { GatewayLedger } from '@productivist/network';
import { openNetworkLedger } from '@productivist/network';
import { demoOutcome } from '@productivist/network/testing';

import { formatOutcomes, naivePayments, productokenPayments } from '../bench/hotKeys.js';
import type { PublicNetwork } from '../bench/publicNetwork.js';
import { preparePayers, startPublicNetwork } from '../bench/publicNetwork.js';
import { runCli } from '../run.js';

jest.setTimeout(600_000);

describe('the clients on a real network through the gateway', () => {
    let network: PublicNetwork | undefined;
    let ledger: GatewayLedger | undefined;
    let cwd = '';
    const cli = async (...argv: string[]): Promise<{ code: number; out: string; err: string }> => {
        const out: string[] = [];
        const err: string[] = [];
        const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t), cwd });
        return { code, out: out.join('\n'), err: err.join('\n') };
    };
    const running = (): PublicNetwork => {
        if (network === undefined) throw new Error('the network did not come up');
        return network;
    };
    const gateway = (): GatewayLedger => {
        ledger ??= openNetworkLedger({ state: running().state });
        return ledger;
    };

    beforeAll(async () => {
        cwd = mkdtempSync(join(tmpdir(), 'productivist-clients-cwd-'));
        network = await startPublicNetwork('clients', { cutting: { batchTimeout: '500ms' } });
    }, 600_000);

    afterAll(async () => {
        ledger?.close();
        rmSync(cwd, { recursive: true, force: true });
        await network?.remove();
    });

    it("runs the demo on the network: exit 0, the embedded demo's balances and reputation, real block numbers", async () => {
        const embedded = await cli('demo');
        expect(embedded.code).toBe(ExitCode.success);
        const onNetwork = await cli('demo', '--network', running().state);
        expect(onNetwork.err).toBe('');
        expect(onNetwork.code).toBe(ExitCode.success);
        expect(onNetwork.out).toContain(`on the Fabric network in ${running().state}`);
        expect(demoOutcome(onNetwork.out)).toBe(demoOutcome(embedded.out));
        expect(demoOutcome(onNetwork.out)).toMatch(/alice +960\.00 +0\.00/);
        const timeline = onNetwork.out.slice(onNetwork.out.indexOf('Timeline')).split('\n').slice(1, -2);
        const blocks = timeline.map((line) => Number(/^ +(\d+) /.exec(line)?.[1] ?? Number.NaN));
        expect(blocks.every((block) => block > 0)).toBe(true);
        expect([...blocks].sort((a, b) => a - b)).toEqual(blocks);

        const again = await cli('demo', '--network', running().state);
        expect(again.code).toBe(ExitCode.invalidInput);
        expect(again.err).toContain("the demo already ran on this ledger (model 'bracket' exists)");
    });

    it('runs a command group with --network, and PRODUCTIVIST_NETWORK', async () => {
        const balance = await cli('wallet', 'balance', '--as', 'printlab', '--network', running().state);
        expect(balance.err).toBe('');
        expect(balance.out).toBe('printlab: 34.00 PDT available, 0.00 PDT held');
        process.env.PRODUCTIVIST_NETWORK = running().state;
        try {
            const model = await cli('model', 'show', 'bracket', '--as', 'alice', '--json');
            expect(JSON.parse(model.out)).toMatchObject({ model: { id: 'bracket', designer: 'dana' } });
        } finally {
            delete process.env.PRODUCTIVIST_NETWORK;
        }
    });

    it('resumes a restarted event listener from its checkpoint: nothing missed, nothing repeated', async () => {
        const treasury = new Wallet(gateway(), 'treasury');
        const checkpointer = new FileCheckpointer(join(cwd, 'checkpoint.json'));
        const follow = async (from: FileCheckpointer, until: (seen: ChaincodeEvent[]) => boolean) => {
            const seen: ChaincodeEvent[] = [];
            const follower = followEvents(
                gateway(),
                'treasury',
                'productoken',
                from,
                (event) => {
                    seen.push(event);
                    if (until(seen)) follower.stop();
                },
                { startBlock: 0n },
            );
            // A follower waits for events that may never come: stop it after a deadline.
            const deadline = setTimeout(() => {
                follower.stop();
            }, 60_000);
            await follower.done.finally(() => {
                clearTimeout(deadline);
            });
            return seen;
        };
        // At least two token movements exist before the first listener starts.
        await treasury.mint('dana', '100', 'events-a');
        await treasury.mint('dana', '100', 'events-b');
        const first = await follow(checkpointer, (seen) => seen.length === 2);
        expect(first).toHaveLength(2);
        // While the listener is down, two more token movements commit.
        const last = [await treasury.mint('dana', '100', 'events-1'), await treasury.mint('dana', '100', 'events-2')];
        const lastId = last[1]?.transactionId ?? '';
        const reachedLast = (seen: ChaincodeEvent[]): boolean => seen.at(-1)?.transactionId === lastId;
        const second = await follow(checkpointer, reachedLast);
        const unbroken = await follow(new FileCheckpointer(join(cwd, 'unbroken.json')), reachedLast);
        expect(unbroken.at(-1)?.transactionId).toBe(lastId);
        const ids = (events: ChaincodeEvent[]): string[] => events.map((event) => event.transactionId);
        expect([...ids(first), ...ids(second)]).toEqual(ids(unbroken));
        expect(new Set(ids(unbroken)).size).toBe(unbroken.length);
    });

    it('names the organizations whose endorsement is missing when the policy is not satisfied', async () => {
        const error = await gateway()
            .contract('treasury', 'productoken')
            .submit('Mint', {
                arguments: ['dana', '100', 'endorsed-by-one'],
                endorsingOrganizations: ['ProductivistMSP'],
            })
            .catch((caught: unknown) => caught);
        expect(error instanceof CommitError ? error.validationCode : String(error)).toBe('ENDORSEMENT_POLICY_FAILURE');
        expect((error as CommitError).message).toContain(
            'missing the endorsement of one of CustomerMSP, DesignerMSP, ExpertMSP, ProducerMSP (endorsed by ProductivistMSP)',
        );
    });

    it('100 concurrent payments into one producer: all VALID with productoken; the naive conflicts printed beside', async () => {
        const { ledger: hot, payers } = await preparePayers(running(), 100);
        try {
            const token = await productokenPayments(hot, payers, 'printlab', '100', 'ci');
            const naive = await naivePayments(hot, 'naive', payers, 'printlab', '100');
            console.log(formatOutcomes([token, naive]).join('\n'));
            expect(token).toMatchObject({ payments: 100, valid: 100, conflicts: 0, otherFailures: 0 });
            expect(naive.valid + naive.conflicts + naive.otherFailures).toBe(100);
        } finally {
            hot.close();
        }
    });
});
