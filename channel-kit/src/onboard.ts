// SPDX-License-Identifier: Apache-2.0
//
// Onboarding seen from the generator: an organization file in the ecosystem schema's organization
// form (run here) or importedOrganization form (run elsewhere, known from its published
// certificates), validated with the schema and positions of that file; the running network's
// ecosystem with the organization added, or with a channel's members changed, validated as a whole;
// and the tree regenerated with the network's lock file, so that no port moves.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';

import { isMap, isScalar, isSeq, parseDocument, stringify } from 'yaml';
import type { Document } from 'yaml';

import { ChannelKitError, EcosystemInvalidError } from './errors.js';
import { buildTree, readUserFile } from './generate.js';
import { emptyLock, parseLock } from './model/lock.js';
import { parseEcosystem } from './parse/parseEcosystem.js';
import { lockFileName } from './render/tree.js';
import { sortProblems } from './validate/problems.js';
import { checkSchema, definitionValidator } from './validate/schemaCheck.js';
import { writeTree } from './write/writeTree.js';

/** An organization file, read and checked against its schema definition. */
export interface OrganizationFile {
    readonly name: string;
    readonly mspId: string;
    /** `file:line:column` of its mspId. */
    readonly mspIdAt: string;
    readonly kind: 'local' | 'imported';
}

function bundleProblem(path: string, problem: string): ChannelKitError {
    return new ChannelKitError(`${path} is not an organization bundle: ${problem}`, {
        code: 'BUNDLE_INVALID',
        exit: 'invalidInput',
        hint: "give bundles/<org>/bundle.json of a tree written by 'productivist generate' (with the organization's certificates enrolled), or an organization file",
    });
}

/**
 * The text of an organization file. A published bundle (`bundles/<org>/bundle.json` of the tree
 * the organization runs elsewhere) becomes the importedOrganization form: its MSP id and the CA and
 * TLS CA certificates it publishes, read from that tree.
 */
function organizationText(path: string): string {
    const text = readUserFile(path, path);
    if (!path.endsWith('.json')) return text;
    let bundle: { organization?: unknown; mspId?: unknown; publishes?: unknown };
    try {
        bundle = JSON.parse(text) as typeof bundle;
    } catch (error) {
        throw bundleProblem(path, `not JSON (${String(error)})`);
    }
    const { organization, mspId, publishes } = bundle;
    if (typeof organization !== 'string' || typeof mspId !== 'string' || !Array.isArray(publishes)) {
        throw bundleProblem(path, 'it lacks organization, mspId or publishes');
    }
    const root = resolve(dirname(path), '..', '..');
    const published = (suffix: string): string => {
        const entry = (publishes as unknown[]).find((item) => typeof item === 'string' && item.endsWith(suffix));
        const file = typeof entry === 'string' ? join(root, entry) : undefined;
        if (file === undefined || !existsSync(file)) {
            throw bundleProblem(
                path,
                `its published ${suffix.slice(1)} is not in ${root} (enroll the organization first)`,
            );
        }
        return file;
    };
    return stringify({
        name: organization,
        mspId,
        caCert: published('/cacerts/ca.pem'),
        tlsCaCert: published('/tlscacerts/tlsca.pem'),
    });
}

/** Reads an organization file (or a published bundle); every schema problem is reported at its line and column. */
export function readOrganizationFile(path: string): OrganizationFile {
    const text = organizationText(path);
    const parsed = parseEcosystem(text, path);
    const value = parsed.value as Record<string, unknown> | null;
    const imported = typeof value === 'object' && value !== null && 'caCert' in value;
    const problems = checkSchema(parsed, definitionValidator(imported ? 'importedOrganization' : 'organization'));
    if (problems.length > 0) throw new EcosystemInvalidError(path, sortProblems(problems));
    const org = value as { name: string; mspId: string };
    const at = parsed.locate(['mspId']);
    return {
        name: org.name,
        mspId: org.mspId,
        mspIdAt: `${path}:${at.line}:${at.column}`,
        kind: imported ? 'imported' : 'local',
    };
}

function load(file: string): Document {
    return parseDocument(readUserFile(file, file));
}

/** Writes the text of an edited ecosystem when it validates (the generator's whole check); nothing otherwise. */
function writeChecked(document: Document, baseDir: string, outFile: string): void {
    const text = document.toString({ indent: 4, lineWidth: 0 });
    buildTree(text, { file: outFile, baseDir });
    writeFileSync(`${outFile}.tmp`, text);
    renameSync(`${outFile}.tmp`, outFile);
}

/** The ecosystem with the organization of `organizationFile` added (under organizations or importedOrganizations). */
export function addOrganizationToEcosystem(
    ecosystemFile: string,
    baseDir: string,
    organizationFile: string,
    outFile: string,
): void {
    const draft = readOrganizationFile(organizationFile);
    const document = load(ecosystemFile);
    const org = parseDocument(organizationText(organizationFile));
    if (draft.kind === 'imported') {
        // Certificate paths of the organization file are relative to it; the ecosystem's to baseDir.
        const from = dirname(resolve(organizationFile));
        const absolute = (path: unknown): unknown =>
            typeof path === 'string' && !isAbsolute(path) ? join(from, path) : path;
        for (const key of ['caCert', 'tlsCaCert']) org.setIn([key], absolute(org.getIn([key])));
        for (const list of ['orderers', 'peers']) {
            const nodes = org.getIn([list]);
            if (isSeq(nodes)) {
                nodes.items.forEach((_node, index) => {
                    org.setIn([list, index, 'tlsCert'], absolute(org.getIn([list, index, 'tlsCert'])));
                });
            }
        }
    }
    const listKey = draft.kind === 'imported' ? 'importedOrganizations' : 'organizations';
    const list = document.get(listKey);
    if (isSeq(list)) list.add(org.contents);
    else document.set(listKey, document.createNode([org.toJS() as unknown]));
    writeChecked(document, baseDir, outFile);
}

/** The names of the organizations (local and imported) holding a role of `organization`, itself excluded. */
function roleSharers(document: Document, organization: string): Set<string> {
    const orgs = (document.toJS() as { organizations?: { name: string; roles?: string[] }[] }).organizations ?? [];
    const roles = new Set(orgs.find((org) => org.name === organization)?.roles ?? []);
    return new Set(
        orgs
            .filter((org) => org.name !== organization && (org.roles ?? []).some((role) => roles.has(role)))
            .map((org) => org.name),
    );
}

/**
 * Adds `organization` to (or removes it from) every list of alternatives of a policy (`any`,
 * `majority`, `outOf`'s `of`) and every collection's members that name an organization sharing one
 * of its roles: an onboarded producer endorses what the other producers endorse and keeps the
 * private data they keep. Returns how many lists changed.
 */
function shareEndorsements(
    channel: unknown,
    organization: string,
    sharers: ReadonlySet<string>,
    member: boolean,
): number {
    let changed = 0;
    const visit = (node: unknown, key: string | undefined): void => {
        if (isSeq(node)) {
            const names = node.items.map((item) => (isScalar(item) ? String(item.value) : undefined));
            const alternatives = key === 'any' || key === 'majority' || key === 'of' || key === 'members';
            if (alternatives && names.some((name) => name !== undefined && sharers.has(name))) {
                if (member && !names.includes(organization)) {
                    node.add(organization);
                    changed++;
                }
                if (!member && names.includes(organization)) {
                    node.delete(names.indexOf(organization));
                    changed++;
                }
            }
            node.items.forEach((item) => {
                visit(item, undefined);
            });
        } else if (isMap(node)) {
            for (const pair of node.items) visit(pair.value, isScalar(pair.key) ? String(pair.key.value) : undefined);
        }
    };
    if (isMap(channel)) {
        for (const part of ['chaincodes', 'collections']) visit(channel.get(part), undefined);
    }
    return changed;
}

/**
 * The ecosystem with `organization` added to (or removed from) the members of `channel`, and to
 * the endorsement alternatives and collections of the organizations sharing one of its roles.
 */
export function setChannelMember(
    ecosystemFile: string,
    baseDir: string,
    channel: string,
    organization: string,
    member: boolean,
    outFile: string,
): void {
    const document = load(ecosystemFile);
    const channels = document.get('channels');
    const index = isSeq(channels)
        ? channels.items.findIndex((item) => isMap(item) && item.get('name') === channel)
        : -1;
    const members = document.getIn(['channels', index, 'members']);
    if (index < 0 || !isSeq(members)) throw new Error(`${ecosystemFile} has no channel ${channel} with members`);
    const names = members.items.map((item) => (isScalar(item) ? String(item.value) : ''));
    if (member && !names.includes(organization)) members.add(organization);
    if (!member && names.includes(organization)) members.delete(names.indexOf(organization));
    shareEndorsements(document.getIn(['channels', index]), organization, roleSharers(document, organization), member);
    writeChecked(document, baseDir, outFile);
}

/** Generates an ecosystem file's tree into `treeDir`, keeping the ports of the lock file there. */
export function regenerate(ecosystemFile: string, baseDir: string, treeDir: string): void {
    const lockFile = join(treeDir, lockFileName);
    const lock = existsSync(lockFile) ? parseLock(readFileSync(lockFile, 'utf8'), lockFile) : emptyLock;
    const built = buildTree(readUserFile(ecosystemFile, ecosystemFile), { file: ecosystemFile, baseDir, lock });
    writeTree(built.tree, treeDir, { ecosystem: built.ecosystem.name, force: false });
}

/** The editor the network's onboarding commands are given by the CLI composition. */
export const ecosystemEditor = {
    readOrganization: readOrganizationFile,
    addOrganization: addOrganizationToEcosystem,
    setChannelMember,
    generate: regenerate,
};
