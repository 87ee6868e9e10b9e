// SPDX-License-Identifier: Apache-2.0
//
// The chaincode step of `network up`: every core contract the generated tree declares on a channel
// is deployed (in parallel; each is idempotent), then productoken is initialized and the accounts
// opened. Chaincodes of the tree that are not core contracts are deployed by path with
// `network deploy <project> --name <name>`.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import type { Runner } from '../runtime/Runner.js';
import type { DeployResult } from './deploy.js';
import { deployChaincode } from './deploy.js';
import { initializeProductoken } from './productoken.js';
import type { TokenSetup } from './productoken.js';
import { isCoreChaincode, resolveChaincodeSource } from './source.js';

/** What the chaincode step did. */
export interface ChaincodeStep {
    readonly deployed: readonly DeployResult[];
    readonly token: TokenSetup | undefined;
}

/** The chaincodes a channel's generated definitions declare (`channels/<channel>/chaincodes/*.json`), sorted. */
export function declaredChaincodes(root: string, channel: string): string[] {
    const dir = join(root, 'channels', channel, 'chaincodes');
    return existsSync(dir)
        ? readdirSync(dir)
              .filter((file) => file.endsWith('.json'))
              .map((file) => file.slice(0, -'.json'.length))
              .sort()
        : [];
}

/** Deploys the core contracts the tree declares and makes productoken ready. */
export async function bringUpCoreChaincodes(runner: Runner): Promise<ChaincodeStep> {
    const deployed: DeployResult[] = [];
    let token: TokenSetup | undefined;
    for (const channel of runner.tree.start.channels) {
        const names = declaredChaincodes(runner.tree.root, channel.name);
        const core = names.filter(isCoreChaincode);
        const other = names.filter((name) => !isCoreChaincode(name));
        if (other.length > 0) {
            runner.say(
                `${channel.name}: ${other.join(', ')} not deployed by up (not core contracts); use 'productivist network deploy <project folder> --name <name>'`,
            );
        }
        const results = await Promise.all(
            core.map((name) => deployChaincode(runner, resolveChaincodeSource(name), { channel: channel.name })),
        );
        deployed.push(...results);
        if (core.includes('productoken')) token = await initializeProductoken(runner, channel);
    }
    return { deployed, token };
}
