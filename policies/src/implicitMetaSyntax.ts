// SPDX-License-Identifier: Apache-2.0
import { PolicyError } from './errors.js';
import type { ImplicitMetaPolicy, ImplicitMetaRule } from './model.js';

const rules: readonly ImplicitMetaRule[] = ['ANY', 'ALL', 'MAJORITY'];

/** Parses configtx.yaml's implicit-meta syntax, e.g. `MAJORITY Endorsement`. */
export function parseImplicitMetaPolicy(text: string): ImplicitMetaPolicy {
    const parts = text.trim().split(/\s+/);
    const [rule, subPolicy] = parts;
    if (
        parts.length !== 2 ||
        rule === undefined ||
        subPolicy === undefined ||
        !(rules as readonly string[]).includes(rule)
    ) {
        throw new PolicyError(`implicit-meta policy '${text}' is not '<ANY|ALL|MAJORITY> <SubPolicy>'`, {
            code: 'POLICY_SYNTAX',
            hint: "write e.g. 'MAJORITY Endorsement' (the rule in capitals, then the sub-policy name)",
        });
    }
    return { type: 'implicitMeta', rule: rule as ImplicitMetaRule, subPolicy };
}

/** Prints an implicit-meta policy in configtx.yaml's syntax. */
export function printImplicitMetaPolicy(policy: ImplicitMetaPolicy): string {
    return `${policy.rule} ${policy.subPolicy}`;
}
