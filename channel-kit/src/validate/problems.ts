// SPDX-License-Identifier: Apache-2.0

/** How bad a problem is: an error stops generation, a warning does not. */
export type Severity = 'error' | 'warning';

/** One problem of an ecosystem file, at a 1-based line and column. */
export interface Problem {
    readonly severity: Severity;
    /** Name of the rule that found it, e.g. `channel-member-unknown`. */
    readonly rule: string;
    readonly file: string;
    readonly line: number;
    readonly column: number;
    /** What is wrong, naming the offending value. */
    readonly message: string;
    /** How to fix it. */
    readonly fix: string;
}

/** `file:line:column: error [rule] message; fix`. */
export function formatProblem(problem: Problem): string {
    return `${problem.file}:${problem.line}:${problem.column}: ${problem.severity} [${problem.rule}] ${problem.message}; ${problem.fix}`;
}

/** Problems in file order (line, column), errors before warnings at the same place, then by rule. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
    return [...problems].sort(
        (a, b) =>
            a.line - b.line ||
            a.column - b.column ||
            (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
            compareText(a.rule, b.rule) ||
            compareText(a.message, b.message),
    );
}

/** Code-point order, the same on every machine (no locale). */
export function compareText(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}
