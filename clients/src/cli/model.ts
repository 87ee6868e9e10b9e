// SPDX-License-Identifier: Apache-2.0
//
// `productivist model ...`: modelcert registration, certification and acknowledgement.

import type { Command } from 'commander';

import { Modeler } from '../clients.js';
import { integerArgument, printLimitKind, royaltyKind } from './integers.js';
import type { FlowIo } from './shared.js';
import { action, group, hashOf } from './shared.js';

export function registerModelCommands(program: Command, io: FlowIo): void {
    const model = group(program, 'model', 'Models: register, certify, reject, revoke, acknowledge, show');
    model
        .command('register')
        .argument('<modelId>')
        .argument('<title>')
        .argument('<file>', 'the model file (hashed locally; only the hash goes on-chain), or its SHA-256')
        .option('--royalty <bps>', 'designer royalty in basis points', integerArgument(royaltyKind), '1000')
        .option('--limit <prints>', 'print limit (default: unlimited)', integerArgument(printLimitKind))
        .option('--producers <accounts>', 'comma-separated producers allowed (default: any)')
        .option('--previous <modelId>', 'the version this one follows', '')
        .description('Register a model by content hash with licence terms')
        .action(
            action(
                io,
                (
                    l,
                    m,
                    id: string,
                    title: string,
                    file: string,
                    o: { royalty: string; limit?: string; producers?: string; previous: string },
                ) =>
                    new Modeler(l, m).register(
                        id,
                        title,
                        hashOf(io, file),
                        {
                            royaltyBps: Number(o.royalty),
                            printLimit: o.limit === undefined ? null : Number(o.limit),
                            allowedProducers: o.producers === undefined ? null : o.producers.split(','),
                        },
                        o.previous,
                    ),
            ),
        );
    const decisions = { certify: 'Certify', reject: 'Reject', revoke: 'Revoke' } as const;
    for (const decision of ['certify', 'reject', 'revoke'] as const) {
        model
            .command(decision)
            .argument('<modelId>')
            .argument('<report>', 'the expert report file, or its SHA-256')
            .description(`${decision[0]?.toUpperCase() ?? ''}${decision.slice(1)} a model (experts)`)
            .action(
                action(io, (l, m, id: string, report: string) =>
                    new Modeler(l, m).decide(decisions[decision], id, hashOf(io, report)),
                ),
            );
    }
    model
        .command('acknowledge')
        .argument('<modelId>')
        .description('Acknowledge a model (customers)')
        .action(action(io, (l, m, id: string) => new Modeler(l, m).acknowledge(id)));
    model
        .command('show')
        .argument('<modelId>')
        .description('A model and its certification')
        .action(action(io, (l, m, id: string) => new Modeler(l, m).get(id)));
}
