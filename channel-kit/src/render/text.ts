// SPDX-License-Identifier: Apache-2.0
//
// Text formats (Markdown, mermaid) through handlebars. The templates in templates/hbs only print
// and loop: every value they show is computed here first.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { templatesDir } from '@productivist/templates';
import Handlebars from 'handlebars';

import type { BundleFile } from '@productivist/network';

import type { AnyOrganization, Ecosystem } from '../model/types.js';
import type { PlannedProcess } from './plan.js';

const engine = Handlebars.create();
const compiled = new Map<string, HandlebarsTemplateDelegate>();

/** Renders templates/hbs/<name>.hbs with `data`; missing fields are errors (strict mode). */
export function renderTemplate(name: string, data: unknown): string {
    let template = compiled.get(name);
    if (template === undefined) {
        template = engine.compile(readFileSync(join(templatesDir, `${name}.hbs`), 'utf8'), {
            noEscape: true,
            strict: true,
        });
        compiled.set(name, template);
    }
    return template(data);
}

function nodeId(prefix: string, index: number): string {
    return `${prefix}${index}`;
}

/** topology.md: a mermaid graph of organizations, the ordering service and channels. */
export function renderTopology(ecosystem: Ecosystem): string {
    const all: AnyOrganization[] = [...ecosystem.organizations, ...ecosystem.imported];
    const ids = new Map(all.map((org, i) => [org.name, nodeId('org', i)]));
    const organizations = all.map((org) => ({
        id: ids.get(org.name) ?? '',
        label:
            org.kind === 'local'
                ? `${org.name}<br/>${org.mspId}<br/>${org.peers.length} peer(s)${org.orderers.length > 0 ? `, ${org.orderers.length} orderer(s)` : ''}`
                : `${org.name}<br/>${org.mspId}<br/>imported`,
    }));
    const channels = ecosystem.channels.map((channel, i) => ({
        id: nodeId('ch', i),
        label: `${channel.name}<br/>${channel.type}`,
        name: channel.name,
        type: channel.type,
        members: channel.members.join(', '),
        chaincodes: channel.chaincodes.map((chaincode) => chaincode.name).join(', ') || '-',
    }));
    const edges: { from: string; arrow: string; to: string }[] = [];
    edges.push({ from: ids.get(ecosystem.ordering.organization) ?? '', arrow: '-- runs -->', to: 'ordering' });
    ecosystem.channels.forEach((channel, i) => {
        edges.push({ from: 'ordering', arrow: '-- orders -->', to: nodeId('ch', i) });
        for (const member of channel.members)
            edges.push({ from: ids.get(member) ?? '', arrow: '---', to: nodeId('ch', i) });
    });
    return renderTemplate('topology.md', {
        name: ecosystem.name,
        description: ecosystem.description,
        organizations,
        ordering: {
            shape: `[/"${ecosystem.ordering.type === 'bft' ? 'BFT' : 'Raft'} ordering<br/>${ecosystem.ordering.orderers.length} orderer(s)"/]`,
        },
        channels,
        edges,
    });
}

/** What one party runs, publishes and receives: the shape `network up <bundle>` reads. */
export type Bundle = BundleFile;

/** The bundle of every organization, local and imported. */
export function bundles(ecosystem: Ecosystem, processes: readonly PlannedProcess[]): Bundle[] {
    const all: AnyOrganization[] = [...ecosystem.organizations, ...ecosystem.imported];
    const publishedBy = new Map<string, string[]>();
    for (const org of all) {
        const files = [`${org.mspDir}/cacerts/ca.pem`, `${org.mspDir}/tlscacerts/tlsca.pem`];
        if (org.kind === 'local') {
            for (const ca of org.intermediates) files.push(`${org.mspDir}/intermediatecerts/${ca.caName}.pem`);
            for (const node of org.orderers) {
                files.push(node.tlsCert);
                if (ecosystem.ordering.type === 'bft') files.push(node.identityCert);
            }
        } else {
            files.push(...[...org.files.keys()].filter((path) => !files.includes(path)));
        }
        publishedBy.set(org.name, files);
    }
    return all.map((org) => {
        const channels = ecosystem.channels.filter(
            (channel) => channel.members.includes(org.name) || ecosystem.ordering.organization === org.name,
        );
        const partners = new Set<string>();
        for (const channel of channels) {
            for (const member of channel.members) partners.add(member);
            partners.add(ecosystem.ordering.organization);
        }
        partners.delete(org.name);
        return {
            organization: org.name,
            mspId: org.mspId,
            processes: processes.filter((process) => process.organization === org.name).map((process) => process.id),
            channels: channels.map((channel) => channel.name),
            publishes: publishedBy.get(org.name) ?? [],
            receives: all
                .filter((other) => partners.has(other.name))
                .flatMap((other) => publishedBy.get(other.name) ?? []),
        };
    });
}

/** bundles/<org>/README.md. */
export function renderBundleReadme(ecosystem: Ecosystem, bundle: Bundle, processes: readonly PlannedProcess[]): string {
    const byId = new Map(processes.map((process) => [process.id, process]));
    const ordering = ecosystem.ordering.organization;
    const local = ecosystem.organizations.find((org) => org.name === bundle.organization);
    const role =
        local === undefined
            ? 'This organization is imported: it runs its nodes elsewhere and has no bundle to run here.'
            : ordering === bundle.organization
              ? `This bundle is the ordering organization's: it creates the channels${local.peers.length > 0 ? ' and joins its own peers' : ''}.`
              : local.peers.length > 0
                ? "This bundle joins its peers once the ordering organization's bundle has published the channel block."
                : 'This bundle has no peers: it publishes its certificates so that the channel can name it as a member.';
    return renderTemplate('bundle.md', {
        ecosystem: ecosystem.name,
        key: bundle.organization.toLowerCase(),
        ordering,
        role,
        organization: bundle.organization,
        mspId: bundle.mspId,
        processes: bundle.processes.map((id) => {
            const process = byId.get(id);
            return {
                id,
                kind: process?.kind ?? '',
                binary: process?.binary ?? '',
                ports: Object.entries(process?.ports ?? {})
                    .map(([purpose, port]) => `${purpose} ${port}`)
                    .join(', '),
            };
        }),
        channels: bundle.channels,
        publishes: bundle.publishes,
        receives: bundle.receives,
    });
}

/** README.md of the generated tree. */
export function renderTreeReadme(ecosystem: Ecosystem): string {
    const entries = [
        ['configtx.yaml', 'channel profiles for configtxgen (v3 channel participation)'],
        ['ca/<org>/', 'Fabric CA server configs: the CA and TLS CA of each organization, intermediate CAs'],
        ['enrollment-plan.json', 'registration and enrollment of every identity, with its attributes'],
        ['organizations/', 'MSP folders: NodeOU config.yaml files, imported certificates'],
        ['channels/<channel>/', 'chaincode definitions (endorsement policies) and collection configs'],
        ['connection-profiles/', 'gateway connection profile of each organization'],
        ['start-plan.json', 'native start plan: every process, its environment, ports and data folder'],
        ['compose.yaml', 'the same plan as a Docker compose file: the containers of network up --runtime docker'],
        ['topology.md', 'mermaid diagram of organizations, ordering service and channels'],
        ['bundles/<org>/', 'what each party runs, publishes and receives'],
        ['productivist.lock.json', 'port and consenter-id assignments kept between generations'],
        ...(ecosystem.channels.some((channel) => channel.type === 'public')
            ? [
                  [
                      'public-network.json',
                      'the public network for industrial ecosystems: channel, ordering organization, orderers (network up adds the certificates)',
                  ],
              ]
            : []),
        ...(ecosystem.publicChannel !== undefined && !ecosystem.channels.some((channel) => channel.type === 'public')
            ? [
                  [
                      'public-channel.json',
                      'the organizations channel create onboards to the public channel, and their peers that join it',
                  ],
              ]
            : []),
    ].map(([path, what]) => ({ path, what }));
    return renderTemplate('tree-readme.md', {
        name: ecosystem.name,
        entries,
        organizations: [...ecosystem.organizations, ...ecosystem.imported].map((org) => org.name).join(', '),
        channels: ecosystem.channels.map((channel) => channel.name).join(', '),
        ordering: `${ecosystem.ordering.type} by ${ecosystem.ordering.organization} (${ecosystem.ordering.orderers.length} orderer(s))`,
    });
}
