// SPDX-License-Identifier: Apache-2.0
//
// `productivist demo`: the whole production flow through the four clients, on any Ledger (the
// embedded world or a Fabric network through the gateway). Every step checks the state it must reach;
// the first that does not stops the demo with an error. The flow uses fixed ids (model `bracket`,
// orders `print-1`/`print-2`), so on a network it runs once: a second run is refused before any
// transaction, with the way to start again (a fresh network).
import { createHash } from 'node:crypto';

import { KitError } from '@productivist/common';
import type { Movement } from '@productivist/core-chaincode';

import type { Ledger } from '@productivist/ledger-api';

import { ClientError } from './ContractClient.js';
import { Controller, Modeler, Validator, Wallet } from './clients.js';
import { RecordingLedger } from './recording.js';
import { worldMembers } from './world.js';

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

/** One line of a producer's, designer's or expert's reputation, as the demo reports it. */
export interface DemoReputation {
    readonly producers: readonly { account: string; pass: number; fail: number; score: string }[];
    readonly designer: { readonly account: string; readonly paidOrders: number };
    readonly expert: { readonly account: string; readonly verdicts: number };
}

export interface DemoSummary {
    readonly balances: Readonly<Record<string, { available: string; held: string }>>;
    readonly reputation: DemoReputation;
    readonly steps: number;
}

export interface DemoOptions {
    /** Where it runs, for the title: `the embedded ledger` (default) or `the Fabric network in <dir>`. */
    readonly where?: string;
    /** What to run again to start from a fresh world, for the refusal of a second run. */
    readonly freshHint?: string;
}

/** Refuses a ledger on which the demo already ran (its model exists): its fixed ids would collide. */
async function requireFresh(modeler: Modeler, hint: string): Promise<void> {
    try {
        await modeler.get('bracket');
    } catch (error) {
        if (error instanceof ClientError && error.code === 'NOT_FOUND') return;
        throw error;
    }
    throw new KitError("the demo already ran on this ledger (model 'bracket' exists)", {
        code: 'DEMO_ALREADY_RAN',
        exit: 'invalidInput',
        hint,
    });
}

/** Runs the demo on a ledger where it has not run yet and prints what happens. */
export async function runDemo(
    target: Ledger,
    out: (line: string) => void,
    options: Readonly<DemoOptions> = {},
): Promise<DemoSummary> {
    const ledger = new RecordingLedger(target);
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

    await requireFresh(dana, options.freshHint ?? 'start from a fresh world');
    out(`Productivist demo: the whole production flow on ${options.where ?? 'the embedded ledger'}`);
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
    for (const tx of ledger.transactions) {
        const movements = movementsOf(tx.result);
        const mspId = (worldMembers as Readonly<Record<string, { mspId: string } | undefined>>)[tx.member]?.mspId ?? '';
        out(
            `  ${String(tx.blockNumber).padStart(3)}  ${`${tx.chaincodeName}.${tx.transactionName}`.padEnd(30)} ${mspId.padEnd(16)} ${movements === undefined ? '' : describe(movements)}`.trimEnd(),
        );
    }
    out('');
    out('Every step reached its expected state.');
    return {
        balances,
        reputation: {
            producers: reputation.map(({ account, pass, fail, score }) => ({ account, pass, fail, score })),
            designer: { account: 'dana', paidOrders: designer.designer.pass },
            expert: { account: 'erin', verdicts: expertRecord.expert.verdicts },
        },
        steps: step,
    };
}

/** The token movements a transaction's result reports (productoken, prodcontrol and qualitycheck results carry them). */
function movementsOf(result: Uint8Array): readonly Movement[] | undefined {
    try {
        const parsed = JSON.parse(Buffer.from(result).toString()) as { movements?: unknown };
        return Array.isArray(parsed.movements) && parsed.movements.length > 0
            ? (parsed.movements as Movement[])
            : undefined;
    } catch {
        return undefined;
    }
}

function describe(movements: readonly Movement[]): string {
    return movements
        .map(
            (m) =>
                `${m.kind} ${m.from === '' ? '' : `${m.from} → `}${m.to === '' ? 'burned' : m.to} ${formatAmount(m.amount)}`,
        )
        .join('; ');
}
