// SPDX-License-Identifier: Apache-2.0
//
// The seed's four client kinds, as typed classes over the Ledger interface. Every call goes through
// the chaincode's transaction descriptions (core-chaincode/src/transactions.ts): names, argument
// order and result types are written there once.
import type { Balance, Caller, Licence, ResultOf, TokenResult } from '@productivist/core-chaincode';
import {
    modelcertTransactions as modelcert,
    prodcontrolTransactions as prodcontrol,
    productokenTransactions as productoken,
    qualitycheckTransactions as qualitycheck,
} from '@productivist/core-chaincode';
import type { CredentialStore } from '@productivist/common';
import { KitError } from '@productivist/common';
import type { Ledger } from '@productivist/ledger-api';

import { ContractClient } from './ContractClient.js';

export type { Balance };

/** A money movement a request id made, or — when the request id was used before — the original one. */
export type RequestResult = TokenResult & {
    /** True when the request id had already been done: nothing changed, the original result is returned. */
    readonly replayed: boolean;
};

/** Why a caller has no wallet account, said the way the CLI shows it. */
function noAccount(member: string, caller: Caller): KitError {
    const what =
        caller.deviceOf !== undefined
            ? `'${member}' is a device of '${caller.deviceOf}'; devices have no wallet`
            : caller.productivistAdmin
              ? `'${member}' is an admin identity of ${caller.mspId}; admins have no wallet`
              : `'${member}' is an identity of ${caller.mspId} without a productivist.member attribute, so it has no wallet`;
    return new KitError(what, {
        code: 'NO_ACCOUNT',
        hint:
            caller.deviceOf !== undefined
                ? `act as the producer itself (--as ${caller.deviceOf}), or name the account: wallet balance ${caller.deviceOf}`
                : 'act as a member with an account, or name the account to read',
    });
}

/** productoken: a member's wallet; also its credential store when given one. */
export class Wallet extends ContractClient {
    constructor(
        ledger: Ledger,
        member: string,
        readonly credentials?: CredentialStore,
    ) {
        super(ledger, member, 'productoken');
    }

    whoAmI(): Promise<Caller> {
        return this.run(productoken.WhoAmI, {});
    }

    async balance(account?: string): Promise<Balance> {
        return this.run(productoken.BalanceOf, { account: account ?? (await this.account()) });
    }

    /** The caller's own account; a KitError (NO_ACCOUNT) for identities without one. */
    async account(): Promise<string> {
        const caller = await this.whoAmI();
        if (caller.account === undefined || caller.deviceOf !== undefined) throw noAccount(this.member, caller);
        return caller.account;
    }

    private async request(submitted: Promise<{ result: TokenResult; transactionId: string }>): Promise<RequestResult> {
        const { result, transactionId } = await submitted;
        return { ...result, replayed: result.transactionId !== transactionId };
    }

    /** Pays `to`; when the base balance is short, names enough of the caller's credits (see credits.ts). */
    transfer(to: string, amount: string, reference: string, requestId: string): Promise<RequestResult> {
        return this.request(this.call(productoken.Transfer, { to, amount, reference, requestId }));
    }

    mint(to: string, amount: string, requestId: string): Promise<RequestResult> {
        return this.request(this.call(productoken.Mint, { to, amount, requestId }));
    }

    burn(amount: string, requestId: string): Promise<RequestResult> {
        return this.request(this.call(productoken.Burn, { amount, requestId }));
    }

    /** Merges chosen credit entries (ids from {@link credits}) into the caller's base balance. */
    consolidate(creditIds: readonly string[]): Promise<TokenResult> {
        return this.run(productoken.Consolidate, { credits: JSON.stringify(creditIds) });
    }

    async credits(account?: string, pageSize = 50, bookmark = ''): Promise<ResultOf<typeof productoken.CreditsOf>> {
        const owner = account ?? (await this.account());
        return this.run(productoken.CreditsOf, { account: owner, pageSize: String(pageSize), bookmark });
    }

    async holds(account?: string, pageSize = 50, bookmark = ''): Promise<ResultOf<typeof productoken.HoldsOf>> {
        const owner = account ?? (await this.account());
        return this.run(productoken.HoldsOf, { account: owner, pageSize: String(pageSize), bookmark });
    }

    async activity(account?: string, pageSize = 50, bookmark = ''): Promise<ResultOf<typeof productoken.Activity>> {
        const owner = account ?? (await this.account());
        return this.run(productoken.Activity, { account: owner, pageSize: String(pageSize), bookmark });
    }

    supply(): Promise<string> {
        return this.run(productoken.TotalSupply, {});
    }
}

/** modelcert: registering, certifying and acknowledging models. */
export class Modeler extends ContractClient {
    constructor(ledger: Ledger, member: string) {
        super(ledger, member, 'modelcert');
    }

    register(modelId: string, title: string, contentHash: string, licence: Licence, previousModelId = '') {
        const args = { modelId, title, contentHash, licence: JSON.stringify(licence), previousModelId };
        return this.run(modelcert.RegisterModel, args);
    }

    /** An expert's decision on a model: certify, reject or revoke, with the hash of the report. */
    decide(decision: 'Certify' | 'Reject' | 'Revoke', modelId: string, reportHash: string) {
        return this.run(modelcert[decision], { modelId, reportHash });
    }

    certify(modelId: string, reportHash: string) {
        return this.decide('Certify', modelId, reportHash);
    }

    acknowledge(modelId: string) {
        return this.run(modelcert.Acknowledge, { modelId });
    }

    get(modelId: string) {
        return this.run(modelcert.GetModel, { modelId });
    }

    byStatus(status: string, pageSize = 50, bookmark = '') {
        return this.run(modelcert.ModelsByStatus, { status, pageSize: String(pageSize), bookmark });
    }
}

/** The steps of an order that take only its id. */
export type OrderStep = 'Accept' | 'Fund' | 'StartProduction' | 'MarkProduced' | 'Cancel';

/** prodcontrol: orders and production, including the producer's controller device. */
export class Controller extends ContractClient {
    constructor(ledger: Ledger, member: string) {
        super(ledger, member, 'prodcontrol');
    }

    order(orderId: string, modelId: string, quantity: number, price: string, producer: string, spec: string) {
        const args = { orderId, modelId, quantity: String(quantity), price, producer };
        return this.run(prodcontrol.Order, args, { spec });
    }

    /** Moves an order one step: accept, fund, start, mark produced or cancel. */
    step(step: OrderStep, orderId: string) {
        return this.run(prodcontrol[step], { orderId });
    }

    report(orderId: string, step: string, note: string) {
        return this.run(prodcontrol.ReportProgress, { orderId, step, note });
    }

    get(orderId: string) {
        return this.run(prodcontrol.GetOrder, { orderId });
    }

    progress(orderId: string) {
        return this.run(prodcontrol.Progress, { orderId });
    }

    /** A model's print usage under its licence: limit, prints used by live orders, remaining. */
    prints(modelId: string) {
        return this.run(prodcontrol.PrintsOf, { modelId });
    }

    /** Orders of an account, as their customer or as their producer. */
    ordersOf(side: 'customer' | 'producer', account: string, pageSize = 50, bookmark = '') {
        const args = { pageSize: String(pageSize), bookmark };
        return side === 'customer'
            ? this.run(prodcontrol.OrdersOfCustomer, { customer: account, ...args })
            : this.run(prodcontrol.OrdersOfProducer, { producer: account, ...args });
    }
}

/** qualitycheck: test campaigns and verdicts; reputation. */
export class Validator extends ContractClient {
    constructor(ledger: Ledger, member: string) {
        super(ledger, member, 'qualitycheck');
    }

    open(campaignId: string, orderId: string) {
        return this.run(qualitycheck.OpenCampaign, { campaignId, orderId });
    }

    record(campaignId: string, name: string, value: string, unit: string, reportHash: string) {
        return this.run(qualitycheck.RecordResult, { campaignId, name, value, unit, reportHash });
    }

    verdict(campaignId: string, outcome: 'pass' | 'refund' | 'rework', reportHash: string) {
        return this.run(qualitycheck.Verdict, { campaignId, outcome, reportHash });
    }

    campaignsOf(orderId: string) {
        return this.run(qualitycheck.CampaignsOfOrder, { orderId });
    }

    campaign(campaignId: string) {
        return this.run(qualitycheck.GetCampaign, { campaignId });
    }

    reputation(account: string) {
        return this.run(qualitycheck.Reputation, { account });
    }

    ranking(role: 'producer' | 'designer', limit = 10) {
        return this.run(qualitycheck.Ranking, { role, limit: String(limit) });
    }
}
