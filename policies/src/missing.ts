// SPDX-License-Identifier: Apache-2.0
//
// Which organizations' endorsements a transaction lacks: given a signature policy and the
// organizations whose peers endorsed, the smallest sets of organizations that would satisfy it if
// one more peer of each endorsed too. Evaluated with Fabric's own rules (evaluateSignaturePolicy),
// so "missing ExpertMSP" means exactly that Fabric would accept the transaction with an ExpertMSP
// peer's endorsement added.
import { evaluateSignaturePolicy } from './evaluate.js';
import type { SigningIdentity } from './evaluate.js';
import { mspIdsOf } from './model.js';
import type { SignaturePolicy } from './model.js';

/** Policies naming more organizations than this are not searched (2^n subsets). */
const maxOrganizations = 12;

function peers(mspIds: readonly string[], tag: string): SigningIdentity[] {
    return mspIds.map((mspId) => ({ id: `${mspId}#${tag}`, mspId, role: 'peer' }));
}

/**
 * The smallest sets of organizations (MSP ids, sorted) whose peer endorsements, added to those of
 * `endorsedBy`, satisfy `policy`: `[]` when the policy is already satisfied, several sets when
 * there is a choice (`[['CustomerMSP'], ['ProducerMSP']]`), and `undefined` when no addition of
 * one peer per organization satisfies it.
 */
export function missingEndorsements(policy: SignaturePolicy, endorsedBy: readonly string[]): string[][] | undefined {
    const present = peers([...new Set(endorsedBy)], 'endorsed');
    if (evaluateSignaturePolicy(policy, present)) return [];
    const candidates = mspIdsOf(policy).slice(0, maxOrganizations);
    const found: string[][] = [];
    for (let size = 1; size <= candidates.length && found.length === 0; size++) {
        for (const subset of subsets(candidates, size)) {
            if (evaluateSignaturePolicy(policy, [...present, ...peers(subset, 'missing')])) found.push(subset);
        }
    }
    return found.length === 0 ? undefined : found;
}

function subsets(items: readonly string[], size: number): string[][] {
    if (size === 0) return [[]];
    const result: string[][] = [];
    items.forEach((item, index) => {
        for (const rest of subsets(items.slice(index + 1), size - 1)) result.push([item, ...rest]);
    });
    return result;
}

/** "ExpertMSP", "ExpertMSP and ProductivistMSP", "one of CustomerMSP, ProducerMSP" for a message. */
export function describeMissing(sets: readonly (readonly string[])[]): string {
    const each = sets.map((set) => set.join(' and '));
    if (each.length <= 1) return each[0] ?? 'nothing';
    return `one of ${each.join(', ')}`;
}
