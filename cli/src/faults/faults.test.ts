// SPDX-License-Identifier: Apache-2.0
//
// The fault harness on the embedded ledger: the payment load settles every request, the books hold,
// and the books name each kind of wrong entry (a request reported committed that the ledger does not
// hold, a refused one it does hold, a transfer no request made, a supply that does not add up).
import { Wallet } from '@productivist/clients';
import { createWorld, enrollMember } from '@productivist/clients/testing';
import type { EmbeddedNetwork } from '@productivist/ledger';
import { EndorseError } from '@productivist/ledger-api';
import { ClientError } from '@productivist/clients';

import { checkBooks, faultsProfile, isDefinitiveRefusal, loadProfile, PaymentLoad, peersAgree } from './index.js';
import type { PaymentRequest } from './index.js';

const payers = ['payer1', 'payer2', 'payer3'];

async function fundedWorld(): Promise<{ world: EmbeddedNetwork; minted: bigint }> {
    const world = await createWorld();
    for (const payer of payers) {
        await enrollMember(world, payer, {
            mspId: 'CustomerMSP',
            role: 'client',
            attributes: { 'productivist.member': payer },
        });
    }
    const treasury = new Wallet(world, 'treasury');
    const before = BigInt(await treasury.supply());
    for (const payer of payers) await treasury.mint(payer, '1000', `fund-${payer}`);
    return { world, minted: before + 3000n };
}

describe('the fault harness', () => {
    it('records every request of a steady load as committed, and the books hold', async () => {
        const { world, minted } = await fundedWorld();
        const load = new PaymentLoad(world, { payers, payee: 'printlab', amount: '7', run: 'unit' }).start();
        // Load until each payer committed a few transfers (bounded by the test's timeout).
        while (load.summary().committed < 9) await new Promise((resolve) => setTimeout(resolve, 20));
        const summary = await load.stop();
        expect(summary).toMatchObject({ refused: 0, unsettled: 0, replayed: 0 });
        expect(summary.committed).toBe(summary.requests);
        expect(
            load.requests.every((request) => request.transactionId !== undefined && request.block !== undefined),
        ).toBe(true);
        const books = await checkBooks(world, {
            treasury: 'treasury',
            accounts: [...payers, 'printlab', 'alice', 'dana', 'erin', 'productivist'],
            minted,
            requests: load.requests,
        });
        expect(books).toMatchObject({ lost: 0, duplicated: 0, refusedButOnLedger: 0, unsettled: 0, problems: [] });
        expect(books.supply).toBe(minted);
        expect(books.committed).toBe(summary.requests);
    });

    it('retries an unclear failure by the same request id: the replay commits nothing twice', async () => {
        const { world, minted } = await fundedWorld();
        // The first transfer commits, yet its client hears only a gateway error (as when the commit
        // status is lost with an orderer or a peer): the retry replays it.
        let dropped = false;
        const flaky: typeof world = Object.create(world) as typeof world;
        flaky.contract = (member, chaincode, channel) => {
            const contract = world.contract(member, chaincode, channel);
            return {
                ...contract,
                endorse: async (name, options) => {
                    const endorsed = await contract.endorse(name, options);
                    return {
                        ...endorsed,
                        submit: async () => {
                            const status = await endorsed.submit();
                            if (name === 'Transfer' && !dropped) {
                                dropped = true;
                                throw new Error('gateway call failed (gRPC status 4): deadline exceeded');
                            }
                            return status;
                        },
                    };
                },
            };
        };
        const load = new PaymentLoad(flaky, {
            payers: ['payer1'],
            payee: 'printlab',
            amount: '5',
            run: 'replay',
            retryPauseMs: 10,
        }).start();
        while (load.summary().committed < 3) await new Promise((resolve) => setTimeout(resolve, 20));
        await load.stop();
        const [first] = load.requests;
        expect(first).toMatchObject({ state: 'committed', attempts: 2, replayed: true });
        expect(first?.failures[0]?.message).toContain('deadline exceeded');
        const books = await checkBooks(world, {
            treasury: 'treasury',
            accounts: [...payers, 'printlab', 'alice', 'dana', 'erin', 'productivist'],
            minted,
            requests: load.requests,
        });
        expect(books).toMatchObject({ lost: 0, duplicated: 0, problems: [] });
    });

    it('names a lost request, a refused one on the ledger, a stray transfer and a supply that does not add up', async () => {
        const { world, minted } = await fundedWorld();
        const wallet = new Wallet(world, 'payer1');
        await wallet.transfer('printlab', '3', 'made-1', 'made-1');
        await wallet.transfer('printlab', '3', 'stray', 'stray');
        const request = (requestId: string, state: PaymentRequest['state']): PaymentRequest => ({
            requestId,
            payer: 'payer1',
            payee: 'printlab',
            amount: '3',
            submittedAt: 0,
            state,
            attempts: 1,
            failures: [],
        });
        const books = await checkBooks(world, {
            treasury: 'treasury',
            accounts: payers,
            minted: minted + 1n,
            requests: [
                request('made-1', 'refused'),
                request('never-made', 'committed'),
                request('pending', 'submitted'),
            ],
        });
        expect(books).toMatchObject({ lost: 1, refusedButOnLedger: 1, unsettled: 1, duplicated: 0 });
        expect(books.problems).toEqual([
            `supply ${String(minted)} is not the ${String(minted + 1n)} minted`,
            `the accounts hold ${String(minted - 6n)} in all, the supply is ${String(minted)}`,
            'request made-1: refused (?) but on the ledger',
            'request never-made: committed (?) but not on the ledger',
            'request pending: never settled (0 on the ledger)',
            'a transfer with reference stray that no request made',
        ]);
    });

    it('tells a refusal from an unclear failure', () => {
        const refusal = new ClientError(
            'productoken.Transfer refused: INSUFFICIENT_FUNDS: …',
            'INSUFFICIENT_FUNDS',
            undefined,
        );
        expect(isDefinitiveRefusal(refusal)).toBe(true);
        expect(
            isDefinitiveRefusal(
                new EndorseError('tx', 'endorsement failed: unavailable', { code: 'ENDORSEMENT_FAILED' }),
            ),
        ).toBe(false);
        expect(isDefinitiveRefusal(new ClientError('no code', 'CHAINCODE_ERROR', undefined))).toBe(false);
    });

    it('reads the profile from FAULTS_PROFILE, and compares peers by height and commit hash', () => {
        expect(faultsProfile({})).toBe('quick');
        expect(loadProfile(faultsProfile({ FAULTS_PROFILE: 'full' })).payers).toBeGreaterThan(
            loadProfile('quick').payers,
        );
        expect(() => faultsProfile({ FAULTS_PROFILE: 'long' })).toThrow(
            "FAULTS_PROFILE is 'long'; set it to quick or full (or leave it unset for quick)",
        );
        const peer = (height: number, commitHash: string) => ({ peer: 'p', endpoint: 'e', height, commitHash });
        expect(peersAgree([peer(5, 'ab'), peer(5, 'ab')])).toBe(true);
        expect(peersAgree([peer(5, 'ab'), peer(5, 'cd')])).toBe(false);
        expect(peersAgree([peer(5, 'ab'), peer(4, 'ab')])).toBe(false);
        expect(peersAgree([peer(5, ''), peer(5, '')])).toBe(false);
        expect(peersAgree([peer(5, 'ab'), { peer: 'q', endpoint: 'f', error: 'down' }])).toBe(false);
    });
});
