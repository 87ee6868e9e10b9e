// SPDX-License-Identifier: Apache-2.0
//
// Each transaction of the four contracts described once: its name, whether it is submitted or
// evaluated, its arguments in order, its transient fields and (as a type) its result. The typed
// clients call transactions through these descriptions, the contract tests' helpers check their
// calls against them, and the spec check compares them with the contract metadata and SPEC.md.
import type { Certification, Model } from './modelcert/model.js';
import type { Order, OrderResult, PrintUsage, ProgressEntry } from './prodcontrol/orders.js';
import type { AccountInfo, AccountRecord } from './productoken/accounts.js';
import type { Hold } from './productoken/holds.js';
import type { Movement } from './productoken/movements.js';
import type { TokenResult } from './productoken/ProductokenContract.js';
import type { Campaign, Reputation, TestResult } from './qualitycheck/campaigns.js';
import type { Caller, Role } from './shared/caller.js';
import type { Page } from './shared/state.js';

/** A balance as BalanceOf returns it (amounts in the smallest unit, as decimal strings). */
export interface Balance {
    readonly account: string;
    readonly available: string;
    readonly held: string;
}

/** A model with its certification, as GetModel returns it. */
export interface ModelView {
    readonly model: Model;
    readonly certification: Certification;
}

/** One row of a Ranking. */
export interface RankingEntry {
    readonly account: string;
    readonly score: string;
    readonly pass: number;
    readonly fail: number;
}

/** One transaction of a chaincode. `Result` is the type of its JSON result (a type only). */
export interface TransactionDescription<Args extends readonly string[] = readonly string[], Result = unknown> {
    readonly chaincode: string;
    readonly name: string;
    /** `submit`: endorsed, ordered and committed; `evaluate`: a query on one peer. */
    readonly kind: 'submit' | 'evaluate';
    readonly arguments: Args;
    /** Private inputs passed as transient data (never written to the ledger). */
    readonly transient: readonly string[];
    /** Never set: carries the result type. */
    readonly result?: Result;
}

/** The named arguments of a transaction. */
export type ArgumentsOf<T> = T extends TransactionDescription<infer A> ? { readonly [K in A[number]]: string } : never;

/** The result type of a transaction. */
export type ResultOf<T> = T extends TransactionDescription<readonly string[], infer R> ? R : never;

/** A transaction as a table describes it: all but its chaincode and name, which the table adds. */
interface Described<Args extends readonly string[], Result> {
    readonly kind: 'submit' | 'evaluate';
    readonly arguments: Args;
    readonly transient: readonly string[];
    readonly result?: Result;
}

/** A submitted transaction returning `Result`, with its arguments and transient fields. */
function submit<Result>() {
    return <const Args extends readonly string[]>(args: Args, transient: readonly string[] = []) =>
        ({ kind: 'submit', arguments: args, transient }) as Described<Args, Result>;
}

/** An evaluated transaction (a query) returning `Result`. */
function evaluate<Result>() {
    return <const Args extends readonly string[]>(args: Args) =>
        ({ kind: 'evaluate', arguments: args, transient: [] }) as Described<Args, Result>;
}

/** A listing query: one page of `Item`s selected by `key`, `pageSize` items from `bookmark` on. */
function listing<Item>() {
    return <const Key extends string>(key: Key) => evaluate<Page<Item>>()([key, 'pageSize', 'bookmark']);
}

/** The descriptions of a chaincode's transactions: each of `table`, with the chaincode and its name. */
function transactionsOf<const T extends Readonly<Record<string, Described<readonly string[], unknown>>>>(
    chaincode: string,
    table: T,
): { readonly [K in keyof T]: T[K] extends Described<infer A, infer R> ? TransactionDescription<A, R> : never } {
    const entries = Object.entries(table).map(([name, { kind, arguments: args, transient }]) => {
        const description: TransactionDescription = { chaincode, name, kind, arguments: args, transient };
        return [name, description] as const;
    });
    return Object.fromEntries(entries) as never;
}

/** The transactions of productoken, in the order the contract declares them. */
export const productokenTransactions = transactionsOf('productoken', {
    Initialize: submit<unknown>()(['config']),
    GrantRole: submit<unknown>()(['mspId', 'role']),
    RevokeRole: submit<unknown>()(['mspId', 'role']),
    Mint: submit<TokenResult>()(['to', 'amount', 'requestId']),
    Burn: submit<TokenResult>()(['amount', 'requestId'], ['credits']),
    Transfer: submit<TokenResult>()(['to', 'amount', 'reference', 'requestId'], ['credits']),
    Consolidate: submit<TokenResult>()(['credits']),
    CreateHold: submit<TokenResult>()(['holdId', 'amount', 'rules', 'requestId'], ['credits']),
    ReleaseHold: submit<TokenResult>()(['holdId']),
    RefundHold: submit<TokenResult>()(['holdId']),
    ExpireHold: submit<TokenResult>()(['holdId']),
    TokenInfo: evaluate<unknown>()([]),
    TotalSupply: evaluate<string>()([]),
    RolesOf: evaluate<Role[]>()(['mspId']),
    MspsWithRole: evaluate<string[]>()(['role']),
    WhoAmI: evaluate<Caller>()([]),
    BalanceOf: evaluate<Balance>()(['account']),
    GetHold: evaluate<Hold>()(['holdId']),
    HoldsOf: listing<Hold>()('account'),
    CreditsOf: listing<{ id: string; amount: string }>()('account'),
    Activity: listing<Movement & { transactionId: string }>()('account'),
    TransferByReference: evaluate<unknown>()(['payer', 'reference']),
    OpenAccount: submit<AccountRecord>()([]),
    AccountInfo: evaluate<AccountInfo>()(['account']),
});

/** The transactions of modelcert, in the order the contract declares them. */
export const modelcertTransactions = transactionsOf('modelcert', {
    RegisterModel: submit<Model>()(['modelId', 'title', 'contentHash', 'licence', 'previousModelId']),
    UpdateModel: submit<Model>()(['modelId', 'title', 'licence']),
    Certify: submit<Certification>()(['modelId', 'reportHash']),
    Reject: submit<Certification>()(['modelId', 'reportHash']),
    Revoke: submit<Certification>()(['modelId', 'reportHash']),
    Acknowledge: submit<{ modelId: string; account: string; contentHash: string }>()(['modelId']),
    GetModel: evaluate<ModelView>()(['modelId']),
    ModelsByDesigner: listing<ModelView>()('designer'),
    ModelsByStatus: listing<ModelView>()('status'),
    ModelHistory: evaluate<unknown>()(['modelId']),
});

/** The transactions of prodcontrol, in the order the contract declares them. */
export const prodcontrolTransactions = transactionsOf('prodcontrol', {
    Order: submit<OrderResult>()(['orderId', 'modelId', 'quantity', 'price', 'producer'], ['spec', 'credits']),
    Accept: submit<OrderResult>()(['orderId']),
    Fund: submit<OrderResult>()(['orderId'], ['credits']),
    StartProduction: submit<OrderResult>()(['orderId']),
    ReportProgress: submit<ProgressEntry>()(['orderId', 'step', 'note']),
    MarkProduced: submit<OrderResult>()(['orderId']),
    Cancel: submit<OrderResult>()(['orderId']),
    DeclareOverdue: submit<OrderResult>()(['orderId']),
    Arbitrate: submit<OrderResult>()(['orderId', 'decision', 'reason']),
    RecordVerdict: submit<unknown>()(['orderId', 'verdict']),
    GetOrder: evaluate<Order>()(['orderId']),
    GetSpec: evaluate<unknown>()(['orderId']),
    Progress: evaluate<ProgressEntry[]>()(['orderId']),
    OrdersOfCustomer: listing<Order>()('customer'),
    OrdersOfProducer: listing<Order>()('producer'),
    PrintsOf: evaluate<PrintUsage>()(['modelId']),
});

/** The transactions of qualitycheck, in the order the contract declares them. */
export const qualitycheckTransactions = transactionsOf('qualitycheck', {
    OpenCampaign: submit<Campaign>()(['campaignId', 'orderId']),
    ReassignCampaign: submit<Campaign>()(['campaignId']),
    RecordResult: submit<TestResult>()(['campaignId', 'name', 'value', 'unit', 'reportHash']),
    Verdict: submit<{ campaign: Campaign; order: Order; movements: Movement[] }>()([
        'campaignId',
        'outcome',
        'reportHash',
    ]),
    GetCampaign: evaluate<Campaign>()(['campaignId']),
    CampaignsOfOrder: evaluate<{ campaign: Campaign; results: TestResult[] }[]>()(['orderId']),
    Reputation: evaluate<Reputation>()(['account']),
    Ranking: evaluate<RankingEntry[]>()(['role', 'limit']),
});

/** Every chaincode's transactions, by chaincode name. */
export const coreTransactions = {
    productoken: productokenTransactions,
    modelcert: modelcertTransactions,
    prodcontrol: prodcontrolTransactions,
    qualitycheck: qualitycheckTransactions,
} as const;

/** The description of `chaincode`.`name`, if the chaincode is a core one and has it. */
export function findTransaction(chaincode: string, name: string): TransactionDescription | undefined {
    const table = (coreTransactions as Record<string, Record<string, TransactionDescription> | undefined>)[chaincode];
    return table?.[name];
}
