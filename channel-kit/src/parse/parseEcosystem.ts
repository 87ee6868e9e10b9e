// SPDX-License-Identifier: Apache-2.0
//
// Stage 1: YAML text → plain value, keeping the document so that every later problem can be
// placed at a line and column. Hostile input is refused before or while parsing, quickly: files
// over the size limit, nesting deeper than the depth limit, alias expansion beyond the alias
// limit, duplicate keys, unknown tags, more than one document.
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments } from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';

import { EcosystemInvalidError } from '../errors.js';
import type { Problem } from '../validate/problems.js';
import { sortProblems } from '../validate/problems.js';
import { findExcessiveNesting } from './prescan.js';

/** One step of a path into the document: a mapping key or a sequence index. */
export type PathSegment = string | number;

/** A 1-based position. */
export interface Position {
    readonly line: number;
    readonly column: number;
}

/** Limits that keep parsing fast on hostile files. */
export interface ParseLimits {
    /** Largest accepted file, in bytes. */
    readonly maxBytes: number;
    /** Deepest accepted nesting of collections. */
    readonly maxDepth: number;
    /** Most alias expansions accepted when the document is turned into a value. */
    readonly maxAliasCount: number;
}

export const defaultParseLimits: ParseLimits = { maxBytes: 1024 * 1024, maxDepth: 32, maxAliasCount: 100 };

/** A parsed ecosystem file: its value and a way back from a path to a position. */
export interface ParsedEcosystem {
    /** The file name as shown in messages. */
    readonly file: string;
    readonly value: unknown;
    /**
     * Position of the node at `path`: its key when `at` is `key` and the last segment is a mapping
     * key, its value otherwise. A path that does not exist resolves to its deepest existing parent.
     */
    locate(path: readonly PathSegment[], at?: 'key' | 'value'): Position;
}

function problem(file: string, position: Position, rule: string, message: string, fix: string): Problem {
    return { severity: 'error', rule, file, line: position.line, column: position.column, message, fix };
}

/** The first line of a yaml library message, without its " at line x, column y" suffix. */
function yamlMessage(message: string): string {
    const first = message.split('\n')[0] ?? message;
    return first.replace(/ at line \d+, column \d+:?$/, '');
}

/**
 * Parses ecosystem YAML text. Throws an {@link EcosystemInvalidError} listing every syntax problem
 * (each with line and column) when the text is not one well-formed, acceptable YAML document.
 */
export function parseEcosystem(
    text: string,
    file: string,
    limits: Readonly<ParseLimits> = defaultParseLimits,
): ParsedEcosystem {
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > limits.maxBytes) {
        throw new EcosystemInvalidError(file, [
            problem(
                file,
                { line: 1, column: 1 },
                'file-too-large',
                `the file is ${bytes} bytes, over the limit of ${limits.maxBytes}`,
                'split the ecosystem or remove what is not needed',
            ),
        ]);
    }
    const deep = findExcessiveNesting(text, limits.maxDepth);
    if (deep !== undefined) {
        throw new EcosystemInvalidError(file, [
            problem(
                file,
                deep,
                'nesting-too-deep',
                `collections are nested ${deep.depth} deep here, over the limit of ${limits.maxDepth}`,
                'flatten the structure; an ecosystem file never needs this depth',
            ),
        ]);
    }
    const lineCounter = new LineCounter();
    const documents = parseAllDocuments(text, {
        lineCounter,
        prettyErrors: false,
        uniqueKeys: true,
        strict: true,
        version: '1.2',
        merge: false,
    });
    const at = (offset: number): Position => {
        const { line, col } = lineCounter.linePos(offset);
        return { line, column: col };
    };
    if (!Array.isArray(documents) || documents.length === 0) {
        // An empty stream parses to an EmptyStream.
        throw new EcosystemInvalidError(file, [
            problem(file, { line: 1, column: 1 }, 'yaml-syntax', 'the file is empty', 'describe the ecosystem in it'),
        ]);
    }
    const problems: Problem[] = [];
    const first = documents[0];
    if (first !== undefined) {
        for (const issue of [...first.errors, ...first.warnings]) {
            const rule = issue.code === 'DUPLICATE_KEY' ? 'duplicate-key' : 'yaml-syntax';
            const fix =
                issue.code === 'DUPLICATE_KEY'
                    ? 'keep one of the keys: YAML mappings may not repeat a key'
                    : issue.code === 'TAG_RESOLVE_FAILED'
                      ? 'remove the tag: ecosystem files use plain YAML values'
                      : 'correct the YAML syntax';
            const message =
                issue.code === 'DUPLICATE_KEY'
                    ? `key '${(/^[^:\n]*/.exec(text.slice(issue.pos[0]))?.[0] ?? '').trim()}' appears twice in the same mapping`
                    : yamlMessage(issue.message);
            problems.push(problem(file, at(issue.pos[0]), rule, message, fix));
        }
    }
    const second = documents[1];
    if (second !== undefined) {
        problems.push(
            problem(
                file,
                at(second.range[0]),
                'yaml-syntax',
                `the file holds ${documents.length} YAML documents`,
                'keep one document: remove the --- separator and what follows it',
            ),
        );
    }
    const document = documents[0];
    if (problems.length > 0 || document === undefined) throw new EcosystemInvalidError(file, sortProblems(problems));
    let value: unknown;
    try {
        value = document.toJS({ maxAliasCount: limits.maxAliasCount });
    } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const aliasPosition = firstAlias(document);
        throw new EcosystemInvalidError(file, [
            problem(
                file,
                aliasPosition === undefined ? { line: 1, column: 1 } : at(aliasPosition),
                'alias-limit',
                /alias/i.test(message)
                    ? `aliases expand to more than ${limits.maxAliasCount} nodes (${message})`
                    : message,
                'write the values out instead of repeating aliases',
            ),
        ]);
    }
    return {
        file,
        value,
        locate: (path, target = 'value') => at(locateOffset(document, path, target)),
    };
}

function firstAlias(document: Document): number | undefined {
    let found: number | undefined;
    const visit = (node: unknown): void => {
        if (found !== undefined) return;
        if (isAlias(node)) {
            found = node.range?.[0];
        } else if (isMap(node) || isSeq(node)) {
            for (const item of node.items) visit(item);
        } else if (isPair(node)) {
            visit(node.key);
            visit(node.value);
        }
    };
    visit(document.contents);
    return found;
}

function locateOffset(document: Document, path: readonly PathSegment[], target: 'key' | 'value'): number {
    let node: unknown = document.contents;
    let offset = (node as YamlNode | null)?.range?.[0] ?? 0;
    for (let i = 0; i < path.length; i++) {
        if (isAlias(node)) node = node.resolve(document);
        const segment = path[i];
        let next: unknown;
        if (isMap(node)) {
            const pair = node.items.find((item) => isScalar(item.key) && item.key.value === segment);
            if (pair === undefined) return offset;
            if (i === path.length - 1 && target === 'key') {
                return (pair.key as YamlNode).range?.[0] ?? offset;
            }
            next = pair.value;
            if (next === null) return (pair.key as YamlNode).range?.[0] ?? offset;
        } else if (isSeq(node) && typeof segment === 'number') {
            next = node.items[segment];
        }
        const range = (next as YamlNode | undefined | null)?.range;
        if (range === undefined || range === null) return offset;
        offset = range[0];
        node = next;
    }
    return offset;
}
