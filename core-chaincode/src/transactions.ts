// SPDX-License-Identifier: Apache-2.0
//
// Each transaction of the four contracts described once: its name, whether it is submitted or
// evaluated, its arguments in order, its transient fields and (as a type) its result. The typed
// clients call transactions through these descriptions, the contract tests' helpers check their
// calls against them, and the spec check compares them with the contract metadata and SPEC.md.
import type { Certification, Model } from './modelcert/model.js';
import type { Order, OrderResult, ProgressEntry } from './prodcontrol/orders.js';
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

function describe<Result>() {
    return <const Args extends readonly string[]>(
        chaincode: string,
        name: string,
        kind: 'submit' | 'evaluate',
        args: Args,
        transient: readonly string[] = [],
    ): TransactionDescription<Args, Result> => ({ chaincode, name, kind, arguments: args, transient });
}

/** The transactions of productoken, in the order the contract declares them. */
export const productokenTransactions = {
    Initialize: describe<unknown>()('productoken', 'Initialize', 'submit', ['config']),
    GrantRole: describe<unknown>()('productoken', 'GrantRole', 'submit', ['mspId', 'role']),
    RevokeRole: describe<unknown>()('productoken', 'RevokeRole', 'submit', ['mspId', 'role']),
    Mint: describe<TokenResult>()('productoken', 'Mint', 'submit', ['to', 'amount', 'requestId']),
    Burn: describe<TokenResult>()('productoken', 'Burn', 'submit', ['amount', 'requestId']),
    Transfer: describe<TokenResult>()('productoken', 'Transfer', 'submit', ['to', 'amount', 'reference', 'requestId']),
    Consolidate: describe<TokenResult>()('productoken', 'Consolidate', 'submit', ['credits']),
    CreateHold: describe<TokenResult>()('productoken', 'CreateHold', 'submit', [
        'holdId',
        'amount',
        'rules',
        'requestId',
    ]),
    ReleaseHold: describe<TokenResult>()('productoken', 'ReleaseHold', 'submit', ['holdId']),
    RefundHold: describe<TokenResult>()('productoken', 'RefundHold', 'submit', ['holdId']),
    ExpireHold: describe<TokenResult>()('productoken', 'ExpireHold', 'submit', ['holdId']),
    TokenInfo: describe<unknown>()('productoken', 'TokenInfo', 'evaluate', []),
    TotalSupply: describe<string>()('productoken', 'TotalSupply', 'evaluate', []),
    RolesOf: describe<Role[]>()('productoken', 'RolesOf', 'evaluate', ['mspId']),
    MspsWithRole: describe<string[]>()('productoken', 'MspsWithRole', 'evaluate', ['role']),
    WhoAmI: describe<Caller>()('productoken', 'WhoAmI', 'evaluate', []),
    BalanceOf: describe<Balance>()('productoken', 'BalanceOf', 'evaluate', ['account']),
    GetHold: describe<Hold>()('productoken', 'GetHold', 'evaluate', ['holdId']),
    HoldsOf: describe<Page<Hold>>()('productoken', 'HoldsOf', 'evaluate', ['account', 'pageSize', 'bookmark']),
    CreditsOf: describe<Page<{ id: string; amount: string }>>()('productoken', 'CreditsOf', 'evaluate', [
        'account',
        'pageSize',
        'bookmark',
    ]),
    Activity: describe<Page<Movement & { transactionId: string }>>()('productoken', 'Activity', 'evaluate', [
        'account',
        'pageSize',
        'bookmark',
    ]),
    TransferByReference: describe<unknown>()('productoken', 'TransferByReference', 'evaluate', ['payer', 'reference']),
    OpenAccount: describe<AccountRecord>()('productoken', 'OpenAccount', 'submit', []),
    AccountInfo: describe<AccountInfo>()('productoken', 'AccountInfo', 'evaluate', ['account']),
} as const;

/** The transactions of modelcert, in the order the contract declares them. */
export const modelcertTransactions = {
    RegisterModel: describe<Model>()('modelcert', 'RegisterModel', 'submit', [
        'modelId',
        'title',
        'contentHash',
        'licence',
        'previousModelId',
    ]),
    UpdateModel: describe<Model>()('modelcert', 'UpdateModel', 'submit', ['modelId', 'title', 'licence']),
    Certify: describe<Certification>()('modelcert', 'Certify', 'submit', ['modelId', 'reportHash']),
    Reject: describe<Certification>()('modelcert', 'Reject', 'submit', ['modelId', 'reportHash']),
    Revoke: describe<Certification>()('modelcert', 'Revoke', 'submit', ['modelId', 'reportHash']),
    Acknowledge: describe<{ modelId: string; account: string; contentHash: string }>()(
        'modelcert',
        'Acknowledge',
        'submit',
        ['modelId'],
    ),
    GetModel: describe<ModelView>()('modelcert', 'GetModel', 'evaluate', ['modelId']),
    ModelsByDesigner: describe<Page<ModelView>>()('modelcert', 'ModelsByDesigner', 'evaluate', [
        'designer',
        'pageSize',
        'bookmark',
    ]),
    ModelsByStatus: describe<Page<ModelView>>()('modelcert', 'ModelsByStatus', 'evaluate', [
        'status',
        'pageSize',
        'bookmark',
    ]),
    ModelHistory: describe<unknown>()('modelcert', 'ModelHistory', 'evaluate', ['modelId']),
} as const;

/** The transactions of prodcontrol, in the order the contract declares them. */
export const prodcontrolTransactions = {
    Order: describe<OrderResult>()(
        'prodcontrol',
        'Order',
        'submit',
        ['orderId', 'modelId', 'quantity', 'price', 'producer'],
        ['spec'],
    ),
    Accept: describe<OrderResult>()('prodcontrol', 'Accept', 'submit', ['orderId']),
    Fund: describe<OrderResult>()('prodcontrol', 'Fund', 'submit', ['orderId']),
    StartProduction: describe<OrderResult>()('prodcontrol', 'StartProduction', 'submit', ['orderId']),
    ReportProgress: describe<ProgressEntry>()('prodcontrol', 'ReportProgress', 'submit', ['orderId', 'step', 'note']),
    MarkProduced: describe<OrderResult>()('prodcontrol', 'MarkProduced', 'submit', ['orderId']),
    Cancel: describe<OrderResult>()('prodcontrol', 'Cancel', 'submit', ['orderId']),
    DeclareOverdue: describe<OrderResult>()('prodcontrol', 'DeclareOverdue', 'submit', ['orderId']),
    Arbitrate: describe<OrderResult>()('prodcontrol', 'Arbitrate', 'submit', ['orderId', 'decision', 'reason']),
    RecordVerdict: describe<unknown>()('prodcontrol', 'RecordVerdict', 'submit', ['orderId', 'verdict']),
    GetOrder: describe<Order>()('prodcontrol', 'GetOrder', 'evaluate', ['orderId']),
    GetSpec: describe<unknown>()('prodcontrol', 'GetSpec', 'evaluate', ['orderId']),
    Progress: describe<ProgressEntry[]>()('prodcontrol', 'Progress', 'evaluate', ['orderId']),
    OrdersOfCustomer: describe<Page<Order>>()('prodcontrol', 'OrdersOfCustomer', 'evaluate', [
        'customer',
        'pageSize',
        'bookmark',
    ]),
    OrdersOfProducer: describe<Page<Order>>()('prodcontrol', 'OrdersOfProducer', 'evaluate', [
        'producer',
        'pageSize',
        'bookmark',
    ]),
} as const;

/** The transactions of qualitycheck, in the order the contract declares them. */
export const qualitycheckTransactions = {
    OpenCampaign: describe<Campaign>()('qualitycheck', 'OpenCampaign', 'submit', ['campaignId', 'orderId']),
    ReassignCampaign: describe<Campaign>()('qualitycheck', 'ReassignCampaign', 'submit', ['campaignId']),
    RecordResult: describe<TestResult>()('qualitycheck', 'RecordResult', 'submit', [
        'campaignId',
        'name',
        'value',
        'unit',
        'reportHash',
    ]),
    Verdict: describe<{ campaign: Campaign; order: Order; movements: Movement[] }>()(
        'qualitycheck',
        'Verdict',
        'submit',
        ['campaignId', 'outcome', 'reportHash'],
    ),
    GetCampaign: describe<Campaign>()('qualitycheck', 'GetCampaign', 'evaluate', ['campaignId']),
    CampaignsOfOrder: describe<Campaign[]>()('qualitycheck', 'CampaignsOfOrder', 'evaluate', ['orderId']),
    Reputation: describe<Reputation>()('qualitycheck', 'Reputation', 'evaluate', ['account']),
    Ranking: describe<RankingEntry[]>()('qualitycheck', 'Ranking', 'evaluate', ['role', 'limit']),
} as const;

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
