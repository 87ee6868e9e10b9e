// SPDX-License-Identifier: Apache-2.0
//
// Before a config update goes to the orderer: is it still current (its read set at the channel's
// versions), is every signature over these bytes by a valid identity of a channel organization, and
// do the signers satisfy the policy of every element it changes — evaluated with the policies
// package exactly as the orderer evaluates it. When short, the report names the organizations
// whose signatures are missing.
import type { X509Certificate } from 'node:crypto';
import { verify } from 'node:crypto';

import type { common } from '@hyperledger/fabric-protos';
import type { Policy, PolicyGroup, SigningIdentity } from '@productivist/policies';
import {
    evaluatePolicy,
    evaluatePolicyPath,
    implicitMetaThreshold,
    mspIdsOf,
    printSignaturePolicy,
} from '@productivist/policies';

import type { Change, DeltaProblem, StaleElement } from './configTx.js';
import { applicationOrganizations, changesOf, policyGroupOf, staleElements } from './configTx.js';
import type { MspInfo } from './identities.js';
import { commonName, invalidity, mspInfoOf, roleOf } from './identities.js';
import type { SignatureEntry } from './updateFile.js';
import { signerOf } from './updateFile.js';

/** A signature with where it came from, for messages (`signature 2 of update.json`, `sig-b.json`). */
export interface SourcedSignature {
    readonly entry: SignatureEntry;
    readonly source: string;
}

/** A signature that cannot count, and why. */
export interface RefusedSignature {
    readonly source: string;
    readonly who: string;
    readonly reason: string;
}

/** One policy the update must satisfy. */
export interface PolicyCheck {
    readonly policyPath: string;
    readonly elements: readonly string[];
    readonly satisfied: boolean;
    /** What it needs and, when short, whose signatures are missing. */
    readonly explanation: string;
    /** Organizations (MSP ids) one of whose admins could still sign to help satisfy it. */
    readonly missing: readonly string[];
}

export interface UpdateCheck {
    readonly stale: readonly StaleElement[];
    readonly deltaProblems: readonly DeltaProblem[];
    readonly refused: readonly RefusedSignature[];
    readonly signers: readonly { readonly source: string; readonly identity: SigningIdentity; readonly who: string }[];
    readonly policies: readonly PolicyCheck[];
    readonly ok: boolean;
}

/** Every organization's MSP in the config (Application and Orderer groups), by MSP id. */
export function channelMsps(config: common.Config): Map<string, MspInfo> {
    const out = new Map<string, MspInfo>();
    const groups = [
        ...applicationOrganizations(config).values(),
        ...[...(config.getChannelGroup()?.getGroupsMap().get('Orderer')?.getGroupsMap().entries() ?? [])].map(
            ([, group]) => group,
        ),
    ];
    for (const group of groups) {
        const value = group.getValuesMap().get('MSP');
        if (value === undefined) continue;
        const info = mspInfoOf(value.getValue_asU8());
        out.set(info.mspId, info);
    }
    return out;
}

function describe(certificate: X509Certificate, mspId: string): string {
    return `${commonName(certificate)} (${mspId})`;
}

/** Checks one signature; returns the signing identity or why it does not count. */
export function judgeSignature(
    signature: SourcedSignature,
    bytes: Uint8Array,
    msps: ReadonlyMap<string, MspInfo>,
): { identity: SigningIdentity; who: string } | RefusedSignature {
    let signer: ReturnType<typeof signerOf>;
    try {
        signer = signerOf(signature.entry);
    } catch {
        return { source: signature.source, who: 'unknown signer', reason: 'its signature header cannot be decoded' };
    }
    const who = describe(signer.certificate, signer.mspId);
    const data = Buffer.concat([Buffer.from(signature.entry.signatureHeader, 'base64'), bytes]);
    const valid = verify(
        'sha256',
        data,
        signer.certificate.publicKey,
        Buffer.from(signature.entry.signature, 'base64'),
    );
    if (!valid) {
        return {
            source: signature.source,
            who,
            reason: 'it does not verify over this update: it was made over a different update (or altered); sign this file again',
        };
    }
    const info = msps.get(signer.mspId);
    if (info === undefined) {
        return { source: signature.source, who, reason: `${signer.mspId} is not an organization of the channel` };
    }
    const problem = invalidity(signer.certificate, info);
    if (problem !== undefined) return { source: signature.source, who, reason: problem };
    const role = roleOf(signer.certificate, info);
    if (role !== 'admin') {
        return {
            source: signature.source,
            who,
            reason: `it is not an admin of ${signer.mspId} (its role is ${role ?? 'none'}); only admins' signatures count for a config update — sign as ${signer.mspId}'s admin`,
        };
    }
    return {
        identity: { id: signer.certificate.fingerprint256, mspId: signer.mspId, role },
        who,
    };
}

function groupAt(root: PolicyGroup, path: string): { group: PolicyGroup; policy: Policy | undefined } | undefined {
    const parts = path.split('/').filter((part) => part !== '');
    let group: PolicyGroup | undefined = root;
    for (const name of parts.slice(1, -1)) group = group?.groups[name];
    if (group === undefined) return undefined;
    return { group, policy: group.policies[parts[parts.length - 1] ?? ''] };
}

function explain(root: PolicyGroup, path: string, identities: readonly SigningIdentity[]): PolicyCheck {
    const found = groupAt(root, path);
    const satisfied = found?.policy !== undefined && evaluatePolicyPath(root, path, identities);
    if (found?.policy === undefined) {
        return { policyPath: path, elements: [], satisfied: false, explanation: `${path} does not exist`, missing: [] };
    }
    const { group, policy } = found;
    if (policy.type === 'implicitMeta') {
        const children = Object.keys(group.groups)
            .sort()
            .filter((name) => group.groups[name]?.policies[policy.subPolicy] !== undefined);
        const done = children.filter((name) => {
            const child = group.groups[name] as PolicyGroup;
            return evaluatePolicy(child.policies[policy.subPolicy] as Policy, identities, child);
        });
        const need = implicitMetaThreshold(policy.rule, children.length);
        const missing = children.filter((name) => !done.includes(name));
        const explanation =
            `${path} is ${policy.rule} ${policy.subPolicy}: ${need} of ${children.length} (${children.join(', ')}); ` +
            `signed: ${done.length === 0 ? 'none' : done.join(', ')}` +
            (satisfied ? '' : `; ${need - done.length} more needed, from: ${missing.join(', ')}`);
        return { policyPath: path, elements: [], satisfied, explanation, missing: satisfied ? [] : missing };
    }
    const signedMsps = new Set(identities.map((identity) => identity.mspId));
    const missing = mspIdsOf(policy).filter((id) => !signedMsps.has(id));
    const explanation =
        `${path} is ${printSignaturePolicy(policy)}` +
        (satisfied ? '' : `; no admin signature yet from: ${missing.join(', ') || 'none (the roles do not match)'}`);
    return { policyPath: path, elements: [], satisfied, explanation, missing: satisfied ? [] : missing };
}

/**
 * Checks an update against the channel's current config and the signatures that would go with it
 * (the submitter's included: `peer channel update` adds it).
 */
export function checkUpdate(
    bytes: Uint8Array,
    update: common.ConfigUpdate,
    config: common.Config,
    signatures: readonly SourcedSignature[],
): UpdateCheck {
    const stale = staleElements(update, config);
    // A stale update's delta is judged against versions it did not read: only the staleness is reported.
    const { changes, problems } = stale.length > 0 ? { changes: [], problems: [] } : changesOf(update, config);
    const msps = channelMsps(config);
    const refused: RefusedSignature[] = [];
    const signers: { source: string; identity: SigningIdentity; who: string }[] = [];
    for (const signature of signatures) {
        const judged = judgeSignature(signature, bytes, msps);
        if ('reason' in judged) refused.push(judged);
        else signers.push({ source: signature.source, ...judged });
    }
    const channel = config.getChannelGroup();
    const root: PolicyGroup = channel === undefined ? { policies: {}, groups: {} } : policyGroupOf(channel);
    const identities = signers.map((signer) => signer.identity);
    const byPolicy = new Map<string, Change[]>();
    for (const change of changes) byPolicy.set(change.policyPath, [...(byPolicy.get(change.policyPath) ?? []), change]);
    const policies = [...byPolicy.entries()].map(([path, list]) => ({
        ...explain(root, path, identities),
        elements: list.map((change) => change.element),
    }));
    const ok =
        stale.length === 0 &&
        problems.length === 0 &&
        refused.length === 0 &&
        changes.length > 0 &&
        policies.every((policy) => policy.satisfied);
    return { stale, deltaProblems: problems, refused, signers, policies, ok };
}
