// SPDX-License-Identifier: Apache-2.0
//
// The config updates waiting for signatures in a folder (by default `<state>/updates/`): each update
// file with what it does, and — checked against the channel's current config by the same
// checkUpdate that `org submit` runs — whose signatures count, which are refused and which
// organizations are still missing. Detached signature files in the folder that sign an update's
// bytes count with it. Nothing is written; a file that is not an update is reported, not skipped.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { common } from '@hyperledger/fabric-protos';

import { fetchConfigBlock } from '../runtime/configUpdate.js';
import type { SourcedSignature, UpdateCheck } from './check.js';
import { checkUpdate } from './check.js';
import { configFromBlock } from './configTx.js';
import { NetworkContext } from './context.js';
import type { SignatureFile, UpdateAction } from './updateFile.js';
import {
    readSignatureFile,
    readUpdateFile,
    signatureFormat,
    updateBytes,
    updateDigest,
    updateFormat,
} from './updateFile.js';

/** One pending update as an operator sees it. */
export interface PendingUpdate {
    /** The file's name inside the folder. */
    readonly file: string;
    readonly channel: string;
    readonly description: string;
    readonly action: UpdateAction;
    /** sha256 of the update bytes, hex. */
    readonly digest: string;
    readonly check: UpdateCheck;
    /** Organizations one of whose admins could still sign (every unsatisfied policy's). */
    readonly missing: readonly string[];
}

/** A file of the folder that could not be read as an update or signature. */
export interface UnreadableFile {
    readonly file: string;
    readonly problem: string;
}

export interface PendingUpdates {
    readonly directory: string;
    readonly updates: readonly PendingUpdate[];
    readonly unreadable: readonly UnreadableFile[];
}

/** The default folder of pending updates of a network's state directory. */
export function updatesDirectory(network: string): string {
    return join(network, 'updates');
}

function formatOf(path: string): unknown {
    try {
        return (JSON.parse(readFileSync(path, 'utf8')) as { format?: unknown }).format;
    } catch {
        return undefined;
    }
}

/**
 * Reads every `*.json` of `directory` (none when it does not exist) and checks each update file
 * against its channel's current config, fetched once per channel as the first peer admin.
 */
export async function pendingUpdates(options: {
    readonly network: string;
    readonly fabricHome: string;
    readonly directory?: string;
}): Promise<PendingUpdates> {
    const directory = options.directory ?? updatesDirectory(options.network);
    if (!existsSync(directory)) return { directory, updates: [], unreadable: [] };
    const names = readdirSync(directory)
        .filter((name) => name.endsWith('.json'))
        .sort();
    const unreadable: UnreadableFile[] = [];
    const updates: { name: string; file: ReturnType<typeof readUpdateFile> }[] = [];
    const detached: { name: string; signature: SignatureFile }[] = [];
    for (const name of names) {
        const path = join(directory, name);
        try {
            if (formatOf(path) === signatureFormat) detached.push({ name, signature: readSignatureFile(path) });
            else if (formatOf(path) === updateFormat) updates.push({ name, file: readUpdateFile(path) });
            else unreadable.push({ file: name, problem: 'not a config update or signature file of productivist' });
        } catch (error) {
            unreadable.push({ file: name, problem: error instanceof Error ? error.message : String(error) });
        }
    }
    if (updates.length === 0) return { directory, updates: [], unreadable };
    const context = new NetworkContext(options.network, options.fabricHome, () => undefined);
    const configs = new Map<string, common.Config>();
    const configOf = async (name: string): Promise<common.Config> => {
        const known = configs.get(name);
        if (known !== undefined) return known;
        const channel = context.channel(name);
        const reader = channel.peers[0]?.admin ?? context.admin(channel.ordererAdmin?.organization ?? '');
        const config = configFromBlock(await fetchConfigBlock(context.target(channel, reader, `${name}-pending`)));
        configs.set(name, config);
        return config;
    };
    const pending: PendingUpdate[] = [];
    for (const { name, file } of updates) {
        let config: common.Config;
        try {
            config = await configOf(file.channel);
        } catch (error) {
            // The update stays listed as unreadable with the reason (an unknown channel, an orderer that does not answer).
            unreadable.push({ file: name, problem: error instanceof Error ? error.message : String(error) });
            continue;
        }
        const bytes = updateBytes(file);
        const digest = updateDigest(file);
        const signatures: SourcedSignature[] = [
            ...file.signatures.map((entry, index) => ({ entry, source: `signature ${String(index + 1)} of ${name}` })),
            ...detached
                .filter(({ signature }) => signature.update === digest && signature.channel === file.channel)
                .map(({ name: source, signature }) => ({ entry: signature, source })),
        ];
        const check = checkUpdate(bytes, common.ConfigUpdate.deserializeBinary(bytes), config, signatures);
        pending.push({
            file: name,
            channel: file.channel,
            description: file.description,
            action: file.action,
            digest,
            check,
            missing: [...new Set(check.policies.flatMap((policy) => policy.missing))],
        });
    }
    return { directory, updates: pending, unreadable };
}
