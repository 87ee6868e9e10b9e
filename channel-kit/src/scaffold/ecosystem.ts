// SPDX-License-Identifier: Apache-2.0
//
// The ecosystem side of a contract scaffold: where the chaincode runs (its channel, whether public,
// the public channel's name, the endorsing organizations), and the ecosystem file with the chaincode
// added under the channel's chaincodes, edited as a YAML document so that comments and order survive,
// and checked by the generator as a whole before anything is written.
import { dirname } from 'node:path';

import { isMap, isSeq, parseDocument } from 'yaml';

import { ChannelKitError } from '../errors.js';
import { buildTree, readUserFile } from '../generate.js';

/** Where a scaffolded chaincode runs. */
export interface ChaincodePlace {
    readonly ecosystem: string;
    readonly channel: string;
    readonly channelKind: 'public' | 'private';
    readonly publicChannel: string;
    /** The channel's member organizations that run peers: the default endorsement (all of them). */
    readonly endorsers: readonly string[];
    /** Whether the ecosystem already declares the chaincode on the channel. */
    readonly declared: boolean;
}

/** Reads where `chaincode` would run on `channel` of the ecosystem file (which must validate). */
export function chaincodePlace(
    file: string,
    channelName: string,
    chaincode: string,
    publicNetwork?: string,
): ChaincodePlace {
    const { ecosystem } = buildTree(readUserFile(file, file), { file, baseDir: dirname(file), publicNetwork });
    const channel = ecosystem.channels.find((candidate) => candidate.name === channelName);
    if (channel === undefined) {
        throw new ChannelKitError(`${file} has no channel '${channelName}'`, {
            code: 'CHANNEL_NOT_FOUND',
            exit: 'notFound',
            hint: `give --channel one of: ${ecosystem.channels.map((candidate) => candidate.name).join(', ')}`,
        });
    }
    const elsewhere = ecosystem.channels.find(
        (candidate) =>
            candidate.name !== channelName && candidate.chaincodes.some((existing) => existing.name === chaincode),
    );
    if (elsewhere !== undefined) {
        throw new ChannelKitError(`chaincode '${chaincode}' is already on channel '${elsewhere.name}' of ${file}`, {
            code: 'SCAFFOLD_NAME_TAKEN',
            exit: 'usage',
            hint: 'choose another name for the contract, or scaffold it for that channel',
        });
    }
    const withPeers = new Set(ecosystem.organizations.filter((org) => org.peers.length > 0).map((org) => org.name));
    const publicChannel =
        ecosystem.channels.find((candidate) => candidate.type === 'public')?.name ??
        ecosystem.publicChannel?.channel ??
        'productivist';
    return {
        ecosystem: ecosystem.name,
        channel: channel.name,
        channelKind: channel.type,
        publicChannel,
        endorsers: channel.members.filter((member) => withPeers.has(member)),
        declared: channel.chaincodes.some((existing) => existing.name === chaincode),
    };
}

/** The column of a text offset. */
function columnOf(text: string, offset: number): number {
    return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** The offset just after the line holding `offset`. */
function afterLine(text: string, offset: number): number {
    const end = text.indexOf('\n', Math.max(offset - 1, 0));
    return end < 0 ? text.length : end + 1;
}

/**
 * The ecosystem file's text with `chaincode` added to the channel's chaincodes (endorsement: all of
 * its peer-running members; `uses: [productoken]`), validated by the generator; undefined when the
 * chaincode is declared already (the file stays as the user has it). The entry is inserted as text
 * at the end of the channel's block, so every other byte of the file stays as it is.
 */
export function ecosystemWithChaincode(
    file: string,
    place: ChaincodePlace,
    chaincode: string,
    publicNetwork?: string,
): string | undefined {
    if (place.declared) return undefined;
    const text = readUserFile(file, file);
    const document = parseDocument(text);
    const channels = document.get('channels');
    const channel = isSeq(channels)
        ? channels.items.find((item) => isMap(item) && item.get('name') === place.channel)
        : undefined;
    if (!isMap(channel) || channel.range === undefined || channel.range === null || channel.flow === true) {
        throw new ChannelKitError(`channel '${place.channel}' of ${file} is not written as a block mapping`, {
            code: 'SCAFFOLD_ECOSYSTEM_LAYOUT',
            exit: 'usage',
            hint: `write channel '${place.channel}' as a block mapping (one key per line), or add the chaincode by hand`,
        });
    }
    const keyColumn = columnOf(text, channel.range[0]);
    const existing = channel.get('chaincodes', true);
    const entry = (dash: number): string => {
        const pad = ' '.repeat(dash);
        return [
            `${pad}- name: ${chaincode}`,
            `${pad}  endorsement: { all: [${place.endorsers.join(', ')}] }`,
            `${pad}  uses: [productoken]`,
            '',
        ].join('\n');
    };
    let at: number;
    let insert: string;
    const last = isSeq(existing) && existing.flow !== true ? existing.items.at(-1) : undefined;
    if (isMap(last) && last.range !== undefined && last.range !== null) {
        at = afterLine(text, last.range[1]);
        insert = entry(columnOf(text, last.range[0]) - 2);
    } else if (existing === undefined) {
        at = afterLine(text, channel.range[1]);
        insert = `${' '.repeat(keyColumn)}chaincodes:\n${entry(keyColumn + 4)}`;
    } else {
        throw new ChannelKitError(`the chaincodes of channel '${place.channel}' in ${file} are not a block list`, {
            code: 'SCAFFOLD_ECOSYSTEM_LAYOUT',
            exit: 'usage',
            hint: 'write chaincodes as a block list (one "- name:" per chaincode), or add the chaincode by hand',
        });
    }
    const prefix = text.slice(0, at);
    const edited = `${prefix}${prefix.endsWith('\n') || prefix === '' ? '' : '\n'}${insert}${text.slice(at)}`;
    buildTree(edited, { file, baseDir: dirname(file), publicNetwork });
    return edited;
}

/** Where the ecosystem file declares `chaincode` (on whichever channel). */
export function declaredPlace(file: string, chaincode: string): ChaincodePlace {
    const { ecosystem } = buildTree(readUserFile(file, file), { file, baseDir: dirname(file) });
    const channel = ecosystem.channels.find((candidate) =>
        candidate.chaincodes.some((existing) => existing.name === chaincode),
    );
    if (channel === undefined) {
        throw new ChannelKitError(`${file} declares no chaincode '${chaincode}' on any channel`, {
            code: 'CHAINCODE_NOT_FOUND',
            exit: 'notFound',
            hint: "give --contract the folder 'productivist scaffold contract' wrote, or a chaincode the ecosystem declares",
        });
    }
    return chaincodePlace(file, channel.name, chaincode);
}

/**
 * An ecosystem text with a private channel of `members` added after its channels (the last
 * top-level list item under `channels:`): an example beside which a contract can be scaffolded and
 * run, its members' peers on both channels. Test support; the text must end with its channels.
 */
export function withPrivateChannel(text: string, channel: string, members: readonly string[]): string {
    const [admin] = members;
    if (admin === undefined) throw new Error('a private channel needs members');
    return `${text.trimEnd()}
    # A private channel whose members' peers are also on the public channel.
    - name: ${channel}
      type: private
      members: [${members.join(', ')}]
      policies:
          admins: ${admin}
      lifecycleEndorsement: { all: [${members.join(', ')}] }
      blockCutting:
          batchTimeout: 500ms
          maxMessageCount: 100
`;
}
