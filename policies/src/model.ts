// SPDX-License-Identifier: Apache-2.0

/**
 * The roles of an MSP principal (`msp.MSPRole.MSPRoleType`). `member` is any valid identity of
 * the MSP; the others are matched by NodeOU.
 */
export type PrincipalRole = 'member' | 'admin' | 'client' | 'peer' | 'orderer';

export const principalRoles: readonly PrincipalRole[] = ['member', 'admin', 'client', 'peer', 'orderer'];

/** An MSP id and a role, written `'Org1MSP.peer'` in Fabric's syntax. */
export interface Principal {
    readonly mspId: string;
    readonly role: PrincipalRole;
}

/** Requires one signature from an identity that satisfies the principal. */
export interface SignedBy {
    readonly type: 'signedBy';
    readonly principal: Principal;
}

/**
 * Requires at least `n` of `rules` to be satisfied. Fabric has no separate AND/OR: `AND(a, b)` is
 * `NOutOf(2, [a, b])` and `OR(a, b)` is `NOutOf(1, [a, b])`.
 */
export interface NOutOf {
    readonly type: 'nOutOf';
    readonly n: number;
    readonly rules: readonly SignaturePolicy[];
}

/** A signature policy (`common.SignaturePolicy`). */
export type SignaturePolicy = SignedBy | NOutOf;

export type ImplicitMetaRule = 'ANY' | 'ALL' | 'MAJORITY';

/**
 * A policy of a config group that counts how many of its child groups satisfy their own policy
 * named `subPolicy` (`common.ImplicitMetaPolicy`), for example `MAJORITY Endorsement`.
 */
export interface ImplicitMetaPolicy {
    readonly type: 'implicitMeta';
    readonly rule: ImplicitMetaRule;
    readonly subPolicy: string;
}

/** Any policy of a channel configuration. */
export type Policy = SignaturePolicy | ImplicitMetaPolicy;

/** Builds a signed-by rule. */
export function signedBy(mspId: string, role: PrincipalRole): SignedBy {
    return { type: 'signedBy', principal: { mspId, role } };
}

/** Builds an n-out-of rule. */
export function nOutOf(n: number, rules: readonly SignaturePolicy[]): NOutOf {
    return { type: 'nOutOf', n, rules };
}

/** `AND(rules...)`: all of them. */
export function allOf(rules: readonly SignaturePolicy[]): NOutOf {
    return nOutOf(rules.length, rules);
}

/** `OR(rules...)`: any one of them. */
export function anyOf(rules: readonly SignaturePolicy[]): NOutOf {
    return nOutOf(1, rules);
}

/** Builds an implicit-meta policy. */
export function implicitMeta(rule: ImplicitMetaRule, subPolicy: string): ImplicitMetaPolicy {
    return { type: 'implicitMeta', rule, subPolicy };
}

/** The MSP ids a signature policy names, sorted and without repeats. */
export function mspIdsOf(policy: SignaturePolicy): string[] {
    const ids = new Set<string>();
    const visit = (rule: SignaturePolicy): void => {
        if (rule.type === 'signedBy') {
            ids.add(rule.principal.mspId);
        } else {
            rule.rules.forEach(visit);
        }
    };
    visit(policy);
    return [...ids].sort();
}
