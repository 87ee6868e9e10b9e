// SPDX-License-Identifier: Apache-2.0
//
// The chaincodes an added organization's peers serve: every chaincode deployed on the channel is
// installed on its peers (the same CCaaS package) and approved by its admin at the committed
// sequence, with the committed definition's parameters (the lifecycle functions of network up).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { readDeployments, policyFlags } from '../lifecycle/deploy.js';
import type { ChaincodeDefinitionFile } from '../lifecycle/deploy.js';
import { approve, approvedPackage, installOn } from '../lifecycle/peerLifecycle.js';
import type { ChannelPlan } from '../runtime/plans.js';
import type { Runner } from '../runtime/Runner.js';

/** What {@link approveChaincodesFor} did, per chaincode. */
export interface OrganizationChaincode {
    readonly name: string;
    readonly sequence: number;
    readonly packageId: string;
    readonly installedOn: readonly string[];
    readonly approved: boolean;
}

/** Installs and approves every chaincode deployed on `channel` for the organization `mspId`. */
export async function approveChaincodesFor(
    runner: Runner,
    channel: ChannelPlan,
    mspId: string,
): Promise<OrganizationChaincode[]> {
    const peers = channel.peers.filter((peer) => peer.admin.mspId === mspId);
    const [first] = peers;
    if (first === undefined) return [];
    const done: OrganizationChaincode[] = [];
    const records = Object.values(readDeployments(runner.state.root)).filter(
        (record) => record.channel === channel.name,
    );
    for (const record of records) {
        const label = record.packageId.split(':')[0] ?? record.packageId;
        const file = join(runner.state.root, 'chaincodes', record.server, `${label}.tar.gz`);
        if (!existsSync(file)) continue;
        const installed = await Promise.all(
            peers.map(async (peer) => ((await installOn(runner, peer, file, record.packageId)) ? peer.peer : '')),
        );
        const definitionFile = join(runner.tree.root, 'channels', channel.name, 'chaincodes', `${record.name}.json`);
        const flags = existsSync(definitionFile)
            ? policyFlags((JSON.parse(readFileSync(definitionFile, 'utf8')) as ChaincodeDefinitionFile).approveFlags)
            : [];
        const already = await approvedPackage(runner, first, channel.name, record.name, record.sequence);
        if (already !== record.packageId) {
            await approve(
                runner,
                first,
                { channel, name: record.name, version: record.version, sequence: record.sequence, flags },
                record.packageId,
            );
        }
        done.push({
            name: record.name,
            sequence: record.sequence,
            packageId: record.packageId,
            installedOn: installed.filter((peer) => peer !== ''),
            approved: already !== record.packageId,
        });
        runner.say(`${record.name}: installed and approved for ${mspId} at sequence ${record.sequence}`);
    }
    return done;
}
