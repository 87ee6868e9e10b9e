// SPDX-License-Identifier: Apache-2.0
//
// A channel config update as Fabric's tools make it: fetch the config block, decode it with
// configtxlator, change it, compute the update, wrap it in an envelope, submit it signed by an
// admin. configtxlator writes to files (it cannot open /dev/stdout on the socket Node gives it).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { runBinary } from '../exec.js';
import { requireBinary } from '../toolchain.js';

/** A config group as configtxlator decodes it. */
export interface ConfigGroupJson {
    groups: Record<string, ConfigGroupJson | undefined>;
    values: Record<string, unknown>;
}

/** A decoded channel config. */
export interface ChannelConfig {
    channel_group: ConfigGroupJson;
}

/** Who submits and where. */
export interface ConfigUpdateTarget {
    readonly channel: string;
    /** `host:port` of an orderer of the channel. */
    readonly orderer: string;
    /** TLS CA file of the orderer. */
    readonly ordererTlsCa: string;
    /** Environment of the `peer` CLI as the signing admin. */
    readonly env: Readonly<Record<string, string>>;
    /** Scratch folder. */
    readonly work: string;
    readonly fabricHome: string;
}

async function lator(home: string, args: readonly string[]): Promise<void> {
    await runBinary(requireBinary('configtxlator', home), args, { timeoutMs: 60_000 });
}

/** Fetches the latest config block of the channel; returns its bytes (also left in `work`/config.pb). */
export async function fetchConfigBlock(target: Readonly<ConfigUpdateTarget>): Promise<Uint8Array> {
    mkdirSync(target.work, { recursive: true });
    const file = join(target.work, 'config.pb');
    await runBinary(
        requireBinary('peer', target.fabricHome),
        ['channel', 'fetch', 'config', file, '-c', target.channel, '-o', target.orderer, ...ordererTls(target)],
        { env: target.env, timeoutMs: 60_000 },
    );
    return readFileSync(file);
}

function ordererTls(target: Readonly<ConfigUpdateTarget>): string[] {
    return ['--tls', '--cafile', target.ordererTlsCa];
}

/** The decoded config of a config block (configtxlator). */
export async function decodeConfigBlock(home: string, work: string, block: Uint8Array): Promise<ChannelConfig> {
    mkdirSync(work, { recursive: true });
    const file = (name: string): string => join(work, name);
    writeFileSync(file('decode.pb'), block);
    await lator(home, [
        'proto_decode',
        '--input',
        file('decode.pb'),
        '--type',
        'common.Block',
        '--output',
        file('block.json'),
    ]);
    const decoded = JSON.parse(readFileSync(file('block.json'), 'utf8')) as {
        data: { data: { payload: { data: { config: ChannelConfig } } }[] };
    };
    const config = decoded.data.data[0]?.payload.data.config;
    if (config === undefined) throw new Error('the config block holds no config');
    return config;
}

/** `common.ConfigUpdate` bytes from an original and an updated config (configtxlator compute_update). */
export async function computeConfigUpdate(
    home: string,
    work: string,
    channel: string,
    original: ChannelConfig,
    updated: ChannelConfig,
): Promise<Uint8Array> {
    mkdirSync(work, { recursive: true });
    const file = (name: string): string => join(work, name);
    writeFileSync(file('original.json'), JSON.stringify(original));
    writeFileSync(file('updated.json'), JSON.stringify(updated));
    for (const name of ['original', 'updated']) {
        await lator(home, [
            'proto_encode',
            '--input',
            file(`${name}.json`),
            '--type',
            'common.Config',
            '--output',
            file(`${name}.pb`),
        ]);
    }
    await lator(home, [
        'compute_update',
        '--channel_id',
        channel,
        '--original',
        file('original.pb'),
        '--updated',
        file('updated.pb'),
        '--output',
        file('update.pb'),
    ]);
    return readFileSync(file('update.pb'));
}

/**
 * Submits a `common.Envelope` holding a config update with `peer channel update` as the admin of
 * `target.env` (whose own signature the peer CLI adds).
 */
export async function submitConfigEnvelope(target: Readonly<ConfigUpdateTarget>, envelope: Uint8Array): Promise<void> {
    mkdirSync(target.work, { recursive: true });
    const file = join(target.work, 'envelope.pb');
    writeFileSync(file, envelope);
    await runBinary(
        requireBinary('peer', target.fabricHome),
        ['channel', 'update', '-f', file, '-c', target.channel, '-o', target.orderer, ...ordererTls(target)],
        { env: target.env, timeoutMs: 60_000 },
    );
}

/**
 * Fetches the channel config, lets `change` edit a copy, and submits the difference. Returns false
 * (and submits nothing) when `change` returns false: nothing to update.
 */
export async function updateChannelConfig(
    target: Readonly<ConfigUpdateTarget>,
    change: (config: ChannelConfig) => boolean,
): Promise<boolean> {
    const { work, fabricHome: home } = target;
    const original = await decodeConfigBlock(home, work, await fetchConfigBlock(target));
    const updated = JSON.parse(JSON.stringify(original)) as ChannelConfig;
    if (!change(updated)) return false;
    await computeConfigUpdate(home, work, target.channel, original, updated);
    const file = (name: string): string => join(work, name);
    await lator(home, [
        'proto_decode',
        '--input',
        file('update.pb'),
        '--type',
        'common.ConfigUpdate',
        '--output',
        file('update.json'),
    ]);
    const envelope = {
        payload: {
            header: { channel_header: { channel_id: target.channel, type: 2 } },
            data: { config_update: JSON.parse(readFileSync(file('update.json'), 'utf8')) as unknown },
        },
    };
    writeFileSync(file('envelope.json'), JSON.stringify(envelope));
    await lator(home, [
        'proto_encode',
        '--input',
        file('envelope.json'),
        '--type',
        'common.Envelope',
        '--output',
        file('envelope.pb'),
    ]);
    await runBinary(
        requireBinary('peer', home),
        [
            'channel',
            'update',
            '-f',
            file('envelope.pb'),
            '-c',
            target.channel,
            '-o',
            target.orderer,
            ...ordererTls(target),
        ],
        { env: target.env, timeoutMs: 60_000 },
    );
    return true;
}

/** Sets an organization's anchor peers; false when the config already names exactly these. */
export function withAnchorPeers(
    mspId: string,
    anchors: readonly { readonly host: string; readonly port: number }[],
): (config: ChannelConfig) => boolean {
    return (config) => {
        const org = config.channel_group.groups['Application']?.groups[mspId];
        if (org === undefined) throw new Error(`${mspId} is not a member of the channel's Application group`);
        const value = { anchor_peers: anchors.map((anchor) => ({ host: anchor.host, port: anchor.port })) };
        const current = org.values['AnchorPeers'] as { value?: unknown } | undefined;
        if (JSON.stringify(current?.value) === JSON.stringify(value)) return false;
        org.values['AnchorPeers'] =
            current === undefined ? { mod_policy: 'Admins', value, version: '0' } : { ...current, value };
        return true;
    };
}
