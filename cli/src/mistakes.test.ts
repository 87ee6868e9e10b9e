// SPDX-License-Identifier: Apache-2.0
//
// What a user meets on ordinary mistakes: each one exits with its documented code, one line and a
// hint — never an internal error — and changes nothing. One test per item of issue 10's "Why".
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ExitCode } from '@productivist/common';

import { runCli } from './run.js';

describe('the CLI on user mistakes', () => {
    let dir: string;
    const cli = async (...argv: string[]): Promise<{ code: number; out: string; err: string }> => {
        const out: string[] = [];
        const err: string[] = [];
        const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t), cwd: dir });
        return { code, out: out.join('\n'), err: err.join('\n') };
    };
    const as = (member: string): string[] => ['--as', member, '--state', 'world'];
    const expectExplained = (result: { code: number; err: string }, code: number, first: string): void => {
        expect(result.err).not.toContain('internal error');
        expect(result.code).toBe(code);
        const lines = result.err.split('\n');
        expect(lines[0]).toBe(`productivist: ${first}`);
        expect(lines.at(-1)).toMatch(/^hint: ./);
    };

    beforeAll(async () => {
        dir = mkdtempSync(join(tmpdir(), 'productivist-mistakes-'));
        expect((await cli('demo', '--state', 'world')).code).toBe(ExitCode.success);
    }, 60_000);
    afterAll(() => {
        rmSync(dir, { recursive: true, force: true });
    });

    it.each([
        [
            'stranger',
            "'stranger' is an identity of CustomerMSP without a productivist.member attribute, so it has no wallet",
        ],
        ['printer', "'printer' is a device of 'printlab'; devices have no wallet"],
        ['admin', "'admin' is an admin identity of ProductivistMSP; admins have no wallet"],
    ])('wallet balance as %s, who has no account, explains why', async (member, line) => {
        expectExplained(await cli('wallet', 'balance', ...as(member)), ExitCode.invalidInput, line);
    });

    it('model register given a directory says it needs a file', async () => {
        mkdirSync(join(dir, 'models'), { recursive: true });
        const result = await cli('model', 'register', 'v', 'V', 'models', ...as('dana'));
        expectExplained(result, ExitCode.invalidInput, "'models' is a directory, not a file");
    });

    it('--state pointing at a file is refused', async () => {
        writeFileSync(join(dir, 'notes.txt'), 'mine');
        const result = await cli('wallet', 'balance', '--as', 'alice', '--state', 'notes.txt');
        expectExplained(result, ExitCode.invalidInput, 'state path notes.txt is a file, not a directory');
        expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
    });

    it('a mistyped --state is refused instead of starting an empty world', async () => {
        const result = await cli('wallet', 'balance', '--as', 'alice', '--state', 'wrold');
        expectExplained(result, ExitCode.notFound, 'state directory wrold does not exist');
        expect(existsSync(join(dir, 'wrold'))).toBe(false);
        const created = await cli('wallet', 'balance', '--as', 'alice', '--state', 'fresh', '--create');
        expect(created).toMatchObject({ code: 0, out: 'alice: 0.00 PDT available, 0.00 PDT held' });
    });

    it('a foreign directory given as --state is left untouched', async () => {
        mkdirSync(join(dir, 'photos'));
        writeFileSync(join(dir, 'photos', 'cat.jpg'), 'meow');
        const result = await cli('wallet', 'balance', '--as', 'alice', '--state', 'photos', '--create');
        expectExplained(
            result,
            ExitCode.invalidInput,
            'photos is not a Productivist state directory (it has no world.json)',
        );
        expect(existsSync(join(dir, 'photos', 'world.json'))).toBe(false);
        expect(existsSync(join(dir, 'photos', 'lock'))).toBe(false);
    });

    it('a damaged journal line is named by file and line, and nothing is overwritten', async () => {
        expect((await cli('demo', '--state', 'damaged')).code).toBe(ExitCode.success);
        const journal = join(dir, 'damaged', 'journal.jsonl');
        const lines = readFileSync(journal, 'utf8').trim().split('\n').length;
        appendFileSync(journal, '{"member": "alice", "chaincode": "productoken"\n');
        const before = readFileSync(journal);
        const result = await cli('wallet', 'balance', '--as', 'alice', '--state', 'damaged');
        expect(result.code).toBe(ExitCode.ledger);
        expect(result.err.split('\n')[0]).toMatch(
            new RegExp(`^productivist: damaged/journal\\.jsonl:${lines + 1}: is not a journal entry: `),
        );
        expect(readFileSync(journal).equals(before)).toBe(true);
        expect(existsSync(join(dir, 'damaged', 'lock'))).toBe(false);
    });

    it('a transfer to an account nobody opened is refused and the tokens stay', async () => {
        const result = await cli('wallet', 'transfer', 'dnaa', '500', '--request', 'typo', ...as('alice'));
        expectExplained(
            result,
            ExitCode.invalidInput,
            "productoken.Transfer refused: NOT_FOUND: recipient account 'dnaa' does not exist; accounts are opened by their owner (productoken OpenAccount)",
        );
        expect((await cli('wallet', 'balance', ...as('alice'))).out).toBe('alice: 960.00 PDT available, 0.00 PDT held');
    });

    it('an order is assigned only to a member holding the producer role', async () => {
        const order = (producer: string): Promise<{ code: number; out: string; err: string }> =>
            cli(
                'order',
                'create',
                `o-${producer}`,
                'bracket',
                '1',
                '1000',
                '--producer',
                producer,
                '--spec',
                'blue',
                ...as('alice'),
            );
        const designer = await order('dana');
        expect(designer.code).toBe(ExitCode.invalidInput);
        expect(designer.err.split('\n')[0]).toBe(
            "productivist: prodcontrol.Order refused: INVALID_ARGUMENT: account 'dana' does not hold the producer role; assign the order to a producer, or leave --producer out for any producer to accept",
        );
        const nobody = await order('printlib');
        expect(nobody.err).toContain("NOT_FOUND: the account 'printlib' does not exist");
        expect((await order('printlab')).code).toBe(ExitCode.success);
    });

    it.each([
        [['--royalty', '0x10'], "--royalty '0x10' is written in another base; only decimal digits are accepted"],
        [['--royalty', ''], '--royalty is empty'],
        [['--limit', 'abc'], "--limit 'abc' is not a whole number"],
        [['--royalty', '007'], "--royalty '007' has leading zeros; write 7"],
    ])('model register %j is refused with a message that says what is wrong', async (options, line) => {
        const result = await cli('model', 'register', 'v', 'V', 'a'.repeat(64), ...options, ...as('dana'));
        expectExplained(result, ExitCode.usage, line);
    });

    it.each([
        ['007', "amount '007' has leading zeros; write 7"],
        [(2n ** 256n).toString(), /^amount \d{57}\.\.\. is too large; the largest is 1000000000000000000000000000000$/],
    ])('wallet transfer of %s says what is wrong with the number', async (amount, line) => {
        const result = await cli('wallet', 'transfer', 'dana', amount, '--request', 'n', ...as('alice'));
        expect(result.code).toBe(ExitCode.usage);
        expect(result.err.split('\n')[0]?.replace(/^productivist: /, '')).toMatch(line);
    });

    it('a replayed request says it was a replay, and transaction ids never change', async () => {
        const first = await cli('wallet', 'transfer', 'dana', '100', '--request', 'tip-9', ...as('alice'));
        expect(first.out).toMatch(/^transferred 1\.00 PDT from alice to dana \(transaction [0-9a-f]{64}\)$/);
        const id = /transaction ([0-9a-f]{64})/.exec(first.out)?.[1];
        const again = await cli('wallet', 'transfer', 'dana', '100', '--request', 'tip-9', ...as('alice'));
        expect(again.out).toBe(
            `replayed: request tip-9 was already done by transaction ${id ?? ''} (1.00 PDT from alice to dana); nothing changed`,
        );
        const activity = async (): Promise<string[]> =>
            (
                JSON.parse((await cli('wallet', 'activity', ...as('alice'), '--json')).out) as {
                    items: { transactionId: string }[];
                }
            ).items.map((item) => item.transactionId);
        const ids = await activity();
        expect(ids).toContain(id);
        expect(await activity()).toEqual(ids);
    });

    it('a device refused a verdict is told who may give one', async () => {
        const result = await cli('qc', 'verdict', 'qc-1', 'pass', 'a'.repeat(64), ...as('printer'));
        expect(result.err).toContain('a device cannot');
        expect(result.err).toContain('only members holding the expert role may');
        expect(result.err).not.toContain("use the producer's own identity");
    });

    it.each([
        [
            'an unknown contract name',
            'productokn',
            ExitCode.notFound,
            "'productokn' is neither a core contract (productoken, modelcert, prodcontrol, qualitycheck) nor a chaincode project folder",
        ],
        ['a missing project path', './contracts/none', ExitCode.notFound, 'chaincode project folder'],
        ['a folder without package.json', 'models', ExitCode.invalidInput, 'has no package.json'],
    ])('network deploy of %s is refused before anything runs', async (_what, chaincode, code, first) => {
        mkdirSync(join(dir, 'models'), { recursive: true });
        const result = await cli('network', 'deploy', chaincode, '--network', 'no-network');
        expect(result.err).not.toContain('internal error');
        expect(result.code).toBe(code);
        expect(result.err.split('\n')[0]).toContain(first);
        expect(result.err.split('\n').at(-1)).toMatch(/^hint: ./);
        expect(existsSync(join(dir, 'no-network'))).toBe(false);
    });

    it.each([
        [['wallet', 'transfer'], '--request <id>'],
        [['wallet', 'identities'], '--store <dir>'],
        [['generate'], '--out <dir>'],
        [['policy', 'check'], '--signer <MSPID.role[#name]>'],
    ])('%j marks %s as required in --help', async (command, option) => {
        const help = (await cli(...command, '--help')).out.replace(/\s+/g, ' ');
        expect(help).toContain(`${option} (required)`);
    });
});
