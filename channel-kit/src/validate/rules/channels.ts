// SPDX-License-Identifier: Apache-2.0
//
// Rules on channels: members, collections and the public channel.
import type { PrincipalRole } from '@productivist/policies';

import { checkChaincodes, checkPolicy } from './chaincodes.js';
import type { ChannelScope, OrgInfo, RuleRun } from './run.js';

export function channelScopes(run: RuleRun): ChannelScope[] {
    return run.input.channels.map((channel, i) => {
        const members = new Map<string, OrgInfo>();
        for (const name of channel.members) {
            const info = run.orgs.get(name);
            if (info !== undefined) members.set(name, info);
        }
        return { channel, path: ['channels', i], members };
    });
}

export function checkChannels(run: RuleRun): void {
    const names = new Set<string>();
    const publics: string[] = [];
    for (const scope of channelScopes(run)) {
        const { channel, path } = scope;
        if (names.has(channel.name)) {
            run.report(
                'duplicate-channel',
                [...path, 'name'],
                `channel name '${channel.name}' is used twice`,
                'give each channel its own name',
            );
        }
        names.add(channel.name);
        if (channel.type === 'public') {
            if (publics.length > 0) {
                run.report(
                    'public-channel-twice',
                    [...path, 'type'],
                    `channel '${channel.name}' is public, but '${publics[0] ?? ''}' already is`,
                    'an ecosystem has at most one public channel; make this one private',
                );
            }
            publics.push(channel.name);
            if (run.input.publicChannel !== undefined) {
                run.report(
                    'public-channel-declared-twice',
                    ['publicChannel'],
                    `publicChannel describes a public channel run elsewhere, but channel '${channel.name}' is the public channel of this file`,
                    'remove publicChannel: members of the public channel here take part in it',
                    { at: 'key' },
                );
            }
        }
        const seen = new Set<string>();
        channel.members.forEach((name, j) => {
            if (seen.has(name)) {
                run.report(
                    'channel-member-duplicate',
                    [...path, 'members', j],
                    `organization '${name}' is listed twice in channel '${channel.name}'`,
                    'list each member once',
                );
            }
            seen.add(name);
            if (!run.orgs.has(name)) {
                run.unknownOrg('channel-member-unknown', [...path, 'members', j], name, `in channel '${channel.name}'`);
            }
        });
        const rolesOf: readonly [key: 'readers' | 'writers' | 'admins', sub: string, role: PrincipalRole][] = [
            ['readers', 'Readers', 'member'],
            ['writers', 'Writers', 'member'],
            ['admins', 'Admins', 'admin'],
        ];
        for (const [key, sub, role] of rolesOf) {
            const value = channel.policies?.[key];
            if (value !== undefined) checkPolicy(run, scope, value, [...path, 'policies', key], role, sub);
        }
        if (channel.lifecycleEndorsement !== undefined) {
            checkPolicy(
                run,
                scope,
                channel.lifecycleEndorsement,
                [...path, 'lifecycleEndorsement'],
                'peer',
                'Endorsement',
            );
        }
        if (channel.endorsement !== undefined) {
            checkPolicy(run, scope, channel.endorsement, [...path, 'endorsement'], 'peer', 'Endorsement');
        }
        const cutting = channel.blockCutting;
        if (cutting?.absoluteMaxBytes !== undefined && cutting.preferredMaxBytes !== undefined) {
            if (byteSize(cutting.preferredMaxBytes) > byteSize(cutting.absoluteMaxBytes)) {
                run.report(
                    'block-size-order',
                    [...path, 'blockCutting', 'preferredMaxBytes'],
                    `preferredMaxBytes '${cutting.preferredMaxBytes}' of channel '${channel.name}' exceeds absoluteMaxBytes '${cutting.absoluteMaxBytes}'`,
                    'make preferredMaxBytes at most absoluteMaxBytes',
                );
            }
        }
        checkCollections(run, scope);
        checkChaincodes(run, scope);
    }
}

/** '10 MB' → bytes. */
export function byteSize(text: string): number {
    const [count, unit] = text.split(' ');
    return Number(count) * (unit === 'MB' ? 1024 * 1024 : 1024);
}

export function checkCollections(run: RuleRun, scope: ChannelScope): void {
    const { channel, path } = scope;
    const names = new Set<string>();
    (channel.collections ?? []).forEach((collection, j) => {
        const collectionPath = [...path, 'collections', j];
        if (names.has(collection.name)) {
            run.report(
                'duplicate-collection',
                [...collectionPath, 'name'],
                `collection '${collection.name}' is declared twice in channel '${channel.name}'`,
                'give each collection of the channel its own name',
            );
        }
        names.add(collection.name);
        collection.members.forEach((name, k) => {
            const memberPath = [...collectionPath, 'members', k];
            if (!run.orgs.has(name)) {
                run.unknownOrg('collection-member-unknown', memberPath, name, `in collection '${collection.name}'`);
            } else if (!channel.members.includes(name)) {
                run.report(
                    'collection-member-not-in-channel',
                    memberPath,
                    `organization '${name}' in collection '${collection.name}' is not a member of channel '${channel.name}'`,
                    `add '${name}' to the members of channel '${channel.name}' or remove it from the collection`,
                );
            }
        });
        const required = collection.requiredPeerCount ?? 0;
        const max = collection.maxPeerCount ?? Math.max(1, required);
        if (max < required) {
            run.report(
                'collection-peer-count',
                [...collectionPath, 'maxPeerCount'],
                `maxPeerCount ${max} of collection '${collection.name}' is below its requiredPeerCount ${required}`,
                'make maxPeerCount at least requiredPeerCount',
            );
        }
        if (collection.endorsement !== undefined) {
            checkPolicy(run, scope, collection.endorsement, [...collectionPath, 'endorsement'], 'peer', 'Endorsement');
        }
    });
}

/** The organizations that take part in the public channel, or undefined when none is described. */
export function publicParticipants(
    run: RuleRun,
): { readonly channel: string; readonly peers: Set<string>; readonly clients: Set<string> } | undefined {
    const local = run.input.channels.find((channel) => channel.type === 'public');
    if (local !== undefined) {
        const members = local.members.filter((name) => run.orgs.has(name));
        return {
            channel: local.name,
            peers: new Set(members.filter((name) => run.orgs.get(name)?.hasPeers === true)),
            clients: new Set(members),
        };
    }
    const declared = run.input.publicChannel;
    if (declared === undefined) return undefined;
    return {
        channel: declared.name ?? 'productivist',
        peers: new Set(declared.peers ?? []),
        clients: new Set(declared.clients ?? []),
    };
}

export function checkPublicChannel(run: RuleRun): void {
    const declared = run.input.publicChannel;
    if (declared === undefined) return;
    for (const key of ['peers', 'clients'] as const) {
        (declared[key] ?? []).forEach((name, j) => {
            const org = run.orgs.get(name);
            if (org === undefined) {
                run.unknownOrg(
                    'public-channel-org-unknown',
                    ['publicChannel', key, j],
                    name,
                    `in publicChannel.${key}`,
                );
            } else if (key === 'peers' && !org.hasPeers) {
                run.report(
                    'public-channel-peerless',
                    ['publicChannel', key, j],
                    `organization '${name}' in publicChannel.peers runs no peers`,
                    `give '${name}' peers or remove it from publicChannel.peers`,
                );
            }
        });
    }
}
