// SPDX-License-Identifier: Apache-2.0
import fc from 'fast-check';

import { PolicySyntaxError } from './errors.js';
import type { PrincipalRole, SignaturePolicy } from './model.js';
import { parseSignaturePolicy, printSignaturePolicy } from './signatureSyntax.js';

/** [written, canonical]: print(parse(written)) must be canonical, and canonical must print as itself. */
const roundTrips: readonly (readonly [string, string])[] = [
    ["OR('Org1MSP.peer')", "OR('Org1MSP.peer')"],
    ["AND('Org1MSP.peer')", "OR('Org1MSP.peer')"],
    ["OutOf(1, 'Org1MSP.peer')", "OR('Org1MSP.peer')"],
    ["AND('A.peer', 'B.peer')", "AND('A.peer', 'B.peer')"],
    ["OR('A.peer', 'B.peer')", "OR('A.peer', 'B.peer')"],
    ["OutOf(2, 'A.peer', 'B.peer', 'C.peer')", "OutOf(2, 'A.peer', 'B.peer', 'C.peer')"],
    ["OutOf(3, 'A.peer', 'B.peer', 'C.peer')", "AND('A.peer', 'B.peer', 'C.peer')"],
    ["OutOf(1, 'A.peer', 'B.peer', 'C.peer')", "OR('A.peer', 'B.peer', 'C.peer')"],
    ["AND('A.peer', OutOf(2, 'B.member', 'C.member'))", "AND('A.peer', AND('B.member', 'C.member'))"],
    [
        "AND('A.peer', OutOf(2, 'B.member', 'C.member', 'D.member'))",
        "AND('A.peer', OutOf(2, 'B.member', 'C.member', 'D.member'))",
    ],
    ["AND('A.peer',OR('B.peer','C.peer'))", "AND('A.peer', OR('B.peer', 'C.peer'))"],
    ["  AND( 'A.peer' , 'B.peer' )  ", "AND('A.peer', 'B.peer')"],
    ["AND(\n  'A.peer',\n  'B.peer'\n)", "AND('A.peer', 'B.peer')"],
    ["AND(\t'A.peer',\t'B.peer')", "AND('A.peer', 'B.peer')"],
    ['AND("A.peer", "B.peer")', "AND('A.peer', 'B.peer')"],
    ['OR("A.peer", \'B.peer\')', "OR('A.peer', 'B.peer')"],
    ["and('A.peer', 'B.peer')", "AND('A.peer', 'B.peer')"],
    ["And('A.peer', 'B.peer')", "AND('A.peer', 'B.peer')"],
    ["or('A.peer', 'B.peer')", "OR('A.peer', 'B.peer')"],
    ["Or('A.peer', 'B.peer')", "OR('A.peer', 'B.peer')"],
    ["outof(2, 'A.peer', 'B.peer', 'C.peer')", "OutOf(2, 'A.peer', 'B.peer', 'C.peer')"],
    ["OUTOF(2, 'A.peer', 'B.peer', 'C.peer')", "OutOf(2, 'A.peer', 'B.peer', 'C.peer')"],
    ["OR('A.member')", "OR('A.member')"],
    ["OR('A.admin')", "OR('A.admin')"],
    ["OR('A.client')", "OR('A.client')"],
    ["OR('A.orderer')", "OR('A.orderer')"],
    ["OR('Org1.example.com.peer')", "OR('Org1.example.com.peer')"],
    ["OR('org-1.peer')", "OR('org-1.peer')"],
    ["OR('123.peer')", "OR('123.peer')"],
    ["OR('A.peer.peer')", "OR('A.peer.peer')"],
    ["OR('A.peer', 'A.peer')", "OR('A.peer', 'A.peer')"],
    ["AND('A.peer', 'A.peer')", "AND('A.peer', 'A.peer')"],
    ["OR(AND('A.peer', 'B.peer'), AND('C.peer', 'D.peer'))", "OR(AND('A.peer', 'B.peer'), AND('C.peer', 'D.peer'))"],
    ["AND(OR('A.peer', 'B.peer'), OR('C.peer', 'D.peer'))", "AND(OR('A.peer', 'B.peer'), OR('C.peer', 'D.peer'))"],
    [
        "OutOf(2, AND('A.peer', 'B.peer'), 'C.peer', OR('D.peer', 'E.peer'))",
        "OutOf(2, AND('A.peer', 'B.peer'), 'C.peer', OR('D.peer', 'E.peer'))",
    ],
    [
        "OutOf(2, OutOf(2, 'A.peer', 'B.peer', 'C.peer'), OutOf(2, 'D.peer', 'E.peer', 'F.peer'), 'G.admin')",
        "OutOf(2, OutOf(2, 'A.peer', 'B.peer', 'C.peer'), OutOf(2, 'D.peer', 'E.peer', 'F.peer'), 'G.admin')",
    ],
    [
        "AND(AND(AND(AND('A.peer', 'B.peer'), 'C.peer'), 'D.peer'), 'E.peer')",
        "AND(AND(AND(AND('A.peer', 'B.peer'), 'C.peer'), 'D.peer'), 'E.peer')",
    ],
    ["OR(OR(OR('A.peer')))", "OR(OR(OR('A.peer')))"],
    [
        "AND('ProductivistMSP.peer', OR('CustomerMSP.peer', 'DesignerMSP.peer', 'ProducerMSP.peer', 'ExpertMSP.peer'))",
        "AND('ProductivistMSP.peer', OR('CustomerMSP.peer', 'DesignerMSP.peer', 'ProducerMSP.peer', 'ExpertMSP.peer'))",
    ],
    [
        "OutOf(3,'A.peer','B.peer','C.peer','D.peer','E.peer')",
        "OutOf(3, 'A.peer', 'B.peer', 'C.peer', 'D.peer', 'E.peer')",
    ],
    ["OutOf( 2 ,'A.peer' , 'B.admin','C.client' )", "OutOf(2, 'A.peer', 'B.admin', 'C.client')"],
    ["OutOf(02, 'A.peer', 'B.peer', 'C.peer')", "OutOf(2, 'A.peer', 'B.peer', 'C.peer')"],
    [
        "AND('A.member', OR('B.admin', AND('C.peer', 'D.client')), OutOf(1, 'E.orderer'))",
        "AND('A.member', OR('B.admin', AND('C.peer', 'D.client')), OR('E.orderer'))",
    ],
    ["OR('A.peer',\r\n'B.peer')", "OR('A.peer', 'B.peer')"],
];

describe('parseSignaturePolicy / printSignaturePolicy', () => {
    it('has a table of at least 40 policies', () => {
        expect(roundTrips.length).toBeGreaterThanOrEqual(40);
    });

    it.each(roundTrips)('round-trips %j', (written, canonical) => {
        // Given a policy as someone wrote it
        const parsed = parseSignaturePolicy(written);
        // When it is printed, Then it is the canonical form
        expect(printSignaturePolicy(parsed)).toBe(canonical);
        // And the canonical form parses to the same model and prints as itself
        expect(parseSignaturePolicy(canonical)).toEqual(parsed);
        expect(printSignaturePolicy(parseSignaturePolicy(canonical))).toBe(canonical);
    });

    it("gives AND, OR and OutOf Fabric's n", () => {
        expect(parseSignaturePolicy("AND('A.peer', 'B.peer', 'C.peer')")).toMatchObject({ n: 3 });
        expect(parseSignaturePolicy("OR('A.peer', 'B.peer', 'C.peer')")).toMatchObject({ n: 1 });
        expect(parseSignaturePolicy("OutOf(2, 'A.peer', 'B.peer', 'C.peer')")).toMatchObject({ n: 2 });
    });

    it('takes the MSP id up to the last dot, as Fabric does', () => {
        expect(parseSignaturePolicy("OR('org1.example.com.admin')")).toEqual({
            type: 'nOutOf',
            n: 1,
            rules: [{ type: 'signedBy', principal: { mspId: 'org1.example.com', role: 'admin' } }],
        });
    });

    it('prints a root signed-by (as only decoded envelopes have) as a one-principal OR', () => {
        expect(printSignaturePolicy({ type: 'signedBy', principal: { mspId: 'A', role: 'peer' } })).toBe(
            "OR('A.peer')",
        );
    });

    it('round-trips random policies', () => {
        const role = fc.constantFrom<PrincipalRole>('member', 'admin', 'client', 'peer', 'orderer');
        const mspId = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9.-]{0,12}$/);
        const leaf = fc.record({ mspId, role }).map((principal): SignaturePolicy => ({ type: 'signedBy', principal }));
        const { gate } = fc.letrec<{ gate: SignaturePolicy; rule: SignaturePolicy }>((tie) => ({
            rule: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('gate')),
            gate: fc
                .array(tie('rule'), { minLength: 1, maxLength: 4 })
                .chain((rules) =>
                    fc
                        .integer({ min: 1, max: rules.length })
                        .map((n): SignaturePolicy => ({ type: 'nOutOf', n, rules })),
                ),
        }));
        fc.assert(
            fc.property(gate, (policy) => {
                expect(parseSignaturePolicy(printSignaturePolicy(policy))).toEqual(policy);
            }),
            { numRuns: 500 },
        );
    });
});

/** [source, column, exact message after "policy syntax error at column N: "] */
const malformed: readonly (readonly [string, number, string])[] = [
    ['', 1, 'the policy is empty'],
    ['   ', 4, 'the policy is empty'],
    ["'A.peer'", 1, "a policy must start with a gate, not the principal 'A.peer'"],
    ["ANDD('A.peer')", 1, "unknown gate 'ANDD'"],
    ["aNd('A.peer')", 1, "unknown gate 'aNd'"],
    ['OR(A.peer)', 4, 'principal A.peer is not quoted'],
    ["OR('A.peer'", 12, "expected ',' or ')' but found the end of the policy"],
    ["OR('A.peer' 'B.peer')", 13, "expected ',' or ')' but found 'B.peer'"],
    ["OR('A.peer',)", 13, "expected a principal or a gate but found ')'"],
    ['OR()', 4, 'OR needs at least one rule'],
    ['AND()', 5, 'AND needs at least one rule'],
    ["OR('A.peer'))", 13, "unexpected ')' after the end of the policy"],
    ["OR('A.peer') OR('B.peer')", 14, "unexpected 'OR' after the end of the policy"],
    ["OR('A.peer)", 4, 'the string starting here is not closed'],
    ["OR('A.owner')", 4, "principal 'A.owner' has role 'owner', which Fabric does not know"],
    ["OR('A')", 4, "principal 'A' has no role"],
    ["OR('.peer')", 4, "principal '.peer' has no MSP id"],
    ["OR('Org_1.peer')", 4, "MSP id 'Org_1' in principal 'Org_1.peer' may only contain letters, digits, '.' and '-'"],
    ["OR(' A.peer')", 4, "MSP id ' A' in principal ' A.peer' may only contain letters, digits, '.' and '-'"],
    ["OR('A.Peer')", 4, "principal 'A.Peer' has role 'Peer', which Fabric does not know"],
    ["OutOf('A.peer', 'B.peer')", 7, "OutOf needs a count first but found 'A.peer'"],
    ["OutOf(2 'A.peer', 'B.peer')", 9, "expected ',' after the OutOf count but found 'A.peer'"],
    ["OutOf(1.5, 'A.peer', 'B.peer')", 7, 'OutOf count 1.5 is not a whole number'],
    ["OutOf(3, 'A.peer', 'B.peer')", 1, 'OutOf(3, ...) has only 2 rules and can never be satisfied'],
    ["AND('A.peer', OutOf(0, 'B.peer'))", 15, 'OutOf(0, ...) is satisfied without any signature'],
    ["OR 'A.peer'", 4, "expected '(' after OR but found 'A.peer'"],
    ["AND('A.peer', OR('B.peer'; 'C.peer'))", 26, "unexpected character ';'"],
    ["AND('A.peer' && 'B.peer')", 14, "unexpected character '&'"],
    ["AND('A.peer', 5)", 15, "expected a principal or a gate but found '5'"],
    [`${'OR('.repeat(70)}'A.peer'${')'.repeat(70)}`, 193, 'gates are nested more than 64 deep'],
];

describe('malformed policies', () => {
    it.each(malformed)('%j fails at column %i', (source, column, problem) => {
        let caught: unknown;
        try {
            parseSignaturePolicy(source);
        } catch (error) {
            caught = error;
        }
        expect(caught).toBeInstanceOf(PolicySyntaxError);
        const error = caught as PolicySyntaxError;
        expect(error.code).toBe('POLICY_SYNTAX');
        expect(error.column).toBe(column);
        expect(error.message).toBe(`policy syntax error at column ${column}: ${problem}`);
        expect(error.hint).toBeTruthy();
        // The caret line points at the column under the echoed source.
        expect(error.details[1]?.indexOf('^')).toBe(2 + column - 1);
    });
});
