// SPDX-License-Identifier: Apache-2.0
//
// The seed's four client kinds, as typed classes over the Ledger interface.
import type {
    Caller,
    Campaign,
    Certification,
    Hold,
    Licence,
    Model,
    Movement,
    Order,
    OrderResult,
    Page,
    ProgressEntry,
    Reputation,
    TestResult,
    TokenResult,
} from '@productivist/core-chaincode';
import type { Ledger } from '@productivist/ledger-api';

import { ContractClient } from './ContractClient.js';
import type { CredentialStore } from './CredentialStore.js';

export interface Balance {
    readonly account: string;
    readonly available: string;
    readonly held: string;
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
        return this.evaluate('WhoAmI', []);
    }

    async balance(account?: string): Promise<Balance> {
        return this.evaluate('BalanceOf', [account ?? (await this.account())]);
    }

    async account(): Promise<string> {
        const caller = await this.whoAmI();
        if (caller.account === undefined) throw new Error(`${this.member} has no wallet account`);
        return caller.account;
    }

    transfer(to: string, amount: string, reference: string, requestId: string): Promise<TokenResult> {
        return this.submit('Transfer', [to, amount, reference, requestId]);
    }

    mint(to: string, amount: string, requestId: string): Promise<TokenResult> {
        return this.submit('Mint', [to, amount, requestId]);
    }

    burn(amount: string, requestId: string): Promise<TokenResult> {
        return this.submit('Burn', [amount, requestId]);
    }

    async holds(account?: string, pageSize = 50, bookmark = ''): Promise<Page<Hold>> {
        return this.evaluate('HoldsOf', [account ?? (await this.account()), String(pageSize), bookmark]);
    }

    async activity(
        account?: string,
        pageSize = 50,
        bookmark = '',
    ): Promise<Page<Movement & { transactionId: string }>> {
        return this.evaluate('Activity', [account ?? (await this.account()), String(pageSize), bookmark]);
    }

    supply(): Promise<number> {
        return this.evaluate('TotalSupply', []);
    }
}

/** modelcert: registering, certifying and acknowledging models. */
export class Modeler extends ContractClient {
    constructor(ledger: Ledger, member: string) {
        super(ledger, member, 'modelcert');
    }

    register(
        modelId: string,
        title: string,
        contentHash: string,
        licence: Licence,
        previousModelId = '',
    ): Promise<Model> {
        return this.submit('RegisterModel', [modelId, title, contentHash, JSON.stringify(licence), previousModelId]);
    }

    certify(modelId: string, reportHash: string): Promise<Certification> {
        return this.submit('Certify', [modelId, reportHash]);
    }

    reject(modelId: string, reportHash: string): Promise<Certification> {
        return this.submit('Reject', [modelId, reportHash]);
    }

    revoke(modelId: string, reportHash: string): Promise<Certification> {
        return this.submit('Revoke', [modelId, reportHash]);
    }

    acknowledge(modelId: string): Promise<{ modelId: string; account: string; contentHash: string }> {
        return this.submit('Acknowledge', [modelId]);
    }

    get(modelId: string): Promise<{ model: Model; certification: Certification }> {
        return this.evaluate('GetModel', [modelId]);
    }

    byStatus(
        status: string,
        pageSize = 50,
        bookmark = '',
    ): Promise<Page<{ model: Model; certification: Certification }>> {
        return this.evaluate('ModelsByStatus', [status, String(pageSize), bookmark]);
    }
}

/** prodcontrol: orders and production, including the producer's controller device. */
export class Controller extends ContractClient {
    constructor(ledger: Ledger, member: string) {
        super(ledger, member, 'prodcontrol');
    }

    order(
        orderId: string,
        modelId: string,
        quantity: number,
        price: string,
        producer: string,
        spec: string,
    ): Promise<OrderResult> {
        return this.submit('Order', [orderId, modelId, String(quantity), price, producer], { spec });
    }

    accept(orderId: string): Promise<OrderResult> {
        return this.submit('Accept', [orderId]);
    }

    fund(orderId: string): Promise<OrderResult> {
        return this.submit('Fund', [orderId]);
    }

    start(orderId: string): Promise<OrderResult> {
        return this.submit('StartProduction', [orderId]);
    }

    report(orderId: string, step: string, note: string): Promise<ProgressEntry> {
        return this.submit('ReportProgress', [orderId, step, note]);
    }

    produced(orderId: string): Promise<OrderResult> {
        return this.submit('MarkProduced', [orderId]);
    }

    cancel(orderId: string): Promise<OrderResult> {
        return this.submit('Cancel', [orderId]);
    }

    get(orderId: string): Promise<Order> {
        return this.evaluate('GetOrder', [orderId]);
    }

    progress(orderId: string): Promise<ProgressEntry[]> {
        return this.evaluate('Progress', [orderId]);
    }
}

/** qualitycheck: test campaigns and verdicts; reputation. */
export class Validator extends ContractClient {
    constructor(ledger: Ledger, member: string) {
        super(ledger, member, 'qualitycheck');
    }

    open(campaignId: string, orderId: string): Promise<Campaign> {
        return this.submit('OpenCampaign', [campaignId, orderId]);
    }

    record(campaignId: string, name: string, value: string, unit: string, reportHash: string): Promise<TestResult> {
        return this.submit('RecordResult', [campaignId, name, value, unit, reportHash]);
    }

    verdict(
        campaignId: string,
        outcome: 'pass' | 'refund' | 'rework',
        reportHash: string,
    ): Promise<{ campaign: Campaign; order: Order; movements: Movement[] }> {
        return this.submit('Verdict', [campaignId, outcome, reportHash]);
    }

    reputation(account: string): Promise<Reputation> {
        return this.evaluate('Reputation', [account]);
    }

    ranking(
        role: 'producer' | 'designer',
        limit = 10,
    ): Promise<{ account: string; score: string; pass: number; fail: number }[]> {
        return this.evaluate('Ranking', [role, String(limit)]);
    }
}
