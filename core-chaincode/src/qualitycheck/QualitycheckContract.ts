// SPDX-License-Identifier: Apache-2.0
//
// qualitycheck: post-production validation. See SPEC.md.
import { Context, Contract, Info, Transaction } from 'fabric-contract-api';

import { tokenEventName, tokenEventPayload } from '../productoken/movements.js';
import { requireMember } from '../shared/caller.js';
import { whoAmI } from '../shared/calls.js';
import {
    campaignsOf,
    openCampaign,
    ranking,
    readCampaign,
    reassignCampaign,
    recordResult,
    reputationOf,
    verdict,
} from './campaigns.js';

@Info({ title: 'qualitycheck', description: 'Test campaigns, verdicts that settle escrow, reputation' })
export class QualitycheckContract extends Contract {
    constructor() {
        super('qualitycheck');
    }

    @Transaction()
    async OpenCampaign(ctx: Context, campaignId: string, orderId: string): Promise<string> {
        const campaign = await openCampaign(ctx, await whoAmI(ctx), campaignId, orderId);
        ctx.stub.setEvent('CampaignOpened', Buffer.from(JSON.stringify(campaign)));
        return JSON.stringify(campaign);
    }

    /** An expert of another organization takes over an open campaign whose order missed its quality-check deadline. */
    @Transaction()
    async ReassignCampaign(ctx: Context, campaignId: string): Promise<string> {
        const campaign = await reassignCampaign(ctx, await whoAmI(ctx), campaignId);
        ctx.stub.setEvent('CampaignReassigned', Buffer.from(JSON.stringify(campaign)));
        return JSON.stringify(campaign);
    }

    @Transaction()
    async RecordResult(
        ctx: Context,
        campaignId: string,
        name: string,
        value: string,
        unit: string,
        reportHash: string,
    ): Promise<string> {
        return JSON.stringify(
            await recordResult(ctx, await whoAmI(ctx), campaignId, { name, value, unit, reportHash }),
        );
    }

    /** pass: release the escrow as the split payout; refund: return it to the customer; rework: back to production. */
    @Transaction()
    async Verdict(ctx: Context, campaignId: string, outcome: string, reportHash: string): Promise<string> {
        const result = await verdict(ctx, await whoAmI(ctx), campaignId, outcome, reportHash);
        ctx.stub.setEvent(
            tokenEventName,
            tokenEventPayload({
                action: 'Verdict',
                transactionId: ctx.stub.getTxID(),
                movements: result.movements,
                context: {
                    orderId: result.order.id,
                    campaignId: result.campaign.id,
                    outcome: result.campaign.outcome ?? '',
                },
            }),
        );
        return JSON.stringify(result);
    }

    @Transaction(false)
    async GetCampaign(ctx: Context, campaignId: string): Promise<string> {
        requireMember(await whoAmI(ctx), 'read campaigns');
        return JSON.stringify(await readCampaign(ctx, campaignId));
    }

    @Transaction(false)
    async CampaignsOfOrder(ctx: Context, orderId: string): Promise<string> {
        return JSON.stringify(await campaignsOf(ctx, await whoAmI(ctx), orderId));
    }

    @Transaction(false)
    async Reputation(ctx: Context, account: string): Promise<string> {
        return JSON.stringify(await reputationOf(ctx, await whoAmI(ctx), account));
    }

    @Transaction(false)
    async Ranking(ctx: Context, role: string, limit: number): Promise<string> {
        return JSON.stringify(await ranking(ctx, await whoAmI(ctx), role, limit));
    }
}
