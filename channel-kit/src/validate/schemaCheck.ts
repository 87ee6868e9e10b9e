// SPDX-License-Identifier: Apache-2.0
//
// Stage 2a: the JSON Schema, compiled once by ajv; every schema error becomes a Problem at the
// line and column of the offending node, naming the value and the fix.
import { Ajv } from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';

import type { ParsedEcosystem, PathSegment } from '../parse/parseEcosystem.js';
import type { SchemaNode } from '../model/schemaTypes.js';
import { loadSchema } from '../model/schemaTypes.js';
import type { Problem } from './problems.js';
import { describeValue, displayPath, suggest } from './text.js';

let compiled: { ajv: Ajv; root: ValidateFunction } | undefined;

function compiledSchema(): { ajv: Ajv; root: ValidateFunction } {
    if (compiled === undefined) {
        const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true });
        ajv.addKeyword({ keyword: 'tsType', schemaType: 'string' });
        compiled = { ajv, root: ajv.compile(loadSchema()) };
    }
    return compiled;
}

/** The compiled schema validator (compiled on first use, then reused). */
export function schemaValidator(): ValidateFunction {
    return compiledSchema().root;
}

/** The validator of one definition of the schema (`organization`, `importedOrganization`). */
export function definitionValidator(name: string): ValidateFunction {
    const { ajv } = compiledSchema();
    const id = loadSchemaCached().$id ?? '';
    const validate = ajv.getSchema(`${id}#/definitions/${name}`);
    if (validate === undefined) throw new Error(`the ecosystem schema has no definition '${name}'`);
    return validate;
}

function pointerToPath(pointer: string): PathSegment[] {
    if (pointer === '') return [];
    return pointer
        .slice(1)
        .split('/')
        .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
        .map((part) => (/^(0|[1-9][0-9]*)$/.test(part) ? Number(part) : part));
}

/** What the schema says a value should be, for the fix. */
function expectation(error: ErrorObject): string {
    const description = (error.parentSchema as SchemaNode | undefined)?.description;
    return description === undefined ? '' : ` (${description.replace(/\.$/, '')})`;
}

/** Runs the schema; returns one problem per violation, in no particular order. */
export function checkSchema(parsed: ParsedEcosystem, validate: ValidateFunction = schemaValidator()): Problem[] {
    if (validate(parsed.value)) return [];
    const problems: Problem[] = [];
    for (const error of validate.errors ?? []) {
        const path = pointerToPath(error.instancePath);
        const where = displayPath(path);
        let at: 'key' | 'value' = 'value';
        let locatePath = path;
        let message: string;
        let fix: string;
        const params = error.params as Record<string, unknown>;
        switch (error.keyword) {
            case 'required': {
                const property = String(params['missingProperty']);
                message = `${where} has no '${property}'`;
                fix = `add '${property}'`;
                const schema = error.parentSchema as SchemaNode | undefined;
                const propertySchema = schema?.properties?.[property];
                if (propertySchema?.description !== undefined) fix += `: ${propertySchema.description}`;
                else if (propertySchema?.$ref !== undefined) fix += `: ${describeRef(propertySchema.$ref)}`;
                break;
            }
            case 'additionalProperties': {
                const property = String(params['additionalProperty']);
                const allowed = Object.keys((error.parentSchema as SchemaNode | undefined)?.properties ?? {});
                locatePath = [...path, property];
                at = 'key';
                message = `${where} has an unknown key '${property}'`;
                const guess = suggest(property, allowed);
                fix =
                    guess === undefined
                        ? `remove it; the keys allowed here are ${allowed.join(', ')}`
                        : `did you mean '${guess}'? The keys allowed here are ${allowed.join(', ')}`;
                break;
            }
            case 'type': {
                const expected = Array.isArray(params['type'])
                    ? (params['type'] as string[]).join(' or ')
                    : String(params['type']);
                message = `${where} is ${describeValue(error.data)}, expected ${article(expected)}`;
                fix = `write ${article(expected)}${expectation(error)}`;
                break;
            }
            case 'enum': {
                const allowed = (params['allowedValues'] as unknown[]).map((value) => JSON.stringify(value));
                message = `${where} is ${describeValue(error.data)}, expected one of ${allowed.join(', ')}`;
                const guess =
                    typeof error.data === 'string'
                        ? suggest(error.data, (params['allowedValues'] as unknown[]).map(String))
                        : undefined;
                fix = guess === undefined ? `use one of ${allowed.join(', ')}` : `did you mean '${guess}'?`;
                break;
            }
            case 'const':
                message = `${where} is ${describeValue(error.data)}, expected ${JSON.stringify(params['allowedValue'])}`;
                fix = `write ${JSON.stringify(params['allowedValue'])}`;
                break;
            case 'pattern': {
                if (error.propertyName !== undefined) {
                    locatePath = [...path, error.propertyName];
                    at = 'key';
                    message = `${where} has a key ${JSON.stringify(error.propertyName)} that does not match ${String(params['pattern'])}`;
                } else {
                    message = `${where} is ${describeValue(error.data)}, which does not match ${String(params['pattern'])}`;
                }
                fix = `write a value that matches${expectation(error)}`;
                break;
            }
            case 'propertyNames':
                // Reported by the nested 'pattern' error with the key's position.
                continue;
            case 'minimum':
            case 'maximum':
                message = `${where} is ${describeValue(error.data)}, ${error.keyword === 'minimum' ? 'below the minimum' : 'above the maximum'} ${String(params['limit'])}`;
                fix = `use a number ${error.keyword === 'minimum' ? 'from' : 'up to'} ${String(params['limit'])}${expectation(error)}`;
                break;
            case 'minItems':
                message = `${where} has ${(error.data as unknown[]).length} item(s), at least ${String(params['limit'])} needed`;
                fix = `add at least ${String(params['limit'])}${expectation(error)}`;
                break;
            case 'uniqueItems': {
                const index = Number(params['i']);
                locatePath = [...path, index];
                message = `${where} lists ${describeValue((error.data as unknown[])[index])} twice`;
                fix = 'remove the repeat';
                break;
            }
            case 'maxLength':
            case 'minLength':
                message = `${where} is ${String((error.data as string).length)} characters long, ${error.keyword === 'maxLength' ? 'over the limit' : 'under the minimum'} of ${String(params['limit'])}`;
                fix = error.keyword === 'maxLength' ? 'shorten it' : 'fill it in';
                break;
            default:
                message = `${where} ${error.message ?? 'is invalid'}`;
                fix = `correct it${expectation(error)}`;
        }
        const position = parsed.locate(locatePath, at);
        problems.push({
            severity: 'error',
            rule: `schema-${error.keyword}`,
            file: parsed.file,
            line: position.line,
            column: position.column,
            message,
            fix,
        });
    }
    return problems;
}

function describeRef(ref: string): string {
    const target = loadSchemaCached().definitions?.[ref.replace('#/definitions/', '')];
    return target?.description ?? 'see the schema';
}

let schemaCache: SchemaNode | undefined;
function loadSchemaCached(): SchemaNode {
    schemaCache ??= loadSchema();
    return schemaCache;
}

function article(type: string): string {
    return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
