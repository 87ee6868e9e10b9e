// SPDX-License-Identifier: Apache-2.0
//
// Rules on chaincodes and their endorsement policies.
import { isKitError } from '@productivist/common';
import type { CompiledPolicy, PrincipalRole } from '@productivist/policies';
import { compileFriendlyPolicy, mspIdsOf } from '@productivist/policies';

import type { PathSegment } from '../../parse/parseEcosystem.js';
import { displayPath, suggest } from '../text.js';
import { publicParticipants } from './channels.js';
import type { ChannelScope, RuleRun } from './run.js';

export function checkChaincodes(run: RuleRun, scope: ChannelScope): void {
    const { channel, path } = scope;
    const names = new Set<string>();
    const collections = new Set((channel.collections ?? []).map((collection) => collection.name));
    const anyPeers = [...scope.members.values()].some((org) => org.hasPeers);
    (channel.chaincodes ?? []).forEach((chaincode, j) => {
        const chaincodePath = [...path, 'chaincodes', j];
        if (names.has(chaincode.name)) {
            run.report(
                'duplicate-chaincode',
                [...chaincodePath, 'name'],
                `chaincode '${chaincode.name}' is declared twice in channel '${channel.name}'`,
                'declare each chaincode once per channel; change version and sequence to upgrade it',
            );
        }
        names.add(chaincode.name);
        if (!anyPeers && scope.members.size === channel.members.length) {
            run.report(
                'chaincode-no-peers',
                [...chaincodePath, 'name'],
                `chaincode '${chaincode.name}' cannot run: no member of channel '${channel.name}' runs peers`,
                'give a member organization peers (peers: 1)',
            );
        }
        (chaincode.collections ?? []).forEach((name, k) => {
            if (!collections.has(name)) {
                const guess = suggest(name, [...collections]);
                run.report(
                    'chaincode-collection-unknown',
                    [...chaincodePath, 'collections', k],
                    `collection '${name}' of chaincode '${chaincode.name}' is not declared in channel '${channel.name}'`,
                    guess === undefined
                        ? `declare it under collections of channel '${channel.name}'`
                        : `did you mean '${guess}'?`,
                );
            }
        });
        let compiled: CompiledPolicy | undefined;
        if (chaincode.endorsement !== undefined) {
            compiled = checkPolicy(
                run,
                scope,
                chaincode.endorsement,
                [...chaincodePath, 'endorsement'],
                'peer',
                'Endorsement',
            );
        }
        if ((chaincode.uses ?? []).length === 0 || channel.type === 'public') return;
        const usesPath = [...chaincodePath, 'uses', 0];
        const used = (chaincode.uses ?? []).join(', ');
        const participants = publicParticipants(run);
        if (participants === undefined) {
            run.report(
                'public-channel-missing',
                usesPath,
                `chaincode '${chaincode.name}' on channel '${channel.name}' reads ${used} on the public channel, but no organization of this file takes part in it`,
                'add publicChannel: { peers: [...], clients: [...] } naming the organizations on the public channel',
            );
            return;
        }
        const endorsers =
            compiled?.type === 'signature'
                ? [...scope.members.values()].filter((org) => mspIdsOf(compiled.policy).includes(org.mspId))
                : [...scope.members.values()].filter((org) => org.hasPeers);
        for (const org of endorsers) {
            if (!participants.peers.has(org.name)) {
                run.report(
                    'uses-peers-not-public',
                    usesPath,
                    `chaincode '${chaincode.name}' on channel '${channel.name}' reads ${used}, but the peers of '${org.name}' that endorse it are not on the public channel '${participants.channel}'`,
                    `add '${org.name}' to publicChannel.peers: a cross-channel read runs on the endorsing peer, which must have joined both channels`,
                );
            }
        }
        for (const org of scope.members.values()) {
            if (!participants.clients.has(org.name)) {
                run.report(
                    'uses-clients-not-public',
                    usesPath,
                    `chaincode '${chaincode.name}' on channel '${channel.name}' reads ${used}, but clients of '${org.name}' are not members of the public channel '${participants.channel}'`,
                    `add '${org.name}' to publicChannel.clients: the submitter must pass the public channel's ChaincodeToChaincode ACL (its Writers)`,
                );
            }
        }
    });
}

/** Path (relative to the policy) of the first string in a friendly policy that names `name` or `mspId`. */
export function findMention(value: unknown, name: string, mspId: string): PathSegment[] {
    const mentions = (text: string): boolean => {
        const base = text.trim().replace(/\.(member|admin|client|peer|orderer)$/, '');
        return base === name || base === mspId || text.includes(`'${mspId}.`) || text.includes(`"${mspId}.`);
    };
    if (typeof value === 'string') return [];
    if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
            const item: unknown = value[i];
            if (typeof item === 'string' ? mentions(item) : containsMention(item, mentions)) {
                return [i, ...findMention(item, name, mspId)];
            }
        }
        return [];
    }
    if (typeof value === 'object' && value !== null) {
        for (const [key, item] of Object.entries(value)) {
            if (typeof item === 'string' ? mentions(item) : containsMention(item, mentions)) {
                return [key, ...findMention(item, name, mspId)];
            }
        }
    }
    return [];
}

export function containsMention(value: unknown, mentions: (text: string) => boolean): boolean {
    if (typeof value === 'string') return mentions(value);
    if (Array.isArray(value)) return value.some((item) => containsMention(item, mentions));
    if (typeof value === 'object' && value !== null)
        return Object.values(value).some((item) => containsMention(item, mentions));
    return false;
}

/** `.any[1].all[0]` → ['any', 1, 'all', 0]. */
export function subPath(text: string): PathSegment[] {
    const out: PathSegment[] = [];
    for (const match of text.matchAll(/\.([A-Za-z]+)|\[(\d+)\]/g)) {
        if (match[1] !== undefined) out.push(match[1]);
        else if (match[2] !== undefined) out.push(Number(match[2]));
    }
    return out;
}

export const pathMarker = '@';

/** Compiles one friendly policy of a channel; reports problems; returns it when it compiles. */
export function checkPolicy(
    run: RuleRun,
    scope: ChannelScope,
    value: unknown,
    path: readonly PathSegment[],
    defaultRole: PrincipalRole,
    subPolicy: string,
): CompiledPolicy | undefined {
    const memberMspIds = new Map([...scope.members.values()].map((org) => [org.mspId, org]));
    const resolveOrg = (name: string): string | undefined => {
        const org = run.orgs.get(name);
        if (org !== undefined) return org.mspId;
        for (const known of run.orgs.values()) if (known.mspId === name) return name;
        return undefined;
    };
    let compiled: CompiledPolicy;
    try {
        compiled = compileFriendlyPolicy(value, { resolveOrg, defaultRole, subPolicy, path: pathMarker });
    } catch (error) {
        if (!isKitError(error)) throw error;
        const match = /^policy at @([^:]*): (.*)$/s.exec(error.message);
        const rest = match?.[2] ?? error.message;
        const fullPath = [...path, ...subPath(match?.[1] ?? '')];
        run.report(
            'policy-invalid',
            fullPath,
            `policy ${displayPath(fullPath)}: ${rest}`,
            error.hint ?? 'write the policy in the friendly form of policies/README.md',
        );
        return undefined;
    }
    if (compiled.type === 'signature') {
        for (const mspId of mspIdsOf(compiled.policy)) {
            if (memberMspIds.has(mspId)) continue;
            const org = [...run.orgs.values()].find((known) => known.mspId === mspId);
            const label = org === undefined ? `MSP id '${mspId}'` : `'${org.name}' (${mspId})`;
            run.report(
                'policy-org-outside-channel',
                [...path, ...findMention(value, org?.name ?? mspId, mspId)],
                `policy ${displayPath(path)} names ${label}, which is not a member of channel '${scope.channel.name}'`,
                `add ${org === undefined ? 'the organization' : `'${org.name}'`} to the channel's members or remove it from the policy`,
            );
        }
    }
    return compiled;
}
