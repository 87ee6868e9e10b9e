// SPDX-License-Identifier: Apache-2.0
//
// The chaincode step of a bundle's `up` (one organization's part of the network). For each core
// contract the tree declares that this organization endorses:
// - the organization that runs the chaincode's server deploys it as `network up` does (TLS
//   identity, package, install, server, approval, commit: the public example's servers and its
//   lifecycle endorsement are both the Productivist organization's);
// - every other endorsing organization builds the same package (the server's address and TLS
//   root, the code's digest: the same bytes, so the same package id), installs it on its peers,
//   waits until the definition is committed and approves it for itself.
// Then productoken: the bundle holding the Productivist admin initializes it (once another
// organization's peers can endorse with it); every bundle opens its members' accounts once it is
// initialized.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { NetworkError } from '../errors.js';
import type { ChannelPlan, StartPlan } from '../runtime/plans.js';
import { pollUntil } from '../runtime/processes.js';
import type { Runner } from '../runtime/Runner.js';
import { ccaasPackage } from './ccaasPackage.js';
import { declaredChaincodes } from './core.js';
import type { ChaincodeDefinitionFile } from './deploy.js';
import { deployChaincode, policyFlags } from './deploy.js';
import { approve, approvedPackage, installOn, queryCommitted } from './peerLifecycle.js';
import { initializeProductoken } from './productoken.js';
import { codeDigest, isCoreChaincode, resolveChaincodeSource } from './source.js';

/** The TLS root of an organization's peers (and its chaincode servers), from the whole plan. */
function tlsRootOf(root: string, organization: string): string {
    const plan = JSON.parse(readFileSync(join(root, 'start-plan.json'), 'utf8')) as StartPlan;
    const peer = plan.channels.flatMap((channel) => channel.peers).find((p) => p.admin.organization === organization);
    if (peer === undefined) {
        throw new NetworkError(`the plan names no peer of ${organization}, whose server a chaincode uses`, {
            code: 'PLAN_INVALID',
            exit: 'usage',
            hint: 'regenerate the tree',
        });
    }
    return join(root, peer.admin.tlsRootCert);
}

/** Installs another organization's server package on this bundle's peers and approves the committed definition. */
async function joinChaincode(
    runner: Runner,
    channel: ChannelPlan,
    definition: ChaincodeDefinitionFile,
    organization: string,
    waitMs: number,
): Promise<void> {
    const name = definition.name;
    const service = (definition.services ?? []).find((candidate) => candidate.serves.includes(organization));
    if (service === undefined) return;
    const source = resolveChaincodeSource(name);
    const digest = await codeDigest(source);
    const built = ccaasPackage({
        label: `${name}_${digest.slice(0, 12)}`,
        address: service.address,
        rootCertPem: readFileSync(tlsRootOf(runner.tree.root, service.organization), 'utf8'),
        codeDigest: digest,
    });
    const dir = join(runner.state.root, 'chaincodes', service.id);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${built.label}.tar.gz`);
    writeFileSync(file, built.bytes);
    const peers = channel.peers;
    const [first] = peers;
    if (first === undefined) return;
    await Promise.all(peers.map((peer) => installOn(runner, peer, file, built.packageId)));
    let committed: { sequence: number; version: string } | undefined;
    runner.say(`${name}: installed on ${peers.map((peer) => peer.peer).join(', ')}; waiting for its commit`);
    const seen = await pollUntil(
        async () => {
            committed = await queryCommitted(runner, first, channel.name, name);
            return committed !== undefined;
        },
        waitMs,
        1_000,
    );
    if (!seen || committed === undefined) {
        throw new NetworkError(`${name} was not committed on ${channel.name} within ${Math.round(waitMs / 1000)} s`, {
            code: 'DEPLOY_FAILED',
            exit: 'ledger',
            hint: `the bundle of ${service.organization} commits it: run it ('network up <tree>/bundles/<org>'), or wait longer (--wait)`,
        });
    }
    if ((await approvedPackage(runner, first, channel.name, name, committed.sequence)) !== built.packageId) {
        await approve(
            runner,
            first,
            {
                channel,
                name,
                version: committed.version,
                sequence: committed.sequence,
                flags: policyFlags(definition.approveFlags),
            },
            built.packageId,
        );
    }
    runner.say(`${name}: sequence ${committed.sequence} approved for ${organization} (server ${service.address})`);
}

/** The chaincode step of `organization`'s bundle (see the module comment). */
export async function bundleChaincodes(runner: Runner, organization: string, waitMs: number): Promise<void> {
    for (const channel of runner.tree.start.channels) {
        if (channel.peers.length === 0) continue;
        const definitions = declaredChaincodes(runner.tree.root, channel.name)
            .filter(isCoreChaincode)
            .map(
                (name) =>
                    JSON.parse(
                        readFileSync(
                            join(runner.tree.root, 'channels', channel.name, 'chaincodes', `${name}.json`),
                            'utf8',
                        ),
                    ) as ChaincodeDefinitionFile,
            )
            .filter((definition) => definition.endorsingOrganizations.includes(organization));
        await Promise.all(
            definitions.map(async (definition) => {
                const hosts = (definition.services ?? []).some((service) => service.organization === organization);
                if (hosts) {
                    await deployChaincode(runner, resolveChaincodeSource(definition.name), { channel: channel.name });
                } else {
                    await joinChaincode(runner, channel, definition, organization, waitMs);
                }
            }),
        );
        if (definitions.some((definition) => definition.name === 'productoken')) {
            await initializeProductoken(runner, channel, { waitMs });
        }
    }
}
