// SPDX-License-Identifier: Apache-2.0
//
// Stage 2b: named cross-field rules, run once the file matches the schema. Every rule reports
// through \`report\` with the path of the offending node; nothing stops at the first problem. The
// rules live in rules/, one file per part of the ecosystem they check.
import type { ParsedEcosystem } from '../parse/parseEcosystem.js';
import type { EcosystemInput } from '../model/input.generated.js';
import { linkPublicNetwork } from './publicNetwork.js';
import type { Problem } from './problems.js';
import { checkChannels, checkPublicChannel } from './rules/channels.js';
import { checkOrdering } from './rules/ordering.js';
import { checkImported, checkOrganizations } from './rules/organizations.js';
import { checkPorts } from './rules/ports.js';
import type { RuleOptions } from './rules/run.js';
import { RuleRun } from './rules/run.js';

export { byteSize } from './rules/channels.js';
export { productivistMspId } from './rules/run.js';
export type { RuleOptions } from './rules/run.js';

/**
 * Runs every cross-field rule on a file that already matches the schema, after linking the public
 * network it names (publicNetwork); returns the problems and the input as linked.
 */
export function checkRules(
    parsed: ParsedEcosystem,
    input: EcosystemInput,
    options: Readonly<RuleOptions>,
): { readonly problems: Problem[]; readonly input: EcosystemInput } {
    const link = new RuleRun(parsed, input, options);
    const linked = linkPublicNetwork(link, options.publicNetwork);
    if (linked === undefined) return { problems: link.problems, input };
    const run = new RuleRun(parsed, linked, options);
    checkOrganizations(run);
    checkImported(run);
    checkOrdering(run);
    checkChannels(run);
    checkPublicChannel(run);
    checkPorts(run);
    return { problems: run.problems, input: linked };
}
