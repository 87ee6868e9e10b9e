// SPDX-License-Identifier: Apache-2.0
//
// `productivist qc ...`: qualitycheck campaigns, results, verdicts and reputation.

import { KitError } from '@productivist/common';
import type { Command } from 'commander';

import { Validator } from '../clients.js';
import { integerArgument, listLimitKind } from './integers.js';
import type { FlowIo } from './shared.js';
import { action, group, hashOf } from './shared.js';

export function registerQualityCommands(program: Command, io: FlowIo): void {
    const qc = group(program, 'qc', 'Quality checks: campaigns, results, verdicts, reputation');
    qc.command('open')
        .argument('<campaignId>')
        .argument('<orderId>')
        .description('Open a test campaign on a produced order')
        .action(action(io, (l, m, id: string, orderId: string) => new Validator(l, m).open(id, orderId)));
    qc.command('result')
        .argument('<campaignId>')
        .argument('<name>')
        .argument('<value>')
        .argument('<unit>')
        .argument('<report>', 'the measurement report file, or its SHA-256')
        .description('Record a measurement')
        .action(
            action(io, (l, m, id: string, name: string, value: string, unit: string, report: string) =>
                new Validator(l, m).record(id, name, value, unit, hashOf(io, report)),
            ),
        );
    qc.command('verdict')
        .argument('<campaignId>')
        .argument('<outcome>', 'pass, refund or rework')
        .argument('<report>', 'the report file, or its SHA-256')
        .description('Give the verdict: pass releases the escrow, refund returns it, rework sends the order back')
        .action(
            action(io, (l, m, id: string, outcome: string, report: string) =>
                new Validator(l, m).verdict(id, outcome as 'pass', hashOf(io, report)),
            ),
        );
    qc.command('reputation')
        .argument('<account>')
        .description('Reputation of an account')
        .action(action(io, (l, m, a: string) => new Validator(l, m).reputation(a)));
    qc.command('ranking')
        .argument('<role>', 'producer or designer')
        .description('Ranking by quality outcomes')
        .option('--limit <n>', 'how many entries to show', integerArgument(listLimitKind), '10')
        .action(
            action(io, (l, m, role: string, o: { limit: string }) => {
                if (role !== 'producer' && role !== 'designer') {
                    throw new KitError(`role '${role}' has no ranking`, {
                        code: 'INVALID_ARGUMENT',
                        exit: 'usage',
                        hint: 'rank producer or designer',
                    });
                }
                return new Validator(l, m).ranking(role, Number(o.limit));
            }),
        );
}
