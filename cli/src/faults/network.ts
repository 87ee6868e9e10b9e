// SPDX-License-Identifier: Apache-2.0
//
// The fault tests' network: a small public channel (Productivist with the treasury, Customer with
// the payers, Producer with the payee printlab; one peer each, productoken alone) ordered by three
// Raft nodes or four BFT consenters; payers enrolled, their accounts opened and funded; and the
// accounts every token of the network sits in.
import { Wallet } from '@productivist/clients';
import type { Ledger } from '@productivist/ledger-api';
import { retryReadConflicts } from '@productivist/ledger-api';
import { enrollMembers } from '@productivist/network';

/** The consensus the ordering service runs. */
export type Ordering = 'raft' | 'bft';

/** How productoken's chaincode servers run: one for every peer, or one per organization (its own process). */
export type ChaincodeServers = 'shared' | 'per-organization';

/** The ecosystem text, ports from `base`, blocks cut after `batchTimeout`. */
export function faultsEcosystem(
    ordering: Ordering,
    base: number,
    batchTimeout = '500ms',
    servers: ChaincodeServers = 'shared',
): string {
    return `version: 1
name: faults-${ordering}
description: The fault tests' public channel, ordered by ${ordering === 'raft' ? 'three Raft nodes' : 'four BFT consenters'}.
ports:
    base: ${String(base)}
organizations:
    - name: Productivist
      mspId: ProductivistMSP
      domain: productivist.example
      roles: [treasury]
      users:
          - name: treasury
            member: productivist
            roles: [treasury]
    - name: Customer
      mspId: CustomerMSP
      domain: customer.productivist.example
      roles: [customer]
    - name: Producer
      mspId: ProducerMSP
      domain: producer.productivist.example
      roles: [producer]
      users:
          - name: printlab
            member: printlab
            roles: [producer]
ordering:
    organization: Productivist
    type: ${ordering}
    nodes: ${ordering === 'raft' ? '3' : '4'}
channels:
    - name: productivist
      type: public
      members: [Productivist, Customer, Producer]
      policies:
          admins: Productivist
      lifecycleEndorsement: Productivist
      blockCutting:
          batchTimeout: ${batchTimeout}
      chaincodes:
          - name: productoken
            servers: ${servers}
            endorsement:
                all:
                    - Productivist
                    - any: [Customer, Producer]
`;
}

/** The payers of a fault test and what the treasury minted for them. */
export interface FundedPayers {
    readonly payers: readonly string[];
    /** The supply after funding: every token the books must find. */
    readonly minted: bigint;
    /** Every account that may hold tokens: the payers, the payee printlab, the treasury's account. */
    readonly accounts: readonly string[];
}

/**
 * Enrolls `count` payers at the Customer CA (payer01, payer02, …), opens their accounts and mints
 * `amount` into each (one mint after the other: every mint rewrites the supply key).
 */
export async function fundPayers(state: string, ledger: Ledger, count: number, amount: string): Promise<FundedPayers> {
    const payers = Array.from({ length: count }, (_, i) => `payer${String(i + 1).padStart(2, '0')}`);
    await enrollMembers({
        state,
        organization: 'Customer',
        members: payers.map((name) => ({ name, role: 'customer' })),
        parallel: 4,
    });
    await Promise.all(
        payers.map((payer) => retryReadConflicts(() => ledger.contract(payer, 'productoken').submit('OpenAccount'))),
    );
    const treasury = new Wallet(ledger, 'treasury');
    for (const payer of payers) await treasury.mint(payer, amount, `faults-fund-${payer}`);
    return { payers, minted: BigInt(await treasury.supply()), accounts: [...payers, 'printlab', 'productivist'] };
}
