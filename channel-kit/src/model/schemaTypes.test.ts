// SPDX-License-Identifier: Apache-2.0
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { SchemaNode } from './schemaTypes.js';
import { generateInputTypes, generateSchemaDocs, loadSchema, resolveRef } from './schemaTypes.js';

const generatedTypes = join(__dirname, 'input.generated.ts');
const generatedDocs = join(__dirname, '..', '..', 'schema', 'ECOSYSTEM.md');
const update = process.env['UPDATE_GOLDEN'] === '1';

describe('ecosystem schema, types and docs', () => {
    const schema = loadSchema();

    it.each([
        ['model/input.generated.ts', generatedTypes, generateInputTypes],
        ['schema/ECOSYSTEM.md', generatedDocs, generateSchemaDocs],
    ])('%s is what the schema generates (UPDATE_GOLDEN=1 regenerates it)', (_name, file, generate) => {
        const expected = generate(schema);
        if (update) writeFileSync(file, expected);
        expect(readFileSync(file, 'utf8')).toBe(expected);
    });

    it('describes every property and rejects unknown keys in every object', () => {
        const undescribed: string[] = [];
        const open: string[] = [];
        const visit = (node: SchemaNode, path: string): void => {
            const target = resolveRef(schema, node);
            if (target.type === 'object' && target.properties !== undefined && node.$ref === undefined) {
                if (target.additionalProperties !== false) open.push(path);
                for (const [key, property] of Object.entries(target.properties)) {
                    if ((property.description ?? resolveRef(schema, property).description) === undefined) {
                        undescribed.push(`${path}.${key}`);
                    }
                    visit(property, `${path}.${key}`);
                }
            }
            if (target.type === 'array' && target.items !== undefined) visit(target.items, `${path}[]`);
        };
        visit(schema, '$');
        for (const [name, definition] of Object.entries(schema.definitions ?? {})) visit(definition, `#${name}`);
        expect(undescribed).toEqual([]);
        expect(open).toEqual([]);
    });

    it('generates readonly optional and required members from the schema', () => {
        const text = generateInputTypes({
            description: 'd',
            type: 'object',
            required: ['a'],
            properties: {
                a: { type: 'string', description: 'first' },
                b: { type: 'array', items: { enum: ['x', 'y'] }, description: 'second' },
            },
        });
        expect(text).toContain(
            "export interface EcosystemInput {\n    /** first */\n    readonly a: string;\n    /** second */\n    readonly b?: readonly ('x' | 'y')[];\n}",
        );
    });
});
