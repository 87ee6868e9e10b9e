// SPDX-License-Identifier: Apache-2.0
//
// Fabric's chaincode lifecycle through the peer CLI, as each organization's admin: install and
// queryinstalled on a peer, approveformyorg, checkcommitreadiness, commit (endorsed by one peer
// of every endorsing organization), querycommitted and queryapproved.
import { CommandFailedError } from '../errors.js';
import type { Runner } from '../runtime/Runner.js';
import type { ChannelPlan } from '../runtime/plans.js';
import { join } from 'node:path';

/** A peer of a channel as the start plan names it. */
export type ChannelPeer = ChannelPlan['peers'][number];

/** A definition to approve or commit. */
export interface Definition {
    readonly channel: ChannelPlan;
    readonly name: string;
    readonly version: string;
    readonly sequence: number;
    /** Policy and collection flags, as the generated approveFlags carry them. */
    readonly flags: readonly string[];
}

function definitionArgs(definition: Definition): string[] {
    return [
        '--channelID',
        definition.channel.name,
        '--name',
        definition.name,
        '--version',
        definition.version,
        '--sequence',
        String(definition.sequence),
        ...definition.flags,
    ];
}

function ordererArgs(runner: Runner, channel: ChannelPlan): string[] {
    return [
        '--orderer',
        channel.orderers[0] ?? '',
        '--tls',
        '--cafile',
        join(runner.tree.root, channel.ordererTlsRootCert),
    ];
}

/** The package ids installed on a peer. */
export async function installedPackages(runner: Runner, peer: ChannelPeer): Promise<string[]> {
    const out = await runner.peerCli(peer.admin, peer.address, [
        'lifecycle',
        'chaincode',
        'queryinstalled',
        '--output',
        'json',
    ]);
    const json = jsonIn(out) as { installed_chaincodes?: { package_id: string }[] } | undefined;
    return (json?.installed_chaincodes ?? []).map((entry) => entry.package_id);
}

/** Installs a package file on a peer unless it holds that package id already. True when it installed. */
export async function installOn(runner: Runner, peer: ChannelPeer, file: string, packageId: string): Promise<boolean> {
    if ((await installedPackages(runner, peer)).includes(packageId)) return false;
    try {
        await runner.peerCli(peer.admin, peer.address, ['lifecycle', 'chaincode', 'install', file]);
    } catch (error) {
        if (error instanceof CommandFailedError && /already successfully installed/.test(error.stderrTail))
            return false;
        throw error;
    }
    return true;
}

/** The committed definition's sequence and version, or undefined when none is committed. */
export async function queryCommitted(
    runner: Runner,
    peer: ChannelPeer,
    channel: string,
    name: string,
): Promise<{ sequence: number; version: string } | undefined> {
    try {
        const out = await runner.peerCli(peer.admin, peer.address, [
            'lifecycle',
            'chaincode',
            'querycommitted',
            '--channelID',
            channel,
            '--name',
            name,
            '--output',
            'json',
        ]);
        const json = jsonIn(out) as { sequence?: number; version?: string } | undefined;
        if (json?.sequence === undefined) return undefined;
        return { sequence: json.sequence, version: json.version ?? '' };
    } catch (error) {
        if (error instanceof CommandFailedError && /not defined|not found|404/i.test(error.stderrTail))
            return undefined;
        throw error;
    }
}

/** The package id the peer's organization approved for the definition at `sequence`, if any. */
export async function approvedPackage(
    runner: Runner,
    peer: ChannelPeer,
    channel: string,
    name: string,
    sequence: number,
): Promise<string | undefined> {
    try {
        const out = await runner.peerCli(peer.admin, peer.address, [
            'lifecycle',
            'chaincode',
            'queryapproved',
            '--channelID',
            channel,
            '--name',
            name,
            '--sequence',
            String(sequence),
            '--output',
            'json',
        ]);
        const json = jsonIn(out) as { source?: { Type?: { LocalPackage?: { package_id?: string } } } } | undefined;
        return json?.source?.Type?.LocalPackage?.package_id;
    } catch (error) {
        if (error instanceof CommandFailedError) return undefined;
        throw error;
    }
}

/** Which organizations (MSP ids) approved the definition. */
export async function commitReadiness(
    runner: Runner,
    peer: ChannelPeer,
    definition: Definition,
): Promise<Record<string, boolean>> {
    const out = await runner.peerCli(peer.admin, peer.address, [
        'lifecycle',
        'chaincode',
        'checkcommitreadiness',
        ...definitionArgs(definition),
        '--output',
        'json',
    ]);
    const json = jsonIn(out) as { approvals?: Record<string, boolean> } | undefined;
    return json?.approvals ?? {};
}

/** approveformyorg as the admin of `peer`'s organization. */
export async function approve(
    runner: Runner,
    peer: ChannelPeer,
    definition: Definition,
    packageId: string,
): Promise<void> {
    await runner.peerCli(peer.admin, peer.address, [
        'lifecycle',
        'chaincode',
        'approveformyorg',
        ...definitionArgs(definition),
        '--package-id',
        packageId,
        ...ordererArgs(runner, definition.channel),
        '--waitForEventTimeout',
        '60s',
    ]);
}

/** Commits the definition, endorsed by `endorsers` (one peer of each endorsing organization). */
export async function commit(
    runner: Runner,
    submitter: ChannelPeer,
    endorsers: readonly ChannelPeer[],
    definition: Definition,
): Promise<void> {
    await runner.peerCli(submitter.admin, submitter.address, [
        'lifecycle',
        'chaincode',
        'commit',
        ...definitionArgs(definition),
        ...ordererArgs(runner, definition.channel),
        ...endorsers.flatMap((peer) => [
            '--peerAddresses',
            peer.address,
            '--tlsRootCertFiles',
            join(runner.tree.root, peer.admin.tlsRootCert),
        ]),
        '--waitForEventTimeout',
        '60s',
    ]);
}

/** The first JSON object in a CLI's output (the peer CLI prints logs around it). */
export function jsonIn(out: string): unknown {
    const start = out.indexOf('{');
    if (start < 0) return undefined;
    let depth = 0;
    let inString = false;
    for (let index = start; index < out.length; index += 1) {
        const char = out[index];
        if (inString) {
            if (char === '\\') index += 1;
            else if (char === '"') inString = false;
        } else if (char === '"') inString = true;
        else if (char === '{') depth += 1;
        else if (char === '}') {
            depth -= 1;
            if (depth === 0) return JSON.parse(out.slice(start, index + 1)) as unknown;
        }
    }
    return undefined;
}
