// SPDX-License-Identifier: Apache-2.0
import { coreOrgToMsp, corePolicies } from './corePolicies.js';
import { compileFriendlyPolicy } from './friendly.js';
import { printSignaturePolicy } from './signatureSyntax.js';

describe('core contract policies', () => {
    it('gives each core contract a policy that compiles, with a rationale', () => {
        const policies = corePolicies();
        expect(Object.keys(policies).sort()).toEqual(['modelcert', 'prodcontrol', 'productoken', 'qualitycheck']);
        const printed = Object.fromEntries(
            Object.entries(policies).map(([name, policy]) => {
                const compiled = compileFriendlyPolicy(policy.endorsement, { resolveOrg: coreOrgToMsp, path: name });
                expect(policy.rationale.length).toBeGreaterThan(80);
                return [
                    name,
                    compiled.type === 'signature' ? printSignaturePolicy(compiled.policy) : compiled.reference,
                ];
            }),
        );
        expect(printed['productoken']).toBe(
            "AND('ProductivistMSP.peer', OR('CustomerMSP.peer', 'DesignerMSP.peer', 'ProducerMSP.peer', 'ExpertMSP.peer'))",
        );
        expect(printed['qualitycheck']).toBe("AND('ProductivistMSP.peer', 'ExpertMSP.peer')");
    });
});
