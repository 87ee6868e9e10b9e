// SPDX-License-Identifier: Apache-2.0
//
// `productivist demo`: the whole production flow on the embedded ledger, through the four clients.
// Every step checks the state it must reach; the first that does not stops the demo with an error.
import { createHash } from 'node:crypto';

import { KitError } from '@productivist/common';
import type { Movement, TokenEvent } from '@productivist/core-chaincode';
import { tokenEventName } from '@productivist/core-chaincode';

import { Controller, Modeler, Validator, Wallet } from './clients.js';
import type { LocalLedger } from './local/LocalLedger.js';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** 12345 → "123.45" (amounts are cents: 2 decimals). */
export function formatAmount(amount: string | bigint): string {
    const value = BigInt(amount);
    const sign = value < 0n ? '-' : '';
    const abs = value < 0n ? -value : value;
    return `${sign}${(abs / 100n).toString()}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** An amount in the smallest unit as tokens with the unit: 3400 → "34.00 PDT". */
export function tokens(amount: string | bigint): string {
    return `${formatAmount(amount)} PDT`;
}

function expect(condition: boolean, step: string, detail: string): void {
    if (!condition) {
        throw new KitError(`demo step "${step}" did not reach the expected state: ${detail}`, {
            code: 'DEMO_FAILED',
            exit: 'internal',
        });
    }
}

export interface DemoSummary {
    readonly balances: Readonly<Record<string, { available: string; held: string }>>;
    readonly steps: number;
}

/** Runs the demo on a fresh world and prints what happens. */
export async function runDemo(ledger: LocalLedger, out: (line: string) => void): Promise<DemoSummary> {
    const treasury = new Wallet(ledger, 'treasury');
    const dana = new Modeler(ledger, 'dana');
    const erinModels = new Modeler(ledger, 'erin');
    const alice = new Controller(ledger, 'alice');
    const printlab = new Controller(ledger, 'printlab');
    const printer = new Controller(ledger, 'printer');
    const erin = new Validator(ledger, 'erin');
    let step = 0;
    const say = (text: string): void => {
        step += 1;
        out(`${String(step).padStart(2)}. ${text}`);
    };

    out('Productivist demo: the whole production flow on the embedded ledger');
    out('');
    await treasury.mint('alice', '100000', 'fiat-in-1');
    const aliceFunds = await treasury.balance('alice');
    expect(aliceFunds.available === '100000', 'fund', `alice has ${aliceFunds.available}`);
    say('the treasury receives 1000.00 EUR from alice and mints 1000.00 PDT into her wallet');

    const model = await dana.register('bracket', 'Shelf bracket, 3 mm wall', sha256('bracket.stl v1'), {
        royaltyBps: 1000,
        printLimit: 100,
        allowedProducers: null,
    });
    expect(model.version === 1, 'register', `version ${model.version}`);
    say(
        `dana registers model "${model.title}" by content hash ${model.contentHash.slice(0, 12)}…, royalty 10 %, at most 100 prints`,
    );

    const certification = await erinModels.certify('bracket', sha256('erin report on bracket'));
    expect(certification.status === 'CERTIFIED', 'certify', certification.status);
    say('erin (expert) certifies it; the certification key can only change with the expert organization endorsing');

    for (const id of ['print-1', 'print-2']) {
        const ordered = await alice.order(
            id,
            'bracket',
            1,
            '2000',
            'printlab',
            'PETG, black, 0.2 mm layers; deliver to Atelier 4',
        );
        expect(
            ordered.order.status === 'ASSIGNED' && ordered.order.holdId === `prodcontrol:order:${id}`,
            'order',
            ordered.order.status,
        );
    }
    const held = await treasury.balance('alice');
    expect(held.held === '4000', 'order', `held ${held.held}`);
    say(
        'alice orders two prints from printlab at 20.00 PDT each; 40.00 PDT go into escrow (spec kept in a private collection)',
    );

    for (const id of ['print-1', 'print-2']) {
        await printlab.step('Accept', id);
        await printlab.step('StartProduction', id);
        await printer.report(id, 'printing', 'layers 1-180');
        await printer.report(id, 'post-processing', 'supports removed');
        const produced = await printlab.step('MarkProduced', id);
        expect(produced.order.status === 'PRODUCED', 'produce', produced.order.status);
    }
    say('printlab accepts both, its printer reports progress, and marks them produced');

    await erin.open('qc-1', 'print-1');
    await erin.record('qc-1', 'wall-thickness', '3.02', 'mm', sha256('qc-1 measurements'));
    const pass1 = await erin.verdict('qc-1', 'pass', sha256('qc-1 report'));
    expect(pass1.order.status === 'PASSED', 'verdict print-1', pass1.order.status);
    say(`erin passes print-1: ${describe(pass1.movements)}`);

    await erin.open('qc-2', 'print-2');
    await erin.record('qc-2', 'wall-thickness', '2.41', 'mm', sha256('qc-2 measurements'));
    const rework = await erin.verdict('qc-2', 'rework', sha256('qc-2 report'));
    expect(rework.order.status === 'REWORK', 'verdict print-2', rework.order.status);
    say('erin fails print-2 (wall too thin) and sends it back to production; the escrow stays held');

    await printer.report('print-2', 'reprinting', 'wall thickness corrected');
    await printlab.step('MarkProduced', 'print-2');
    await erin.open('qc-3', 'print-2');
    await erin.record('qc-3', 'wall-thickness', '3.01', 'mm', sha256('qc-3 measurements'));
    const pass2 = await erin.verdict('qc-3', 'pass', sha256('qc-3 report'));
    expect(pass2.order.status === 'PASSED', 'verdict print-2 again', pass2.order.status);
    say(`printlab reprints it and erin passes it: ${describe(pass2.movements)}`);

    const balances: Record<string, { available: string; held: string }> = {};
    for (const account of ['alice', 'printlab', 'dana', 'productivist'])
        balances[account] = await treasury.balance(account);
    const expected: Record<string, string> = { alice: '96000', printlab: '3400', dana: '400', productivist: '200' };
    for (const [account, amount] of Object.entries(expected)) {
        expect(
            balances[account]?.available === amount && balances[account].held === '0',
            'payouts',
            `${account} has ${JSON.stringify(balances[account])}`,
        );
    }
    expect((await treasury.supply()) === '100000', 'supply', 'the total supply changed');

    out('');
    out('Balances (PDT)      available      held');
    for (const [account, balance] of Object.entries(balances)) {
        out(
            `  ${account.padEnd(14)} ${formatAmount(balance.available).padStart(12)} ${formatAmount(balance.held).padStart(9)}`,
        );
    }
    out('');
    out('Reputation');
    const reputation = await erin.ranking('producer');
    for (const entry of reputation)
        out(`  producer ${entry.account.padEnd(10)} ${entry.pass} passed, ${entry.fail} failed, score ${entry.score}`);
    const designer = await erin.reputation('dana');
    out(`  designer dana       ${designer.designer.pass} paid orders`);
    const expertRecord = await erin.reputation('erin');
    out(`  expert   erin       ${expertRecord.expert.verdicts} verdicts`);
    expect(
        reputation[0]?.account === 'printlab' && reputation[0].pass === 2 && reputation[0].fail === 1,
        'reputation',
        JSON.stringify(reputation),
    );
    out('');
    out('Timeline (block · transaction · submitter · token movements)');
    for (const block of ledger.network.blocks()) {
        for (const tx of block.transactions) {
            const movements =
                tx.event?.name === tokenEventName
                    ? describe((JSON.parse(tx.event.payload.toString()) as TokenEvent).movements)
                    : '';
            out(
                `  ${String(block.number).padStart(3)}  ${`${tx.chaincodeName}.${tx.transactionName}`.padEnd(30)} ${tx.creatorMspId.padEnd(16)} ${tx.code === 'VALID' ? '' : `${tx.code} `}${movements}`.trimEnd(),
            );
        }
    }
    out('');
    out('Every step reached its expected state.');
    return { balances, steps: step };
}

function describe(movements: readonly Movement[]): string {
    return movements
        .map(
            (m) =>
                `${m.kind} ${m.from === '' ? '' : `${m.from} → `}${m.to === '' ? 'burned' : m.to} ${formatAmount(m.amount)}`,
        )
        .join('; ');
}
