// SPDX-License-Identifier: Apache-2.0
import { catchError } from '@productivist/common';

import { PolicyError } from './errors.js';
import { compileFriendlyPolicy, toApplicationPolicy } from './friendly.js';
import type { CompileOptions } from './friendly.js';
import { parseSignaturePolicy, printSignaturePolicy } from './signatureSyntax.js';

const orgs: Record<string, string> = {
    Productivist: 'ProductivistMSP',
    Customer: 'CustomerMSP',
    Producer: 'ProducerMSP',
    Expert: 'ExpertMSP',
};
const options: CompileOptions = { resolveOrg: (name) => orgs[name], path: 'chaincodes.productoken.endorsement' };

function fabric(input: unknown, extra: Partial<CompileOptions> = {}): string {
    const compiled = compileFriendlyPolicy(input, { ...options, ...extra });
    if (compiled.type !== 'signature') throw new Error(`expected a signature policy, got ${compiled.type}`);
    return printSignaturePolicy(compiled.policy);
}

describe('friendly policies', () => {
    it.each([
        ['Productivist', "OR('ProductivistMSP.peer')"],
        ['Productivist.admin', "OR('ProductivistMSP.admin')"],
        [{ any: ['Customer', 'Producer'] }, "OR('CustomerMSP.peer', 'ProducerMSP.peer')"],
        [{ all: ['Customer', 'Producer'] }, "AND('CustomerMSP.peer', 'ProducerMSP.peer')"],
        [
            { majority: ['Customer', 'Producer', 'Expert'] },
            "OutOf(2, 'CustomerMSP.peer', 'ProducerMSP.peer', 'ExpertMSP.peer')",
        ],
        [
            { majority: ['Customer', 'Producer', 'Expert', 'Productivist'] },
            "OutOf(3, 'CustomerMSP.peer', 'ProducerMSP.peer', 'ExpertMSP.peer', 'ProductivistMSP.peer')",
        ],
        [
            { outOf: 2, of: ['Customer', 'Producer', 'Expert'] },
            "OutOf(2, 'CustomerMSP.peer', 'ProducerMSP.peer', 'ExpertMSP.peer')",
        ],
        [
            { all: ['Productivist', { any: ['Producer', 'Expert'] }] },
            "AND('ProductivistMSP.peer', OR('ProducerMSP.peer', 'ExpertMSP.peer'))",
        ],
        ["AND('X.peer', 'Y.peer')", "AND('X.peer', 'Y.peer')"],
        [{ any: ['Customer', "AND('X.peer', 'Y.peer')"] }, "OR('CustomerMSP.peer', AND('X.peer', 'Y.peer'))"],
    ])('%j compiles to %s', (input, expected) => {
        expect(fabric(input)).toBe(expected);
    });

    it('uses the default role it is given', () => {
        expect(fabric({ any: ['Customer', 'Expert.admin'] }, { defaultRole: 'member' })).toBe(
            "OR('CustomerMSP.member', 'ExpertMSP.admin')",
        );
    });

    it('takes names as MSP ids when no resolver is given', () => {
        expect(compileFriendlyPolicy({ all: ['AMSP', 'BMSP'] })).toEqual({
            type: 'signature',
            policy: parseSignaturePolicy("AND('AMSP.peer', 'BMSP.peer')"),
        });
    });

    it.each([
        ['majority', 'MAJORITY', 'Endorsement'],
        ['any', 'ANY', 'AnyEndorsement'],
        ['all', 'ALL', 'AllEndorsement'],
    ] as const)('channel-wide %s refers to the Application policy %s', (input, rule, name) => {
        const compiled = compileFriendlyPolicy(input, options);
        expect(compiled).toEqual({
            type: 'channelWide',
            implicitMeta: { type: 'implicitMeta', rule, subPolicy: 'Endorsement' },
            name,
            reference: `/Channel/Application/${name}`,
        });
        expect(toApplicationPolicy(compiled)).toEqual({
            type: 'channelReference',
            reference: `/Channel/Application/${name}`,
        });
    });

    it.each([
        ['Supplier', "policy at chaincodes.productoken.endorsement: organization 'Supplier' is not known here"],
        [
            { any: ['Customer', 'Supplier'] },
            "policy at chaincodes.productoken.endorsement.any[1]: organization 'Supplier' is not known here",
        ],
        [{ any: [] }, 'policy at chaincodes.productoken.endorsement.any: expected a non-empty list of rules'],
        [{ any: 'Customer' }, 'policy at chaincodes.productoken.endorsement.any: expected a non-empty list of rules'],
        [
            { outOf: 3, of: ['Customer', 'Expert'] },
            "policy at chaincodes.productoken.endorsement.outOf: outOf must be a whole number from 1 to 2 (the number of rules in 'of'), found 3",
        ],
        [
            { outOf: 1.5, of: ['Customer', 'Expert'] },
            "policy at chaincodes.productoken.endorsement.outOf: outOf must be a whole number from 1 to 2 (the number of rules in 'of'), found 1.5",
        ],
        [{ outOf: 1 }, "policy at chaincodes.productoken.endorsement: unknown rule keys 'outOf'"],
        [
            { any: ['Customer'], all: ['Expert'] },
            "policy at chaincodes.productoken.endorsement: unknown rule keys 'all', 'any'",
        ],
        [{}, 'policy at chaincodes.productoken.endorsement: the rule is empty'],
        [
            42,
            'policy at chaincodes.productoken.endorsement: expected an organization name or one of any/all/majority/outOf, found 42',
        ],
        [
            ['Customer'],
            'policy at chaincodes.productoken.endorsement: expected an organization name or one of any/all/majority/outOf, found a list',
        ],
        [
            { all: ['Customer', 'majority'] },
            "policy at chaincodes.productoken.endorsement.all[1]: channel-wide 'majority' can only be the whole policy, not part of a rule",
        ],
        [
            "AND('X.peer',",
            'policy at chaincodes.productoken.endorsement: policy syntax error at column 14: expected a principal or a gate but found the end of the policy',
        ],
    ])('refuses %j', (input, message) => {
        const error = catchError(() => compileFriendlyPolicy(input, options));
        expect(error).toBeInstanceOf(PolicyError);
        expect((error as PolicyError).message).toBe(message);
        expect((error as PolicyError).code).toMatch(/^POLICY_(INVALID|SYNTAX)$/);
    });
});
