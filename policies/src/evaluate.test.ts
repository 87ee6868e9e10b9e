// SPDX-License-Identifier: Apache-2.0
import { catchError } from '@productivist/common';

import type { NodeRole, PolicyGroup, SigningIdentity } from './evaluate.js';
import { evaluatePolicy, evaluatePolicyPath, evaluateSignaturePolicy, implicitMetaThreshold } from './evaluate.js';
import type { ImplicitMetaRule } from './model.js';
import { implicitMeta } from './model.js';
import { parseSignaturePolicy } from './signatureSyntax.js';

function who(spec: string): SigningIdentity {
    // 'A.peer#p0' -> identity p0, a peer of MSP A
    const [principal = '', id] = spec.split('#');
    const dot = principal.lastIndexOf('.');
    return { mspId: principal.slice(0, dot), role: principal.slice(dot + 1) as NodeRole, id: id ?? principal };
}

const check = (policy: string, signers: readonly string[]): boolean =>
    evaluateSignaturePolicy(parseSignaturePolicy(policy), signers.map(who));

describe('signature policy evaluation', () => {
    // [policy, signers in signing order, satisfied]
    const cases: readonly (readonly [string, readonly string[], boolean])[] = [
        // identity reuse: one identity counts once, however many rules it could satisfy
        ["AND('A.peer', 'A.peer')", ['A.peer#p0'], false],
        ["AND('A.peer', 'A.peer')", ['A.peer#p0', 'A.peer#p0'], false],
        ["AND('A.peer', 'A.peer')", ['A.peer#p0', 'A.peer#p1'], true],
        ["AND('A.member', 'A.peer')", ['A.peer#p0'], false],
        ["AND('A.member', 'A.peer')", ['A.client#c0', 'A.peer#p0'], true],
        ["OutOf(2, 'A.peer', 'A.peer', 'B.peer')", ['A.peer#p0', 'B.peer#p0'], true],
        ["OutOf(2, 'A.peer', 'A.peer', 'B.peer')", ['A.peer#p0'], false],
        // greedy, in signing order, exactly as Fabric: 'A.member' takes the peer first, leaving no peer
        ["AND('A.member', 'A.peer')", ['A.peer#p0', 'A.client#c0'], false],
        ["AND('A.peer', 'A.member')", ['A.peer#p0', 'A.client#c0'], true],
        // roles by NodeOU
        ["OR('A.member')", ['A.admin'], true],
        ["OR('A.member')", ['A.client'], true],
        ["OR('A.member')", ['A.peer'], true],
        ["OR('A.member')", ['A.orderer'], true],
        ["OR('A.admin')", ['A.admin'], true],
        ["OR('A.admin')", ['A.client'], false],
        ["OR('A.admin')", ['A.peer'], false],
        ["OR('A.client')", ['A.admin'], false],
        ["OR('A.client')", ['A.client'], true],
        ["OR('A.peer')", ['A.admin'], false],
        ["OR('A.peer')", ['A.client'], false],
        ["OR('A.peer')", ['A.peer'], true],
        ["OR('A.orderer')", ['A.peer'], false],
        ["OR('A.orderer')", ['A.orderer'], true],
        // MSP must match
        ["OR('A.member')", ['B.admin'], false],
        ["OR('A.peer', 'B.peer')", ['B.peer'], true],
        // n-out-of, nested
        ["OutOf(2, 'A.peer', 'B.peer', 'C.peer')", ['A.peer', 'C.peer'], true],
        ["OutOf(2, 'A.peer', 'B.peer', 'C.peer')", ['C.peer'], false],
        ["OutOf(2, 'A.peer', 'B.peer', 'C.peer')", [], false],
        ["AND('A.peer', OR('B.peer', 'C.peer'))", ['A.peer', 'C.peer'], true],
        ["AND('A.peer', OR('B.peer', 'C.peer'))", ['B.peer', 'C.peer'], false],
        ["OR(AND('A.peer', 'B.peer'), AND('C.peer', 'D.peer'))", ['C.peer', 'D.peer'], true],
        ["OR(AND('A.peer', 'B.peer'), AND('C.peer', 'D.peer'))", ['A.peer', 'D.peer'], false],
        // a failed sub-rule gives back the identities it tried
        ["OutOf(1, AND('A.peer', 'B.peer'), 'A.peer')", ['A.peer'], true],
        // a satisfied sub-rule keeps its identities: the second AND cannot use A's peer again
        ["AND(OR('A.peer', 'B.peer'), OR('A.peer', 'C.peer'))", ['A.peer'], false],
        ["AND(OR('A.peer', 'B.peer'), OR('A.peer', 'C.peer'))", ['A.peer', 'C.peer'], true],
    ];

    it.each(cases)('%s signed by %j -> %s', (policy, signers, expected) => {
        expect(check(policy, signers)).toBe(expected);
    });
});

const absolute = "write an absolute path such as '/Channel/Application/Endorsement'";

function channel(orgs: readonly string[], endorsement?: ImplicitMetaRule): PolicyGroup {
    const groups: Record<string, PolicyGroup> = {};
    for (const org of orgs) {
        groups[org] = {
            policies: {
                Endorsement: parseSignaturePolicy(`OR('${org}.peer')`),
                Admins: parseSignaturePolicy(`OR('${org}.admin')`),
            },
            groups: {},
        };
    }
    return {
        policies: { Admins: implicitMeta('MAJORITY', 'Admins') },
        groups: {
            Application: {
                policies: { Endorsement: implicitMeta(endorsement ?? 'MAJORITY', 'Endorsement') },
                groups,
            },
        },
    };
}

describe('implicit-meta evaluation', () => {
    it.each([
        ['ANY', 0, 0],
        ['ANY', 4, 1],
        ['ALL', 3, 3],
        ['MAJORITY', 1, 1],
        ['MAJORITY', 2, 2],
        ['MAJORITY', 3, 2],
        ['MAJORITY', 4, 3],
        ['MAJORITY', 5, 3],
    ] as const)('%s of %i orgs needs %i', (rule, count, needed) => {
        expect(implicitMetaThreshold(rule, count)).toBe(needed);
    });

    // MAJORITY Endorsement over 1..4 orgs, with k of them signing
    const table = [1, 2, 3, 4].flatMap((orgCount) =>
        Array.from(
            { length: orgCount + 1 },
            (_, signing) => [orgCount, signing, signing >= Math.floor(orgCount / 2) + 1] as const,
        ),
    );
    it.each(table)('MAJORITY Endorsement of %i orgs with %i signing -> %s', (orgCount, signing, expected) => {
        const orgs = ['Org1', 'Org2', 'Org3', 'Org4'].slice(0, orgCount);
        const signers = orgs.slice(0, signing).map((org) => who(`${org}.peer`));
        expect(evaluatePolicyPath(channel(orgs), '/Channel/Application/Endorsement', signers)).toBe(expected);
    });

    it('ANY and ALL over three orgs', () => {
        const orgs = ['Org1', 'Org2', 'Org3'];
        const one = [who('Org2.peer')];
        const all = orgs.map((org) => who(`${org}.peer`));
        expect(evaluatePolicyPath(channel(orgs, 'ANY'), '/Channel/Application/Endorsement', one)).toBe(true);
        expect(evaluatePolicyPath(channel(orgs, 'ALL'), '/Channel/Application/Endorsement', one)).toBe(false);
        expect(evaluatePolicyPath(channel(orgs, 'ALL'), '/Channel/Application/Endorsement', all)).toBe(true);
    });

    it('evaluates each sub-policy on the whole signature set', () => {
        // One admin signature satisfies Org1's Admins and nothing else.
        const root = channel(['Org1', 'Org2']);
        expect(evaluatePolicyPath(root, '/Channel/Application/Endorsement', [who('Org1.admin')])).toBe(false);
    });

    it('skips child groups that lack the sub-policy', () => {
        const root = channel(['Org1', 'Org2', 'Org3']);
        const application = root.groups['Application']!;
        const withoutOrg3: PolicyGroup = {
            ...application,
            groups: { ...application.groups, Org3: { policies: {}, groups: {} } },
        };
        // Only Org1 and Org2 count: MAJORITY of 2 needs 2.
        expect(evaluatePolicy(implicitMeta('MAJORITY', 'Endorsement'), [who('Org1.peer')], withoutOrg3)).toBe(false);
        expect(
            evaluatePolicy(implicitMeta('MAJORITY', 'Endorsement'), [who('Org1.peer'), who('Org2.peer')], withoutOrg3),
        ).toBe(true);
    });

    it('is satisfied when no child has the sub-policy, as in Fabric', () => {
        expect(evaluatePolicy(implicitMeta('ALL', 'Endorsement'), [], { policies: {}, groups: {} })).toBe(true);
    });

    it('resolves nested implicit-meta policies (channel Admins over Application Admins over orgs)', () => {
        const root = channel(['Org1', 'Org2', 'Org3']);
        const application = root.groups['Application']!;
        const withAdmins: PolicyGroup = {
            ...root,
            groups: {
                Application: {
                    ...application,
                    policies: { ...application.policies, Admins: implicitMeta('MAJORITY', 'Admins') },
                },
            },
        };
        expect(evaluatePolicyPath(withAdmins, '/Channel/Admins', [who('Org1.admin')])).toBe(false);
        expect(evaluatePolicyPath(withAdmins, '/Channel/Admins', [who('Org1.admin'), who('Org3.admin')])).toBe(true);
        expect(evaluatePolicyPath(withAdmins, '/Channel/Admins', [who('Org1.peer'), who('Org3.peer')])).toBe(false);
    });

    it('needs the config group for an implicit-meta policy', () => {
        expect(catchError(() => evaluatePolicy(implicitMeta('ANY', 'Endorsement'), []))).toMatchObject({
            name: 'PolicyError',
            message: "implicit-meta policy 'ANY Endorsement' needs the config group it belongs to",
            code: 'POLICY_CONTEXT',
            hint: 'pass the PolicyGroup whose child groups hold the sub-policies',
        });
    });

    it.each([
        [
            '/Application/Endorsement',
            "policy path '/Application/Endorsement' does not start with /Channel/",
            2,
            absolute,
        ],
        ['/Channel', "policy path '/Channel' does not start with /Channel/", 2, absolute],
        [
            '/Channel/Orderer/Endorsement',
            "policy path '/Channel/Orderer/Endorsement' names group 'Orderer', which does not exist",
            3,
            'existing groups there: Application',
        ],
        [
            '/Channel/Application/Org3/Endorsement',
            "policy path '/Channel/Application/Org3/Endorsement' names group 'Org3', which does not exist",
            3,
            'existing groups there: Org1, Org2',
        ],
        [
            '/Channel/Application/Org1/Peers/Endorsement',
            "policy path '/Channel/Application/Org1/Peers/Endorsement' names group 'Peers', which does not exist",
            3,
            'existing groups there: none',
        ],
        [
            '/Channel/Application/Org1/Readers',
            "policy path '/Channel/Application/Org1/Readers' names policy 'Readers', which does not exist",
            3,
            'existing policies there: Admins, Endorsement',
        ],
    ])('refuses the path %s, naming what exists there', (path, message, exitCode, hint) => {
        // Org2 before Org1 and Endorsement before Admins: the hints list names sorted
        expect(catchError(() => evaluatePolicyPath(channel(['Org2', 'Org1']), path, []))).toMatchObject({
            name: 'PolicyError',
            message,
            code: 'POLICY_PATH',
            exitCode,
            hint,
        });
    });

    it('names no policy where a group has none', () => {
        const bare: PolicyGroup = { policies: {}, groups: {} };
        expect(catchError(() => evaluatePolicyPath(bare, '/Channel/Admins', []))).toMatchObject({
            message: "policy path '/Channel/Admins' names policy 'Admins', which does not exist",
            hint: 'existing policies there: none',
        });
    });
});
