// SPDX-License-Identifier: Apache-2.0
//
// The steps of the production flow as calls on a ledger (the embedded world or a real network),
// shared by the flow scenarios and `productivist demo`.
import { createHash } from 'node:crypto';

import type { Campaign, Certification, Model, Order, OrderResult, Reputation } from '@productivist/core-chaincode';

import type { ScenarioLedger } from './helpers.js';
import { evaluate, spendOptions, submit } from './helpers.js';
import type { WorldMember } from '../world.js';

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export interface LicenceTerms {
    readonly royaltyBps: number;
    readonly printLimit: number | null;
    readonly allowedProducers: readonly string[] | null;
}

export class Flow {
    constructor(readonly world: ScenarioLedger) {}

    fund(account: string, amount: string, requestId: string): Promise<unknown> {
        return submit(this.world, 'treasury', 'productoken', 'Mint', account, amount, requestId);
    }

    registerModel(
        designer: WorldMember,
        modelId: string,
        licence: LicenceTerms,
        file = `model file of ${modelId}`,
        previous = '',
    ): Promise<Model> {
        return submit<Model>(
            this.world,
            designer,
            'modelcert',
            'RegisterModel',
            modelId,
            `Model ${modelId}`,
            sha256(file),
            JSON.stringify(licence),
            previous,
        );
    }

    certify(expert: WorldMember, modelId: string): Promise<Certification> {
        return submit<Certification>(
            this.world,
            expert,
            'modelcert',
            'Certify',
            modelId,
            sha256(`report on ${modelId}`),
        );
    }

    async order(
        customer: WorldMember,
        orderId: string,
        modelId: string,
        quantity: number,
        price: string,
        producer: string,
        spec = 'PLA, 0.2 mm layers, deliver to 12 rue des Ateliers',
    ): Promise<OrderResult> {
        const options = await spendOptions(
            this.world,
            customer,
            'prodcontrol',
            'Order',
            [orderId, modelId, String(quantity), price, producer],
            { spec },
        );
        const { result } = await this.world.contract(customer, 'prodcontrol').submit('Order', options);
        return JSON.parse(Buffer.from(result).toString()) as OrderResult;
    }

    step(
        member: WorldMember,
        command: 'Accept' | 'Fund' | 'StartProduction' | 'MarkProduced' | 'Cancel',
        orderId: string,
    ): Promise<OrderResult> {
        return submit<OrderResult>(this.world, member, 'prodcontrol', command, orderId);
    }

    progress(device: WorldMember, orderId: string, step: string, note: string): Promise<unknown> {
        return submit(this.world, device, 'prodcontrol', 'ReportProgress', orderId, step, note);
    }

    /** Opens a campaign, records one measurement and gives the verdict. */
    async check(
        expert: WorldMember,
        campaignId: string,
        orderId: string,
        outcome: 'pass' | 'refund' | 'rework',
        measured = '2.0',
    ): Promise<{ campaign: Campaign; order: Order }> {
        await submit(this.world, expert, 'qualitycheck', 'OpenCampaign', campaignId, orderId);
        await submit(
            this.world,
            expert,
            'qualitycheck',
            'RecordResult',
            campaignId,
            'wall-thickness',
            measured,
            'mm',
            sha256(`${campaignId} data`),
        );
        return submit(
            this.world,
            expert,
            'qualitycheck',
            'Verdict',
            campaignId,
            outcome,
            sha256(`${campaignId} report`),
        );
    }

    async balance(account: string): Promise<{ available: string; held: string }> {
        return evaluate(this.world, 'treasury', 'productoken', 'BalanceOf', account);
    }

    order$(member: WorldMember, orderId: string): Promise<Order> {
        return evaluate<Order>(this.world, member, 'prodcontrol', 'GetOrder', orderId);
    }

    reputation(account: string): Promise<Reputation> {
        return evaluate<Reputation>(this.world, 'treasury', 'qualitycheck', 'Reputation', account);
    }
}
