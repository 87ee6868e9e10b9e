// SPDX-License-Identifier: Apache-2.0
//
// modelcert: pre-production model certification. See SPEC.md.
import { Context, Contract, Info, Transaction } from 'fabric-contract-api';

import { whoAmI } from '../shared/calls.js';
import { forbidden } from '../shared/errors.js';
import type { Decision } from './model.js';
import { acknowledge, decide, history, modelsBy, readModel, registerModel, updateModel } from './model.js';

@Info({ title: 'modelcert', description: 'Model registration by content hash, licences and expert certification' })
export class ModelcertContract extends Contract {
    constructor() {
        super('modelcert');
    }

    @Transaction()
    async RegisterModel(
        ctx: Context,
        modelId: string,
        title: string,
        contentHash: string,
        licence: string,
        previousModelId: string,
    ): Promise<string> {
        const caller = await whoAmI(ctx);
        const model = await registerModel(ctx, caller, {
            id: modelId,
            title,
            contentHash,
            licence,
            previous: previousModelId,
        });
        ctx.stub.setEvent('ModelRegistered', Buffer.from(JSON.stringify(model)));
        return JSON.stringify(model);
    }

    @Transaction()
    async UpdateModel(ctx: Context, modelId: string, title: string, licence: string): Promise<string> {
        const model = await updateModel(ctx, await whoAmI(ctx), modelId, title, licence);
        ctx.stub.setEvent('ModelUpdated', Buffer.from(JSON.stringify(model)));
        return JSON.stringify(model);
    }

    @Transaction()
    async Certify(ctx: Context, modelId: string, reportHash: string): Promise<string> {
        return decision(ctx, 'certify', modelId, reportHash);
    }

    @Transaction()
    async Reject(ctx: Context, modelId: string, reportHash: string): Promise<string> {
        return decision(ctx, 'reject', modelId, reportHash);
    }

    @Transaction()
    async Revoke(ctx: Context, modelId: string, reportHash: string): Promise<string> {
        return decision(ctx, 'revoke', modelId, reportHash);
    }

    @Transaction()
    async Acknowledge(ctx: Context, modelId: string): Promise<string> {
        const ack = await acknowledge(ctx, await whoAmI(ctx), modelId);
        ctx.stub.setEvent('ModelAcknowledged', Buffer.from(JSON.stringify(ack)));
        return JSON.stringify(ack);
    }

    /** The model and its certification (members, and devices that print it). */
    @Transaction(false)
    async GetModel(ctx: Context, modelId: string): Promise<string> {
        const caller = await whoAmI(ctx);
        if (caller.account === undefined && caller.deviceOf === undefined)
            throw forbidden(`identity of ${caller.mspId} is not a Productivist member`);
        return JSON.stringify(await readModel(ctx, modelId));
    }

    @Transaction(false)
    async ModelsByDesigner(ctx: Context, designer: string, pageSize: number, bookmark: string): Promise<string> {
        return JSON.stringify(await modelsBy(ctx, await whoAmI(ctx), 'designer', designer, pageSize, bookmark));
    }

    @Transaction(false)
    async ModelsByStatus(ctx: Context, status: string, pageSize: number, bookmark: string): Promise<string> {
        return JSON.stringify(await modelsBy(ctx, await whoAmI(ctx), 'status', status, pageSize, bookmark));
    }

    @Transaction(false)
    async ModelHistory(ctx: Context, modelId: string): Promise<string> {
        return JSON.stringify(await history(ctx, await whoAmI(ctx), modelId));
    }
}

async function decision(ctx: Context, kind: Decision, modelId: string, reportHash: string): Promise<string> {
    const certification = await decide(ctx, await whoAmI(ctx), kind, modelId, reportHash);
    ctx.stub.setEvent('ModelCertification', Buffer.from(JSON.stringify(certification)));
    return JSON.stringify(certification);
}
