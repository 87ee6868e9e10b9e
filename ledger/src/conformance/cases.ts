// SPDX-License-Identifier: Apache-2.0
//
// The conformance suite: one case per rule of Fabric's transaction semantics, written against the
// Ledger interface only, so the same cases run on the embedded ledger and on a real Fabric network.
// Where the two disagree, the embedded ledger is wrong.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';

import type {
    ChaincodeEvent,
    EndorsedTransaction,
    EventStream,
    LedgerContract,
    ValidationCode,
} from '@productivist/ledger-api';
import { CommitError, EndorseError } from '@productivist/ledger-api';

/** What a backend provides: two peer organizations, a client in each, two channels. */
export interface ConformanceBackend {
    readonly name: string;
    /** MSP ids of the two organizations; each has one peer and one client member. */
    readonly orgs: readonly [string, string];
    /** A second channel, with both organizations, where `conformance` is also deployed. */
    readonly otherChannel: string;
    /**
     * `member` is `org1` or `org2` (a client of orgs[0] or orgs[1]); chaincodes on the main
     * channel: `conformance` and `conformance-b` (policy: majority of the channel's orgs, so both),
     * with collections `org1only` (orgs[0], member-only read) and `org1write` (orgs[0], member-only
     * write, read by anyone) on `conformance`.
     */
    contract(member: 'org1' | 'org2', chaincode: string, channel?: string): LedgerContract;
    chaincodeEvents(member: 'org1' | 'org2', chaincode: string, startBlock: bigint): EventStream<ChaincodeEvent>;
}

export interface ConformanceCase {
    readonly name: string;
    /** The rule of DESIGN.md it checks. */
    readonly rule: string;
    readonly run: (backend: ConformanceBackend) => Promise<void>;
}

const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the shape it expects
const json = <T>(bytes: Uint8Array): T => JSON.parse(text(bytes)) as T;

/** `count` keys `<prefix>000`, `<prefix>001`...: they sort in the order they are made. */
function numbered(prefix: string, count: number): string[] {
    return Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(3, '0')}`);
}

/** A key no other case or run uses (real networks keep their state between runs). */
function fresh(label: string): string {
    return `${label}-${randomBytes(6).toString('hex')}`;
}

async function rejects<T extends Error>(promise: Promise<unknown>, type: new (...args: never[]) => T): Promise<T> {
    try {
        await promise;
    } catch (error) {
        assert.ok(error instanceof type, `expected ${type.name}, got ${String(error)}`);
        return error;
    }
    assert.fail(`expected ${type.name}, but it succeeded`);
}

/** A request the peer refused, as the chaincode sees it: `<request> failed: transaction ID: <id>: <reason>`. */
function assertPeerRefusal(error: EndorseError, request: string, reason: string, what: string): void {
    const message = error.chaincodeMessage ?? '';
    assert.ok(
        message.startsWith(`${request} failed: transaction ID: `) && message.endsWith(`: ${reason}`),
        `${what}: ${message}`,
    );
}

async function firstEvent(stream: EventStream<ChaincodeEvent>): Promise<ChaincodeEvent> {
    try {
        for await (const event of stream) return event;
        assert.fail('the event stream ended without an event');
    } finally {
        stream.close();
    }
}

async function get(contract: LedgerContract, key: string): Promise<string> {
    return text(await contract.evaluate('Get', { arguments: [key] }));
}

/** Two increments of `key` endorsed on the same state, then both submitted: their validation codes, sorted. */
async function concurrentIncrements(cc: LedgerContract, key: string): Promise<ValidationCode[]> {
    const [a, b] = await Promise.all([
        cc.endorse('Increment', { arguments: [key] }),
        cc.endorse('Increment', { arguments: [key] }),
    ]);
    return (await Promise.all([a.submit(), b.submit()])).map((status) => status.code).sort();
}

/**
 * A scan of the range `<tag>/` holding keys a and c is endorsed; `change` commits first; the scan
 * must then fail with PHANTOM_READ_CONFLICT and leave its marker unwritten. Returns the prefix and
 * the keys the scan saw.
 */
async function scanBeaten(
    backend: ConformanceBackend,
    tag: string,
    change: (cc: LedgerContract, prefix: string) => Promise<unknown>,
): Promise<{ prefix: string; seen: string[] }> {
    const cc = backend.contract('org1', 'conformance');
    const prefix = fresh(tag);
    await cc.submit('Put', { arguments: [`${prefix}/a`, '1'] });
    await cc.submit('Put', { arguments: [`${prefix}/c`, '1'] });
    const scan = await cc.endorse('ScanThenWrite', {
        arguments: [`${prefix}/`, `${prefix}0`, `${prefix}-marker`],
    });
    const seen = json<string[]>(scan.result);
    await change(cc, prefix);
    assert.equal((await scan.submit()).code, 'PHANTOM_READ_CONFLICT');
    assert.equal(await get(cc, `${prefix}-marker`), '');
    return { prefix, seen };
}

export const conformanceCases: readonly ConformanceCase[] = [
    {
        name: 'a transaction reads the committed value, not its own write',
        rule: 'writes are buffered and invisible to the same transaction',
        run: async (backend) => {
            const cc = backend.contract('org1', 'conformance');
            const key = fresh('ryow');
            // Given a committed value
            await cc.submit('Put', { arguments: [key, 'committed'] });
            // When a transaction writes the key and then reads it
            const seen = await cc.submit('PutThenGet', { arguments: [key, 'written'] });
            // Then it read the committed value, and its write committed afterwards
            assert.equal(text(seen.result), 'committed');
            assert.equal(await get(cc, key), 'written');
            const unseen = await cc.submit('PutThenGet', { arguments: [fresh('ryow-new'), 'written'] });
            assert.equal(text(unseen.result), '');
        },
    },
    {
        name: 'two read-modify-writes endorsed on the same state: one VALID, one MVCC_READ_CONFLICT',
        rule: 'versioned keys with MVCC validation at commit',
        run: async (backend) => {
            const cc = backend.contract('org1', 'conformance');
            const key = fresh('mvcc');
            await cc.submit('Put', { arguments: [key, '0'] });
            // Given two increments endorsed before either commits, when both are submitted
            const codes = await concurrentIncrements(cc, key);
            // Then exactly one is valid and the counter moved once
            assert.deepEqual(codes, ['MVCC_READ_CONFLICT', 'VALID'] satisfies ValidationCode[]);
            assert.equal(await get(cc, key), '1');
        },
    },
    {
        name: 'a key inserted into a scanned range makes the scan PHANTOM_READ_CONFLICT',
        rule: 'range queries are re-checked at commit',
        run: async (backend) => {
            // Given a scan of the range endorsed, when another transaction inserts a key into the
            // range and commits first, then the scan fails validation and wrote nothing
            const { prefix, seen } = await scanBeaten(backend, 'phantom', (cc, p) =>
                cc.submit('Put', { arguments: [`${p}/b`, '1'] }),
            );
            assert.deepEqual(seen, [`${prefix}/a`, `${prefix}/c`]);
        },
    },
    {
        name: 'two creations of one never-written key endorsed on the same state: one VALID, one MVCC_READ_CONFLICT',
        rule: 'versioned keys with MVCC validation at commit',
        run: async (backend) => {
            // A key read as absent is versioned too: how two holds, orders or request ids with one id
            // would otherwise both commit.
            const cc = backend.contract('org1', 'conformance');
            const key = fresh('absent');
            const codes = await concurrentIncrements(cc, key);
            assert.deepEqual(codes, ['MVCC_READ_CONFLICT', 'VALID'] satisfies ValidationCode[]);
            assert.equal(await get(cc, key), '1');
        },
    },
    {
        name: 'a scanned range that loses its last key makes the scan PHANTOM_READ_CONFLICT',
        rule: 'range queries are re-checked at commit',
        run: async (backend) => {
            await scanBeaten(backend, 'shrink', (cc, prefix) => cc.submit('Delete', { arguments: [`${prefix}/c`] }));
        },
    },
    {
        name: 'a key added after the last key of a scanned range makes the scan PHANTOM_READ_CONFLICT',
        rule: 'range queries are re-checked at commit',
        run: async (backend) => {
            await scanBeaten(backend, 'grow', (cc, prefix) => cc.submit('Put', { arguments: [`${prefix}/d`, '1'] }));
        },
    },
    {
        name: 'a scanned range nobody touched commits VALID, also when a key appears past its end',
        rule: 'range queries are re-checked at commit',
        run: async (backend) => {
            const cc = backend.contract('org1', 'conformance');
            const prefix = fresh('calm');
            await cc.submit('PutMany', { arguments: [JSON.stringify([`${prefix}/a`, `${prefix}/c`]), '1'] });
            const scan = await cc.endorse('ScanThenWrite', {
                arguments: [`${prefix}/`, `${prefix}0`, `${prefix}-marker`],
            });
            await cc.submit('Put', { arguments: [`${prefix}1`, 'past the end'] });
            assert.equal((await scan.submit()).code, 'VALID');
            assert.equal(await get(cc, `${prefix}-marker`), `${prefix}/a,${prefix}/c`);
        },
    },
    {
        name: 'a scan to the end of the namespace (empty end key) that nobody touched commits VALID',
        rule: 'range queries are re-checked at commit',
        run: async (backend) => {
            const cc = backend.contract('org1', 'conformance');
            // '~' sorts after every key the other cases write: this scan sees only its own keys
            const prefix = `~${fresh('tail')}`;
            await cc.submit('PutMany', { arguments: [JSON.stringify([`${prefix}/a`, `${prefix}/b`]), '1'] });
            const scan = await cc.endorse('ScanThenWrite', { arguments: [`${prefix}/`, '', `${prefix}-marker`] });
            assert.equal((await scan.submit()).code, 'VALID');
        },
    },
    {
        name: 'a key of a scanned range rewritten, or swapped for another, makes the scan PHANTOM_READ_CONFLICT',
        rule: 'range queries are re-checked at commit',
        run: async (backend) => {
            const cc = backend.contract('org1', 'conformance');
            const prefix = fresh('swap');
            await cc.submit('PutMany', { arguments: [JSON.stringify([`${prefix}/a`, `${prefix}/c`]), '1'] });
            const range = [`${prefix}/`, `${prefix}0`];
            // Rewritten: same keys, new version
            const first = await cc.endorse('ScanThenWrite', { arguments: [...range, `${prefix}-m1`] });
            await cc.submit('Put', { arguments: [`${prefix}/c`, '2'] });
            assert.equal((await first.submit()).code, 'PHANTOM_READ_CONFLICT');
            // Swapped: as many keys as before, another one
            const second = await cc.endorse('ScanThenWrite', { arguments: [...range, `${prefix}-m2`] });
            await cc.submit('Delete', { arguments: [`${prefix}/a`] });
            await cc.submit('Put', { arguments: [`${prefix}/b`, '1'] });
            assert.equal((await second.submit()).code, 'PHANTOM_READ_CONFLICT');
        },
    },
    {
        name: 'a range abandoned after the first batch is re-checked up to the key the peer read ahead of it',
        rule: 'range queries are re-checked at commit',
        run: async (backend) => {
            // The peer hands results to the chaincode in batches of 100, reading the 101st before it
            // hands out the first batch: a scan that stops early is validated up to that key only.
            const cc = backend.contract('org1', 'conformance');
            const prefix = fresh('batch');
            const keys = numbered(`${prefix}/k`, 102);
            await cc.submit('PutMany', { arguments: [JSON.stringify(keys), '1'] });
            const range = [`${prefix}/`, `${prefix}0`];
            const scan = (marker: string): Promise<EndorsedTransaction> =>
                cc.endorse('ScanFirstThenWrite', { arguments: [...range, `${prefix}-${marker}`] });
            // After the key read ahead (the 101st, k100): not re-checked
            const beyond = await scan('m1');
            assert.equal(text(beyond.result), keys[0]);
            await cc.submit('Put', { arguments: [`${prefix}/k1005`, 'after the key read ahead'] });
            assert.equal((await beyond.submit()).code, 'VALID');
            // Between the last key handed out (k099) and the key read ahead (k100): re-checked
            const ahead = await scan('m2');
            await cc.submit('Put', { arguments: [`${prefix}/k0995`, 'before the key read ahead'] });
            assert.equal((await ahead.submit()).code, 'PHANTOM_READ_CONFLICT');
            // Inside the first batch: re-checked
            const within = await scan('m3');
            await cc.submit('Put', { arguments: [`${prefix}/k0505`, 'inside the first batch'] });
            assert.equal((await within.submit()).code, 'PHANTOM_READ_CONFLICT');
        },
    },
    {
        name: 'a range of more than one batch hands out every key once, in order, and its scan commits VALID',
        rule: 'range queries are re-checked at commit',
        run: async (backend) => {
            // 150 keys: a full batch of 100 (and the key read ahead of it), then a batch of 50
            const cc = backend.contract('org1', 'conformance');
            const prefix = fresh('batches');
            const keys = numbered(`${prefix}/k`, 150);
            await cc.submit('PutMany', { arguments: [JSON.stringify(keys), '1'] });
            const scan = await cc.endorse('ScanThenWrite', {
                arguments: [`${prefix}/`, `${prefix}0`, `${prefix}-marker`],
            });
            assert.deepEqual(json(scan.result), keys);
            assert.equal((await scan.submit()).code, 'VALID');
        },
    },
    {
        name: 'two range iterators open at once each hand out their own keys',
        rule: 'range queries are re-checked at commit',
        run: async (backend) => {
            // The first range is longer than a batch: its second batch is fetched after the other opened
            const cc = backend.contract('org1', 'conformance');
            const prefix = fresh('twoiter');
            const first = numbered(`${prefix}/a`, 101);
            const second = [`${prefix}/b1`, `${prefix}/b2`];
            await cc.submit('PutMany', { arguments: [JSON.stringify([...first, ...second]), '1'] });
            const listed = json<string[][]>(
                await cc.evaluate('TwoRanges', {
                    arguments: [`${prefix}/a`, `${prefix}/b`, `${prefix}/b`, `${prefix}/c`],
                }),
            );
            assert.deepEqual(listed, [first, second]);
        },
    },
    {
        name: 'a callee that throws returns 500; if the caller swallows it, the callee writes commit',
        rule: 'a failed callee comes back as status 500 and its writes stay in the transaction',
        run: async (backend) => {
            const cc = backend.contract('org1', 'conformance');
            const key = fresh('swallow');
            const result = await cc.submit('CallAndSwallow', {
                arguments: ['conformance-b', 'WriteThenThrow', JSON.stringify([key, 'partial', 'CONFLICT: boom']), ''],
            });
            const response = json<{ status: number; message: string }>(result.result);
            assert.equal(response.status, 500);
            assert.equal(response.message, 'CONFLICT: boom');
            assert.equal(await get(backend.contract('org1', 'conformance-b'), key), 'partial');
        },
    },
    {
        name: 'a caller that checks the status and throws rolls back the whole transaction',
        rule: 'the caller must check the status and throw',
        run: async (backend) => {
            const cc = backend.contract('org1', 'conformance');
            const key = fresh('checked');
            const error = await rejects(
                cc.submit('CallAndCheck', {
                    arguments: ['conformance-b', 'WriteThenThrow', JSON.stringify([key, 'partial', 'CONFLICT: boom'])],
                }),
                EndorseError,
            );
            assert.equal(error.code, 'CONFLICT');
            assert.equal(error.chaincodeMessage, 'CONFLICT: boom');
            assert.equal(await get(backend.contract('org1', 'conformance-b'), key), '');
        },
    },
    {
        name: 'a chaincode cannot be re-entered within its own transaction',
        rule: 'calls cannot re-enter a chaincode already on the call stack',
        run: async (backend) => {
            const cc = backend.contract('org1', 'conformance');
            const key = fresh('reentry');
            // conformance -> conformance-b -> conformance again
            const result = await cc.submit('CallAndSwallow', {
                arguments: [
                    'conformance-b',
                    'CallAndCheck',
                    JSON.stringify(['conformance', 'Put', JSON.stringify([key, 'again'])]),
                    '',
                ],
            });
            const response = json<{ status: number; message: string }>(result.result);
            assert.equal(response.status, 500);
            assert.equal(await get(cc, key), '');
        },
    },
    {
        name: 'only the outermost chaincode event reaches the transaction',
        rule: "only the outermost chaincode's last event survives",
        run: async (backend) => {
            const cc = backend.contract('org1', 'conformance');
            const committed = await cc.submit('EventAroundCall', { arguments: ['conformance-b'] });
            const outer = await firstEvent(backend.chaincodeEvents('org1', 'conformance', committed.blockNumber));
            assert.deepEqual(
                [outer.eventName, text(outer.payload), outer.transactionId, outer.blockNumber],
                ['outer', 'from-outer', committed.transactionId, committed.blockNumber],
            );
            // conformance-b's own event was dropped: its next event is a later sentinel.
            const sentinel = await backend
                .contract('org1', 'conformance-b')
                .submit('EmitEvent', { arguments: [fresh('sentinel')] });
            const inner = await firstEvent(backend.chaincodeEvents('org1', 'conformance-b', committed.blockNumber));
            assert.equal(inner.transactionId, sentinel.transactionId);
        },
    },
    {
        name: 'only the last setEvent of a transaction is kept',
        rule: 'only the last setEvent survives',
        run: async (backend) => {
            const committed = await backend.contract('org1', 'conformance').submit('EmitTwice');
            const event = await firstEvent(backend.chaincodeEvents('org1', 'conformance', committed.blockNumber));
            assert.equal(event.transactionId, committed.transactionId);
            assert.equal(event.eventName, 'second');
        },
    },
    {
        name: 'a write after a paginated query fails',
        rule: 'a paginated query makes the transaction read-only',
        run: async (backend) => {
            const prefix = fresh('pagewrite');
            const error = await rejects(
                backend
                    .contract('org1', 'conformance')
                    .submit('PageThenWrite', { arguments: [`${prefix}/`, `${prefix}0`, `${prefix}-x`] }),
                EndorseError,
            );
            assert.match(
                error.chaincodeMessage ?? '',
                /Transaction has already performed a paginated query\. Writes are not allowed/,
            );
        },
    },
    {
        name: 'a paginated query after a write fails',
        rule: 'no paginated query after a write',
        run: async (backend) => {
            const prefix = fresh('writepage');
            const error = await rejects(
                backend
                    .contract('org1', 'conformance')
                    .submit('WriteThenPage', { arguments: [`${prefix}/`, `${prefix}0`, `${prefix}-x`] }),
                EndorseError,
            );
            assert.match(
                error.chaincodeMessage ?? '',
                /Paginated queries are supported only in a read-only transaction/,
            );
        },
    },
    {
        name: 'a write after a private-data range query fails',
        rule: 'a private-data range query makes the transaction read-only',
        run: async (backend) => {
            const error = await rejects(
                backend
                    .contract('org1', 'conformance')
                    .submit('PrivateRangeThenWrite', { arguments: ['org1only', fresh('pvtrange')] }),
                EndorseError,
            );
            assert.match(
                error.chaincodeMessage ?? '',
                /already performed queries on pvt data\. Writes are not allowed/,
            );
        },
    },
    {
        name: 'a private-data range query after a write fails',
        rule: 'a private-data range query makes the transaction read-only',
        run: async (backend) => {
            const error = await rejects(
                backend
                    .contract('org1', 'conformance')
                    .submit('WriteThenPrivateRange', { arguments: ['org1only', fresh('pvtafter')] }),
                EndorseError,
            );
            assert.match(
                error.chaincodeMessage ?? '',
                /Queries on pvt data is supported only in a read-only transaction/,
            );
        },
    },
    {
        name: 'a non-deterministic chaincode fails endorsement when two peers endorse',
        rule: 'endorsing peers must return identical read-write sets',
        run: async (backend) => {
            const key = fresh('random');
            await rejects(
                backend.contract('org1', 'conformance').submit('PutRandom', { arguments: [key] }),
                EndorseError,
            );
            assert.equal(await get(backend.contract('org1', 'conformance'), key), '');
        },
    },
    {
        name: 'endorsements missing a required organization fail with ENDORSEMENT_POLICY_FAILURE',
        rule: 'every namespace written must satisfy its endorsement policy',
        run: async (backend) => {
            const cc = backend.contract('org1', 'conformance');
            const key = fresh('policy');
            const error = await rejects(
                cc.submit('Put', { arguments: [key, 'one-org'], endorsingOrganizations: [backend.orgs[0]] }),
                CommitError,
            );
            assert.equal(error.validationCode, 'ENDORSEMENT_POLICY_FAILURE');
            assert.equal(await get(cc, key), '');
        },
    },
    {
        name: 'a transaction must meet every policy its writes need, not just one of them',
        rule: 'every namespace written must satisfy its endorsement policy',
        run: async (backend) => {
            const cc = backend.contract('org1', 'conformance');
            const [, org2] = backend.orgs;
            const own = fresh('sbe-one');
            const plain = fresh('plain');
            // Given a key org2 alone may write, and a key under the chaincode policy (both orgs)
            await cc.submit('Put', { arguments: [own, 'start'] });
            await cc.submit('SetKeyPolicy', { arguments: [own, JSON.stringify([org2]), '0'] });
            // When org2 alone endorses a write of both
            const error = await rejects(
                cc.submit('PutMany', {
                    arguments: [JSON.stringify([own, plain]), 'x'],
                    endorsingOrganizations: [org2],
                }),
                CommitError,
            );
            // Then the key-level policy is met but the chaincode policy is not: the transaction fails
            assert.equal(error.validationCode, 'ENDORSEMENT_POLICY_FAILURE');
            assert.equal(await get(cc, own), 'start');
            assert.equal(await get(cc, plain), '');
        },
    },
    {
        name: 'a key-level policy replaces the chaincode policy for that key, for every kind of write',
        rule: 'key-level endorsement policies',
        run: async (backend) => {
            const cc = backend.contract('org1', 'conformance');
            const [org1, org2] = backend.orgs;
            const key = fresh('sbe');
            // Given a key whose policy is "org2's peer alone"
            await cc.submit('Put', { arguments: [key, 'start'] });
            await cc.submit('SetKeyPolicy', { arguments: [key, JSON.stringify([org2]), '0'] });
            // Then org2 alone may write it, although the chaincode policy needs both orgs
            await cc.submit('Put', { arguments: [key, 'by-org2'], endorsingOrganizations: [org2] });
            assert.equal(await get(cc, key), 'by-org2');
            // And org1 alone may neither write nor delete it
            const write = await rejects(
                cc.submit('Put', { arguments: [key, 'by-org1'], endorsingOrganizations: [org1] }),
                CommitError,
            );
            assert.equal(write.validationCode, 'ENDORSEMENT_POLICY_FAILURE');
            const remove = await rejects(
                cc.submit('Delete', { arguments: [key], endorsingOrganizations: [org1] }),
                CommitError,
            );
            assert.equal(remove.validationCode, 'ENDORSEMENT_POLICY_FAILURE');
            assert.equal(await get(cc, key), 'by-org2');
            // And a key created in a transaction is validated under the chaincode policy
            const created = await rejects(
                cc.submit('Put', { arguments: [fresh('sbe-new'), 'x'], endorsingOrganizations: [org2] }),
                CommitError,
            );
            assert.equal(created.validationCode, 'ENDORSEMENT_POLICY_FAILURE');
        },
    },
    {
        name: 'range queries exclude their end key',
        rule: 'range ends are exclusive',
        run: async (backend) => {
            const cc = backend.contract('org1', 'conformance');
            const prefix = fresh('range');
            for (const suffix of ['a', 'b', 'c'])
                await cc.submit('Put', { arguments: [`${prefix}/${suffix}`, suffix] });
            assert.deepEqual(json(await cc.evaluate('Range', { arguments: [`${prefix}/a`, `${prefix}/c`] })), [
                `${prefix}/a`,
                `${prefix}/b`,
            ]);
        },
    },
    {
        name: 'paginated range queries hand out bookmarks that continue where the page ended',
        rule: 'real pagination bookmarks',
        run: async (backend) => {
            const cc = backend.contract('org1', 'conformance');
            const prefix = fresh('page');
            for (const n of [1, 2, 3, 4, 5]) await cc.submit('Put', { arguments: [`${prefix}/${n}`, String(n)] });
            const page = async (bookmark: string): Promise<{ keys: string[]; bookmark: string; fetched: number }> =>
                json(await cc.evaluate('Page', { arguments: [`${prefix}/`, `${prefix}0`, '2', bookmark] }));
            const first = await page('');
            assert.deepEqual(first, { keys: [`${prefix}/1`, `${prefix}/2`], bookmark: `${prefix}/3`, fetched: 2 });
            const second = await page(first.bookmark);
            assert.deepEqual(second, { keys: [`${prefix}/3`, `${prefix}/4`], bookmark: `${prefix}/5`, fetched: 2 });
            const last = await page(second.bookmark);
            assert.deepEqual(last, { keys: [`${prefix}/5`], bookmark: '', fetched: 1 });
        },
    },
    {
        name: 'a pagination bookmark outside the range moves the scan start: below it lists keys before the range, above it lists nothing',
        rule: 'real pagination bookmarks',
        run: async (backend) => {
            // A peer replaces the start key with any non-empty bookmark and scans [bookmark, end)
            // (core/chaincode/handler.go, HandleGetStateByRange; stateleveldb's range iterator):
            // it does not check that the bookmark lies in [start, end). Contracts must.
            const cc = backend.contract('org1', 'conformance');
            const prefix = fresh('lane');
            for (const key of [`${prefix}/a/1`, `${prefix}/b/1`, `${prefix}/b/2`, `${prefix}/c/1`])
                await cc.submit('Put', { arguments: [key, 'x'] });
            const page = async (bookmark: string): Promise<{ keys: string[]; bookmark: string; fetched: number }> =>
                json(await cc.evaluate('Page', { arguments: [`${prefix}/b/`, `${prefix}/b0`, '10', bookmark] }));
            assert.deepEqual(await page(`${prefix}/a/`), {
                keys: [`${prefix}/a/1`, `${prefix}/b/1`, `${prefix}/b/2`],
                bookmark: '',
                fetched: 3,
            });
            assert.deepEqual(await page(`${prefix}/c/`), { keys: [], bookmark: '', fetched: 0 });
            // An empty bookmark starts at the start key
            assert.deepEqual(await page(''), { keys: [`${prefix}/b/1`, `${prefix}/b/2`], bookmark: '', fetched: 2 });
        },
    },
    {
        name: 'a paginated read submitted as a transaction is re-checked at commit to the end of its page, or of the range once the last page is read',
        rule: 'range queries are re-checked at commit',
        run: async (backend) => {
            const cc = backend.contract('org1', 'conformance');
            const prefix = fresh('pagecheck');
            await cc.submit('PutMany', {
                arguments: [JSON.stringify([`${prefix}/a`, `${prefix}/b`, `${prefix}/c`]), '1'],
            });
            const range = [`${prefix}/`, `${prefix}0`];
            // A page that leaves keys behind: a key after it is not re-checked
            const first = await cc.endorse('Page', { arguments: [...range, '2', ''] });
            assert.deepEqual(json<{ keys: string[] }>(first.result).keys, [`${prefix}/a`, `${prefix}/b`]);
            await cc.submit('Put', { arguments: [`${prefix}/d`, 'after the page'] });
            assert.equal((await first.submit()).code, 'VALID');
            // The last page: a key added after it, still in the range, is
            const last = await cc.endorse('Page', { arguments: [...range, '10', ''] });
            assert.equal(json<{ keys: string[] }>(last.result).keys.length, 4);
            await cc.submit('Put', { arguments: [`${prefix}/e`, 'after the last page'] });
            assert.equal((await last.submit()).code, 'PHANTOM_READ_CONFLICT');
            // A page longer than a batch of 100 that leaves keys behind: a key after it is not re-checked
            const keys = numbered(`${prefix}/long/k`, 103);
            await cc.submit('PutMany', { arguments: [JSON.stringify(keys), '1'] });
            const long = await cc.endorse('Page', { arguments: [`${prefix}/long/`, `${prefix}/long0`, '101', ''] });
            assert.deepEqual(json<{ keys: string[] }>(long.result).keys, keys.slice(0, 101));
            await cc.submit('Put', { arguments: [`${prefix}/long/k1005`, 'after the long page'] });
            assert.equal((await long.submit()).code, 'VALID');
        },
    },
    {
        name: "composite keys use Fabric's separators and stay out of simple range queries",
        rule: "composite keys with Fabric's separators",
        run: async (backend) => {
            const cc = backend.contract('org1', 'conformance');
            const type = fresh('order');
            await cc.submit('PutComposite', { arguments: [type, 'alice', 'o1', 'v1'] });
            await cc.submit('PutComposite', { arguments: [type, 'alice', 'o2', 'v2'] });
            await cc.submit('PutComposite', { arguments: [type, 'bob', 'o3', 'v3'] });
            assert.deepEqual(json(await cc.evaluate('ListComposite', { arguments: [type, 'alice'] })), [
                'alice/o1=v1',
                'alice/o2=v2',
            ]);
            assert.equal(json<string[]>(await cc.evaluate('ListComposite', { arguments: [type, ''] })).length, 3);
            const dump = json<string[]>(await cc.evaluate('Dump'));
            assert.ok(
                dump.every((entry) => !entry.startsWith('\u0000')),
                'a simple range query returned a composite key',
            );
        },
    },
    {
        name: 'history holds committed writes only, newest first',
        rule: 'history of committed writes only',
        run: async (backend) => {
            const cc = backend.contract('org1', 'conformance');
            const key = fresh('history');
            await cc.submit('Put', { arguments: [key, '1'] });
            await cc.submit('Put', { arguments: [key, '2'] });
            const codes = await concurrentIncrements(cc, key);
            assert.deepEqual(codes, ['MVCC_READ_CONFLICT', 'VALID']);
            await cc.submit('Delete', { arguments: [key] });
            assert.deepEqual(json(await cc.evaluate('History', { arguments: [key] })), ['DELETED', '3', '2', '1']);
        },
    },
    {
        name: 'a key written with its key-level policy in one transaction has one history entry',
        rule: 'history holds committed writes only, newest first',
        run: async (backend) => {
            const cc = backend.contract('org1', 'conformance');
            const [, org2] = backend.orgs;
            const key = fresh('with-policy');
            await cc.submit('PutWithPolicy', { arguments: [key, 'v', JSON.stringify([org2])] });
            assert.deepEqual(json(await cc.evaluate('History', { arguments: [key] })), ['v']);
            // and the policy holds: org2 alone may now write it
            await cc.submit('Put', { arguments: [key, 'w'], endorsingOrganizations: [org2] });
            assert.deepEqual(json(await cc.evaluate('History', { arguments: [key] })), ['w', 'v']);
        },
    },
    {
        name: 'history gives each write the timestamp of its transaction',
        rule: 'history holds committed writes only, newest first',
        run: async (backend) => {
            const cc = backend.contract('org1', 'conformance');
            const key = fresh('stamped');
            const first = text((await cc.submit('PutStamped', { arguments: [key, 'a'] })).result);
            const second = text((await cc.submit('PutStamped', { arguments: [key, 'b'] })).result);
            assert.deepEqual(json(await cc.evaluate('HistoryTimes', { arguments: [key] })), [second, first]);
        },
    },
    {
        name: "a transaction submitted twice commits once; the second submit reports the first one's status",
        rule: 'DUPLICATE_TXID',
        run: async (backend) => {
            // The copy is marked DUPLICATE_TXID in its block, but commit statuses are looked up by
            // transaction id: the submitter sees the first commit's status and block.
            const cc = backend.contract('org1', 'conformance');
            const key = fresh('dup');
            const endorsed = await cc.endorse('Increment', { arguments: [key] });
            const first = await endorsed.submit();
            assert.equal(first.code, 'VALID');
            assert.deepEqual(await endorsed.submit(), first);
            assert.equal(await get(cc, key), '1');
            assert.deepEqual(json(await cc.evaluate('History', { arguments: [key] })), ['1']);
        },
    },
    {
        name: 'private data: members read the value, others only its hash, and transient data is never written',
        rule: 'private data collections, hashes on the public state, transient data',
        run: async (backend) => {
            const key = fresh('pvt');
            const secret = fresh('secret');
            const org1 = backend.contract('org1', 'conformance');
            const org2 = backend.contract('org2', 'conformance');
            // The chaincode policy needs org2, which is not in the collection: org1's client must name the
            // endorsers it trusts with the transient value
            await org1.submit('PutPrivate', {
                arguments: ['org1only', key],
                transientData: { value: secret },
                endorsingOrganizations: [...backend.orgs],
            });
            assert.equal(text(await org1.evaluate('GetPrivate', { arguments: ['org1only', key] })), secret);
            assert.equal(
                text(await org2.evaluate('GetPrivateHash', { arguments: ['org1only', key] })),
                createHash('sha256').update(secret).digest('hex'),
            );
            const denied = await rejects(org2.evaluate('GetPrivate', { arguments: ['org1only', key] }), EndorseError);
            assert.match(denied.chaincodeMessage ?? '', /does not have read access permission/);
            const dump = json<string[]>(await org1.evaluate('Dump'));
            assert.ok(
                dump.every((entry) => !entry.includes(secret)),
                'the transient value reached the public state',
            );
        },
    },
    {
        name: 'transient data is not handed to endorsers outside the collection it is written to, unless the client names them',
        rule: 'private data collections, hashes on the public state, transient data',
        run: async (backend) => {
            // The gateway's choice of endorsers would include org2 (the chaincode policy needs it), which
            // is not a member of org1only: with transient data in the proposal it refuses to choose
            const key = fresh('protect');
            const cc = backend.contract('org1', 'conformance');
            const error = await rejects(
                cc.submit('PutPrivate', { arguments: ['org1only', key], transientData: { value: 'secret' } }),
                EndorseError,
            );
            assert.match(
                error.message,
                /requires endorsement from organisation\(s\) that are not in the distribution policy of the private data collection\(s\): \[org1only\]; retry specifying trusted endorsing organizations to protect transient data/,
            );
            assert.equal(text(await cc.evaluate('GetPrivate', { arguments: ['org1only', key] })), '');
            // Without transient data the same write may be endorsed by org2
            await cc.submit('PutPrivatePlain', { arguments: ['org1only', key, 'public input'] });
            assert.equal(text(await cc.evaluate('GetPrivate', { arguments: ['org1only', key] })), 'public input');
        },
    },
    {
        name: 'a purged private key reads as absent: no value for members, no hash for others',
        rule: 'private data collections, hashes on the public state, transient data',
        run: async (backend) => {
            const key = fresh('purge');
            const org1 = backend.contract('org1', 'conformance');
            await org1.submit('PutPrivate', {
                arguments: ['org1only', key],
                transientData: { value: 'gone soon' },
                endorsingOrganizations: [...backend.orgs],
            });
            await org1.submit('PurgePrivate', { arguments: ['org1only', key] });
            assert.equal(text(await org1.evaluate('GetPrivate', { arguments: ['org1only', key] })), '');
            const hash = await backend
                .contract('org2', 'conformance')
                .evaluate('GetPrivateHash', { arguments: ['org1only', key] });
            assert.equal(text(hash), '');
        },
    },
    {
        name: "a private-data range query lists a collection's keys in order, end key excluded, for the collection's readers only",
        rule: 'private data collections, hashes on the public state, transient data',
        run: async (backend) => {
            const org1 = backend.contract('org1', 'conformance');
            // '~' sorts after every key the other cases write: the tail holds this run's keys first
            const prefix = `~${fresh('pvtlist')}`;
            for (const suffix of ['b', 'a', 'c'])
                await org1.submit('PutPrivatePlain', { arguments: ['org1only', `${prefix}/${suffix}`, suffix] });
            const list = async (start: string, end: string): Promise<string[]> =>
                json(await org1.evaluate('PrivateRange', { arguments: ['org1only', start, end] }));
            assert.deepEqual(await list(`${prefix}/a`, `${prefix}/c`), [`${prefix}/a`, `${prefix}/b`]);
            // An empty end key lists to the last key
            const tail = await list(`${prefix}/`, '');
            assert.deepEqual(tail.slice(0, 3), [`${prefix}/a`, `${prefix}/b`, `${prefix}/c`]);
            // A client outside a member-only-read collection may not list it
            const denied = await rejects(
                backend
                    .contract('org2', 'conformance')
                    .evaluate('PrivateRange', { arguments: ['org1only', `${prefix}/`, ''] }),
                EndorseError,
            );
            assert.match(
                denied.chaincodeMessage ?? '',
                /tx creator does not have read access permission on privatedata/,
            );
        },
    },
    {
        name: 'a private request to a collection the chaincode does not define fails, worded as the peer words it',
        rule: 'private data collections, hashes on the public state, transient data',
        run: async (backend) => {
            // The peer's permission check names the channel; a hash read skips it and the ledger answers
            const cases = [
                [
                    'conformance',
                    'GetPrivate',
                    'nope',
                    'GET_STATE',
                    'collection conformance/conformance/nope could not be found',
                ],
                [
                    'conformance-b',
                    'GetPrivate',
                    'org1only',
                    'GET_STATE',
                    'collection conformance/conformance-b/org1only could not be found',
                ],
                [
                    'conformance',
                    'PrivateRange',
                    'nope',
                    'GET_STATE_BY_RANGE',
                    'collection conformance/conformance/nope could not be found',
                ],
                [
                    'conformance',
                    'GetPrivateHash',
                    'nope',
                    'GET_PRIVATE_DATA_HASH',
                    'collection [nope] not defined in the collection config for chaincode [conformance]',
                ],
                [
                    'conformance-b',
                    'GetPrivateHash',
                    'org1only',
                    'GET_PRIVATE_DATA_HASH',
                    'collection [org1only] not defined in the collection config for chaincode [conformance-b]',
                ],
            ] as const;
            for (const [chaincode, fn, collection, request, reason] of cases) {
                const args = fn === 'PrivateRange' ? [collection, '', ''] : [collection, 'k'];
                const error = await rejects(
                    backend.contract('org1', chaincode).evaluate(fn, { arguments: args }),
                    EndorseError,
                );
                assertPeerRefusal(error, request, reason, `${chaincode} ${fn} ${collection}`);
            }
        },
    },
    {
        name: "a member-only-write collection refuses other creators' writes; a peer outside a collection has its hashes, not its values",
        rule: 'private data collections, hashes on the public state, transient data',
        run: async (backend) => {
            const key = fresh('pvtwrite');
            const org1 = backend.contract('org1', 'conformance');
            const org2 = backend.contract('org2', 'conformance');
            const refused = await rejects(
                org2.submit('PutPrivatePlain', { arguments: ['org1write', key, 'from org2'] }),
                EndorseError,
            );
            assertPeerRefusal(
                refused,
                'PUT_STATE',
                'tx creator does not have write access permission on privatedata in chaincodeName:conformance collectionName: org1write',
                'org2 PutPrivatePlain org1write',
            );
            await org1.submit('PutPrivatePlain', { arguments: ['org1write', key, 'from org1'] });
            assert.equal(text(await org1.evaluate('GetPrivate', { arguments: ['org1write', key] })), 'from org1');
            // org2 may read the collection, but its peer holds only the hash: a value read fails, a range lists nothing
            const missing = await rejects(org2.evaluate('GetPrivate', { arguments: ['org1write', key] }), EndorseError);
            assert.match(
                missing.chaincodeMessage ?? '',
                /: private data matching public hash version is not available\. Public hash version = \{BlockNum: \d+, TxNum: \d+\}, Private data version = <nil>$/,
            );
            assert.deepEqual(
                json(await org2.evaluate('PrivateRange', { arguments: ['org1write', key, `${key}0`] })),
                [],
            );
            assert.deepEqual(json(await org1.evaluate('PrivateRange', { arguments: ['org1write', key, `${key}0`] })), [
                key,
            ]);
        },
    },
    {
        name: 'a rich query fails: the state database is LevelDB',
        rule: 'rich queries fail as on LevelDB',
        run: async (backend) => {
            const error = await rejects(
                backend.contract('org1', 'conformance').evaluate('Query', { arguments: ['{"selector":{}}'] }),
                EndorseError,
            );
            assert.match(
                error.chaincodeMessage ?? '',
                /^GET_QUERY_RESULT failed: transaction ID: [0-9a-f]{64}: ExecuteQuery not supported for leveldb$/,
            );
        },
    },
    {
        name: 'a call into a chaincode on another channel reads; its writes succeed in the callee and are discarded',
        rule: 'a cross-channel call is read-only',
        run: async (backend) => {
            const key = fresh('xchannel');
            await backend
                .contract('org1', 'conformance', backend.otherChannel)
                .submit('Put', { arguments: [key, 'there'] });
            const cc = backend.contract('org1', 'conformance');
            const read = json<{ status: number; payload: string }>(
                (
                    await cc.submit('CallAndSwallow', {
                        arguments: ['conformance', 'Get', JSON.stringify([key]), backend.otherChannel],
                    })
                ).result,
            );
            assert.deepEqual([read.status, read.payload], [200, 'there']);
            const write = json<{ status: number }>(
                (
                    await cc.submit('CallAndSwallow', {
                        arguments: ['conformance', 'Put', JSON.stringify([key, 'changed']), backend.otherChannel],
                    })
                ).result,
            );
            assert.equal(write.status, 200);
            assert.equal(await get(backend.contract('org1', 'conformance', backend.otherChannel), key), 'there');
            assert.deepEqual(
                json(
                    await backend
                        .contract('org1', 'conformance', backend.otherChannel)
                        .evaluate('History', { arguments: [key] }),
                ),
                ['there'],
            );
        },
    },
    {
        name: "the contract sees the submitter's identity from its X.509 certificate",
        rule: 'identities from real X.509 certificates',
        run: async (backend) => {
            const who = json<{ mspId: string; id: string }>(
                await backend.contract('org1', 'conformance').evaluate('WhoAmI'),
            );
            assert.equal(who.mspId, backend.orgs[0]);
            assert.match(who.id, /^x509::\/.*CN=.*::\/.*CN=/);
        },
    },
];
