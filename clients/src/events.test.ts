// SPDX-License-Identifier: Apache-2.0
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { ChaincodeEvent } from '@productivist/ledger-api';

import { Wallet } from './clients.js';
import { FileCheckpointer, followEvents } from './events.js';
import { LocalLedger } from './local/LocalLedger.js';

describe('followEvents with a checkpointer', () => {
    let dir: string;
    let world: LocalLedger;
    let treasury: Wallet;
    beforeEach(async () => {
        dir = mkdtempSync(join(tmpdir(), 'productivist-events-'));
        world = await LocalLedger.open();
        treasury = new Wallet(world, 'treasury');
    });
    afterEach(() => {
        world.close();
        rmSync(dir, { recursive: true, force: true });
    });

    /** Follows from the checkpoint (or block 0) until `count` events were handled. */
    async function follow(checkpointer: FileCheckpointer, count: number, fail?: number): Promise<ChaincodeEvent[]> {
        const seen: ChaincodeEvent[] = [];
        const follower = followEvents(
            world,
            'treasury',
            'productoken',
            checkpointer,
            (event) => {
                if (seen.length === fail) throw new Error('handler crashed');
                seen.push(event);
                if (seen.length === count) follower.stop();
            },
            { startBlock: 0n },
        );
        await follower.done.catch((error: unknown) => {
            if (fail === undefined) throw error;
        });
        return seen;
    }

    const ids = (events: readonly ChaincodeEvent[]): string[] => events.map((event) => event.transactionId);

    it('resumes after a restart with neither a missed nor a repeated event', async () => {
        for (const request of ['m1', 'm2', 'm3']) await treasury.mint('alice', '100', request);
        const checkpointer = new FileCheckpointer(join(dir, 'checkpoint.json'));
        const first = await follow(checkpointer, 2);
        expect(checkpointer.load()).toEqual({
            blockNumber: first[1]?.blockNumber,
            transactionId: first[1]?.transactionId,
        });
        // Meanwhile (the listener is down) more events are committed.
        for (const request of ['m4', 'm5']) await treasury.mint('dana', '100', request);

        // The same history followed without a break, for comparison.
        const unbroken = ids(await followAll(new FileCheckpointer(join(dir, 'unbroken.json'))));
        expect(unbroken.length).toBeGreaterThanOrEqual(5);
        const second = await follow(checkpointer, unbroken.length - 2);
        expect([...ids(first), ...ids(second)]).toEqual(unbroken);
        expect(new Set(unbroken).size).toBe(unbroken.length);
    });

    it('gives an event whose handler failed again to the next follower', async () => {
        for (const request of ['m1', 'm2']) await treasury.mint('alice', '100', request);
        const checkpointer = new FileCheckpointer(join(dir, 'checkpoint.json'));
        const unbroken = ids(await followAll(new FileCheckpointer(join(dir, 'unbroken.json'))));
        const crashed = await follow(checkpointer, unbroken.length, 1);
        expect(ids(crashed)).toEqual(unbroken.slice(0, 1));
        const resumed = await follow(checkpointer, unbroken.length - 1);
        expect(ids(resumed)).toEqual(unbroken.slice(1));
    });

    it('refuses a damaged checkpoint file with the fix', () => {
        const path = join(dir, 'bad.json');
        writeFileSync(path, '{"blockNumber": 3}');
        expect(() => new FileCheckpointer(path).load()).toThrow(
            expect.objectContaining({
                code: 'CHECKPOINT_DAMAGED',
                hint: 'delete it to follow the events from now on, or restore it from a copy',
            }) as Error,
        );
    });

    /** Every productoken event committed so far (the last one is the last block's). */
    async function followAll(checkpointer: FileCheckpointer): Promise<ChaincodeEvent[]> {
        const height = world.network.blocks().length;
        const seen: ChaincodeEvent[] = [];
        const lastBlock = BigInt(height - 1);
        const follower = followEvents(
            world,
            'treasury',
            'productoken',
            checkpointer,
            (event) => {
                seen.push(event);
                if (event.blockNumber === lastBlock) follower.stop();
            },
            { startBlock: 0n },
        );
        await follower.done;
        return seen;
    }
});
