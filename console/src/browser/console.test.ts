// SPDX-License-Identifier: Apache-2.0
//
// The console in a real browser (Debian's Chromium through playwright-core): `productivist console
// --state` started as a user starts it, the login token required, then the whole production flow
// done in the page — fund, register, certify, order, progress, verdict, payout — as the members who
// may do each step, with what the page shows checked after each one; a contract refusal shown with
// its code and message, and nothing written. Screenshots of the main views go to docs/console/.
import type { ChildProcess } from 'node:child_process';
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';

import { LocalLedger } from '@productivist/clients';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

import { pageSteps } from './pageSteps.js';
import { findChromium } from './chromium.js';

const root = join(__dirname, '..', '..', '..');
const shots = join(root, 'docs', 'console');

/** Status and body of a GET without any cookie. */
function plainGet(url: string, host?: string): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
        const req = request(url, { headers: host === undefined ? {} : { host } }, (res) => {
            let body = '';
            res.on('data', (chunk: Buffer) => (body += chunk.toString()));
            res.on('end', () => {
                resolve({ status: res.statusCode ?? 0, body });
            });
        });
        req.on('error', reject);
        req.end();
    });
}

function journalLines(state: string): number {
    return readFileSync(join(state, 'journal.jsonl'), 'utf8').split('\n').filter(Boolean).length;
}

describe('the web console in Chromium', () => {
    let state: string;
    let server: ChildProcess | undefined;
    let loginUrl = '';
    let base = '';
    let browser: Browser | undefined;
    let page: Page;

    beforeAll(async () => {
        const executablePath = findChromium();
        // The bundle the server serves, built from this checkout's sources.
        execFileSync(process.execPath, [join(root, 'console', 'scripts', 'bundle.mjs')]);
        state = mkdtempSync(join(tmpdir(), 'productivist-console-'));
        // An initialized world with no tokens and no models: the page does the rest.
        (await LocalLedger.open(join(state, 'world'), { create: true })).close();
        state = join(state, 'world');
        const started = spawn(process.execPath, [join(root, 'cli', 'dist', 'main.js'), 'console', '--state', 'world'], {
            cwd: join(state, '..'),
            stdio: ['ignore', 'pipe', 'pipe'],
        });
        server = started;
        loginUrl = await new Promise<string>((resolve, reject) => {
            let out = '';
            let err = '';
            const timer = setTimeout(() => {
                reject(new Error(`productivist console printed no address in 30 s: ${out} ${err}`));
            }, 30_000);
            started.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
            started.stdout.on('data', (chunk: Buffer) => {
                out += chunk.toString();
                const found = /open (http:\/\/\S+)/.exec(out);
                if (found?.[1] !== undefined) {
                    clearTimeout(timer);
                    resolve(found[1]);
                }
            });
            started.on('exit', (code) => {
                clearTimeout(timer);
                reject(new Error(`productivist console exited with ${String(code)}: ${out} ${err}`));
            });
        });
        base = loginUrl.replace(/\/login\?.*$/, '');
        browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
        page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
        mkdirSync(shots, { recursive: true });
    }, 90_000);

    afterAll(async () => {
        await browser?.close();
        if (server?.pid !== undefined && server.exitCode === null) {
            const exited = new Promise((resolve) => server?.once('exit', resolve));
            process.kill(server.pid, 'SIGTERM');
            await exited;
        }
        rmSync(join(state, '..'), { recursive: true, force: true });
    });

    const { see, fill } = pageSteps(() => page, 15_000);

    async function actAs(member: string, tab: string): Promise<void> {
        await page.selectOption('#identity', member);
        await page.click(`#tab-${tab}`);
        await page.waitForSelector(`#${tab}-view`);
    }

    it('serves on 127.0.0.1 only and refuses every request without the session the one-time token gives', async () => {
        expect(new URL(loginUrl).hostname).toBe('127.0.0.1');
        for (const path of ['/', '/api/info', '/api/wallet?as=treasury', '/assets/app.js', '/api/events']) {
            const { status, body } = await plainGet(`${base}${path}`);
            expect([path, status]).toEqual([path, 401]);
            expect(body).toContain('Refused');
        }
        // Another Host (a rebound DNS name) is refused even with the right address.
        expect((await plainGet(loginUrl, 'attacker.example:80')).status).toBe(403);
        // Not reachable on the machine's other addresses.
        const external = Object.values(networkInterfaces())
            .flat()
            .find((address) => address?.family === 'IPv4' && !address.internal);
        if (external !== undefined) {
            const port = new URL(base).port;
            const outcome = await plainGet(`http://${external.address}:${port}/`).then(
                () => 'answered',
                (error: unknown) => (error as NodeJS.ErrnoException).code,
            );
            expect(outcome).toBe('ECONNREFUSED');
        }
        const wrong = await plainGet(loginUrl.replace(/token=.*/, 'token=wrong'));
        expect(wrong.status).toBe(401);

        const response = await page.goto(loginUrl);
        expect(response?.status()).toBe(200);
        expect(page.url()).toBe(`${base}/`);
        await see('#live', 'live');
        // The token works once: a second login with it is refused.
        expect((await plainGet(loginUrl)).status).toBe(401);
    });

    it('shows the network: organizations, peers, the channel and its blocks', async () => {
        await page.click('#tab-network');
        await see('#nodes', 'peer0.producer');
        await see('#channels', 'productivist');
        await see('#blocks', 'productoken.Initialize');
        // The embedded world has no chaincode lifecycle, and says so; its explorer has its one channel.
        expect(await page.locator('#chaincodes tbody tr').count()).toBe(4);
        expect(await page.getAttribute('#chaincodes-source', 'data-source')).toBe('embedded');
        expect(await page.locator('#explorer-channel option').allTextContents()).toEqual(['productivist']);
        const unknown = await page.evaluate(async () => {
            const response = await fetch('/api/blocks?channel=nope');
            return { status: response.status, body: (await response.json()) as { error: { message: string } } };
        });
        expect(unknown).toEqual({
            status: 404,
            body: {
                error: {
                    code: 'NOT_FOUND',
                    message: "there is no channel 'nope' to show blocks of",
                    hint: 'pick one of: productivist',
                },
            },
        });
        await page.screenshot({ path: join(shots, 'network.png'), fullPage: true });
        // Onboarding updates change a channel's configuration; the embedded world has none and says so.
        await page.click('#tab-operators');
        await see('#operators-view', 'The embedded world has no channel configuration');
        expect(await page.locator('#updates').count()).toBe(0);
    });

    it('runs the whole flow in the page, live, through the clients', async () => {
        // Fund: the treasury mints 1000.00 PDT for alice (fiat received).
        await actAs('treasury', 'wallet');
        await fill('mint-form', { to: 'alice', amount: '100000', requestId: 'fiat-in-1' });
        await see('#mint-form .ok', '1000.00 PDT minted → alice');
        await actAs('alice', 'wallet');
        await see('#balance-available', '1000.00 PDT');

        // Register: dana uploads a model file; the page hashes it, only the hash goes on-chain.
        const model = Buffer.from('solid bracket\nfacet normal 0 0 1\n');
        await actAs('dana', 'models');
        await page.locator('#register-form [name=contentHash]').setInputFiles({
            name: 'bracket.stl',
            mimeType: 'model/stl',
            buffer: model,
        });
        await fill('register-form', { modelId: 'bracket', title: 'Shelf bracket', royalty: '1000', printLimit: '100' });
        await see('#register-form .ok', 'registered bracket v1');
        await see('#models [data-model=bracket]', 'PENDING');
        const hash = createHash('sha256').update(model).digest('hex');
        expect(await page.getAttribute('#models [data-model=bracket] td[title]', 'title')).toBe(hash);

        // Certify: erin, an expert.
        await actAs('erin', 'models');
        await fill('decide-form', { modelId: 'bracket', decision: 'certify', report: 'erin report on bracket' });
        await see('#models [data-model=bracket]', 'CERTIFIED by erin (ExpertMSP)');
        await page.screenshot({ path: join(shots, 'models.png'), fullPage: true });

        // Dana watches the model's print-limit usage (prodcontrol PrintsOf): none used of 100.
        await actAs('dana', 'orders');
        await see('#prints [data-model=bracket]', '0 / 100');

        // Order: alice orders one print from printlab in another tab; 20.00 PDT go into escrow.
        const tab = await page.context().newPage();
        await tab.goto(`${base}/`);
        await tab.selectOption('#identity', 'alice');
        await tab.click('#tab-orders');
        await pageSteps(() => tab, 15_000).fill('order-form', {
            orderId: 'print-1',
            modelId: 'bracket',
            quantity: '1',
            price: '2000',
            producer: 'printlab',
            spec: 'PETG, black',
        });
        // Dana's page follows the chaincode event, without a reload: 1 of 100 used, by print-1.
        await see('#prints [data-model=bracket]', '1 / 100');
        await see('#prints [data-model=bracket]', 'print-1 ×1');
        expect(await page.locator('#prints [data-model=bracket] td').nth(3).innerText()).toBe('99');
        await tab.close();
        // The customer may not read the usage: the page says how many models it cannot see.
        await actAs('alice', 'orders');
        await see('#orders [data-order=print-1]', 'ASSIGNED');
        await see('#prints-hidden', '1 more model: only the designer');
        expect(await page.locator('#prints tbody tr').count()).toBe(0);
        await page.click('#tab-wallet');
        await see('#balance-held', '20.00 PDT');
        await see('#holds', 'expert via qualitycheck');

        // Progress: printlab accepts and starts, its printer reports, printlab marks it produced.
        await actAs('printlab', 'orders');
        await fill('step-form', { orderId: 'print-1', step: 'accept' });
        await see('#orders [data-order=print-1]', 'ACCEPTED');
        await fill('step-form', { orderId: 'print-1', step: 'start' });
        await see('#orders [data-order=print-1]', 'IN_PRODUCTION');
        await actAs('printer', 'orders');
        await fill('progress-form', { orderId: 'print-1', step: 'printing', note: 'layers 1-180' });
        await see('#orders [data-order=print-1] svg', 'printing');
        await fill('progress-form', { orderId: 'print-1', step: 'post-processing', note: 'supports removed' });
        await see('#orders [data-order=print-1] svg', 'post-processing');
        expect(await page.locator('#orders [data-order=print-1] svg circle').count()).toBe(2);
        await actAs('printlab', 'orders');
        await fill('step-form', { orderId: 'print-1', step: 'produced' });
        await see('#orders [data-order=print-1]', 'PRODUCED');
        // The producer of an order of the model reads its usage too.
        await see('#prints [data-model=bracket]', '1 / 100');
        await page.screenshot({ path: join(shots, 'orders.png'), fullPage: true });

        // Verdict and payout: erin passes it; the escrow is split.
        await actAs('erin', 'quality');
        await fill('open-form', { campaignId: 'qc-1', orderId: 'print-1' });
        await see('#open-form .ok', 'campaign qc-1 open');
        await fill('result-form', {
            campaignId: 'qc-1',
            name: 'wall-thickness',
            value: '3.02',
            unit: 'mm',
            report: 'measurements',
        });
        await see('#result-form .ok', 'recorded wall-thickness');
        await fill('verdict-form', { campaignId: 'qc-1', outcome: 'pass', report: 'qc-1 report' });
        await see('#verdict-form .ok', 'order print-1: PASSED');
        await see('#campaigns', 'pass');
        await see('#payouts', 'printlab 17.00 PDT');
        await see('#payouts', 'dana 2.00 PDT');
        await see('#payouts', 'productivist 1.00 PDT');
        await see('#ranking-producers', 'printlab');
        await page.screenshot({ path: join(shots, 'quality.png'), fullPage: true });

        for (const [member, amount] of [
            ['printlab', '17.00 PDT'],
            ['dana', '2.00 PDT'],
            ['alice', '980.00 PDT'],
        ] as const) {
            await actAs(member, 'wallet');
            await see('#balance-available', amount);
        }
        await see('#balance-held', '0.00 PDT');
        await see('#holds', 'RELEASED');
        await see('#activity', 'hold:prodcontrol:order:print-1');
        await page.screenshot({ path: join(shots, 'wallet.png'), fullPage: true });

        // The block explorer pages back by block number: the newest page no longer reaches block 0.
        await page.click('#tab-network');
        await see('#blocks', 'qualitycheck.Verdict');
        expect(await page.locator('#blocks [data-block="0"]').count()).toBe(0);
        const newest = await page.locator('#blocks tbody tr').first().getAttribute('data-block');
        for (let pages = 0; (await page.locator('#blocks-start').count()) === 0; pages++) {
            expect(pages).toBeLessThan(10);
            const older = (await page.locator('#blocks-older').innerText()).replace(/\D+/g, '');
            await page.click('#blocks-older');
            await see('#blocks', '');
            await page
                .locator(`#blocks [data-block="${String(Number(older) - 1)}"]`)
                .first()
                .waitFor();
        }
        // The embedded world's block 0 holds no transactions; Initialize is block 1.
        await see('#blocks [data-block="0"]', 'no transactions');
        await see('#blocks [data-block="1"]', 'productoken.Initialize');
        const numbers = await Promise.all(
            (await page.locator('#blocks tbody tr').all()).map(async (row) =>
                Number(await row.getAttribute('data-block')),
            ),
        );
        expect(new Set(numbers).size).toBe(Number(newest) + 1);
        expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
        await page.click('#blocks-newest');
        await page.locator('#blocks-older').waitFor();
        expect(await page.locator('#blocks [data-block="0"]').count()).toBe(0);
    }, 180_000);

    it('shows a contract refusal with its code and message, and nothing changes', async () => {
        await actAs('alice', 'wallet');
        await see('#balance-available', '980.00 PDT');
        const before = journalLines(state);
        await fill('transfer-form', { to: 'dana', amount: '500000', reference: 'too much', requestId: 'big-1' });
        await see('#transfer-form .refusal .code', 'INSUFFICIENT_FUNDS');
        await see('#transfer-form .refusal .message', 'productoken.Transfer refused: INSUFFICIENT_FUNDS');
        await page.screenshot({ path: join(shots, 'refusal.png'), fullPage: true });
        // The CLI's parser refuses what the command line refuses, before any ledger call.
        await fill('transfer-form', { to: 'dana', amount: '0x10', reference: '', requestId: 'hex-1' });
        await see('#transfer-form .refusal', "amount '0x10' is written in another base");
        // A device has no wallet and may not transfer: the contract says so.
        await actAs('printer', 'wallet');
        await see('#wallet-view', 'device of printlab');
        expect(journalLines(state)).toBe(before);
        await actAs('alice', 'wallet');
        await see('#balance-available', '980.00 PDT');
        await see('#balance-held', '0.00 PDT');
    });
});
