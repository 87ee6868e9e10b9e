// SPDX-License-Identifier: Apache-2.0
//
// Policy evaluation with Fabric's semantics (common/cauthdsl and common/policies/implicitmeta):
//  - the signing identities are de-duplicated first (one identity counts once, however often it signed);
//  - a signed-by rule takes the first identity, in signing order, that is not used yet and
//    satisfies the principal, and marks it used;
//  - an n-out-of rule tries every sub-rule in order on a copy of the used marks, keeps the marks
//    of each sub-rule that succeeded, and succeeds when at least n did. This is greedy, exactly as
//    Fabric is: Fabric does not search for a better assignment, and neither do we;
//  - roles are matched by NodeOU: `member` is any identity of the MSP; `admin`, `client`, `peer`
//    and `orderer` need that NodeOU. An admin satisfies `member` and `admin` only;
//  - an implicit-meta policy of a config group evaluates the policy named `subPolicy` of each child
//    group on the whole signature set (children that lack it are skipped) and needs ANY: 1,
//    ALL: every one, MAJORITY: floor(count / 2) + 1 of them; with no such child it is satisfied.
import { PolicyError } from './errors.js';
import type { ImplicitMetaPolicy, Policy, Principal, SignaturePolicy } from './model.js';

/** The NodeOU role of an identity's certificate. */
export type NodeRole = 'admin' | 'client' | 'peer' | 'orderer';

/** One identity that signed: `id` distinguishes identities (e.g. the certificate's fingerprint). */
export interface SigningIdentity {
    readonly id: string;
    readonly mspId: string;
    readonly role: NodeRole;
}

/** True when the identity satisfies the principal (msp.SatisfiesPrincipal with NodeOUs on). */
export function satisfiesPrincipal(identity: SigningIdentity, principal: Principal): boolean {
    if (identity.mspId !== principal.mspId) return false;
    return principal.role === 'member' || principal.role === identity.role;
}

function deduplicate(identities: readonly SigningIdentity[]): SigningIdentity[] {
    const seen = new Set<string>();
    const unique: SigningIdentity[] = [];
    for (const identity of identities) {
        const key = `${identity.mspId}\u0000${identity.id}`;
        if (!seen.has(key)) {
            seen.add(key);
            unique.push(identity);
        }
    }
    return unique;
}

function evaluateRule(rule: SignaturePolicy, identities: readonly SigningIdentity[], used: boolean[]): boolean {
    if (rule.type === 'signedBy') {
        for (const [i, identity] of identities.entries()) {
            if (used[i] !== true && satisfiesPrincipal(identity, rule.principal)) {
                used[i] = true;
                return true;
            }
        }
        return false;
    }
    let verified = 0;
    for (const sub of rule.rules) {
        const trial = [...used];
        if (evaluateRule(sub, identities, trial)) {
            verified++;
            trial.forEach((value, i) => (used[i] = value));
        }
    }
    return verified >= rule.n;
}

/** Evaluates a signature policy against the identities that signed, in signing order. */
export function evaluateSignaturePolicy(policy: SignaturePolicy, identities: readonly SigningIdentity[]): boolean {
    const unique = deduplicate(identities);
    return evaluateRule(
        policy,
        unique,
        unique.map(() => false),
    );
}

/**
 * A config group's policies and child groups, as in a channel configuration: `Channel` has the
 * groups `Application` and `Orderer`, each of which has one group per organization.
 */
export interface PolicyGroup {
    readonly policies: Readonly<Record<string, Policy>>;
    readonly groups: Readonly<Record<string, PolicyGroup>>;
}

/** How many child policies an implicit-meta rule needs out of `count`. */
export function implicitMetaThreshold(rule: ImplicitMetaPolicy['rule'], count: number): number {
    if (count === 0) return 0;
    switch (rule) {
        case 'ANY':
            return 1;
        case 'ALL':
            return count;
        case 'MAJORITY':
            return Math.floor(count / 2) + 1;
    }
}

/** Evaluates any policy; implicit-meta policies are resolved against the children of `group`. */
export function evaluatePolicy(policy: Policy, identities: readonly SigningIdentity[], group?: PolicyGroup): boolean {
    if (policy.type !== 'implicitMeta') return evaluateSignaturePolicy(policy, identities);
    if (group === undefined) {
        throw new PolicyError(
            `implicit-meta policy '${policy.rule} ${policy.subPolicy}' needs the config group it belongs to`,
            {
                code: 'POLICY_CONTEXT',
                hint: 'pass the PolicyGroup whose child groups hold the sub-policies',
            },
        );
    }
    // A count of satisfied children: their order does not matter.
    const children = Object.values(group.groups).filter((child) => child.policies[policy.subPolicy] !== undefined);
    const threshold = implicitMetaThreshold(policy.rule, children.length);
    let satisfied = 0;
    for (const child of children) {
        const sub = child.policies[policy.subPolicy] as Policy;
        if (evaluatePolicy(sub, identities, child)) satisfied++;
    }
    return satisfied >= threshold;
}

/**
 * Evaluates the policy at a path such as `/Channel/Application/Endorsement` in a channel's root
 * group (named `Channel`).
 */
export function evaluatePolicyPath(root: PolicyGroup, path: string, identities: readonly SigningIdentity[]): boolean {
    const parts = path.split('/').filter((part) => part !== '');
    if (parts[0] !== 'Channel' || parts.length < 2) {
        throw new PolicyError(`policy path '${path}' does not start with /Channel/`, {
            code: 'POLICY_PATH',
            hint: "write an absolute path such as '/Channel/Application/Endorsement'",
        });
    }
    let group = root;
    for (const name of parts.slice(1, -1)) {
        const next = group.groups[name];
        if (next === undefined) {
            throw new PolicyError(`policy path '${path}' names group '${name}', which does not exist`, {
                code: 'POLICY_PATH',
                exit: 'notFound',
                hint: `existing groups there: ${Object.keys(group.groups).sort().join(', ') || 'none'}`,
            });
        }
        group = next;
    }
    const name = parts[parts.length - 1] as string;
    const policy = group.policies[name];
    if (policy === undefined) {
        throw new PolicyError(`policy path '${path}' names policy '${name}', which does not exist`, {
            code: 'POLICY_PATH',
            exit: 'notFound',
            hint: `existing policies there: ${Object.keys(group.policies).sort().join(', ') || 'none'}`,
        });
    }
    return evaluatePolicy(policy, identities, group);
}
