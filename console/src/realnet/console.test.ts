// SPDX-License-Identifier: Apache-2.0
//
// The console on a real network: the public example started by `productivist network up` (real
// Fabric 3.1.5 processes, its own ports and state folder), then `productivist console --network`
// opened in Chromium. The Network view shows the running nodes, their health, the channel's
// heights and the Raft leader; the identity picker lists the identities `network up` wrote; an
// action as a member goes through the gateway to the peers (a mint, a balance, a refusal); a model's
// print-limit usage follows an order live; the chaincodes table is the peers' _lifecycle answer; the
// block explorer picks either channel (the example plus a second channel, `workshop`) and pages back.
import type { ChildProcess } from 'node:child_process';
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import {
    fabricHome,
    networkDown,
    networkStatus,
    removeOrganization,
    resolveSigner,
    signUpdateFile,
} from '@productivist/network';
import { freePortBase, requireFabric } from '@productivist/network/testing';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

import { pageSteps } from '../browser/pageSteps.js';
import { findChromium } from '../browser/chromium.js';

jest.setTimeout(300_000);

const root = join(__dirname, '..', '..', '..');
const cli = join(root, 'cli', 'dist', 'main.js');
const shots = join(root, 'docs', 'console');

describe('the console on a real network', () => {
    let dir = '';
    let state = '';
    let server: ChildProcess | undefined;
    let browser: Browser | undefined;
    let page: Page;

    beforeAll(async () => {
        requireFabric();
        const executablePath = findChromium();
        dir = mkdtempSync(join(tmpdir(), 'productivist-console-net-'));
        state = join(dir, 'network');
        const base = await freePortBase(40);
        const example = readFileSync(join(root, 'examples', 'productivist.yaml'), 'utf8')
            .replace(/^ports:\n +base: \d+\n/m, '')
            .replace(/^version: 1$/m, `version: 1\nports:\n    base: ${String(base)}`)
            // A second channel, so that the explorer's channel picker has every channel to offer.
            .concat(
                '    - name: workshop\n      type: private\n      members: [Productivist, Producer]\n',
                '      policies:\n          admins: Productivist\n      blockCutting:\n          batchTimeout: 2s\n',
            );
        writeFileSync(join(dir, 'productivist.yaml'), example);
        await promisify(execFile)(process.execPath, [cli, 'network', 'up', 'productivist.yaml', '--state', 'network'], {
            cwd: dir,
            timeout: 240_000,
        });
        const started = spawn(process.execPath, [cli, 'console', '--network', 'network'], {
            cwd: dir,
            stdio: ['ignore', 'pipe', 'pipe'],
        });
        server = started;
        const login = await new Promise<string>((resolve, reject) => {
            let out = '';
            started.stdout.on('data', (chunk: Buffer) => {
                out += chunk.toString();
                const found = /open (http:\/\/\S+)/.exec(out);
                if (found?.[1] !== undefined) resolve(found[1]);
            });
            started.on('exit', (code) => {
                reject(new Error(`productivist console exited with ${String(code)}: ${out}`));
            });
        });
        browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
        page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
        await page.goto(login);
        mkdirSync(shots, { recursive: true });
    });

    afterAll(async () => {
        try {
            await browser?.close();
            if (server?.pid !== undefined && server.exitCode === null) {
                const exited = new Promise((resolve) => server?.once('exit', resolve));
                process.kill(server.pid, 'SIGTERM');
                await exited;
            }
        } finally {
            if (state !== '') await networkDown(state);
            rmSync(dir, { recursive: true, force: true });
        }
    });

    const { see, fill } = pageSteps(() => page, 30_000);

    it("shows the running network's nodes, health, heights and Raft leader", async () => {
        await page.click('#tab-network');
        await see('#nodes', 'orderer0.productivist');
        await see('#nodes', 'healthy');
        expect(await page.locator('#nodes tbody tr').count()).toBe(14);
        expect(await page.locator('#nodes td.bad').count()).toBe(0);
        await see('#channels', 'productivist');
        await see('#channels', 'orderer');
        await page.screenshot({ path: join(shots, 'network-real.png'), fullPage: true });
    });

    it('lists the identities network up enrolled, and acts through the gateway on the peers', async () => {
        const identities = await page.locator('#identity option').allTextContents();
        expect(identities.join('\n')).toContain('alice-designer — DesignerMSP');
        expect(identities.join('\n')).toContain('treasury — ProductivistMSP');
        // The treasury mints for alice: endorsed by the peers, ordered by Raft, committed.
        await page.selectOption('#identity', 'treasury');
        await page.click('#tab-wallet');
        await fill('mint-form', { to: 'alice', amount: '2500', requestId: 'console-real-1' });
        await see('#mint-form .ok', '25.00 PDT minted → alice');
        // Alice sees it in her wallet (network up opened her account with nothing in it).
        await page.selectOption('#identity', 'alice');
        await page.click('#tab-wallet');
        await see('#balance-available', '25.00 PDT');
        // A refusal comes from the chaincode on the peers, with its code and message, and changes nothing.
        await fill('transfer-form', { to: 'dana', amount: '500000', reference: 'too much', requestId: 'big-1' });
        await see('#transfer-form .refusal .code', 'INSUFFICIENT_FUNDS');
        await see('#transfer-form .refusal .message', 'productoken.Transfer refused: INSUFFICIENT_FUNDS');
        await page.screenshot({ path: join(shots, 'wallet-real.png'), fullPage: true });
        await page.selectOption('#identity', 'treasury');
        await page.selectOption('#identity', 'alice');
        await page.click('#tab-wallet');
        await see('#balance-available', '25.00 PDT');
    });

    it("shows a model's print-limit usage to its designer, following an order live", async () => {
        // dana registers a model limited to 5 prints, erin certifies it.
        await page.selectOption('#identity', 'dana');
        await page.click('#tab-models');
        await page.locator('#register-form [name=contentHash]').setInputFiles({
            name: 'hinge.stl',
            mimeType: 'model/stl',
            buffer: Buffer.from('solid hinge\n'),
        });
        await fill('register-form', { modelId: 'hinge', title: 'Hinge', royalty: '1000', printLimit: '5' });
        await see('#register-form .ok', 'registered hinge v1');
        await page.selectOption('#identity', 'erin');
        await fill('decide-form', { modelId: 'hinge', decision: 'certify', report: 'erin on hinge' });
        await see('#models [data-model=hinge]', 'CERTIFIED');
        await page.selectOption('#identity', 'dana');
        await page.click('#tab-orders');
        await see('#prints [data-model=hinge]', '0 / 5');
        // alice orders two hinges from printlab in another tab; dana's page follows the event.
        const tab = await page.context().newPage();
        await tab.goto(`${new URL(page.url()).origin}/`);
        await tab.selectOption('#identity', 'alice');
        await tab.click('#tab-orders');
        await pageSteps(() => tab, 60_000).fill('order-form', {
            orderId: 'hinge-1',
            modelId: 'hinge',
            quantity: '2',
            price: '1500',
            producer: 'printlab',
            spec: 'steel',
        });
        await see('#prints [data-model=hinge]', '2 / 5');
        await see('#prints [data-model=hinge]', 'hinge-1 ×2');
        await tab.close();
        await page.screenshot({ path: join(shots, 'orders-real.png'), fullPage: true });
    });

    it("lists the committed chaincodes and explores the peers' blocks: the mint is there, VALID", async () => {
        await page.selectOption('#identity', 'treasury');
        await page.click('#tab-wallet');
        await page.click('#tab-network');
        // The definitions the peer holds (_lifecycle), with the organizations that approved each.
        const productoken = page.locator('#chaincodes tbody tr', { hasText: 'productoken' });
        await productoken.waitFor({ timeout: 30_000 });
        expect(await page.getAttribute('#chaincodes-source', 'data-source')).toBe('peers');
        const cells = await productoken.locator('td').allTextContents();
        expect(cells.slice(0, 4)).toEqual(['productivist', 'productoken', expect.any(String), '1']);
        expect(cells[4]).toContain('ProductivistMSP');
        expect(await page.locator('#chaincodes tbody tr').count()).toBe(4);
        // The mint of the previous test, decoded from a block the peers returned (qscc GetBlockByNumber).
        const mint = page.locator('#blocks tbody tr', { hasText: 'productoken.Mint' });
        try {
            await mint.first().waitFor({ timeout: 30_000 });
        } catch (error) {
            throw new Error(
                `no Mint in the block explorer; the page shows:\n${await page.locator('main').innerText()}`,
                {
                    cause: error,
                },
            );
        }
        const row = await mint.first().locator('td').allTextContents();
        expect(row[2]).toBe('ProductivistMSP');
        expect(row[4]).toBe('VALID');
        expect(row[5]).toBe('ProducToken');
        await page.screenshot({ path: join(shots, 'network-real.png'), fullPage: true });

        // Older blocks on demand: the page below the newest one, by block number.
        const older = Number((await page.locator('#blocks-older').innerText()).replace(/\D+/g, ''));
        expect(await page.locator(`#blocks [data-block="${String(older - 1)}"]`).count()).toBe(0);
        await page.click('#blocks-older');
        await page
            .locator(`#blocks [data-block="${String(older - 1)}"]`)
            .first()
            .waitFor({ timeout: 30_000 });

        // Every channel of the network in the picker; the second one holds configuration blocks only
        // (its genesis block and the anchor peer updates of its two organizations).
        expect(await page.locator('#explorer-channel option').allTextContents()).toEqual(['productivist', 'workshop']);
        await see('#channels', 'workshop');
        await page.selectOption('#explorer-channel', 'workshop');
        await see('#explorer-note', 'of 3 on workshop');
        await see('#blocks-start', 'block 0');
        await see('#explorer-height', 'height 3');
        const workshop = await Promise.all(
            (await page.locator('#blocks tbody tr').all()).map(async (row) => [
                await row.getAttribute('data-block'),
                await row.locator('td').nth(1).innerText(),
            ]),
        );
        expect(workshop).toEqual([
            ['2', 'config'],
            ['1', 'config'],
            ['0', 'config'],
        ]);
    });

    it('shows the pending onboarding updates in the Operators view: who signed, who is missing', async () => {
        await page.click('#tab-operators');
        await see('#operators-view', 'No pending updates in');
        // An operator prepares an update with the onboarding functions (org remove, org sign) in <state>/updates/.
        const updates = join(state, 'updates');
        mkdirSync(updates);
        const update = join(updates, 'remove-expert.json');
        const home = fabricHome();
        await removeOrganization({
            network: state,
            fabricHome: home,
            organization: 'Expert',
            channel: 'productivist',
            out: update,
        });
        // Customer's admin signs the file; the example's Application/Admins is OR('ProductivistMSP.admin'),
        // so Productivist is still missing. A stray file in the folder is reported, not skipped.
        const signer = (organization: string) => resolveSigner({ network: state, organization, fabricHome: home });
        await signUpdateFile({ update, signer: signer('Customer') });
        writeFileSync(join(updates, 'notes.json'), '{"todo": "ask Productivist"}\n');
        const row = page.locator('#updates tbody tr', { hasText: 'remove-expert.json' });
        const shown = async (): Promise<string> => {
            await page.click('#tab-network');
            await page.click('#tab-operators');
            try {
                await row.waitFor({ timeout: 60_000 });
            } catch (error) {
                throw new Error(
                    `the update is not listed; the page shows:\n${await page.locator('main').innerText()}`,
                    {
                        cause: error,
                    },
                );
            }
            return row.innerText();
        };
        let text = await shown();
        expect(text).toContain('remove organization Expert (ExpertMSP) from channel productivist');
        expect(text).toContain(
            "/Channel/Application/Admins is OR('ProductivistMSP.admin'); no admin signature yet from: ProductivistMSP",
        );
        expect(await row.locator('td.signed').innerText()).toBe('admin@customer.productivist.example (CustomerMSP)');
        expect(await row.locator('td.missing').innerText()).toBe('ProductivistMSP');
        expect(text).toContain('needs signatures');
        await see('#unreadable', 'notes.json');
        await page.screenshot({ path: join(shots, 'operators-real.png'), fullPage: true });
        // Productivist's admin signs detached, into a signature file beside it: it counts, nothing is missing.
        await signUpdateFile({
            update,
            signer: signer('Productivist'),
            out: join(updates, 'productivist-signature.json'),
        });
        text = await shown();
        const signed = await row.locator('td.signed').innerText();
        expect(signed).toContain('admin@customer.productivist.example (CustomerMSP)');
        expect(signed).toContain('admin@productivist.example (ProductivistMSP)');
        expect(await row.locator('td.missing').innerText()).toBe('');
        expect(text).toContain('ready to submit');
    });

    it('falls back to what the kit recorded, and says so, when the peer cannot be asked', async () => {
        // The Network view asks peer0.productivist (the treasury's organization); stop it.
        const peer = (await networkStatus(state, fabricHome())).nodes.find((node) => node.id === 'peer0.productivist');
        if (peer?.pid === undefined) throw new Error('peer0.productivist has no pid in network status');
        process.kill(peer.pid, 'SIGKILL');
        await page.click('#tab-operators');
        await page.click('#tab-network');
        await see('#chaincodes-source', 'the peers could not be asked: from deployments.json');
        await see('#network-view', 'showing what network chaincode deploy recorded in deployments.json instead');
        const productoken = page.locator('#chaincodes tbody tr', { hasText: 'productoken' });
        const cells = await productoken.locator('td').allTextContents();
        expect(cells.slice(0, 4)).toEqual(['productivist', 'productoken', expect.any(String), '1']);
        expect(cells[4]).toBe('—');
        await see('#nodes', 'stopped');
    });
});
