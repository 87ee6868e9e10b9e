// SPDX-License-Identifier: Apache-2.0
//
// Peer-side faults on ONE network of the public example (its own ports and state folder, a short
// block timeout, productoken alone with one chaincode server per organization), each under the
// fault harness's steady payment load (cli/src/faults) and each ending with the books checked: every
// request committed once or refused (lost 0, duplicated 0), supply unchanged, and every peer at the
// same height with the same commit hash.
// - an event listener (its own process: followEvents + FileCheckpointer) killed with SIGKILL and
//   started again 20 times while payments flow misses and repeats no event of the blocks;
// - the chaincode server of one organization killed mid-load: the supervisor restarts it, only the
//   transactions in flight fail, and their retries by request id pay once;
// - a peer killed with SIGKILL (the runtime's kill): the others go on; restarted, it catches up;
// - a peer whose state folder is a size-limited file system (tmpfs, as root) that fills up stops
//   with a clear log line while the others go on; given space and restarted, it catches up.
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import {
    cpSync,
    existsSync,
    mkdirSync,
    mkdtempSync,
    readdirSync,
    readFileSync,
    renameSync,
    rmSync,
    writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
    fabricHome,
    isAlive,
    killNode,
    loadTree,
    NetworkError,
    networkDown,
    peerStates,
    readBlockPage,
    readServerStatus,
    restartNode,
} from '@productivist/network';
import { eventually } from '@productivist/network/testing';

import type { PaymentRequest } from '../faults/index.js';
import { loadProfile, PaymentLoad } from '../faults/index.js';
import { readJournal } from '../faults/eventListener.js';
import type { FaultsNetwork } from './faultsNetwork.js';
import { faultsChannel, settledBooks, startFaultsNetwork, stopFaultsNetwork } from './faultsNetwork.js';
import { repoRoot } from './support.js';

jest.setTimeout(900_000);

const profile = loadProfile();

/** A node of the plan: its data folder in the state's tree. */
function dataDir(state: string, id: string): string {
    const node = loadTree(join(state, 'tree')).start.processes.find((candidate) => candidate.id === id);
    if (node?.dataDir === undefined) throw new Error(`no data folder for ${id} in the plan`);
    return join(state, 'tree', node.dataDir);
}

/** Runs a command as this process, resolving with its exit code and output. */
function run(file: string, args: readonly string[]): Promise<{ code: number | null; output: string }> {
    return new Promise((resolve) => {
        const child = spawn(file, [...args], { stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.on('close', (code) => {
            resolve({ code, output });
        });
        child.on('error', (error) => {
            resolve({ code: -1, output: error.message });
        });
    });
}

function exited(child: ChildProcess): Promise<number | null> {
    if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
    return new Promise((resolve) => {
        child.once('exit', (code) => {
            resolve(code);
        });
    });
}

describe('peer faults under a steady payment load', () => {
    let faults: FaultsNetwork | undefined;
    const requests: PaymentRequest[] = [];
    /** A tmpfs this test mounted (unmounted in afterAll, after network down). */
    let mounted: string | undefined;
    let scratch = '';

    const running = (): FaultsNetwork => {
        if (faults === undefined) throw new Error('the network did not come up');
        return faults;
    };

    /** The loads a test started: a test that fails before stopping its load has it stopped after it. */
    const loads: PaymentLoad[] = [];

    /** Starts a payment load of the profile's payers under run name `run`. */
    const startLoad = (run: string): PaymentLoad => {
        const load = new PaymentLoad(running().ledger, {
            payers: running().funded.payers,
            payee: 'printlab',
            amount: '1',
            run,
            retryPauseMs: 500,
        });
        loads.push(load);
        return load.start();
    };

    /** Stops the load and checks the books over every request so far, and every peer's state. */
    const stopAndCheck = async (load: PaymentLoad): Promise<void> => {
        const summary = await load.stop();
        loads.splice(loads.indexOf(load), 1);
        requests.push(...load.requests);
        console.log(`${load.requests[0]?.requestId ?? 'load'}: ${JSON.stringify(summary)}`);
        expect(summary.unsettled).toBe(0);
        const { books, peers } = await settledBooks(running(), requests);
        expect(books.problems).toEqual([]);
        expect(books).toMatchObject({ lost: 0, duplicated: 0, refusedButOnLedger: 0, unsettled: 0 });
        expect(books.supply).toBe(running().funded.minted);
        expect(peers.peers.filter((peer) => peer.error !== undefined)).toEqual([]);
        expect(peers.equal).toBe(true);
    };

    /** Waits until the load committed `count` requests since `since` (ms since the epoch). */
    const commits = async (load: PaymentLoad, since: number, count: number): Promise<void> => {
        const seen = await eventually(
            () => Promise.resolve(load.committedSince(since)),
            (n) => n >= count,
            180_000,
        );
        expect(seen).toBeGreaterThanOrEqual(count);
    };

    /** Waits until the peer's recorded process is gone (it stopped by itself); returns what it logged since `from`. */
    const stoppedByItself = async (peer: string, from: number): Promise<string> => {
        const { state } = running();
        const pid = recordedPid(state, peer);
        const gone = await eventually(
            () => Promise.resolve(!isAlive(pid)),
            (stopped) => stopped,
            180_000,
        );
        expect(gone).toBe(true);
        return readFileSync(join(state, 'logs', `${peer}.log`), 'utf8').slice(from);
    };

    /**
     * While the peer is down the others go on committing; then `repair`, restart it, and the load
     * commits again; the books and every peer's state are checked.
     */
    const goOnThenRecover = async (load: PaymentLoad, peer: string, repair: () => void): Promise<void> => {
        await commits(load, Date.now(), profile.commitsDuringFault);
        repair();
        await restartNode(running().state, peer, fabricHome());
        await commits(load, Date.now(), running().funded.payers.length);
        await stopAndCheck(load);
    };

    beforeAll(async () => {
        scratch = mkdtempSync(join(tmpdir(), 'productivist-faults-peer-'));
        faults = await startFaultsNetwork('raft', profile.payers, undefined, 'per-organization');
    }, 900_000);

    afterEach(async () => {
        // Their requests count in the next books, settled or not.
        for (const load of loads.splice(0)) {
            await load.stop(5_000);
            requests.push(...load.requests);
        }
    });

    afterAll(async () => {
        try {
            // The tmpfs goes once the peer on it is stopped, before the state folder is removed.
            if (mounted !== undefined && faults !== undefined) await networkDown(faults.state);
        } finally {
            if (mounted !== undefined) await run('umount', [mounted]);
            await stopFaultsNetwork(faults);
            rmSync(scratch, { recursive: true, force: true });
        }
    });

    it('an event listener killed with SIGKILL and started again 20 times while payments flow: no event missed, none repeated', async () => {
        const { state } = running();
        const program = join(repoRoot, 'cli', 'dist', 'faults', 'eventListener.js');
        const checkpoint = join(scratch, 'checkpoint.json');
        const journal = join(scratch, 'events.jsonl');
        const listen = (): ChildProcess =>
            spawn(process.execPath, [program, state, 'treasury', 'productoken', checkpoint, journal], {
                stdio: ['ignore', 'ignore', 'inherit'],
            });
        const load = startLoad('events');
        for (let round = 1; round <= 20; round++) {
            const before = readJournal(journal).length;
            const listener = listen();
            // Killed once it handled 1 to 3 new events: at a moment of its work, not before it started.
            const target = before + 1 + (round % 3);
            const handled = await eventually(
                () => Promise.resolve(readJournal(journal).length),
                (count) => count >= target,
                120_000,
            );
            expect(handled).toBeGreaterThanOrEqual(target);
            listener.kill('SIGKILL');
            await exited(listener);
        }
        await stopAndCheck(load);
        // Every productoken event the blocks hold (VALID transactions only carry their events).
        const { blocks } = await readBlockPage(
            running().ledger.gateway('treasury'),
            faultsChannel,
            Number.MAX_SAFE_INTEGER,
        );
        const expected = [...blocks]
            .reverse()
            .flatMap((block) =>
                block.transactions
                    .filter(
                        (tx) => tx.chaincode === 'productoken' && tx.validationCode === 'VALID' && tx.event !== null,
                    )
                    .map((tx) => `${String(block.number)} ${tx.transactionId}`),
            );
        const last = expected.at(-1);
        const listener = listen();
        const caughtUp = await eventually(
            () => Promise.resolve(readJournal(journal).at(-1)?.transactionId),
            (tx) => tx !== undefined && last?.endsWith(` ${tx}`) === true,
            120_000,
        );
        expect(last?.endsWith(` ${caughtUp ?? '-'}`)).toBe(true);
        listener.kill('SIGTERM');
        expect(await exited(listener)).toBe(0);
        const seen = readJournal(journal).map((entry) => `${entry.block} ${entry.transactionId}`);
        expect(new Set(seen).size).toBe(seen.length);
        expect(seen).toEqual(expected);
        const redelivered = existsSync(`${journal}.redelivered`)
            ? readFileSync(`${journal}.redelivered`, 'utf8').split('\n').filter(Boolean).length
            : 0;
        console.log(
            `events: ${String(seen.length)} handled over 21 listener runs; redelivered after a kill: ${String(redelivered)}`,
        );
        // At most one redelivery per kill (the event handled when the kill came, before its checkpoint).
        expect(redelivered).toBeLessThanOrEqual(20);
    });

    it('the chaincode server of one organization killed mid-load: the supervisor restarts it; only the transactions in flight fail, and their retries pay once', async () => {
        const { state } = running();
        const server = 'cc.productivist.productoken.customer';
        const before = readServerStatus(state)?.servers[server];
        expect(before?.pid).toEqual(expect.any(Number));
        const load = startLoad('ccserver');
        await commits(load, 0, running().funded.payers.length);
        const killedAt = Date.now();
        const killed = await killNode(state, server);
        expect(killed.pid).toBe(before?.pid);
        expect(isAlive(killed.pid)).toBe(false);
        const after = await eventually(
            () => Promise.resolve(readServerStatus(state)?.servers[server]),
            (status) =>
                status?.pid !== null &&
                status?.pid !== undefined &&
                status.pid !== killed.pid &&
                status.restarts > (before?.restarts ?? 0),
            60_000,
        );
        expect(after?.restarts).toBe((before?.restarts ?? 0) + 1);
        expect(after?.lastExit?.signal).toBe('SIGKILL');
        const restartedAt = Date.now();
        // The restarted server serves again once Customer's peer runs productoken through it: an
        // evaluate endorsed by that organization alone succeeds (a commit could have been endorsed by
        // the other organizations' peers without it).
        const payer = running().funded.payers[0] ?? 'payer01';
        const servedAgain = await eventually(
            () =>
                running()
                    .ledger.contract(payer, 'productoken')
                    .evaluate('WhoAmI', { endorsingOrganizations: ['CustomerMSP'] })
                    .then(
                        () => Date.now(),
                        () => undefined,
                    ),
            (at) => at !== undefined,
            60_000,
        );
        await commits(load, restartedAt, profile.commitsDuringFault);
        await stopAndCheck(load);
        const failures = load.failuresSince(killedAt);
        const failed = load.requests.filter((request) => request.failures.some((failure) => failure.at >= killedAt));
        console.log(
            `chaincode server killed: ${String(failed.length)} requests failed (${String(failures.length)} attempts), then committed on retry; first error: ${failures[0]?.message ?? 'none'}`,
        );
        // Only the requests in flight while it was down failed: one per payer at most (each has one at
        // a time), none once the restarted server served again, each with the peer's error naming the
        // transaction it could not run; their retries by request id committed, once (the books).
        expect(new Set(failed.map((request) => request.payer)).size).toBe(failed.length);
        // A proposal sent just before the probe succeeded may come back failed just after it: one
        // second of grace.
        expect(failures.filter((failure) => failure.at > (servedAgain ?? 0) + 1000)).toEqual([]);
        for (const failure of failures) {
            expect(failure.code).toBe('ENDORSEMENT_FAILED');
            // e.g. "error in simulation: failed to execute transaction <id>: could not launch chaincode
            // productoken_<digest>:<hash>: connection to ... failed: ... connect: connection refused".
            expect(failure.message).toMatch(
                /error in simulation: failed to execute transaction [0-9a-f]+: .*productoken/,
            );
        }
        expect(failed.every((request) => request.state === 'committed')).toBe(true);
    });

    it('a peer killed with SIGKILL: the others go on committing; restarted, it catches up to the same height and state', async () => {
        const { state } = running();
        const peer = 'peer0.producer';
        const load = startLoad('peerkill');
        await commits(load, 0, running().funded.payers.length);
        const killed = await killNode(state, peer);
        expect(isAlive(killed.pid)).toBe(false);
        const atKill = await peerStates(state, 'treasury', faultsChannel);
        const downAt = Date.now();
        await commits(load, downAt, profile.commitsDuringFault);
        // The others went on without it: it misses the blocks they added.
        const atRestart = await peerStates(state, 'treasury', faultsChannel);
        expect(atRestart.find((entry) => entry.peer === peer)?.error).toEqual(expect.any(String));
        const others = atRestart.filter((entry) => entry.peer !== peer);
        expect(others.every((entry) => (entry.height ?? 0) > Math.max(...atKill.map((e) => e.height ?? 0)))).toBe(true);
        await restartNode(state, peer, fabricHome());
        await commits(load, Date.now(), running().funded.payers.length);
        await stopAndCheck(load);
    });

    it('a peer whose ledger (its state database) is corrupted stops at start with a clear log line while the others go on; repaired, it catches up', async () => {
        const { state } = running();
        const peer = 'peer0.producer';
        const load = startLoad('corrupt');
        await commits(load, 0, running().funded.payers.length);
        await killNode(state, peer);
        // Every CURRENT file of the state LevelDB (the one naming its manifest, and its backups).
        const database = join(dataDir(state, peer), 'ledgersData', 'stateLeveldb');
        const currents = readdirSync(database).filter((name) => name.startsWith('CURRENT'));
        expect(currents).toContain('CURRENT');
        const saved = currents.map((name) => ({ name, bytes: readFileSync(join(database, name)) }));
        for (const name of currents) writeFileSync(join(database, name), 'not a manifest\n');
        const before = readFileSync(join(state, 'logs', `${peer}.log`), 'utf8').length;
        // It may answer its health check before it opens its ledgers: then it stops right after.
        await restartNode(state, peer, fabricHome()).catch((error: unknown) => {
            expect(error).toBeInstanceOf(NetworkError);
            expect((error as NetworkError).message).toMatch(new RegExp(`^${peer} exited before it was ready`));
        });
        const lines = await stoppedByItself(peer, before);
        expect(lines).toMatch(/Error opening leveldb: leveldb\/storage: corrupted or incomplete CURRENT file/);
        await goOnThenRecover(load, peer, () => {
            for (const { name, bytes } of saved) writeFileSync(join(database, name), bytes);
        });
    });

    it('a peer whose state folder fills up stops with a clear log line while the others go on; with space again it catches up', async () => {
        const { state } = running();
        const peer = 'peer0.producer';
        const data = dataDir(state, peer);
        // A size-limited file system under the peer's state folder: tmpfs with size=, mounted as root.
        await killNode(state, peer);
        const aside = `${data}.aside`;
        renameSync(data, aside);
        mkdirSync(data);
        const used = Number((await run('du', ['-sb', aside])).output.split('\t')[0]);
        const size = Math.ceil(used / 2 ** 20) + 16;
        const mount = await run('mount', ['-t', 'tmpfs', '-o', `size=${String(size)}m`, 'tmpfs', data]);
        expect(mount).toMatchObject({ code: 0 });
        mounted = data;
        cpSync(aside, data, { recursive: true });
        rmSync(aside, { recursive: true, force: true });
        await restartNode(state, peer, fabricHome());
        const load = startLoad('diskfull');
        await commits(load, 0, running().funded.payers.length);
        // Fill it: a file that leaves 64 KiB free.
        const free = await run('df', ['--output=avail', '-B1', data]);
        const available = Number(free.output.trim().split('\n').at(-1));
        expect(available).toBeGreaterThan(128 * 1024);
        const before = readFileSync(join(state, 'logs', `${peer}.log`), 'utf8').length;
        writeFileSync(join(data, 'filler'), Buffer.alloc(available - 64 * 1024));
        const full = (await stoppedByItself(peer, before))
            .split('\n')
            .filter((line) => /no space left on device/.test(line));
        console.log(`disk full: ${peer} logged ${full.slice(0, 2).join(' / ')}`);
        expect(full.length).toBeGreaterThan(0);
        await goOnThenRecover(load, peer, () => {
            rmSync(join(data, 'filler'));
        });
    });
});

/** The pid network.json records for a node. */
function recordedPid(state: string, id: string): number {
    const record = JSON.parse(readFileSync(join(state, 'network.json'), 'utf8')) as {
        processes: { id: string; pid: number }[];
    };
    const entry = record.processes.find((candidate) => candidate.id === id);
    if (entry === undefined) throw new Error(`${id} is not recorded in ${state}/network.json`);
    return entry.pid;
}
