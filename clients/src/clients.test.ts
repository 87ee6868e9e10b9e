// SPDX-License-Identifier: Apache-2.0
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';

import { runDemo } from './demo.js';
import { LocalLedger } from './local/LocalLedger.js';
import { Controller, Wallet } from './clients.js';
import { ClientError } from './ContractClient.js';
import { CredentialStore } from '@productivist/common';

describe('clients, the local ledger and the demo', () => {
    let dir: string;
    beforeEach(() => {
        dir = mkdtempSync(join(tmpdir(), 'productivist-clients-'));
    });
    afterEach(() => {
        rmSync(dir, { recursive: true, force: true });
    });

    it('runs the demo to its expected state and keeps the world in a state directory that replays', async () => {
        const lines: string[] = [];
        const state = join(dir, 'state');
        const first = await LocalLedger.open(state, { create: true });
        const summary = await runDemo(first, (line) => lines.push(line));
        first.close();
        expect(summary.balances['printlab']).toEqual({ account: 'printlab', available: '3400', held: '0' });
        expect(lines.at(-1)).toBe('Every step reached its expected state.');
        expect(lines.join('\n')).toMatch(/producer printlab +2 passed, 1 failed, score 0\.6000/);
        // Reopened, the journal replays into the same balances, and new commands build on them
        const reopened = await LocalLedger.open(state);
        expect(await new Wallet(reopened, 'alice').balance()).toEqual({
            account: 'alice',
            available: '96000',
            held: '0',
        });
        await new Wallet(reopened, 'alice').transfer('dana', '100', '', 'after-demo');
        reopened.close();
        const third = await LocalLedger.open(state);
        expect((await new Wallet(third, 'dana').balance()).available).toBe('500');
        await expect(LocalLedger.open(state)).rejects.toThrow('is already open in this process');
        third.close();
        // Initialize, 7 accounts opened, the demo's 26 transactions and the transfer
        expect(readFileSync(join(state, 'journal.jsonl'), 'utf8').trim().split('\n')).toHaveLength(35);
    });

    it('turns contract refusals into errors that keep the code', async () => {
        const ledger = await LocalLedger.open();
        const error = await new Wallet(ledger, 'alice')
            .transfer('dana', '5', '', 'r')
            .catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(ClientError);
        expect(error).toMatchObject({
            code: 'INSUFFICIENT_FUNDS',
            message:
                "productoken.Transfer refused: INSUFFICIENT_FUNDS: account 'alice' has 0 available and cannot pay 5 (base 0, named credits 0; " +
                "credits not named are not read: name them from CreditsOf in transient field 'credits', or merge them into the base with Consolidate)",
        });
        const forbidden = await new Controller(ledger, 'dana')
            .order('o', 'm', 1, '5', 'printlab', 'spec')
            .catch((caught: unknown) => caught);
        expect(forbidden).toMatchObject({ code: 'FORBIDDEN', exitCode: 2 });
    });

    it('keeps credentials owner-only on disk and never prints a private key', async () => {
        const ledger = await LocalLedger.open();
        const store = new CredentialStore(join(dir, 'wallet'));
        store.save({ name: 'alice', ...(await ledger.network.exportIdentity('alice')) });
        expect(statSync(join(dir, 'wallet', 'alice.id.json')).mode & 0o777).toBe(0o600);
        expect(statSync(join(dir, 'wallet')).mode & 0o777).toBe(0o700);
        const [summary] = store.list();
        expect(summary).toMatchObject({ name: 'alice', mspId: 'CustomerMSP' });
        expect(JSON.stringify(store.list())).not.toContain('PRIVATE KEY');
        const loaded = store.load('alice');
        expect(loaded.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
        expect(JSON.stringify(loaded)).not.toContain('PRIVATE KEY');
        expect(inspect(loaded)).not.toContain('PRIVATE KEY');
        expect(() => store.load('bob')).toThrow("no identity 'bob' in");
    });
});
