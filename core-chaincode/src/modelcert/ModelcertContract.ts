// SPDX-License-Identifier: Apache-2.0
//
// modelcert: pre-production model certification. See SPEC.md.
import { Contract, Info } from 'fabric-contract-api';

import type { Caller } from '../shared/caller.js';
import { whoAmI } from '../shared/calls.js';
import type { Operation } from '../shared/contract.js';
import { announce, defineTransactions } from '../shared/contract.js';
import { forbidden } from '../shared/errors.js';
import type { TransactionDescription } from '../transactions.js';
import { modelcertTransactions } from '../transactions.js';
import type { Decision } from './model.js';
import { acknowledge, decide, history, modelsBy, readModel, registerModel, updateModel } from './model.js';

@Info({ title: 'modelcert', description: 'Model registration by content hash, licences and expert certification' })
export class ModelcertContract extends Contract {
    constructor() {
        super('modelcert');
    }
}

/** The transaction of a certification decision: its event carries the new certification. */
function decision(kind: Decision): Operation<TransactionDescription<readonly ['modelId', 'reportHash']>, Caller> {
    return async (ctx, caller, { modelId, reportHash }) =>
        announce(ctx, 'ModelCertification', await decide(ctx, caller, kind, modelId, reportHash));
}

defineTransactions(ModelcertContract, modelcertTransactions, whoAmI, {
    RegisterModel: async (ctx, caller, { modelId, title, contentHash, licence, previousModelId }) => {
        const input = { id: modelId, title, contentHash, licence, previous: previousModelId };
        return announce(ctx, 'ModelRegistered', await registerModel(ctx, caller, input));
    },
    UpdateModel: async (ctx, caller, { modelId, title, licence }) =>
        announce(ctx, 'ModelUpdated', await updateModel(ctx, caller, modelId, title, licence)),
    Certify: decision('certify'),
    Reject: decision('reject'),
    Revoke: decision('revoke'),
    Acknowledge: async (ctx, caller, { modelId }) =>
        announce(ctx, 'ModelAcknowledged', await acknowledge(ctx, caller, modelId)),
    /** The model and its certification (members, devices that print it, and Productivist admins). */
    GetModel: async (ctx, caller, { modelId }) => {
        if (caller.account === undefined && caller.deviceOf === undefined && !caller.productivistAdmin)
            throw forbidden(`identity of ${caller.mspId} is not a Productivist member`);
        return JSON.stringify(await readModel(ctx, modelId));
    },
    ModelsByDesigner: async (ctx, caller, { designer, pageSize, bookmark }) =>
        JSON.stringify(await modelsBy(ctx, caller, 'designer', designer, pageSize, bookmark)),
    ModelsByStatus: async (ctx, caller, { status, pageSize, bookmark }) =>
        JSON.stringify(await modelsBy(ctx, caller, 'status', status, pageSize, bookmark)),
    ModelHistory: async (ctx, caller, { modelId }) => JSON.stringify(await history(ctx, caller, modelId)),
});
