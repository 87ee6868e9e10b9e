// SPDX-License-Identifier: Apache-2.0
//
// The friendly policy form used in ecosystem YAML files, compiled to Fabric's forms.
//
//   majority | any | all            channel-wide: a reference to a channel policy that is an
//                                   ImplicitMeta over every application org's Endorsement policy.
//                                   It grows with the channel: when an org joins, "majority" means
//                                   a majority of the new, larger set, with no chaincode upgrade.
//   { majority: [A, B, C] }         fixed: OutOf(2, A, B, C) over exactly the named orgs. Orgs that
//                                   join later are not part of it until the policy is changed.
//   { any: [...] } { all: [...] }   OR / AND over the listed rules.
//   { outOf: 2, of: [...] }         OutOf(2, ...).
//   A                               an org name (resolved to its MSP id) with the default role
//                                   (peer for endorsement), or 'MSPID.role' / 'OrgName.role'.
//   "AND('A.peer', ...)"            Fabric's own syntax, used as written.
//
// Lists nest: { all: [Productivist, { any: [Producer, Expert] }] }.
import { PolicyError } from './errors.js';
import type { ImplicitMetaPolicy, ImplicitMetaRule, PrincipalRole, SignaturePolicy } from './model.js';
import { principalRoles } from './model.js';
import type { ApplicationPolicy } from './protobuf.js';
import { parseSignaturePolicy } from './signatureSyntax.js';

/** A policy as written in an ecosystem file. */
export type FriendlyPolicy =
    | string
    | { readonly any: readonly FriendlyPolicy[] }
    | { readonly all: readonly FriendlyPolicy[] }
    | { readonly majority: readonly FriendlyPolicy[] }
    | { readonly outOf: number; readonly of: readonly FriendlyPolicy[] };

/** Options of {@link compileFriendlyPolicy}. */
export interface CompileOptions {
    /**
     * Maps an organization name to its MSP id, or returns undefined for an unknown name. By
     * default a name is taken as the MSP id itself.
     */
    readonly resolveOrg?: (name: string) => string | undefined;
    /** Role for a bare organization name; `peer` by default (endorsement). */
    readonly defaultRole?: PrincipalRole;
    /** The per-org sub-policy the channel-wide forms count; `Endorsement` by default. */
    readonly subPolicy?: string;
    /** Where the policy is, for messages (e.g. `chaincodes.productoken.endorsement`). */
    readonly path?: string;
}

/** The result of compiling a friendly policy. */
export type CompiledPolicy =
    | { readonly type: 'signature'; readonly policy: SignaturePolicy }
    | {
          readonly type: 'channelWide';
          /** The channel policy the reference points at, to be defined in the channel's Application group. */
          readonly implicitMeta: ImplicitMetaPolicy;
          /** Its name in the Application group, e.g. `Endorsement`. */
          readonly name: string;
          /** Its path, e.g. `/Channel/Application/Endorsement`. */
          readonly reference: string;
      };

const channelWideRules: Readonly<Record<string, ImplicitMetaRule>> = { any: 'ANY', all: 'ALL', majority: 'MAJORITY' };

/**
 * Name of the Application-group policy a channel-wide form refers to: `majority` uses Fabric's
 * conventional `Endorsement: MAJORITY Endorsement`; `any` and `all` use `AnyEndorsement` and
 * `AllEndorsement`, which the channel kit defines when a chaincode uses them.
 */
export function channelPolicyName(rule: ImplicitMetaRule, subPolicy: string): string {
    switch (rule) {
        case 'MAJORITY':
            return subPolicy;
        case 'ANY':
            return `Any${subPolicy}`;
        case 'ALL':
            return `All${subPolicy}`;
    }
}

function invalid(path: string, problem: string, hint: string): PolicyError {
    return new PolicyError(`policy at ${path}: ${problem}`, { code: 'POLICY_INVALID', hint });
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Compiles a friendly policy to a Fabric signature policy or a channel-wide reference. */
export function compileFriendlyPolicy(input: unknown, options: Readonly<CompileOptions> = {}): CompiledPolicy {
    const path = options.path ?? 'policy';
    const subPolicy = options.subPolicy ?? 'Endorsement';
    if (typeof input === 'string') {
        const rule = channelWideRules[input.trim()];
        if (rule !== undefined) {
            const name = channelPolicyName(rule, subPolicy);
            return {
                type: 'channelWide',
                implicitMeta: { type: 'implicitMeta', rule, subPolicy },
                name,
                reference: `/Channel/Application/${name}`,
            };
        }
    }
    const rule = compileRule(input, path, options, 0);
    // A lone org is "that org's peer", which Fabric writes OR('X.peer').
    return { type: 'signature', policy: rule.type === 'signedBy' ? { type: 'nOutOf', n: 1, rules: [rule] } : rule };
}

function compileRule(input: unknown, path: string, options: Readonly<CompileOptions>, depth: number): SignaturePolicy {
    if (depth > 32) throw invalid(path, 'rules are nested more than 32 deep', 'flatten the policy');
    if (typeof input === 'string') return compileString(input, path, options);
    if (!isRecord(input)) {
        throw invalid(
            path,
            `expected an organization name or one of any/all/majority/outOf, found ${Array.isArray(input) ? 'a list' : JSON.stringify(input)}`,
            'write e.g. { any: [OrgA, OrgB] } or { outOf: 2, of: [OrgA, OrgB, OrgC] }',
        );
    }
    const keys = Object.keys(input).sort();
    const gate = keys.join(',');
    const list = (key: string): SignaturePolicy[] => {
        const value = input[key];
        const listPath = `${path}.${key}`;
        if (!Array.isArray(value) || value.length === 0) {
            throw invalid(listPath, 'expected a non-empty list of rules', `write ${key}: [OrgA, OrgB]`);
        }
        return value.map((item: unknown, i) => compileRule(item, `${listPath}[${i}]`, options, depth + 1));
    };
    switch (gate) {
        case 'any':
            return { type: 'nOutOf', n: 1, rules: list('any') };
        case 'all': {
            const rules = list('all');
            return { type: 'nOutOf', n: rules.length, rules };
        }
        case 'majority': {
            const rules = list('majority');
            return { type: 'nOutOf', n: Math.floor(rules.length / 2) + 1, rules };
        }
        case 'of,outOf': {
            const n = input['outOf'];
            const rules = list('of');
            if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > rules.length) {
                throw invalid(
                    `${path}.outOf`,
                    `outOf must be a whole number from 1 to ${rules.length} (the number of rules in 'of'), found ${JSON.stringify(n)}`,
                    `set outOf between 1 and ${rules.length}`,
                );
            }
            return { type: 'nOutOf', n, rules };
        }
        default:
            throw invalid(
                path,
                keys.length === 0
                    ? 'the rule is empty'
                    : `unknown rule keys ${keys.map((key) => `'${key}'`).join(', ')}`,
                "use exactly one of 'any', 'all', 'majority', or 'outOf' with 'of'",
            );
    }
}

function compileString(text: string, path: string, options: Readonly<CompileOptions>): SignaturePolicy {
    const trimmed = text.trim();
    if (trimmed in channelWideRules) {
        throw invalid(
            path,
            `channel-wide '${trimmed}' can only be the whole policy, not part of a rule`,
            `name the organizations instead, e.g. { ${trimmed}: [OrgA, OrgB] }`,
        );
    }
    if (trimmed.includes('(')) {
        try {
            return parseSignaturePolicy(trimmed);
        } catch (error) {
            if (error instanceof PolicyError) {
                throw new PolicyError(`policy at ${path}: ${error.message}`, {
                    code: error.code,
                    hint: error.hint ?? '',
                    details: error.details,
                    cause: error,
                });
            }
            throw error;
        }
    }
    let name = trimmed;
    let role = options.defaultRole ?? 'peer';
    const dot = trimmed.lastIndexOf('.');
    if (dot > 0 && (principalRoles as readonly string[]).includes(trimmed.slice(dot + 1))) {
        name = trimmed.slice(0, dot);
        role = trimmed.slice(dot + 1) as PrincipalRole;
    }
    const mspId = options.resolveOrg ? options.resolveOrg(name) : name;
    if (mspId === undefined || mspId === '') {
        throw invalid(
            path,
            `organization '${name}' is not known here`,
            'name an organization of the channel, or its MSP id',
        );
    }
    if (!/^[A-Za-z0-9.-]+$/.test(mspId)) {
        throw invalid(
            path,
            `MSP id '${mspId}' may only contain letters, digits, '.' and '-' to be written in a Fabric policy`,
            'rename the MSP id',
        );
    }
    return { type: 'signedBy', principal: { mspId, role } };
}

/** The lifecycle form of a compiled policy. */
export function toApplicationPolicy(compiled: CompiledPolicy): ApplicationPolicy {
    return compiled.type === 'signature'
        ? { type: 'signature', policy: compiled.policy }
        : { type: 'channelReference', reference: compiled.reference };
}
