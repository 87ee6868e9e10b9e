// SPDX-License-Identifier: Apache-2.0
//
// The JSON Schema of the ecosystem file is the single source of truth: this module derives the
// TypeScript input types (model/input.generated.ts) and the reference documentation
// (schema/ECOSYSTEM.md) from it. A test regenerates both and fails when the checked-in copies
// differ, so the schema, the types and the docs cannot drift.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The subset of JSON Schema the ecosystem schema uses. */
export interface SchemaNode {
    readonly $id?: string;
    readonly $ref?: string;
    readonly type?: string | readonly string[];
    readonly description?: string;
    readonly title?: string;
    readonly properties?: Readonly<Record<string, SchemaNode>>;
    readonly required?: readonly string[];
    readonly additionalProperties?: boolean | SchemaNode;
    readonly items?: SchemaNode;
    readonly enum?: readonly (string | number)[];
    readonly const?: string | number;
    readonly pattern?: string;
    readonly minimum?: number;
    readonly maximum?: number;
    readonly minItems?: number;
    readonly uniqueItems?: boolean;
    readonly tsType?: string;
    readonly definitions?: Readonly<Record<string, SchemaNode>>;
}

/** Path of the schema file. */
export const schemaFile: string = join(__dirname, '..', '..', 'schema', 'ecosystem.schema.json');

/** The ecosystem schema, parsed. */
export function loadSchema(): SchemaNode {
    return JSON.parse(readFileSync(schemaFile, 'utf8')) as SchemaNode;
}

function pascal(name: string): string {
    return name.charAt(0).toUpperCase() + name.slice(1);
}

function refName(ref: string): string {
    const name = /^#\/definitions\/(.+)$/.exec(ref)?.[1];
    if (name === undefined) throw new Error(`unsupported $ref ${ref}`);
    return name;
}

/** Resolves a $ref of the schema's own definitions. */
export function resolveRef(schema: SchemaNode, node: SchemaNode): SchemaNode {
    if (node.$ref === undefined) return node;
    const target = schema.definitions?.[refName(node.$ref)];
    if (target === undefined) throw new Error(`unresolved $ref ${node.$ref}`);
    return target;
}

function isObjectType(node: SchemaNode): boolean {
    return node.type === 'object' && node.properties !== undefined;
}

function literal(value: string | number): string {
    return typeof value === 'number' ? String(value) : `'${value}'`;
}

/** The TypeScript type of a schema node; `indent` is the indentation of the line it starts on. */
function tsType(schema: SchemaNode, node: SchemaNode, indent: string): string {
    if (node.tsType !== undefined) return node.tsType;
    if (node.$ref !== undefined) {
        const name = refName(node.$ref);
        const target = resolveRef(schema, node);
        return isObjectType(target) ? `${pascal(name)}Input` : tsType(schema, target, indent);
    }
    if (node.const !== undefined) return literal(node.const);
    if (node.enum !== undefined) return node.enum.map(literal).join(' | ');
    if (node.type === 'array') {
        const item = tsType(schema, node.items ?? {}, indent);
        return item.includes(' | ') ? `readonly (${item})[]` : `readonly ${item}[]`;
    }
    if (node.type === 'object') {
        if (node.properties !== undefined) return objectBody(schema, node, indent);
        if (typeof node.additionalProperties === 'object') {
            return `Readonly<Record<string, ${tsType(schema, node.additionalProperties, indent)}>>`;
        }
        return 'Readonly<Record<string, unknown>>';
    }
    if (node.type === 'integer' || node.type === 'number') return 'number';
    if (node.type === 'string') return 'string';
    if (node.type === 'boolean') return 'boolean';
    throw new Error(`cannot derive a TypeScript type for ${JSON.stringify(node)}`);
}

function describe(schema: SchemaNode, node: SchemaNode): string | undefined {
    return node.description ?? (node.$ref === undefined ? undefined : resolveRef(schema, node).description);
}

function objectBody(schema: SchemaNode, node: SchemaNode, indent: string): string {
    const inner = `${indent}    `;
    const required = new Set(node.required ?? []);
    const lines = ['{'];
    for (const [key, property] of Object.entries(node.properties ?? {})) {
        const description = describe(schema, property);
        if (description !== undefined) lines.push(`${inner}/** ${description.replace(/\*\//g, '*\\/')} */`);
        const name = /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : `'${key}'`;
        lines.push(`${inner}readonly ${name}${required.has(key) ? '' : '?'}: ${tsType(schema, property, inner)};`);
    }
    lines.push(`${indent}}`);
    return lines.join('\n');
}

/** The contents of model/input.generated.ts. */
export function generateInputTypes(schema: SchemaNode): string {
    const out = [
        '// SPDX-License-Identifier: Apache-2.0',
        '//',
        '// Generated from channel-kit/schema/ecosystem.schema.json by model/schemaTypes.ts; do not edit.',
        '// Regenerate with: UPDATE_GOLDEN=1 npx jest channel-kit/src/model/schemaTypes',
        "import type { FriendlyPolicy } from '@productivist/policies';",
        '',
        `/** ${schema.description ?? ''} */`,
        `export interface EcosystemInput ${objectBody(schema, schema, '')}`,
    ];
    for (const [name, definition] of Object.entries(schema.definitions ?? {})) {
        if (!isObjectType(definition)) continue;
        out.push('', `/** ${definition.description ?? ''} */`);
        out.push(`export interface ${pascal(name)}Input ${objectBody(schema, definition, '')}`);
    }
    return `${out.join('\n')}\n`;
}

function constraints(schema: SchemaNode, node: SchemaNode): string {
    const target = resolveRef(schema, node);
    const parts: string[] = [];
    if (target.const !== undefined) parts.push(`always ${literal(target.const)}`);
    if (target.enum !== undefined) parts.push(`one of ${target.enum.map((value) => `\`${value}\``).join(', ')}`);
    if (target.pattern !== undefined) parts.push(`matching \`${target.pattern}\``);
    if (target.minimum !== undefined) parts.push(`at least ${target.minimum}`);
    if (target.maximum !== undefined) parts.push(`at most ${target.maximum}`);
    if (target.minItems !== undefined) parts.push(`at least ${target.minItems} item(s)`);
    if (target.uniqueItems === true) parts.push('no repeats');
    return parts.join(', ');
}

function docType(schema: SchemaNode, node: SchemaNode): string {
    if (node.$ref !== undefined) {
        const target = resolveRef(schema, node);
        return isObjectType(target)
            ? `[${refName(node.$ref)}](#${refName(node.$ref).toLowerCase()})`
            : docType(schema, target);
    }
    if (node.tsType !== undefined) return 'policy';
    if (node.type === 'array') return `list of ${docType(schema, node.items ?? {})}`;
    if (Array.isArray(node.type)) return node.type.join(' or ');
    if (node.type === 'object' && node.properties !== undefined) return 'mapping (below)';
    if (node.type === 'object') return 'mapping of strings';
    return typeof node.type === 'string' ? node.type : 'value';
}

function docProperties(schema: SchemaNode, node: SchemaNode, prefix: string, lines: string[]): void {
    const required = new Set(node.required ?? []);
    for (const [key, property] of Object.entries(node.properties ?? {})) {
        const extra = constraints(schema, property);
        const flags = [docType(schema, property), required.has(key) ? 'required' : 'optional', extra]
            .filter((part) => part !== '')
            .join(', ');
        lines.push(`${prefix}- \`${key}\` (${flags}): ${describe(schema, property) ?? ''}`);
        const target = property.type === 'array' ? (property.items ?? {}) : property;
        if (target.$ref === undefined && target.type === 'object' && target.properties !== undefined) {
            docProperties(schema, target, `${prefix}    `, lines);
        }
    }
}

/** The contents of schema/ECOSYSTEM.md. */
export function generateSchemaDocs(schema: SchemaNode): string {
    const lines = [
        '# Ecosystem file reference',
        '',
        '<!-- Generated from ecosystem.schema.json by channel-kit/src/model/schemaTypes.ts; do not edit. -->',
        '',
        schema.description ?? '',
        '',
        'Start a file with `# yaml-language-server: $schema=<path to>/ecosystem.schema.json` for completion in editors.',
        '',
        '## ecosystem (top level)',
        '',
    ];
    docProperties(schema, schema, '', lines);
    for (const [name, definition] of Object.entries(schema.definitions ?? {})) {
        if (!isObjectType(definition)) continue;
        lines.push('', `## ${name}`, '', definition.description ?? '', '');
        docProperties(schema, definition, '', lines);
    }
    return `${lines.join('\n')}\n`;
}
