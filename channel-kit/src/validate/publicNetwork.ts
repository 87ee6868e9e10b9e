// SPDX-License-Identifier: Apache-2.0
//
// An industrial ecosystem's link to the public network: `publicNetwork` in its YAML names the
// network, the public network's state folder (--public <network dir>) holds the bundle its
// `network up` published (published/public-network.json and the certificates beside it). The
// bundle becomes one imported organization (the public network's ordering organization, its
// orderers with their certificates) and the default name of the public channel.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { EcosystemInput, ImportedOrganizationInput } from '../model/input.generated.js';
import { publicNetworkFormat } from '../render/publicNetwork.js';
import type { RuleRun } from './rules/run.js';

/** The bundle file of a public network's state folder. */
export function publicBundlePath(networkDir: string): string {
    return join(networkDir, 'published', 'public-network.json');
}

/** published/public-network.json as `network up` writes it. */
export interface PublicNetworkBundle {
    readonly format: string;
    readonly ecosystem: string;
    readonly channel: string;
    readonly organization: {
        readonly name: string;
        readonly mspId: string;
        readonly key: string;
        readonly caCert: string;
        readonly tlsCaCert: string;
    };
    readonly consensus: 'raft' | 'bft';
    readonly orderers: readonly {
        readonly process: string;
        readonly name: string;
        readonly host: '127.0.0.1' | 'localhost';
        readonly port: number;
        readonly tlsCert: string;
        readonly identityCert: string;
    }[];
}

/** Reads a public network's bundle, or says why it cannot be used. */
export function readPublicBundle(
    networkDir: string,
): { readonly ok: true; readonly bundle: PublicNetworkBundle } | { readonly ok: false; readonly reason: string } {
    const file = publicBundlePath(networkDir);
    let text: string;
    try {
        text = readFileSync(file, 'utf8');
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
        return { ok: false, reason: `the public network's bundle ${file} cannot be read (${code})` };
    }
    let value: unknown;
    try {
        value = JSON.parse(text);
    } catch {
        return { ok: false, reason: `${file} is not JSON` };
    }
    const bundle = value as Partial<PublicNetworkBundle> | null;
    if (bundle?.format !== publicNetworkFormat || bundle.organization === undefined || bundle.orderers === undefined) {
        return { ok: false, reason: `${file} is not a public network bundle (format ${publicNetworkFormat})` };
    }
    return { ok: true, bundle: bundle as PublicNetworkBundle };
}

/**
 * The input with the public network linked in: its ordering organization imported (certificates
 * by absolute path into the bundle) and publicChannel.name defaulted to its channel. Reports a
 * problem, and returns undefined, when the bundle is not there.
 */
export function linkPublicNetwork(run: RuleRun, networkDir: string | undefined): EcosystemInput | undefined {
    const input = run.input;
    const link = input.publicNetwork;
    if (link === undefined) return input;
    if (networkDir === undefined) {
        run.report(
            'public-network-missing',
            ['publicNetwork'],
            'publicNetwork: the public network is not given, so its ordering organization, orderers and channel are unknown',
            "bring the public network up ('productivist network up'), then run this ecosystem beside it with 'productivist channel create <file> --public <network dir>' (validate and generate take --public <network dir>, network up --ordering-state <network dir>)",
        );
        return undefined;
    }
    const read = readPublicBundle(networkDir);
    if (!read.ok) {
        run.report(
            'public-network-missing',
            ['publicNetwork'],
            `publicNetwork: ${read.reason}`,
            `'productivist network up --state ${networkDir}' of the public network writes it; or give --public the state folder of the running public network`,
        );
        return undefined;
    }
    const { bundle } = read;
    const name = link.organization ?? bundle.organization.name;
    const published = join(networkDir, 'published');
    const taken = [...input.organizations, ...(input.importedOrganizations ?? [])].some((org) => org.name === name);
    if (taken) {
        run.report(
            'public-network-name-taken',
            ['publicNetwork', 'organization'],
            `publicNetwork imports the public network's organization as '${name}', a name this file already gives another organization`,
            'give publicNetwork.organization another name, or rename the other organization',
        );
        return undefined;
    }
    const imported: ImportedOrganizationInput = {
        name,
        mspId: bundle.organization.mspId,
        caCert: join(published, bundle.organization.caCert),
        tlsCaCert: join(published, bundle.organization.tlsCaCert),
        orderers: bundle.orderers.map((node) => ({
            name: node.name,
            host: node.host,
            port: node.port,
            tlsCert: join(published, node.tlsCert),
            identityCert: join(published, node.identityCert),
        })),
    };
    return {
        ...input,
        importedOrganizations: [...(input.importedOrganizations ?? []), imported],
        ...(input.publicChannel === undefined
            ? {}
            : { publicChannel: { ...input.publicChannel, name: input.publicChannel.name ?? bundle.channel } }),
    };
}
