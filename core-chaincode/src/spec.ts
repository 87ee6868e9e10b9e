// SPDX-License-Identifier: Apache-2.0
//
// Keeps each contract's SPEC.md true to the code: the documented commands, whether each is an
// invocation or a query, and their arguments must match the contract metadata.

/** The part of fabric-contract-api metadata the check reads. */
export interface ContractMetadata {
    readonly transactions: readonly {
        readonly name: string;
        readonly tag?: readonly string[];
        readonly parameters?: readonly { readonly name: string }[];
    }[];
}

export interface DocumentedCommand {
    readonly name: string;
    readonly kind: 'invocation' | 'query';
    readonly arguments: readonly string[];
}

export const requiredSections = [
    '## Synopsis',
    '## Members and roles',
    '## Database structure',
    '## Chaincode commands',
    '### Invocations',
    '### Queries',
    '## Sequence diagram',
];

/** Reads the command tables of a spec: rows `| \`Name\` | arg, arg | ... |` under Invocations and Queries. */
export function documentedCommands(markdown: string): DocumentedCommand[] {
    const commands: DocumentedCommand[] = [];
    let kind: DocumentedCommand['kind'] | undefined;
    for (const line of markdown.split('\n')) {
        if (line.startsWith('### Invocations')) kind = 'invocation';
        else if (line.startsWith('### Queries')) kind = 'query';
        else if (line.startsWith('## ')) kind = undefined;
        const row = /^\|\s*`([A-Za-z]+)`\s*\|\s*([^|]*?)\s*\|/.exec(line);
        if (row !== null && kind !== undefined) {
            const args = (row[2] ?? '').trim();
            commands.push({
                name: row[1] ?? '',
                kind,
                arguments: args === '—' ? [] : args.split(',').map((arg) => arg.trim().split(/\s+/)[0] ?? ''),
            });
        }
    }
    return commands;
}

/** The commands of a contract as its metadata declares them. */
export function metadataCommands(metadata: ContractMetadata): DocumentedCommand[] {
    return metadata.transactions.map((tx) => ({
        name: tx.name,
        kind: tx.tag?.includes('EVALUATE') === true ? 'query' : 'invocation',
        arguments: (tx.parameters ?? []).map((parameter) => parameter.name),
    }));
}

/** Problems between a spec and the metadata; empty when they agree. */
export function specProblems(markdown: string, metadata: ContractMetadata): string[] {
    const problems = requiredSections
        .filter((section) => !markdown.split('\n').includes(section))
        .map((section) => `missing section '${section}'`);
    if (!/```mermaid\n[\s\S]*sequenceDiagram/.test(markdown)) problems.push('missing the mermaid sequence diagram');
    const documented = new Map(documentedCommands(markdown).map((command) => [command.name, command]));
    const actual = new Map(metadataCommands(metadata).map((command) => [command.name, command]));
    for (const [name, command] of actual) {
        const doc = documented.get(name);
        if (doc === undefined) problems.push(`command ${name} is not documented`);
        else if (doc.kind !== command.kind)
            problems.push(`command ${name} is documented as ${doc.kind} but is a ${command.kind}`);
        else if (doc.arguments.join(',') !== command.arguments.join(',')) {
            problems.push(
                `command ${name} documents arguments (${doc.arguments.join(', ')}) but takes (${command.arguments.join(', ')})`,
            );
        }
    }
    for (const name of documented.keys())
        if (!actual.has(name)) problems.push(`documented command ${name} does not exist`);
    return problems;
}

/** The commands of a contract as its transaction descriptions (transactions.ts) declare them. */
export function describedCommands(
    descriptions: Readonly<Record<string, { kind: 'submit' | 'evaluate'; name: string; arguments: readonly string[] }>>,
): DocumentedCommand[] {
    return Object.values(descriptions).map((tx) => ({
        name: tx.name,
        kind: tx.kind === 'evaluate' ? 'query' : 'invocation',
        arguments: [...tx.arguments],
    }));
}

/** Differences between the transaction descriptions and the contract metadata; empty when they agree. */
export function descriptionProblems(
    descriptions: Readonly<Record<string, { kind: 'submit' | 'evaluate'; name: string; arguments: readonly string[] }>>,
    metadata: ContractMetadata,
): string[] {
    const described = new Map(describedCommands(descriptions).map((command) => [command.name, command]));
    const problems: string[] = [];
    for (const command of metadataCommands(metadata)) {
        const description = described.get(command.name);
        if (description === undefined) problems.push(`transaction ${command.name} is not described`);
        else if (description.kind !== command.kind)
            problems.push(`transaction ${command.name} is described as ${description.kind} but is a ${command.kind}`);
        else if (description.arguments.join(',') !== command.arguments.join(','))
            problems.push(
                `transaction ${command.name} is described with (${description.arguments.join(', ')}) but takes (${command.arguments.join(', ')})`,
            );
        described.delete(command.name);
    }
    for (const name of described.keys()) problems.push(`described transaction ${name} does not exist`);
    return problems;
}
