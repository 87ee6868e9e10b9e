// SPDX-License-Identifier: Apache-2.0
//
// modelcert operations. A model is registered by content hash (the file stays off-chain) with
// licence terms; its certification lives under a key of its own whose key-level endorsement policy
// requires the expert organizations, so no other organization's peers can forge or erase it.
import type { Context } from 'fabric-contract-api';

import { KeyEndorsementPolicy } from '@productivist/policies/key-level';

import type { Caller } from '../shared/caller.js';
import { parseAccount, productivistMsp, requireMember, requireRole } from '../shared/caller.js';
import { callJson } from '../shared/calls.js';
import { sameParty } from '../shared/parties.js';
import { conflict, forbidden, invalid, notFound } from '../shared/errors.js';
import type { Page } from '../shared/state.js';
import { compositeKey, page, parseId, parseJsonArgument, readJson, toText, writeJson } from '../shared/state.js';

export const modelKeys = {
    model: 'mc.model',
    certification: 'mc.cert',
    byDesigner: 'mc.byDesigner',
    byStatus: 'mc.byStatus',
    acknowledgement: 'mc.ack',
} as const;

export interface Licence {
    /** Designer royalty on every paid order, in basis points (at most 5000). */
    readonly royaltyBps: number;
    /** Most objects that may be produced from the model over all orders; null: unlimited. */
    readonly printLimit: number | null;
    /** Producers allowed to produce it; null: any producer. */
    readonly allowedProducers: readonly string[] | null;
}

export interface Model {
    readonly id: string;
    readonly designer: string;
    readonly title: string;
    /** SHA-256 (hex) of the model file. */
    readonly contentHash: string;
    readonly version: number;
    readonly previous: string | null;
    readonly licence: Licence;
    readonly registeredIn: string;
}

export type CertificationStatus = 'PENDING' | 'CERTIFIED' | 'REJECTED' | 'REVOKED';
export const certificationStatuses: readonly CertificationStatus[] = ['PENDING', 'CERTIFIED', 'REJECTED', 'REVOKED'];

export interface Certification {
    readonly modelId: string;
    readonly status: CertificationStatus;
    readonly expert: string | null;
    readonly expertMsp: string | null;
    readonly reportHash: string | null;
    readonly decidedIn: string | null;
}

const hashPattern = /^[0-9a-f]{64}$/;

export function parseLicence(json: string): Licence {
    const value = parseJsonArgument(json, 'licence');
    if (typeof value !== 'object' || value === null || Array.isArray(value))
        throw invalid('licence must be a JSON object');
    const record = value as Record<string, unknown>;
    const unknown = Object.keys(record).filter(
        (name) => !['royaltyBps', 'printLimit', 'allowedProducers'].includes(name),
    );
    if (unknown.length > 0)
        throw invalid(
            `licence has unknown fields ${unknown.join(', ')}; allowed: royaltyBps, printLimit, allowedProducers`,
        );
    const royalty = record['royaltyBps'];
    if (typeof royalty !== 'number' || !Number.isInteger(royalty) || royalty < 0 || royalty > 5000) {
        throw invalid('licence.royaltyBps must be a whole number of basis points from 0 to 5000');
    }
    const limit = record['printLimit'] ?? null;
    if (limit !== null && (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1)) {
        throw invalid('licence.printLimit must be a positive whole number, or null for unlimited');
    }
    const producers = record['allowedProducers'] ?? null;
    if (
        producers !== null &&
        (!Array.isArray(producers) || producers.length === 0 || producers.some((p) => typeof p !== 'string'))
    ) {
        throw invalid(
            'licence.allowedProducers must be a non-empty list of producer accounts, or null for any producer',
        );
    }
    return {
        royaltyBps: royalty,
        printLimit: limit,
        allowedProducers:
            producers === null
                ? null
                : [...new Set((producers as string[]).map((p) => parseAccount(p, 'licence.allowedProducers')))].sort(),
    };
}

function parseHash(value: string, what: string): string {
    if (!hashPattern.test(value)) throw invalid(`${what} must be a SHA-256 hash in lowercase hex (64 characters)`);
    return value;
}

export async function readModel(ctx: Context, idArg: string): Promise<{ model: Model; certification: Certification }> {
    const id = parseId(idArg, 'model id');
    const model = await readJson<Model>(ctx, compositeKey(ctx, modelKeys.model, [id]));
    if (model === undefined) throw notFound(`model '${id}' does not exist`);
    const certification = (await readJson<Certification>(
        ctx,
        compositeKey(ctx, modelKeys.certification, [id]),
    )) as Certification;
    return { model, certification };
}

/** The key-level policy of a certification: Productivist and the given expert organizations' peers, any two. */
function certificationPolicy(expertMsps: readonly string[]): Uint8Array {
    const policy = new KeyEndorsementPolicy().addOrgs('peer', productivistMsp, ...expertMsps);
    if (expertMsps.length > 1) policy.setRequired(2);
    return policy.getPolicy();
}

async function setStatusIndex(
    ctx: Context,
    id: string,
    from: CertificationStatus | null,
    to: CertificationStatus,
): Promise<void> {
    if (from !== null) await ctx.stub.deleteState(compositeKey(ctx, modelKeys.byStatus, [from, id]));
    await ctx.stub.putState(compositeKey(ctx, modelKeys.byStatus, [to, id]), Buffer.from(id));
}

export async function registerModel(
    ctx: Context,
    caller: Caller,
    args: { id: string; title: string; contentHash: string; licence: string; previous: string },
): Promise<Model> {
    const designer = requireRole(caller, 'designer', 'register models');
    const id = parseId(args.id, 'model id');
    if (args.title.trim() === '' || args.title.length > 200) throw invalid('title must be 1 to 200 characters');
    const contentHash = parseHash(args.contentHash, 'contentHash');
    const licence = parseLicence(args.licence);
    if ((await ctx.stub.getState(compositeKey(ctx, modelKeys.model, [id]))).length > 0)
        throw conflict(`model '${id}' already exists; a new version needs a new id`);
    let version = 1;
    let previous: string | null = null;
    if (args.previous !== '') {
        const prior = await readModel(ctx, args.previous);
        if (prior.model.designer !== designer)
            throw forbidden(
                `model '${prior.model.id}' belongs to '${prior.model.designer}'; only its designer may version it`,
            );
        version = prior.model.version + 1;
        previous = prior.model.id;
    }
    const model: Model = {
        id,
        designer,
        title: args.title,
        contentHash,
        version,
        previous,
        licence,
        registeredIn: ctx.stub.getTxID(),
    };
    await writeJson(ctx, compositeKey(ctx, modelKeys.model, [id]), model);
    await ctx.stub.putState(compositeKey(ctx, modelKeys.byDesigner, [designer, id]), Buffer.from(id));
    const certificationKey = compositeKey(ctx, modelKeys.certification, [id]);
    await writeJson(ctx, certificationKey, {
        modelId: id,
        status: 'PENDING',
        expert: null,
        expertMsp: null,
        reportHash: null,
        decidedIn: null,
    } satisfies Certification);
    const experts = await callJson<string[]>(ctx, 'productoken', ['MspsWithRole', 'expert']);
    if (experts.length === 0)
        throw conflict('no organization holds the expert role yet; the Productivist admin must grant it first');
    await ctx.stub.setStateValidationParameter(certificationKey, certificationPolicy(experts));
    await setStatusIndex(ctx, id, null, 'PENDING');
    return model;
}

export async function updateModel(
    ctx: Context,
    caller: Caller,
    idArg: string,
    title: string,
    licenceJson: string,
): Promise<Model> {
    const account = requireMember(caller, 'change models');
    const { model } = await readModel(ctx, idArg);
    if (model.designer !== account)
        throw forbidden(`model '${model.id}' belongs to '${model.designer}'; only its designer may change it`);
    if (title.trim() === '' || title.length > 200) throw invalid('title must be 1 to 200 characters');
    const updated: Model = { ...model, title, licence: parseLicence(licenceJson) };
    await writeJson(ctx, compositeKey(ctx, modelKeys.model, [model.id]), updated);
    return updated;
}

export type Decision = 'certify' | 'reject' | 'revoke';

const transitions: Readonly<
    Record<Decision, { readonly from: readonly CertificationStatus[]; readonly to: CertificationStatus }>
> = {
    certify: { from: ['PENDING', 'REJECTED'], to: 'CERTIFIED' },
    reject: { from: ['PENDING'], to: 'REJECTED' },
    revoke: { from: ['CERTIFIED'], to: 'REVOKED' },
};

const pastTense: Readonly<Record<Decision, string>> = { certify: 'certified', reject: 'rejected', revoke: 'revoked' };

export async function decide(
    ctx: Context,
    caller: Caller,
    decision: Decision,
    idArg: string,
    reportHashArg: string,
): Promise<Certification> {
    const expert = requireRole(caller, 'expert', `${decision} models`);
    const { model, certification } = await readModel(ctx, idArg);
    if (sameParty(model.designer, expert))
        throw forbidden(`'${expert}' designed model '${model.id}' and cannot ${decision} it`);
    if (decision === 'revoke' && certification.expertMsp !== caller.mspId) {
        throw forbidden(
            `model '${model.id}' was certified by ${certification.expertMsp ?? 'nobody'}; only that organization may revoke it`,
        );
    }
    const reportHash = parseHash(reportHashArg, 'reportHash');
    const transition = transitions[decision];
    if (!transition.from.includes(certification.status)) {
        throw conflict(`model '${model.id}' is ${certification.status} and cannot be ${pastTense[decision]}`);
    }
    const next: Certification = {
        modelId: model.id,
        status: transition.to,
        expert,
        expertMsp: caller.mspId,
        reportHash,
        decidedIn: ctx.stub.getTxID(),
    };
    const certificationKey = compositeKey(ctx, modelKeys.certification, [model.id]);
    await writeJson(ctx, certificationKey, next);
    // Once certified, only the certifying organization (with Productivist) may change it.
    if (decision === 'certify')
        await ctx.stub.setStateValidationParameter(certificationKey, certificationPolicy([caller.mspId]));
    await setStatusIndex(ctx, model.id, certification.status, next.status);
    return next;
}

export async function acknowledge(
    ctx: Context,
    caller: Caller,
    idArg: string,
): Promise<{ modelId: string; account: string; contentHash: string }> {
    const customer = requireRole(caller, 'customer', 'acknowledge models');
    const { model } = await readModel(ctx, idArg);
    const ackKey = compositeKey(ctx, modelKeys.acknowledgement, [model.id, customer]);
    if ((await ctx.stub.getState(ackKey)).length > 0)
        throw conflict(`'${customer}' already acknowledged model '${model.id}'`);
    await writeJson(ctx, ackKey, { transactionId: ctx.stub.getTxID(), contentHash: model.contentHash });
    return { modelId: model.id, account: customer, contentHash: model.contentHash };
}

export async function modelsBy(
    ctx: Context,
    caller: Caller,
    index: 'designer' | 'status',
    value: string,
    pageSize: number,
    bookmark: string,
): Promise<Page<{ model: Model; certification: Certification }>> {
    requireMember(caller, 'list models');
    if (index === 'status' && !certificationStatuses.includes(value as CertificationStatus)) {
        throw invalid(`status '${value}' is not one of ${certificationStatuses.join(', ')}`);
    }
    const type = index === 'designer' ? modelKeys.byDesigner : modelKeys.byStatus;
    const ids = await page(
        ctx,
        type,
        [index === 'designer' ? parseAccount(value, 'designer') : value],
        pageSize,
        bookmark,
        (_k, v) => toText(v),
    );
    const items = [];
    for (const id of ids.items) items.push(await readModel(ctx, id));
    return { items, bookmark: ids.bookmark };
}

export async function history(
    ctx: Context,
    caller: Caller,
    idArg: string,
): Promise<{ model: unknown[]; certification: unknown[] }> {
    requireMember(caller, 'read model history');
    const { model } = await readModel(ctx, idArg);
    const read = async (type: string): Promise<unknown[]> => {
        const entries: unknown[] = [];
        for await (const entry of ctx.stub.getHistoryForKey(compositeKey(ctx, type, [model.id]))) {
            entries.push({
                transactionId: entry.txId,
                isDelete: entry.isDelete,
                value: entry.isDelete ? null : (JSON.parse(toText(entry.value)) as unknown),
            });
        }
        return entries;
    };
    return { model: await read(modelKeys.model), certification: await read(modelKeys.certification) };
}
