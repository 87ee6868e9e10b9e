// SPDX-License-Identifier: Apache-2.0
import { dirname } from 'node:path';

import { EcosystemInvalidError } from '../errors.js';
import type { EcosystemInput } from '../model/input.generated.js';
import type { ParsedEcosystem, ParseLimits } from '../parse/parseEcosystem.js';
import { defaultParseLimits, parseEcosystem } from '../parse/parseEcosystem.js';
import type { Problem } from './problems.js';
import { sortProblems } from './problems.js';
import { checkRules } from './rules.js';
import { checkSchema } from './schemaCheck.js';

/** The outcome of validating an ecosystem file. */
export interface ValidationReport {
    readonly parsed: ParsedEcosystem;
    /** Every problem, in file order; errors and warnings. */
    readonly problems: readonly Problem[];
    /** The input, when there is no error. */
    readonly input: EcosystemInput | undefined;
}

/** Options of {@link validateEcosystem}. */
export interface ValidateOptions {
    /** Name of the file in messages. */
    readonly file: string;
    /** Folder that certificate paths are relative to; the file's folder by default. */
    readonly baseDir?: string;
    /** State folder of the public network the file's `publicNetwork` links to (--public). */
    readonly publicNetwork?: string | undefined;
    readonly limits?: ParseLimits;
}

/**
 * Parses and validates ecosystem text: the schema first (every violation), then, when the file
 * matches the schema, every cross-field rule. Throws {@link EcosystemInvalidError} only when the
 * text is not acceptable YAML; other problems are returned.
 */
export function validateEcosystem(text: string, options: Readonly<ValidateOptions>): ValidationReport {
    const parsed = parseEcosystem(text, options.file, options.limits ?? defaultParseLimits);
    const schemaProblems = checkSchema(parsed);
    if (schemaProblems.length > 0) return { parsed, problems: sortProblems(schemaProblems), input: undefined };
    const input = parsed.value as EcosystemInput;
    const checked = checkRules(parsed, input, {
        baseDir: options.baseDir ?? dirname(options.file),
        publicNetwork: options.publicNetwork,
    });
    const problems = sortProblems(checked.problems);
    return {
        parsed,
        problems,
        input: problems.some((problem) => problem.severity === 'error') ? undefined : checked.input,
    };
}

/** Like {@link validateEcosystem}, but throws {@link EcosystemInvalidError} on any error. */
export function requireValidEcosystem(
    text: string,
    options: Readonly<ValidateOptions>,
): { readonly input: EcosystemInput; readonly warnings: readonly Problem[] } {
    const report = validateEcosystem(text, options);
    if (report.input === undefined) throw new EcosystemInvalidError(options.file, report.problems);
    return { input: report.input, warnings: report.problems };
}
