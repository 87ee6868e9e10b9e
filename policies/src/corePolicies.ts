// SPDX-License-Identifier: Apache-2.0
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parse } from 'yaml';

import { PolicyError } from './errors.js';
import type { FriendlyPolicy } from './friendly.js';

/** A core contract's endorsement policy and the reasons for it. */
export interface CorePolicy {
    readonly endorsement: FriendlyPolicy;
    readonly rationale: string;
}

/** Where the data file lives. */
export const corePoliciesFile = join(__dirname, '..', 'data', 'core-contracts.yaml');

/** The endorsement policies of the core contracts, from policies/data/core-contracts.yaml. */
export function corePolicies(): Readonly<Record<string, CorePolicy>> {
    const data = parse(readFileSync(corePoliciesFile, 'utf8')) as unknown;
    if (typeof data !== 'object' || data === null) {
        throw new PolicyError(`${corePoliciesFile} is not a mapping of contract names`, { code: 'POLICY_INVALID' });
    }
    const result: Record<string, CorePolicy> = {};
    for (const [name, entry] of Object.entries(data as Record<string, unknown>)) {
        const record = entry as { endorsement?: FriendlyPolicy; rationale?: unknown };
        if (record.endorsement === undefined || typeof record.rationale !== 'string') {
            throw new PolicyError(`${corePoliciesFile}: contract '${name}' needs an endorsement and a rationale`, {
                code: 'POLICY_INVALID',
                hint: 'give every contract both fields',
            });
        }
        result[name] = { endorsement: record.endorsement, rationale: record.rationale };
    }
    return result;
}

/** Resolves the organization names of the data file: `Productivist` → `ProductivistMSP`. */
export function coreOrgToMsp(name: string): string {
    return `${name}MSP`;
}
