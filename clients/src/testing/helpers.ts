// SPDX-License-Identifier: Apache-2.0
//
// Helpers for contract tests: call a transaction as a member and get its JSON result, or get the
// error code and message it failed with. They take any ledger (the embedded world, or the gateway
// ledger of a real network), so the flow scenarios run on both.
import { coreTransactions, findTransaction } from '@productivist/core-chaincode';
import type { EmbeddedNetwork } from '@productivist/ledger';
import type { Ledger } from '@productivist/ledger-api';
import { CommitError, EndorseError } from '@productivist/ledger-api';

import { spendTransient } from '../credits.js';
import { trustedEndorsers } from '../endorsers.js';
import type { WorldMember } from '../world.js';

/** What the helpers need of a ledger: its contracts, as a member. */
export type ScenarioLedger = Pick<Ledger, 'contract'>;

export interface Outcome {
    readonly code: string;
    readonly message: string;
}

/** Checks a test's call against the transaction's description (core chaincodes only). */
function checkCall(chaincode: string, transaction: string, kind: 'submit' | 'evaluate', args: readonly string[]): void {
    if (!(chaincode in coreTransactions)) return;
    const described = findTransaction(chaincode, transaction);
    if (described === undefined) throw new Error(`${chaincode}.${transaction} is not a described transaction`);
    if (described.arguments.length !== args.length) {
        throw new Error(
            `${chaincode}.${transaction} takes (${described.arguments.join(', ')}) but the test passes ${args.length} argument(s)`,
        );
    }
    if (described.kind !== kind && kind === 'evaluate') {
        throw new Error(`${chaincode}.${transaction} is a ${described.kind} transaction, not a query`);
    }
}

/**
 * Runs a transaction as `member` (checked against its description) and parses its JSON result. A
 * spending transaction names the credits it consumes, as the typed clients do.
 */
async function run<T>(
    kind: 'submit' | 'evaluate',
    network: ScenarioLedger,
    member: WorldMember,
    [chaincode, transaction, ...args]: readonly [string, string, ...string[]],
): Promise<T> {
    checkCall(chaincode, transaction, kind, args);
    const contract = network.contract(member, chaincode);
    const options = await spendOptions(network, member, chaincode, transaction, args);
    const bytes =
        kind === 'submit'
            ? (await contract.submit(transaction, options)).result
            : await contract.evaluate(transaction, options);
    const text = Buffer.from(bytes).toString();
    return (text === '' ? undefined : JSON.parse(text)) as T;
}

/**
 * The proposal options of a call as a typed client makes it: `args`, the given transient fields,
 * for a spending transaction (transient `credits` in its description) the credit entries the
 * member names when its base balance is short, and the endorsers it names for a transaction that
 * writes transient input to a collection (see endorsers.ts). For tests that endorse transactions themselves.
 */
export async function spendOptions(
    network: ScenarioLedger,
    member: WorldMember,
    chaincode: string,
    transaction: string,
    args: readonly string[],
    transient: Readonly<Record<string, string>> = {},
): Promise<{ arguments: string[]; transientData?: Record<string, string>; endorsingOrganizations?: string[] }> {
    const described = findTransaction(chaincode, transaction);
    const named = Object.fromEntries((described?.arguments ?? []).map((name, i) => [name, args[i] ?? '']));
    const transientData = { ...(await spendTransient(network, member, described, named)), ...transient };
    const endorsingOrganizations = await trustedEndorsers(network, member, described);
    return {
        arguments: [...args],
        ...(Object.keys(transientData).length > 0 ? { transientData } : {}),
        ...(endorsingOrganizations ? { endorsingOrganizations } : {}),
    };
}

/** A test's call: the chaincode, the transaction and its arguments. */
type Call = [chaincode: string, transaction: string, ...args: string[]];

/** Runs calls of one kind: `submit` or `evaluate`. */
function runner(kind: 'submit' | 'evaluate') {
    return <T = unknown>(network: ScenarioLedger, member: WorldMember, ...call: Call): Promise<T> =>
        run<T>(kind, network, member, call);
}

/** Submits `chaincode`.`transaction` with `args` and parses its JSON result. */
export const submit = runner('submit');

/** Evaluates a query and parses its JSON result. */
export const evaluate = runner('evaluate');

/** The fabric-contract-api metadata of `chaincode`'s contract of the same name. */
export async function contractMetadata<T>(network: ScenarioLedger, chaincode: string): Promise<T> {
    const raw = await network.contract('alice', chaincode).evaluate('org.hyperledger.fabric:GetMetadata');
    const metadata = JSON.parse(Buffer.from(raw).toString()) as { contracts: Record<string, T> };
    return metadata.contracts[chaincode] as T;
}

/** Runs a submit or evaluate that must fail and returns its code and chaincode message. */
export async function failure(attempt: Promise<unknown>): Promise<Outcome> {
    try {
        await attempt;
    } catch (error) {
        if (error instanceof EndorseError)
            return { code: error.code, message: error.chaincodeMessage ?? error.message };
        if (error instanceof CommitError) return { code: error.validationCode, message: error.message };
        throw error;
    }
    throw new Error('expected the transaction to fail, but it succeeded');
}

/** What one cell of an authorization matrix observed. */
export interface AuthorizationOutcome {
    /** The error code, when the call failed (FORBIDDEN for a refusal). */
    readonly code: string | undefined;
    readonly stateChanged: boolean;
}

/**
 * Runs one command as one member: an allowed caller's call is only evaluated (nothing commits), a
 * refused caller's call is submitted, to prove nothing is written.
 */
export async function tryAs(
    network: EmbeddedNetwork,
    member: WorldMember,
    chaincode: string,
    command: string,
    options: { arguments: string[]; transientData?: Record<string, string> },
    allowed: boolean,
): Promise<AuthorizationOutcome> {
    const before = network.stateHash();
    const contract = network.contract(member, chaincode);
    let code: string | undefined;
    try {
        await (allowed ? contract.evaluate(command, options) : contract.submit(command, options));
    } catch (error) {
        code = (error as { code?: string }).code ?? 'UNKNOWN';
    }
    return { code, stateChanged: network.stateHash() !== before };
}

/** One caller of each kind: treasury, Productivist admin, the four roles, a device, another org's member, a non-member. */
export const everyKindOfCaller: readonly WorldMember[] = [
    'treasury',
    'admin',
    'alice',
    'dana',
    'printlab',
    'erin',
    'printer',
    'acme',
    'stranger',
];

/** The callers with a wallet account (members of trusted orgs, and the other org's member). */
export const membersWithAccounts: readonly WorldMember[] = ['treasury', 'alice', 'dana', 'printlab', 'erin', 'acme'];

/** Enrolls a member in the world and opens its wallet account from that identity (as a new member would). */
export async function enrollMember(
    network: EmbeddedNetwork,
    name: string,
    options: Parameters<EmbeddedNetwork['addMember']>[1],
): Promise<void> {
    await network.addMember(name, options);
    await network.contract(name, 'productoken').submit('OpenAccount');
}
