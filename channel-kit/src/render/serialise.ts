// SPDX-License-Identifier: Apache-2.0
//
// Data files are serialised from objects, never templated: YAML through the yaml package (no
// anchors, no line folding), JSON with two-space indentation. Both end with one newline.
import { Document } from 'yaml';

/** YAML text of `value`, with `comment` as a leading comment block. */
export function yamlText(value: unknown, comment?: string): string {
    const document = new Document(value, { aliasDuplicateObjects: false });
    if (comment !== undefined)
        document.commentBefore = comment
            .split('\n')
            .map((line) => (line === '' ? '' : ` ${line}`))
            .join('\n');
    return document.toString({ lineWidth: 0, indent: 2, indentSeq: true });
}

/** JSON text of `value`. */
export function jsonText(value: unknown): string {
    return `${JSON.stringify(value, null, 2)}\n`;
}

/** Placeholder the runtime replaces with the absolute path of the generated tree. */
export const rootPlaceholder = '${PRODUCTIVIST_ROOT}';

/** A tree path as a process sees it: under the root placeholder. */
export function rooted(path: string): string {
    return `${rootPlaceholder}/${path}`;
}
