// SPDX-License-Identifier: Apache-2.0
//
// What every cross-field rule shares: the run that collects problems with their positions, and the
// organizations and channel scopes the rules look up.
import type { ParsedEcosystem, PathSegment } from '../../parse/parseEcosystem.js';
import type { ChannelInput, EcosystemInput } from '../../model/input.generated.js';
import type { Problem, Severity } from '../problems.js';
import { suggest } from '../text.js';

/** MSP id of the Productivist organization, which orders every private channel. */
export const productivistMspId = 'ProductivistMSP';

/** Options of {@link checkRules}. */
export interface RuleOptions {
    /** Folder that relative certificate paths are resolved against (the ecosystem file's). */
    readonly baseDir: string;
    /** State folder of the public network whose bundle `publicNetwork` links to (--public). */
    readonly publicNetwork?: string | undefined;
}

export interface OrgInfo {
    readonly name: string;
    readonly mspId: string;
    readonly kind: 'local' | 'imported';
    readonly path: readonly PathSegment[];
    /** Whether it runs peers this ecosystem can address. */
    readonly hasPeers: boolean;
}

export interface ChannelScope {
    readonly channel: ChannelInput;
    readonly path: readonly PathSegment[];
    /** Member orgs by name (known ones only). */
    readonly members: ReadonlyMap<string, OrgInfo>;
}

export const reservedAttributePrefixes = ['productivist.', 'hf.'];

export class RuleRun {
    readonly problems: Problem[] = [];
    readonly orgs = new Map<string, OrgInfo>();

    constructor(
        readonly parsed: ParsedEcosystem,
        readonly input: EcosystemInput,
        readonly options: Readonly<RuleOptions>,
    ) {}

    report(
        rule: string,
        path: readonly PathSegment[],
        message: string,
        fix: string,
        options: { readonly severity?: Severity; readonly at?: 'key' | 'value' } = {},
    ): void {
        const position = this.parsed.locate(path, options.at ?? 'value');
        this.problems.push({
            severity: options.severity ?? 'error',
            rule,
            file: this.parsed.file,
            line: position.line,
            column: position.column,
            message,
            fix,
        });
    }

    /** `file:line:column` of a node, to point at a second place in a message. */
    where(path: readonly PathSegment[]): string {
        const position = this.parsed.locate(path, 'value');
        return `${this.parsed.file}:${position.line}:${position.column}`;
    }

    unknownOrg(rule: string, path: readonly PathSegment[], name: string, context: string): void {
        const guess = suggest(name, [...this.orgs.keys()]);
        this.report(
            rule,
            path,
            `organization '${name}' ${context} is not defined`,
            guess === undefined
                ? 'define it under organizations or importedOrganizations, or remove it'
                : `did you mean '${guess}'? Otherwise define it under organizations or importedOrganizations`,
        );
    }
}
