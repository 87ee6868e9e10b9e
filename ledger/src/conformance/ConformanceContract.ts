// SPDX-License-Identifier: Apache-2.0
//
// A chaincode built to probe Fabric's transaction semantics: each transaction exercises one rule
// (buffered writes, range scans, pagination, nested calls, events, key-level policies, private data).
// It runs unchanged on the embedded ledger and, as a chaincode service, on real peers.
import { KeyEndorsementPolicy } from '@productivist/policies';
// Context is imported as a value: decorator metadata needs the class at run time.
import { Context, Contract, Info, Transaction } from 'fabric-contract-api';

const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');

@Info({ title: 'conformance', description: 'Probes Fabric transaction semantics' })
export class ConformanceContract extends Contract {
    constructor() {
        super('conformance');
    }

    @Transaction()
    async Put(ctx: Context, key: string, value: string): Promise<void> {
        await ctx.stub.putState(key, Buffer.from(value));
    }

    /** Writes one value under several keys (JSON list): one transaction, several policies to meet. */
    @Transaction()
    async PutMany(ctx: Context, keysJson: string, value: string): Promise<void> {
        for (const key of JSON.parse(keysJson) as string[]) await ctx.stub.putState(key, Buffer.from(value));
    }

    @Transaction()
    async Delete(ctx: Context, key: string): Promise<void> {
        await ctx.stub.deleteState(key);
    }

    @Transaction(false)
    async Get(ctx: Context, key: string): Promise<string> {
        return text(await ctx.stub.getState(key));
    }

    /** Writes then reads the same key: returns what the read saw. */
    @Transaction()
    async PutThenGet(ctx: Context, key: string, value: string): Promise<string> {
        await ctx.stub.putState(key, Buffer.from(value));
        return text(await ctx.stub.getState(key));
    }

    /** Read-modify-write of a counter. */
    @Transaction()
    async Increment(ctx: Context, key: string): Promise<number> {
        const current = Number(text(await ctx.stub.getState(key)) || '0');
        await ctx.stub.putState(key, Buffer.from(String(current + 1)));
        return current + 1;
    }

    /** Scans [start, end) and records what it saw under `marker`. */
    @Transaction()
    async ScanThenWrite(ctx: Context, start: string, end: string, marker: string): Promise<string> {
        const keys: string[] = [];
        for await (const entry of ctx.stub.getStateByRange(start, end)) keys.push(entry.key);
        await ctx.stub.putState(marker, Buffer.from(keys.join(',')));
        return JSON.stringify(keys);
    }

    /** Reads only the first entry of [start, end), abandons the iterator, and writes `marker`. */
    @Transaction()
    async ScanFirstThenWrite(ctx: Context, start: string, end: string, marker: string): Promise<string> {
        const iterator = await ctx.stub.getStateByRange(start, end);
        const first = await iterator.next();
        await iterator.close();
        await ctx.stub.putState(marker, Buffer.from('scanned'));
        return first.done ? '' : first.value.key;
    }

    /** Writes a key and returns the transaction's timestamp (seconds.nanos). */
    @Transaction()
    async PutStamped(ctx: Context, key: string, value: string): Promise<string> {
        await ctx.stub.putState(key, Buffer.from(value));
        const { seconds, nanos } = ctx.stub.getTxTimestamp();
        return `${seconds.toString()}.${String(nanos).padStart(9, '0')}`;
    }

    /** The timestamps (seconds.nanos) of a key's history, newest first. */
    @Transaction(false)
    async HistoryTimes(ctx: Context, key: string): Promise<string> {
        const times: string[] = [];
        for await (const modification of ctx.stub.getHistoryForKey(key)) {
            const { seconds, nanos } = modification.timestamp;
            times.push(`${seconds.toString()}.${String(nanos).padStart(9, '0')}`);
        }
        return JSON.stringify(times);
    }

    @Transaction(false)
    async Range(ctx: Context, start: string, end: string): Promise<string> {
        const keys: string[] = [];
        for await (const entry of ctx.stub.getStateByRange(start, end)) keys.push(entry.key);
        return JSON.stringify(keys);
    }

    @Transaction(false)
    async Page(ctx: Context, start: string, end: string, pageSize: number, bookmark: string): Promise<string> {
        const { iterator, metadata } = await ctx.stub.getStateByRangeWithPagination(start, end, pageSize, bookmark);
        const keys: string[] = [];
        for (let next = await iterator.next(); !next.done; next = await iterator.next()) keys.push(next.value.key);
        await iterator.close();
        // An empty page's metadata (0 records, no bookmark) marshals to no bytes: fabric-shim then gives none.
        const given = metadata as typeof metadata | undefined;
        return JSON.stringify({ keys, bookmark: given?.bookmark ?? '', fetched: given?.fetchedRecordsCount ?? 0 });
    }

    @Transaction()
    async PageThenWrite(ctx: Context, start: string, end: string, key: string): Promise<void> {
        const { iterator } = await ctx.stub.getStateByRangeWithPagination(start, end, 10, '');
        await iterator.close();
        await ctx.stub.putState(key, Buffer.from('after-page'));
    }

    @Transaction()
    async WriteThenPage(ctx: Context, start: string, end: string, key: string): Promise<void> {
        await ctx.stub.putState(key, Buffer.from('before-page'));
        const { iterator } = await ctx.stub.getStateByRangeWithPagination(start, end, 10, '');
        await iterator.close();
    }

    @Transaction()
    async PutComposite(ctx: Context, objectType: string, first: string, second: string, value: string): Promise<void> {
        await ctx.stub.putState(ctx.stub.createCompositeKey(objectType, [first, second]), Buffer.from(value));
    }

    @Transaction(false)
    async ListComposite(ctx: Context, objectType: string, first: string): Promise<string> {
        const found: string[] = [];
        const partial = first === '' ? [] : [first];
        for await (const entry of ctx.stub.getStateByPartialCompositeKey(objectType, partial)) {
            const { attributes } = ctx.stub.splitCompositeKey(entry.key);
            found.push(`${attributes.join('/')}=${text(entry.value)}`);
        }
        return JSON.stringify(found);
    }

    @Transaction(false)
    async History(ctx: Context, key: string): Promise<string> {
        const history: string[] = [];
        for await (const modification of ctx.stub.getHistoryForKey(key)) {
            history.push(modification.isDelete ? 'DELETED' : text(modification.value));
        }
        return JSON.stringify(history);
    }

    /** Calls another chaincode and reports its status without throwing (a caller that swallows errors). */
    @Transaction()
    async CallAndSwallow(
        ctx: Context,
        chaincode: string,
        fn: string,
        argsJson: string,
        channel: string,
    ): Promise<string> {
        const args = JSON.parse(argsJson) as string[];
        const response = await ctx.stub.invokeChaincode(chaincode, [fn, ...args], channel);
        return JSON.stringify({
            status: response.status,
            message: response.message,
            payload: text(response.payload ?? new Uint8Array()),
        });
    }

    /** Calls another chaincode and throws when it failed, as a careful caller must. */
    @Transaction()
    async CallAndCheck(ctx: Context, chaincode: string, fn: string, argsJson: string): Promise<string> {
        const args = JSON.parse(argsJson) as string[];
        const response = await ctx.stub.invokeChaincode(chaincode, [fn, ...args], '');
        if (response.status !== 200) throw new Error(response.message);
        return text(response.payload ?? new Uint8Array());
    }

    @Transaction()
    async WriteThenThrow(ctx: Context, key: string, value: string, message: string): Promise<void> {
        await ctx.stub.putState(key, Buffer.from(value));
        throw new Error(message);
    }

    /** Sets an event, then calls a chaincode that sets its own. */
    @Transaction()
    async EventAroundCall(ctx: Context, chaincode: string): Promise<void> {
        ctx.stub.setEvent('outer', Buffer.from('from-outer'));
        const response = await ctx.stub.invokeChaincode(chaincode, ['EmitEvent', 'inner'], '');
        if (response.status !== 200) throw new Error(response.message);
    }

    @Transaction()
    async EmitEvent(ctx: Context, name: string): Promise<void> {
        ctx.stub.setEvent(name, Buffer.from(`payload-of-${name}`));
        await ctx.stub.putState(`event-${name}`, Buffer.from(name));
    }

    @Transaction()
    async EmitTwice(ctx: Context): Promise<void> {
        ctx.stub.setEvent('first', Buffer.from('1'));
        ctx.stub.setEvent('second', Buffer.from('2'));
        await ctx.stub.putState('emit-twice', Buffer.from('done'));
    }

    /** Deliberately non-deterministic: every peer writes a different value. */
    @Transaction()
    async PutRandom(ctx: Context, key: string): Promise<void> {
        await ctx.stub.putState(key, Buffer.from(String(Math.random())));
    }

    /** Writes a key and puts a key-level policy on it in the same transaction: any of the listed orgs' peers. */
    @Transaction()
    async PutWithPolicy(ctx: Context, key: string, value: string, orgsJson: string): Promise<void> {
        await ctx.stub.putState(key, Buffer.from(value));
        const policy = new KeyEndorsementPolicy().addOrgs('peer', ...(JSON.parse(orgsJson) as string[]));
        await ctx.stub.setStateValidationParameter(key, policy.getPolicy());
    }

    /** Puts a key-level policy on an existing key: `required` of the listed orgs' peers. */
    @Transaction()
    async SetKeyPolicy(ctx: Context, key: string, orgsJson: string, required: number): Promise<void> {
        const policy = new KeyEndorsementPolicy().addOrgs('peer', ...(JSON.parse(orgsJson) as string[]));
        if (required > 0) policy.setRequired(required);
        await ctx.stub.setStateValidationParameter(key, policy.getPolicy());
    }

    /** Stores the transient field `value` under `key` in a collection. */
    @Transaction()
    async PutPrivate(ctx: Context, collection: string, key: string): Promise<void> {
        const value = ctx.stub.getTransient().get('value');
        if (value === undefined) throw new Error('INVALID_ARGUMENT: transient field value is missing');
        await ctx.stub.putPrivateData(collection, key, value);
    }

    /** Stores `value`, an ordinary (public) argument, under `key` in a collection. */
    @Transaction()
    async PutPrivatePlain(ctx: Context, collection: string, key: string, value: string): Promise<void> {
        await ctx.stub.putPrivateData(collection, key, Buffer.from(value));
    }

    @Transaction(false)
    async GetPrivate(ctx: Context, collection: string, key: string): Promise<string> {
        return text(await ctx.stub.getPrivateData(collection, key));
    }

    @Transaction(false)
    async GetPrivateHash(ctx: Context, collection: string, key: string): Promise<string> {
        return Buffer.from(await ctx.stub.getPrivateDataHash(collection, key)).toString('hex');
    }

    @Transaction()
    async PurgePrivate(ctx: Context, collection: string, key: string): Promise<void> {
        await ctx.stub.purgePrivateData(collection, key);
    }

    /** A rich (JSON selector) query: CouchDB only. */
    @Transaction(false)
    async Query(ctx: Context, query: string): Promise<string> {
        const keys: string[] = [];
        for await (const entry of ctx.stub.getQueryResult(query)) keys.push(entry.key);
        return JSON.stringify(keys);
    }

    @Transaction()
    async PrivateRangeThenWrite(ctx: Context, collection: string, key: string): Promise<void> {
        // Iterated with for-await: awaiting getPrivateDataByRange in fabric-shim 2.5 gives { iterator }.
        for await (const entry of ctx.stub.getPrivateDataByRange(collection, '', '')) {
            if (entry.key === '') break;
        }
        await ctx.stub.putState(key, Buffer.from('after-private-range'));
    }

    /** Opens two ranges, then reads them in turns; returns each one's keys. */
    @Transaction(false)
    async TwoRanges(ctx: Context, startA: string, endA: string, startB: string, endB: string): Promise<string> {
        const iterators = [await ctx.stub.getStateByRange(startA, endA), await ctx.stub.getStateByRange(startB, endB)];
        const keys: string[][] = [[], []];
        for (let open = true; open;) {
            open = false;
            for (const [i, iterator] of iterators.entries()) {
                const next = await iterator.next();
                if (!next.done) {
                    keys[i]?.push(next.value.key);
                    open = true;
                }
            }
        }
        for (const iterator of iterators) await iterator.close();
        return JSON.stringify(keys);
    }

    /** The keys of a collection in [start, end), an empty end meaning to the last key. */
    @Transaction(false)
    async PrivateRange(ctx: Context, collection: string, start: string, end: string): Promise<string> {
        const keys: string[] = [];
        for await (const entry of ctx.stub.getPrivateDataByRange(collection, start, end)) keys.push(entry.key);
        return JSON.stringify(keys);
    }

    @Transaction()
    async WriteThenPrivateRange(ctx: Context, collection: string, key: string): Promise<void> {
        await ctx.stub.putState(key, Buffer.from('before-private-range'));
        for await (const entry of ctx.stub.getPrivateDataByRange(collection, '', '')) {
            if (entry.key === '') break;
        }
    }

    /** Every public key and value of this chaincode, for checks that something was never written. */
    @Transaction(false)
    async Dump(ctx: Context): Promise<string> {
        const all: string[] = [];
        for await (const entry of ctx.stub.getStateByRange('', '')) all.push(`${entry.key}=${text(entry.value)}`);
        return JSON.stringify(all);
    }

    /** Who called, as the contract sees it. */
    @Transaction(false)
    WhoAmI(ctx: Context): string {
        return JSON.stringify({
            mspId: ctx.clientIdentity.getMSPID(),
            id: ctx.clientIdentity.getID(),
            member: ctx.clientIdentity.getAttributeValue('productivist.member'),
        });
    }
}
