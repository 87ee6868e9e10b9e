// SPDX-License-Identifier: Apache-2.0
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ExitCode } from '@productivist/common';

import type { Command } from 'commander';

import { buildProgram, kitVersion } from './program.js';
import { runCli } from './run.js';

interface Captured {
    readonly code: number;
    readonly out: string;
    readonly err: string;
}

async function cli(...argv: string[]): Promise<Captured> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, {
        out: (text) => out.push(text),
        err: (text) => err.push(text),
        cwd: process.cwd(),
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('productivist CLI', () => {
    it('lists the command groups in --help', async () => {
        const result = await cli('--help');
        expect(result.code).toBe(ExitCode.success);
        expect(result.out).toMatch(/^Usage: productivist \[options\] \[command\]/);
        expect(result.out).toMatch(/\n {2}policy\s/);
        expect(result.out).toMatch(/\n {2}doctor\b/);
    });

    it('has --help on every command', async () => {
        // Every command and subcommand the program registers, found by walking it.
        const paths: string[][] = [];
        const walk = (command: Command, path: string[]): void => {
            for (const sub of command.commands) {
                if (sub.name() === 'help') continue;
                paths.push([...path, sub.name()]);
                walk(sub, [...path, sub.name()]);
            }
        };
        walk(buildProgram({ out: () => undefined, err: () => undefined, cwd: process.cwd() }), []);
        expect(paths.length).toBeGreaterThan(30);
        for (const command of paths) {
            const result = await cli(...command, '--help');
            expect(result.code).toBe(ExitCode.success);
            expect(result.out).toContain(`Usage: productivist ${command.join(' ')}`);
        }
    });

    it('prints the version', async () => {
        const result = await cli('--version');
        expect(result).toEqual({ code: 0, out: kitVersion(), err: '' });
        expect(kitVersion()).toMatch(/^\d+\.\d+\.\d+/);
    });

    it.each([
        [['bogus'], "productivist: unknown command 'bogus'"],
        [['polcy'], "productivist: unknown command 'polcy' (Did you mean policy?)"],
        [['--bad'], "productivist: unknown option '--bad'"],
        [['policy', 'parse', '--nope', "OR('A.peer')"], "productivist: unknown option '--nope'"],
        [['policy', 'parse'], "productivist: missing required argument 'policy'"],
        [
            ['policy', 'check', "OR('A.peer')"],
            "productivist: required option '-s, --signer <MSPID.role[#name]>' not specified",
        ],
    ])('%j prints one line and a hint, exit 64', async (argv, line) => {
        const result = await cli(...argv);
        expect(result.code).toBe(ExitCode.usage);
        expect(result.out).toBe('');
        expect(result.err.split('\n')).toEqual([
            line,
            "hint: run 'productivist --help' to see the commands, or 'productivist <command> --help' for one",
        ]);
    });

    it('prints a user error without a stack, with the caret and the hint', async () => {
        const result = await cli('policy', 'parse', "AND('A.peer' 'B.peer')");
        expect(result.code).toBe(ExitCode.invalidInput);
        expect(result.err.split('\n')).toEqual([
            "productivist: policy syntax error at column 14: expected ',' or ')' but found 'B.peer'",
            "  AND('A.peer' 'B.peer')",
            '               ^',
            "hint: close AND( with ')' or separate rules with ','",
        ]);
        expect(result.err).not.toMatch(/\bat \S+ \(/);
    });

    it('parses, encodes and checks policies', async () => {
        expect(await cli('policy', 'parse', "outof(2,'A.peer','B.peer','C.peer')")).toEqual({
            code: 0,
            out: "OutOf(2, 'A.peer', 'B.peer', 'C.peer')",
            err: '',
        });
        expect((await cli('policy', 'encode', "OR('A.peer')")).out).toBe('12081206080112020800' + '1a0712050a01411003');
        expect(
            await cli('policy', 'check', "AND('A.peer', 'A.peer')", '-s', 'A.peer#p0', '-s', 'A.peer#p1'),
        ).toMatchObject({
            code: 0,
            out: "satisfied: AND('A.peer', 'A.peer')",
        });
        const refused = await cli('policy', 'check', "AND('A.peer', 'A.peer')", '-s', 'A.peer', '-s', 'A.peer');
        expect(refused.code).toBe(ExitCode.invalidInput);
        expect(refused.err).toContain(
            "productivist: policy AND('A.peer', 'A.peer') is not satisfied by A.peer, A.peer",
        );
        const badSigner = await cli('policy', 'check', "OR('A.peer')", '-s', 'A.boss');
        expect(badSigner.code).toBe(ExitCode.usage);
        expect(badSigner.err).toContain("productivist: signer 'A.boss' is not 'MSPID.role' or 'MSPID.role#name'");
    });

    it('doctor is green on a machine set up as the README says, and says where the binaries came from', async () => {
        const result = await cli('doctor', '--json');
        expect(result.err).toBe('');
        expect(result.code).toBe(0);
        const report = JSON.parse(result.out) as {
            checks: { name: string; ok: boolean }[];
            binaries: { name: string; problem?: string; version?: string }[];
            origins: { fabric?: string; ca?: string };
        };
        expect(report.checks.filter((check) => !check.ok)).toEqual([]);
        expect(report.binaries.find((binary) => binary.name === 'peer')).toMatchObject({ version: '3.1.5' });
        expect(report.origins.fabric).toMatch(
            /^(built from .*fabric-3\.1\.5-src\.tar\.gz \(sha256 [0-9a-f]{64}\)|release binaries from PRODUCTIVIST_FABRIC_BIN=.*)$/,
        );
        expect(report.origins.ca).toBe('built from Go module github.com/hyperledger/fabric-ca@v1.5.21');
    });

    it('doctor --plan names the port of a plan that is taken, its use and the process holding it', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'productivist-plan-'));
        const server = createServer();
        try {
            expect((await cli('generate', 'examples/productivist.yaml', '--out', join(dir, 'tree'))).code).toBe(0);
            const plan = JSON.parse(readFileSync(join(dir, 'tree', 'start-plan.json'), 'utf8')) as {
                processes: { id: string; ports: Record<string, number> }[];
            };
            const peer = plan.processes.find((process) => process.id === 'peer0.customer')!;
            const port = peer.ports['operations']!;
            const free = await new Promise<boolean>((resolve) => {
                server.once('error', () => {
                    resolve(false);
                });
                server.listen({ host: '127.0.0.1', port }, () => {
                    resolve(true);
                });
            });
            const result = await cli('doctor', '--plan', join(dir, 'tree'));
            expect(result.code).toBe(ExitCode.environment);
            if (free) {
                expect(result.out).toContain(
                    `port ${port} (peer0.customer operations) is held by pid ${process.pid} (`,
                );
            } else {
                // Another network of this machine holds it: still named.
                expect(result.out).toContain(`port ${port} (peer0.customer operations) is held by`);
            }
        } finally {
            server.close();
            rmSync(dir, { recursive: true, force: true });
        }
    });

    it('doctor reports missing binaries with the environment exit code', async () => {
        const empty = mkdtempSync(join(tmpdir(), 'productivist-doctor-'));
        const saved = process.env['PRODUCTIVIST_FABRIC_HOME'];
        process.env['PRODUCTIVIST_FABRIC_HOME'] = empty;
        try {
            const result = await cli('doctor');
            expect(result.code).toBe(ExitCode.environment);
            expect(result.out).toContain(`Fabric cache: ${empty}`);
            expect(result.out).toMatch(/ {2}peer\s+not installed/);
            expect(result.out).toMatch(/ {2}fabric-ca-server\s+not installed/);
            // Ten binaries and the CCaaS builder.
            expect(result.err).toMatch(/^productivist: doctor found 11 problem\(s\) and 0 port\(s\) in use/);
        } finally {
            if (saved === undefined) delete process.env['PRODUCTIVIST_FABRIC_HOME'];
            else process.env['PRODUCTIVIST_FABRIC_HOME'] = saved;
            rmSync(empty, { recursive: true, force: true });
        }
    });

    it('reports an unexpected error as internal, with its stack', async () => {
        const out: string[] = [];
        const err: string[] = [];
        // A writer that throws stands in for a bug inside a command.
        const code = await runCli(['policy', 'parse', "OR('A.peer')"], {
            out: () => {
                throw new TypeError('boom');
            },
            err: (text) => err.push(text),
            cwd: process.cwd(),
        });
        expect(out).toEqual([]);
        expect(code).toBe(ExitCode.internal);
        expect(err.join('\n')).toMatch(/^productivist: internal error \(please report it\): TypeError: boom\n\s+at /);
    });
});
