// SPDX-License-Identifier: Apache-2.0
//
// The embedded Productivist world kept in a state directory, so that CLI commands run one after
// another see each other's transactions. The directory holds:
//   world.json     the format marker and the keys of the world's CAs and members (same identities on reopen)
//   journal.jsonl  one committed transaction per line: member, chaincode, transaction, arguments,
//                  transient inputs, timestamp, nonce and transaction id
//   lock           present while a command holds the world (its process id)
// Opening replays the journal with the recorded timestamps and nonces, so every transaction gets its
// original id back (checked). A command holds the lock from opening to closing, the whole
// endorse-order-commit included, so two commands on one directory run one after the other and the
// second sees what the first committed. Transient inputs are kept in the journal (never on the
// ledger) because a replay needs them: the journal is a local development file, not one to share.
import { randomBytes } from 'node:crypto';
import {
    appendFileSync,
    existsSync,
    mkdirSync,
    readdirSync,
    readFileSync,
    renameSync,
    statSync,
    unlinkSync,
    writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

import { KitError } from '@productivist/common';
import type { EmbeddedNetwork } from '@productivist/ledger';
import type {
    ChaincodeEvent,
    EndorsedTransaction,
    EventOptions,
    EventStream,
    Ledger,
    LedgerContract,
    ProposalOptions,
    SubmitResult,
} from '@productivist/ledger-api';
import { commitOrThrow } from '@productivist/ledger-api';

import type { WorldKeys } from '../world.js';
import { createWorld, worldKeys, worldSetup } from '../world.js';
import { parseJournalLine, parseWorldFile, stateError, worldFormat } from './stateFiles.js';
import type { JournalEntry, WorldFile } from './stateFiles.js';

export const journalName = 'journal.jsonl';
export const worldFileName = 'world.json';
export const lockName = 'lock';

/** Options of {@link LocalLedger.open}. */
export interface LocalLedgerOptions {
    /** Start a new world when the directory does not exist or is empty (else it must hold a world). */
    readonly create?: boolean;
    /** How long to wait for another command holding the world; 60 s by default. */
    readonly lockTimeoutMs?: number;
    /** How messages name the directory (the `--state` the user gave); the path itself by default. */
    readonly label?: string;
}

function strings(values: readonly (string | Uint8Array)[] | undefined): string[] {
    return (values ?? []).map((value) => (typeof value === 'string' ? value : Buffer.from(value).toString()));
}

function processAlive(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch (error) {
        return (error as NodeJS.ErrnoException).code === 'EPERM';
    }
}

/** Takes the directory's lock, waiting for another command that holds it; returns its release. */
async function acquireLock(directory: string, label: string, timeoutMs: number): Promise<() => void> {
    const file = join(directory, lockName);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        try {
            writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
            break;
        } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        }
        const holder = Number.parseInt(readFileSync(file, 'utf8').trim() || '0', 10);
        if (holder === process.pid) {
            throw new KitError(`state directory ${label} is already open in this process`, {
                code: 'LOCKED',
                exit: 'environment',
                hint: 'close() the LocalLedger that holds it before opening it again',
            });
        }
        if (holder > 0 && !processAlive(holder)) {
            unlinkSync(file); // left by a command that died
            continue;
        }
        if (Date.now() > deadline) {
            throw new KitError(`state directory ${label} is in use by process ${holder}`, {
                code: 'LOCKED',
                exit: 'environment',
                hint: `wait for that command to finish; if no productivist command runs, delete ${join(label, lockName)}`,
            });
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
    let held = true;
    const release = (): void => {
        if (!held) return;
        held = false;
        process.removeListener('exit', release);
        try {
            unlinkSync(file);
        } catch {
            // already gone
        }
    };
    process.on('exit', release);
    return release;
}

/** Checks what `--state` names before anything is written. */
function checkDirectory(directory: string, label: string, create: boolean): 'new' | 'world' {
    if (!existsSync(directory)) {
        if (create) return 'new';
        throw new KitError(`state directory ${label} does not exist`, {
            code: 'NOT_FOUND',
            exit: 'notFound',
            hint: `check the path, or start a world there: 'productivist demo --state ${label}' (a funded world) or add --create (an empty one)`,
        });
    }
    if (!statSync(directory).isDirectory()) {
        throw new KitError(`state path ${label} is a file, not a directory`, {
            code: 'INVALID_ARGUMENT',
            hint: 'give --state a directory made by productivist demo --state or --create',
        });
    }
    if (existsSync(join(directory, worldFileName))) return 'world';
    const others = readdirSync(directory).filter((name) => name !== lockName);
    if (others.length > 0) {
        throw new KitError(`${label} is not a Productivist state directory (it has no ${worldFileName})`, {
            code: 'STATE_FOREIGN',
            details: [`  it holds: ${others.slice(0, 5).join(', ')}${others.length > 5 ? ', ...' : ''}`],
            hint: 'choose another directory; nothing in this one was changed',
        });
    }
    if (create) return 'new';
    throw new KitError(`state directory ${label} is empty`, {
        code: 'NOT_FOUND',
        exit: 'notFound',
        hint: 'add --create to start an empty world there, or run productivist demo --state with it',
    });
}

export class LocalLedger implements Ledger {
    private constructor(
        readonly network: EmbeddedNetwork,
        private readonly journal: string | undefined,
        private readonly clock: { now: Date | undefined; nonce: Uint8Array | undefined },
        private readonly release: () => void,
    ) {}

    /**
     * Opens the world in `stateDirectory` (taking its lock until {@link close}); without a directory the
     * world lives in memory only.
     */
    static async open(stateDirectory?: string, options: LocalLedgerOptions = {}): Promise<LocalLedger> {
        const clock: { now: Date | undefined; nonce: Uint8Array | undefined } = { now: undefined, nonce: undefined };
        const hooks = { now: () => clock.now ?? new Date(), nonce: () => clock.nonce ?? randomBytes(24) };
        if (stateDirectory === undefined) {
            return new LocalLedger(await createWorld(hooks), undefined, clock, () => undefined);
        }
        const label = options.label ?? stateDirectory;
        const kind = checkDirectory(stateDirectory, label, options.create === true);
        mkdirSync(stateDirectory, { recursive: true });
        const release = await acquireLock(stateDirectory, label, options.lockTimeoutMs ?? 60_000);
        try {
            const journal = join(stateDirectory, journalName);
            if (kind === 'new') {
                const network = await createWorld({ ...hooks, initialize: false });
                const keys = await worldKeys(network);
                const file: WorldFile = { format: worldFormat, version: 1, ...keys };
                const target = join(stateDirectory, worldFileName);
                writeFileSync(`${target}.tmp`, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
                renameSync(`${target}.tmp`, target);
                const ledger = new LocalLedger(network, journal, clock, release);
                for (const step of worldSetup) {
                    await ledger
                        .contract(step.member, 'productoken')
                        .submit(step.transaction, { arguments: step.arguments });
                }
                return ledger;
            }
            const keys: WorldKeys = parseWorldFile(join(stateDirectory, worldFileName), join(label, worldFileName));
            const network = await createWorld({ ...hooks, keys, initialize: false });
            await LocalLedger.replay(network, journal, join(label, journalName), clock);
            return new LocalLedger(network, journal, clock, release);
        } catch (error) {
            release();
            throw error;
        }
    }

    /** Replays the journal with its timestamps and nonces; every transaction must get its recorded id. */
    private static async replay(
        network: EmbeddedNetwork,
        journal: string,
        shown: string,
        clock: { now: Date | undefined; nonce: Uint8Array | undefined },
    ): Promise<void> {
        if (!existsSync(journal)) return;
        const lines = readFileSync(journal, 'utf8').split('\n');
        if (lines.at(-1) === '') lines.pop();
        for (const [index, line] of lines.entries()) {
            const entry = parseJournalLine(shown, index + 1, line);
            clock.now = new Date(entry.timestamp);
            clock.nonce = Buffer.from(entry.nonce, 'base64');
            try {
                const { transactionId } = await network
                    .contract(entry.member, entry.chaincode)
                    .submit(entry.transaction, {
                        arguments: entry.arguments,
                        ...(entry.transientData ? { transientData: entry.transientData } : {}),
                        ...(entry.endorsingOrganizations
                            ? { endorsingOrganizations: entry.endorsingOrganizations }
                            : {}),
                    });
                if (transactionId !== entry.transactionId) {
                    throw new Error(`it replayed as transaction ${transactionId}, not ${entry.transactionId}`);
                }
            } catch (error) {
                throw stateError(
                    shown,
                    index + 1,
                    `${entry.chaincode}.${entry.transaction} by ${entry.member} cannot be replayed: ${error instanceof Error ? error.message : String(error)}`,
                    error,
                );
            } finally {
                clock.now = undefined;
                clock.nonce = undefined;
            }
        }
    }

    /** Releases the state directory for other commands. */
    close(): void {
        this.release();
    }

    private record(entry: JournalEntry): void {
        if (this.journal === undefined) return;
        appendFileSync(this.journal, `${JSON.stringify(entry)}\n`);
    }

    contract(member: string, chaincodeName: string): LedgerContract {
        const inner = this.network.contract(member, chaincodeName);
        const endorse = async (transaction: string, options: ProposalOptions = {}): Promise<EndorsedTransaction> => {
            const timestamp = new Date();
            const nonce = randomBytes(24);
            this.clock.now = timestamp;
            this.clock.nonce = nonce;
            let endorsed: EndorsedTransaction;
            try {
                endorsed = await inner.endorse(transaction, options);
            } finally {
                this.clock.now = undefined;
                this.clock.nonce = undefined;
            }
            const transient = options.transientData
                ? Object.fromEntries(
                      Object.entries(options.transientData).map(([k, v]) => [
                          k,
                          typeof v === 'string' ? v : Buffer.from(v).toString(),
                      ]),
                  )
                : undefined;
            return {
                transactionId: endorsed.transactionId,
                result: endorsed.result,
                submit: async () => {
                    const status = await endorsed.submit();
                    if (status.successful) {
                        this.record({
                            member,
                            chaincode: chaincodeName,
                            transaction,
                            arguments: strings(options.arguments),
                            ...(transient ? { transientData: transient } : {}),
                            ...(options.endorsingOrganizations
                                ? { endorsingOrganizations: [...options.endorsingOrganizations] }
                                : {}),
                            timestamp: timestamp.toISOString(),
                            nonce: nonce.toString('base64'),
                            transactionId: endorsed.transactionId,
                        });
                    }
                    return status;
                },
            };
        };
        return {
            chaincodeName,
            evaluate: (transaction, options) => inner.evaluate(transaction, options),
            endorse,
            submit: async (transaction: string, options: ProposalOptions = {}): Promise<SubmitResult> => {
                const endorsed = await endorse(transaction, options);
                return commitOrThrow(endorsed);
            },
        };
    }

    chaincodeEvents(member: string, chaincodeName: string, options?: EventOptions): EventStream<ChaincodeEvent> {
        return this.network.chaincodeEvents(member, chaincodeName, options);
    }
}
