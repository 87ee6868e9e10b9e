// SPDX-License-Identifier: Apache-2.0
//
// qualitycheck: post-production validation. See SPEC.md.
import { Contract, Info } from 'fabric-contract-api';

import { setTokenEvent } from '../productoken/movements.js';
import { requireMember } from '../shared/caller.js';
import { whoAmI } from '../shared/calls.js';
import { announce, defineTransactions } from '../shared/contract.js';
import { qualitycheckTransactions } from '../transactions.js';
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
}

defineTransactions(QualitycheckContract, qualitycheckTransactions, whoAmI, {
    OpenCampaign: async (ctx, caller, { campaignId, orderId }) =>
        announce(ctx, 'CampaignOpened', await openCampaign(ctx, caller, campaignId, orderId)),
    /** An expert of another organization takes over an open campaign whose order missed its quality-check deadline. */
    ReassignCampaign: async (ctx, caller, { campaignId }) =>
        announce(ctx, 'CampaignReassigned', await reassignCampaign(ctx, caller, campaignId)),
    RecordResult: async (ctx, caller, { campaignId, name, value, unit, reportHash }) =>
        JSON.stringify(await recordResult(ctx, caller, campaignId, { name, value, unit, reportHash })),
    /** pass: release the escrow as the split payout; refund: return it to the customer; rework: back to production. */
    Verdict: async (ctx, caller, { campaignId, outcome, reportHash }) => {
        const result = await verdict(ctx, caller, campaignId, outcome, reportHash);
        setTokenEvent(ctx, 'Verdict', result.movements, {
            orderId: result.order.id,
            campaignId: result.campaign.id,
            outcome: result.campaign.outcome ?? '',
        });
        return JSON.stringify(result);
    },
    GetCampaign: async (ctx, caller, { campaignId }) => {
        requireMember(caller, 'read campaigns');
        return JSON.stringify(await readCampaign(ctx, campaignId));
    },
    CampaignsOfOrder: async (ctx, caller, { orderId }) => JSON.stringify(await campaignsOf(ctx, caller, orderId)),
    Reputation: async (ctx, caller, { account }) => JSON.stringify(await reputationOf(ctx, caller, account)),
    Ranking: async (ctx, caller, { role, limit }) => JSON.stringify(await ranking(ctx, caller, role, limit)),
});
