// SPDX-License-Identifier: Apache-2.0
//
// Which policies a transaction must satisfy, used twice: by the endorsement planner (as the
// gateway does with the chaincode interest of the first simulation) and by the validator at commit
// (as the committing peer does per namespace written).
import type { ApplicationPolicy, SigningIdentity } from '@productivist/policies';
import {
    decodeSignaturePolicyEnvelope,
    evaluatePolicyPath,
    evaluateSignaturePolicy,
    printSignaturePolicy,
} from '@productivist/policies';

import type { Channel, Peer } from './channel.js';
import { sha256 } from './keys.js';
import type { RwSet } from './rwset.js';
import { writesTo } from './rwset.js';
import { validationParameter } from './simulator.js';

/** A policy the endorsements must satisfy, with where it comes from (for messages). */
export interface Requirement {
    readonly source: string;
    readonly satisfiedBy: (endorsers: readonly SigningIdentity[]) => boolean;
}

function fromApplicationPolicy(channel: Channel, source: string, policy: ApplicationPolicy): Requirement {
    if (policy.type === 'signature') {
        return {
            source: `${source} ${printSignaturePolicy(policy.policy)}`,
            satisfiedBy: (endorsers) => evaluateSignaturePolicy(policy.policy, endorsers),
        };
    }
    return {
        source: `${source} ${policy.reference}`,
        satisfiedBy: (endorsers) => evaluatePolicyPath(channel.policyRoot, policy.reference, endorsers),
    };
}

function fromKeyPolicy(source: string, bytes: Buffer): Requirement {
    const policy = decodeSignaturePolicyEnvelope(bytes);
    return {
        source: `${source} ${printSignaturePolicy(policy)}`,
        satisfiedBy: (endorsers) => evaluateSignaturePolicy(policy, endorsers),
    };
}

/**
 * The policies a read-write set needs. `height` is the state the key-level policies are read from.
 * In 'plan' mode every chaincode the transaction called counts, as the gateway's chaincode interest
 * does; in 'validate' mode only namespaces that write, as the validator does. A namespace's own
 * policy is needed unless every write it makes is governed by a key-level or collection policy.
 */
export function requirements(
    channel: Channel,
    rwset: RwSet,
    called: ReadonlySet<string>,
    mode: 'plan' | 'validate',
    height: number,
): Requirement[] {
    const result: Requirement[] = [];
    const namespaces = new Set<string>(mode === 'plan' ? called : []);
    for (const [ns, set] of rwset) if (writesTo(set)) namespaces.add(ns);
    for (const ns of [...namespaces].sort()) {
        const definition = channel.chaincodes.get(ns);
        if (definition === undefined) continue;
        const set = rwset.get(ns);
        let needsChaincodePolicy = set === undefined || !writesTo(set);
        if (set !== undefined) {
            const store = channel.state(ns);
            for (const key of new Set([...set.writes.keys(), ...set.metadataWrites.keys()])) {
                const policy = store.live(key, height)?.metadata.get(validationParameter);
                if (policy === undefined) needsChaincodePolicy = true;
                else result.push(fromKeyPolicy(`key-level policy of ${ns}/${key}`, policy));
            }
            for (const [name, collection] of set.collections) {
                const definitionOfCollection = definition.collections.get(name);
                const hashed = channel.hashedState(ns, name);
                for (const key of new Set([...collection.writes.keys(), ...collection.metadataWrites.keys()])) {
                    const policy = hashed.live(sha256(key).toString('hex'), height)?.metadata.get(validationParameter);
                    if (policy !== undefined) {
                        result.push(fromKeyPolicy(`key-level policy of ${ns}/${name}/${key}`, policy));
                    } else if (definitionOfCollection?.endorsementPolicy !== undefined) {
                        result.push(
                            fromApplicationPolicy(
                                channel,
                                `policy of collection ${ns}/${name}`,
                                definitionOfCollection.endorsementPolicy,
                            ),
                        );
                    } else {
                        needsChaincodePolicy = true;
                    }
                }
            }
        }
        if (needsChaincodePolicy)
            result.push(fromApplicationPolicy(channel, `policy of chaincode ${ns}`, definition.endorsementPolicy));
    }
    return result;
}

/** A peer as an endorsing identity. */
export function endorserIdentity(peer: Peer): SigningIdentity {
    return { id: peer.name, mspId: peer.mspId, role: 'peer' };
}

/**
 * Chooses endorsing peers the way the gateway does: the smallest set of organizations whose peers
 * satisfy every requirement, preferring sets with the client's own organization, one peer per
 * organization (all of an organization's peers when a policy needs several of them).
 */
export function planEndorsers(
    peersByOrg: ReadonlyMap<string, readonly Peer[]>,
    reqs: readonly Requirement[],
    preferredOrg: string,
): Peer[] | undefined {
    const orgs = [...peersByOrg.keys()].filter((org) => (peersByOrg.get(org) ?? []).length > 0).sort();
    const satisfies = (peers: readonly Peer[]): boolean => {
        const endorsers = peers.map(endorserIdentity);
        return reqs.every((req) => req.satisfiedBy(endorsers));
    };
    const candidates: string[][] = [];
    if (orgs.length <= 12) {
        for (let mask = 1; mask < 1 << orgs.length; mask++) {
            candidates.push(orgs.filter((_, i) => (mask & (1 << i)) !== 0));
        }
        candidates.sort(
            (a, b) => a.length - b.length || Number(b.includes(preferredOrg)) - Number(a.includes(preferredOrg)),
        );
    } else {
        candidates.push(orgs);
    }
    for (const perOrg of ['first', 'all'] as const) {
        for (const subset of candidates) {
            const peers = subset.flatMap((org) => {
                const list = peersByOrg.get(org) ?? [];
                return perOrg === 'first' ? list.slice(0, 1) : [...list];
            });
            if (satisfies(peers)) return peers;
        }
    }
    return undefined;
}

/** What the private data a simulation touched means for the choice of its endorsers. */
export interface CollectionInterest {
    /** Organizations endorsers must come from (undefined: any). */
    readonly members: ReadonlySet<string> | undefined;
    /** The same, without the protection of transient data (undefined: any). */
    readonly readMembers: ReadonlySet<string> | undefined;
    /** Collections only written, protected because the proposal carries transient data. */
    readonly protectedCollections: readonly string[];
}

function intersect(sets: readonly (readonly string[])[]): ReadonlySet<string> | undefined {
    if (sets.length === 0) return undefined;
    const [first = [], ...rest] = sets;
    return new Set(first.filter((org) => rest.every((set) => set.includes(org))));
}

/**
 * The gateway's rule for collections (its chaincode interest and discovery): a chaincode that read
 * private data is endorsed only by member organizations of every collection it touched; one that
 * only wrote private data may be endorsed by anyone, unless the proposal carries transient data —
 * then its collections are protected the same way, and if that leaves no endorsers the gateway
 * refuses rather than hand the transient data to other organizations.
 */
export function collectionInterest(channel: Channel, rwset: RwSet, hasTransient: boolean): CollectionInterest {
    const read: (readonly string[])[] = [];
    const written: (readonly string[])[] = [];
    const protectedCollections: string[] = [];
    for (const [ns, set] of rwset) {
        if (set.collections.size === 0) continue;
        const definition = channel.chaincodes.get(ns);
        const names = [...set.collections.keys()];
        const members = names.map((name) => definition?.collections.get(name)?.members ?? []);
        const privateReads = [...set.collections.values()].some((collection) => collection.hashedReads.size > 0);
        if (privateReads) read.push(...members);
        else if (hasTransient) {
            written.push(...members);
            protectedCollections.push(...names);
        }
    }
    return {
        members: intersect([...read, ...written]),
        readMembers: intersect(read),
        protectedCollections,
    };
}
