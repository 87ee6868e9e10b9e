// SPDX-License-Identifier: Apache-2.0
//
// Throughput of the embedded ledger on simple writes, as ratios to a baseline measured in the same
// run (these machines are noisy): the baseline dispatches the same contract through fabric-shim's
// stub over a bare Map, with no snapshots, read-write sets, endorsement or validation — what a
// typical chaincode test double costs.
//
//   node ledger/dist/bench/throughput.js [transactions=10000] [concurrency=500] [--json]
import './quiet.js';

import { randomBytes } from 'node:crypto';

import { peer } from '@hyperledger/fabric-protos';
import { ChaincodeStub } from 'fabric-shim';
import ChaincodeFromContract from 'fabric-shim/lib/contract-spi/chaincodefromcontract';
import { Context, Contract, JSONSerializer, Transaction } from 'fabric-contract-api';

import { EmbeddedNetwork } from '../EmbeddedNetwork.js';
import { buildSignedProposal } from '../execution.js';

class Writes extends Contract {
    constructor() {
        super('writes');
    }

    @Transaction()
    async Put(ctx: Context, key: string, value: string): Promise<void> {
        await ctx.stub.putState(key, Buffer.from(value));
    }
}

async function baseline(count: number): Promise<number> {
    // A real certificate for the contract's ClientIdentity, from the embedded CA.
    const identities = await EmbeddedNetwork.create({ organizations: [{ mspId: 'Org1MSP' }] });
    await identities.addMember('client', { mspId: 'Org1MSP' });
    const signedProposal = buildSignedProposal({
        channelName: 'bench',
        chaincodeName: 'writes',
        args: [],
        creator: { mspId: 'Org1MSP', certificatePem: identities.certificateOf('client') },
        nonce: randomBytes(24),
        txId: 'bench',
        timestamp: new Date(0),
        transient: new Map(),
    });
    const state = new Map<string, Buffer>();
    const handler = {
        handlePutState: (_collection: string, key: string, value: Uint8Array): Promise<Buffer> => {
            state.set(key, Buffer.from(value));
            return Promise.resolve(Buffer.alloc(0));
        },
    };
    const router = new ChaincodeFromContract([Writes], {
        transaction: 'jsonSerializer',
        serializers: { jsonSerializer: JSONSerializer },
    });
    const Stub = ChaincodeStub as unknown as new (
        h: unknown,
        channel: string,
        txId: string,
        input: peer.ChaincodeInput,
        proposal: peer.SignedProposal,
    ) => ChaincodeStub;
    const start = process.hrtime.bigint();
    for (let i = 0; i < count; i++) {
        const input = new peer.ChaincodeInput();
        input.setArgsList([Buffer.from('Put'), Buffer.from(`key-${i}`), Buffer.from(`value-${i}`)]);
        const response = await router.Invoke(new Stub(handler, 'bench', `tx-${i}`, input, signedProposal));
        if (response.status !== 200) throw new Error(response.message);
    }
    return Number(process.hrtime.bigint() - start) / 1e9;
}

async function embedded(count: number, concurrency: number, orgs: number): Promise<number> {
    const mspIds = Array.from({ length: orgs }, (_, i) => `Org${i + 1}MSP`);
    const network = await EmbeddedNetwork.create({ organizations: mspIds.map((mspId) => ({ mspId })) });
    await network.addMember('client', { mspId: mspIds[0] ?? 'Org1MSP' });
    network.deploy({ name: 'writes', contracts: [Writes], endorsementPolicy: { all: mspIds } });
    const contract = network.contract('client', 'writes');
    const start = process.hrtime.bigint();
    for (let base = 0; base < count; base += concurrency) {
        const size = Math.min(concurrency, count - base);
        const endorsed = await Promise.all(
            Array.from({ length: size }, (_, i) =>
                contract.endorse('Put', { arguments: [`key-${base + i}`, `value-${base + i}`] }),
            ),
        );
        const statuses = await Promise.all(endorsed.map((tx) => tx.submit()));
        const invalid = statuses.find((status) => !status.successful);
        if (invalid !== undefined) throw new Error(`transaction ${invalid.transactionId} was ${invalid.code}`);
    }
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const blocks = network.blocks().length - 1;
    if (blocks !== Math.ceil(count / concurrency))
        throw new Error(`expected ${Math.ceil(count / concurrency)} blocks, got ${blocks}`);
    return seconds;
}

async function main(): Promise<void> {
    // `--json` prints one JSON line instead of the text (npm run bench:fabric reads it).
    const json = process.argv.includes('--json');
    const [first, second] = process.argv.slice(2).filter((arg) => arg !== '--json');
    const count = Number(first ?? 10_000);
    const concurrency = Number(second ?? 500);
    // Warm up the JIT on a small run of each.
    await baseline(500);
    await embedded(500, concurrency, 1);
    const base = await baseline(count);
    const one = await embedded(count, concurrency, 1);
    const two = await embedded(count, concurrency, 2);
    if (json) {
        const rate = (seconds: number): number => Math.round(count / seconds);
        console.log(
            JSON.stringify({
                transactions: count,
                perBlock: concurrency,
                baselinePerSecond: rate(base),
                onePeerPerSecond: rate(one),
                twoPeersPerSecond: rate(two),
                onePeerRatio: base / one,
                twoPeersRatio: base / two,
            }),
        );
        return;
    }
    const rate = (seconds: number): string => `${Math.round(count / seconds).toLocaleString('en-US')} tx/s`;
    console.log(`embedded ledger throughput, ${count} simple writes, ${concurrency} per block`);
    console.log(`  baseline (shim stub over a Map, no ledger rules): ${base.toFixed(2)} s, ${rate(base)}`);
    console.log(
        `  embedded, 1 endorsing peer:  ${one.toFixed(2)} s, ${rate(one)}, ${(one / base).toFixed(1)}x the baseline's time`,
    );
    console.log(
        `  embedded, 2 endorsing peers: ${two.toFixed(2)} s, ${rate(two)}, ${(two / base).toFixed(1)}x the baseline's time`,
    );
}

main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
});
