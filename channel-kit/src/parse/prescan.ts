// SPDX-License-Identifier: Apache-2.0
//
// A linear pre-scan of the raw text, run before the YAML parser: the parser recurses once per
// nesting level and a few thousand '[' exhaust the stack (or the heap), so depth is measured here
// first, in one pass, without building anything.

/** Where the nesting first went too deep, 1-based. */
export interface DepthViolation {
    readonly line: number;
    readonly column: number;
    readonly depth: number;
}

/**
 * Returns the first place where flow collections (`[`, `{`) or block indentation levels (including
 * `- ` sequence markers) nest deeper than `limit`, or undefined. Quoted scalars and comments are
 * skipped; block scalar contents may be over-counted, which only makes the check stricter.
 */
export function findExcessiveNesting(text: string, limit: number): DepthViolation | undefined {
    const indents: number[] = [];
    let flowDepth = 0;
    let line = 1;
    let lineStart = 0;
    let i = 0;
    const n = text.length;
    while (i < n) {
        // At the start of a line: measure block indentation (outside flow collections).
        if (flowDepth === 0) {
            let column = 0;
            while (i < n && text[i] === ' ') {
                i++;
                column++;
            }
            if (i < n && text[i] !== '\n' && text[i] !== '\r' && text[i] !== '#') {
                let level = column;
                // "- - - x" nests one sequence per marker.
                const markers: number[] = [level];
                while (text[i] === '-' && (text[i + 1] === ' ' || text[i + 1] === '\n' || i + 1 === n)) {
                    i += 2;
                    level += 2;
                    while (i < n && text[i] === ' ') {
                        i++;
                        level++;
                    }
                    markers.push(level);
                }
                for (const marker of markers) {
                    while (indents.length > 0 && (indents[indents.length - 1] ?? 0) >= marker) indents.pop();
                    indents.push(marker);
                }
                if (indents.length > limit) return { line, column: column + 1, depth: indents.length };
            }
        }
        // The rest of the line.
        let quote: string | undefined;
        while (i < n && text[i] !== '\n') {
            const c = text[i];
            if (quote !== undefined) {
                if (c === '\\' && quote === '"') i++;
                else if (c === quote) {
                    if (quote === "'" && text[i + 1] === "'") i++;
                    else quote = undefined;
                }
            } else if (c === '"' || c === "'") {
                const before = i === lineStart ? ' ' : text[i - 1];
                if (before === ' ' || before === '[' || before === '{' || before === ',' || before === ':') quote = c;
            } else if (c === '#' && (i === lineStart || text[i - 1] === ' ' || text[i - 1] === '\t')) {
                while (i < n && text[i] !== '\n') i++;
                break;
            } else if (c === '[' || c === '{') {
                flowDepth++;
                if (flowDepth + indents.length > limit) {
                    return { line, column: i - lineStart + 1, depth: flowDepth + indents.length };
                }
            } else if ((c === ']' || c === '}') && flowDepth > 0) {
                flowDepth--;
            }
            i++;
        }
        // Double-quoted scalars may span lines; single-line tracking is enough for depth.
        i++;
        line++;
        lineStart = i;
    }
    return undefined;
}
