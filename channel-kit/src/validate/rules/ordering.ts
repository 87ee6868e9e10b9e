// SPDX-License-Identifier: Apache-2.0
//
// Rules on the ordering service: its organization, type and consenters.
import type { PathSegment } from '../../parse/parseEcosystem.js';
import { importedOrg } from './organizations.js';
import type { RuleRun } from './run.js';

export function checkOrdering(run: RuleRun): void {
    const ordering = run.input.ordering;
    const orgInfo = run.orgs.get(ordering.organization);
    if (orgInfo === undefined) {
        run.unknownOrg(
            'ordering-org-unknown',
            ['ordering', 'organization'],
            ordering.organization,
            'that runs the orderers',
        );
        return;
    }
    let count: number;
    if (orgInfo.kind === 'imported') {
        const org = importedOrg(run, ordering.organization);
        const orderers = org?.orderers ?? [];
        if (ordering.nodes !== undefined) {
            run.report(
                'ordering-nodes-imported',
                ['ordering', 'nodes'],
                `ordering.nodes is ${ordering.nodes}, but '${ordering.organization}' is imported: its orderers are the ones it published`,
                `remove ordering.nodes and list the orderers under importedOrganizations '${ordering.organization}'`,
            );
        }
        if (orderers.length === 0) {
            run.report(
                'ordering-no-orderers',
                ['ordering', 'organization'],
                `imported organization '${ordering.organization}' runs the orderers but publishes none`,
                `list its orderers (name, host, port, tlsCert) under importedOrganizations '${ordering.organization}'`,
            );
            return;
        }
        count = orderers.length;
        if (ordering.type === 'bft') {
            orderers.forEach((node, j) => {
                if (node.identityCert === undefined) {
                    run.report(
                        'bft-identity-missing',
                        [...orgInfo.path, 'orderers', j],
                        `orderer '${node.name}' has no identityCert, which a BFT consenter mapping needs`,
                        'add the identityCert (signing certificate) the organization published for it',
                    );
                }
            });
        }
    } else {
        count = ordering.nodes ?? (ordering.type === 'bft' ? 4 : 1);
    }
    const countPath: PathSegment[] =
        ordering.nodes !== undefined && orgInfo.kind === 'local' ? ['ordering', 'nodes'] : ['ordering', 'type'];
    if (ordering.type === 'bft' && count < 4) {
        run.report(
            'bft-too-few-orderers',
            countPath,
            `BFT ordering with ${count} orderer(s) cannot tolerate a faulty node (3f+1 nodes tolerate f)`,
            'run at least 4 orderers, or use raft',
        );
    }
    if (ordering.type === 'raft' && count % 2 === 0) {
        run.report(
            'raft-even-orderers',
            countPath,
            `Raft ordering with ${count} orderers tolerates no more faults than with ${count - 1}`,
            `run an odd number of orderers (${count - 1} or ${count + 1})`,
            { severity: 'warning' },
        );
    }
}
