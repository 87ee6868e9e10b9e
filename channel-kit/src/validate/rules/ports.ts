// SPDX-License-Identifier: Apache-2.0
//
// Rules on the port plan.
import type { PathSegment } from '../../parse/parseEcosystem.js';
import type { RuleRun } from './run.js';

export function checkPorts(run: RuleRun): void {
    const used = new Map<number, { readonly what: string; readonly path: readonly PathSegment[] }>();
    const claim = (port: number | undefined, what: string, path: readonly PathSegment[]): void => {
        if (port === undefined) return;
        const previous = used.get(port);
        if (previous !== undefined) {
            const at = run.parsed.locate(previous.path);
            run.report(
                'port-clash',
                path,
                `port ${port} of ${what} is already the port of ${previous.what} (line ${at.line})`,
                'give every process its own port on 127.0.0.1; remove a fixed port to have one assigned',
            );
        } else {
            used.set(port, { what, path });
        }
    };
    run.input.organizations.forEach((org, i) => {
        claim(org.ca?.port, `the CA server of '${org.name}'`, ['organizations', i, 'ca', 'port']);
    });
    (run.input.importedOrganizations ?? []).forEach((org, i) => {
        for (const kind of ['orderers', 'peers'] as const) {
            (org[kind] ?? []).forEach((node, j) => {
                claim(node.port, `'${node.name}'`, ['importedOrganizations', i, kind, j, 'port']);
            });
        }
    });
}
