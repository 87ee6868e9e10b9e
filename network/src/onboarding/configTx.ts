// SPDX-License-Identifier: Apache-2.0
//
// Channel configurations and config updates read as Fabric's orderer reads them
// (common/configtx): the config flattened into elements with their versions and mod policies,
// the read set checked against the current config (a stale update), the delta set (what the update
// changes) and, for each changed element, the policy that must authorize it.
import type { Policy } from '@productivist/policies';
import { decodePolicy } from '@productivist/policies';
import type { PolicyGroup } from '@productivist/policies';
import { common } from '@hyperledger/fabric-protos';

/** One element of a config: a group, a value or a policy. */
export interface ConfigElement {
    readonly kind: 'Group' | 'Value' | 'Policy';
    /** Path of the element (`/Channel/Application/AcmeMSP`, `/Channel/Application/AcmeMSP/MSP`). */
    readonly path: string;
    /** Path of the group that holds the element (the group itself for a group). */
    readonly groupPath: string;
    readonly version: number;
    readonly modPolicy: string;
}

/** The channel config in a config block (`peer channel fetch config`). */
export function configFromBlock(bytes: Uint8Array): common.Config {
    const block = common.Block.deserializeBinary(bytes);
    const first = block.getData()?.getDataList_asU8()[0];
    if (first === undefined) throw new Error('the config block holds no transaction');
    const payload = common.Payload.deserializeBinary(common.Envelope.deserializeBinary(first).getPayload_asU8());
    const config = common.ConfigEnvelope.deserializeBinary(payload.getData_asU8()).getConfig();
    if (config === undefined) throw new Error('the config block holds no config');
    return config;
}

function key(element: Pick<ConfigElement, 'kind' | 'path'>): string {
    return `${element.kind} ${element.path}`;
}

/** Every element of a config group and its children, keyed by kind and path. */
export function flattenGroup(group: common.ConfigGroup, path = '/Channel'): Map<string, ConfigElement> {
    const out = new Map<string, ConfigElement>();
    const visit = (current: common.ConfigGroup, at: string): void => {
        const element: ConfigElement = {
            kind: 'Group',
            path: at,
            groupPath: at,
            version: current.getVersion(),
            modPolicy: current.getModPolicy(),
        };
        out.set(key(element), element);
        current.getValuesMap().forEach((value: common.ConfigValue, name: string) => {
            const item: ConfigElement = {
                kind: 'Value',
                path: `${at}/${name}`,
                groupPath: at,
                version: value.getVersion(),
                modPolicy: value.getModPolicy(),
            };
            out.set(key(item), item);
        });
        current.getPoliciesMap().forEach((policy: common.ConfigPolicy, name: string) => {
            const item: ConfigElement = {
                kind: 'Policy',
                path: `${at}/${name}`,
                groupPath: at,
                version: policy.getVersion(),
                modPolicy: policy.getModPolicy(),
            };
            out.set(key(item), item);
        });
        current.getGroupsMap().forEach((child: common.ConfigGroup, name: string) => {
            visit(child, `${at}/${name}`);
        });
    };
    visit(group, path);
    return out;
}

/** Why an update cannot apply to the current config, before any signature is looked at. */
export interface StaleElement {
    readonly element: string;
    readonly expected: number;
    readonly current: number | undefined;
}

/** Elements the update read at a version the channel no longer has (configtx verifyReadSet). */
export function staleElements(update: common.ConfigUpdate, current: common.Config): StaleElement[] {
    const readSet = update.getReadSet();
    const channel = current.getChannelGroup();
    if (readSet === undefined || channel === undefined) return [];
    const now = flattenGroup(channel);
    const stale: StaleElement[] = [];
    for (const [name, element] of flattenGroup(readSet)) {
        const existing = now.get(name);
        if (existing?.version !== element.version) {
            stale.push({ element: name, expected: element.version, current: existing?.version });
        }
    }
    return stale;
}

/** A changed element and the absolute path of the policy that must authorize it. */
export interface Change {
    readonly element: string;
    readonly policyPath: string;
}

/** Problems of the write set itself (a version that skips, an unknown element at a version above 0). */
export interface DeltaProblem {
    readonly element: string;
    readonly problem: string;
}

function absolutePolicy(element: ConfigElement): string {
    if (element.modPolicy.startsWith('/')) return element.modPolicy;
    return `${element.groupPath}/${element.modPolicy}`;
}

/**
 * What the update changes (configtx computeDeltaSet and verifyDeltaSet): each element of the write
 * set whose version differs from the read set's, with the mod policy of the existing element that
 * must be satisfied. New elements (version 0) need no policy of their own: their parent's does.
 */
export function changesOf(
    update: common.ConfigUpdate,
    current: common.Config,
): { changes: Change[]; problems: DeltaProblem[] } {
    const readSet = update.getReadSet();
    const writeSet = update.getWriteSet();
    const channel = current.getChannelGroup();
    if (writeSet === undefined || channel === undefined) return { changes: [], problems: [] };
    const read = readSet === undefined ? new Map<string, ConfigElement>() : flattenGroup(readSet);
    const now = flattenGroup(channel);
    const changes: Change[] = [];
    const problems: DeltaProblem[] = [];
    for (const [name, element] of flattenGroup(writeSet)) {
        if (read.get(name)?.version === element.version) continue;
        const existing = now.get(name);
        if (existing === undefined) {
            if (element.version !== 0) {
                problems.push({ element: name, problem: `is new but set to version ${element.version}` });
            }
            continue;
        }
        if (element.version !== existing.version + 1) {
            problems.push({
                element: name,
                problem: `is set to version ${element.version} but is at version ${existing.version}`,
            });
            continue;
        }
        if (existing.modPolicy === '') {
            problems.push({ element: name, problem: 'has no mod_policy: nobody may change it' });
            continue;
        }
        changes.push({ element: name, policyPath: absolutePolicy(existing) });
    }
    return { changes, problems };
}

/** The policies of a config group and its children, for the policies package's evaluator. */
export function policyGroupOf(group: common.ConfigGroup): PolicyGroup {
    const policies: Record<string, Policy> = {};
    group.getPoliciesMap().forEach((policy: common.ConfigPolicy, name: string) => {
        const value = policy.getPolicy();
        if (value === undefined) return;
        try {
            policies[name] = decodePolicy(value.serializeBinary());
        } catch {
            // A policy type the evaluator does not model (none in an application channel's
            // Application group); an update that needs it is reported as unsatisfiable.
        }
    });
    const groups: Record<string, PolicyGroup> = {};
    group.getGroupsMap().forEach((child: common.ConfigGroup, name: string) => {
        groups[name] = policyGroupOf(child);
    });
    return { policies, groups };
}

/** The organization groups of the channel's Application group, by name (the MSP id in trees the kit generates). */
export function applicationOrganizations(config: common.Config): Map<string, common.ConfigGroup> {
    const out = new Map<string, common.ConfigGroup>();
    config
        .getChannelGroup()
        ?.getGroupsMap()
        .get('Application')
        ?.getGroupsMap()
        .forEach((group: common.ConfigGroup, name: string) => out.set(name, group));
    return out;
}
