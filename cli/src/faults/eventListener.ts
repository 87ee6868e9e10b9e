// SPDX-License-Identifier: Apache-2.0
//
// An event listener as its own process, for the fault test that kills it with SIGKILL and starts it
// again: it follows a chaincode's events on a running network with the clients' followEvents and a
// FileCheckpointer, and handles each event by appending one JSON line to a journal.
//
// followEvents saves the checkpoint after the handler returns, so a kill that lands between the
// journal's write and the checkpoint's rename makes the next run deliver that one event again
// (at-least-once across a crash). The handler closes that window the way any consumer must: the
// event it is given is compared with the journal's last line, and one already journaled is not
// written twice (counted in `<journal>.redelivered`). Nothing else is deduplicated: a listener that
// skipped or repeated any other event shows it in the journal.
//
// Run as: node eventListener.js <network state> <member> <chaincode> <checkpoint file> <journal file>
// SIGTERM stops it cleanly.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';

// The narrow entry points: a listener started 20 times loads only what it runs.
import { FileCheckpointer, followEvents } from '@productivist/clients/events';
import type { ChaincodeEvent } from '@productivist/ledger-api';
import { openNetworkLedger } from '@productivist/network/gateway';

/** One handled event as the journal keeps it. */
export interface JournalEntry {
    readonly block: string;
    readonly transactionId: string;
    readonly eventName: string;
}

/** The journal's entries (one JSON object a line); a missing journal is empty. */
export function readJournal(path: string): JournalEntry[] {
    if (!existsSync(path)) return [];
    return readFileSync(path, 'utf8')
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as JournalEntry);
}

function entryOf(event: ChaincodeEvent): JournalEntry {
    return { block: event.blockNumber.toString(), transactionId: event.transactionId, eventName: event.eventName };
}

function main(argv: readonly string[]): void {
    const [state, member, chaincode, checkpoint, journal] = argv;
    if (state === undefined || member === undefined || chaincode === undefined || checkpoint === undefined) {
        throw new Error('usage: eventListener <network state> <member> <chaincode> <checkpoint file> <journal file>');
    }
    if (journal === undefined) throw new Error('eventListener: the journal file is missing');
    const ledger = openNetworkLedger({ state });
    let last = readJournal(journal).at(-1)?.transactionId;
    const follower = followEvents(
        ledger,
        member,
        chaincode,
        new FileCheckpointer(checkpoint),
        (event) => {
            if (event.transactionId === last) {
                appendFileSync(`${journal}.redelivered`, `${event.transactionId}\n`);
                return;
            }
            appendFileSync(journal, `${JSON.stringify(entryOf(event))}\n`);
            last = event.transactionId;
        },
        { startBlock: 0n },
    );
    process.once('SIGTERM', () => {
        follower.stop();
    });
    follower.done.then(
        () => {
            ledger.close();
        },
        (error: unknown) => {
            ledger.close();
            process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
            process.exitCode = 1;
        },
    );
}

if (require.main === module) main(process.argv.slice(2));
