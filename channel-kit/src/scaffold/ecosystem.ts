// SPDX-License-Identifier: Apache-2.0
//
// The ecosystem side of a contract scaffold: where the chaincode runs (its channel, whether public,
// the public channel's name, the endorsing organizations), and the ecosystem file with the chaincode
// added under the channel's chaincodes, edited as a YAML document so that comments and order survive,
// and checked by the generator as a whole before anything is written.
import { dirname } from 'node:path';

import { isMap, isScalar, isSeq, parseDocument } from 'yaml';

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
export function chaincodePlace(file: string, channelName: string, chaincode: string): ChaincodePlace {
    const { ecosystem } = buildTree(readUserFile(file, file), { file, baseDir: dirname(file) });
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

/**
 * The ecosystem file's text with `chaincode` added to the channel's chaincodes (endorsement: all of
 * its peer-running members; `uses: [productoken]`), validated by the generator; undefined when the
 * chaincode is declared already (the file stays as the user has it).
 */
export function ecosystemWithChaincode(file: string, place: ChaincodePlace, chaincode: string): string | undefined {
    if (place.declared) return undefined;
    const document = parseDocument(readUserFile(file, file));
    const channels = document.get('channels');
    const index = isSeq(channels)
        ? channels.items.findIndex((item) => isMap(item) && item.get('name') === place.channel)
        : -1;
    const channel = document.getIn(['channels', index]);
    if (index < 0 || !isMap(channel)) throw new Error(`${file} has no channel ${place.channel}`);
    const entry = document.createNode({
        name: chaincode,
        endorsement: { all: [...place.endorsers] },
        uses: ['productoken'],
    });
    for (const pair of entry.items) {
        if (isScalar(pair.key) && pair.key.value !== 'name' && (isMap(pair.value) || isSeq(pair.value))) {
            pair.value.flow = true;
        }
    }
    const chaincodes = channel.get('chaincodes');
    if (isSeq(chaincodes)) chaincodes.add(entry);
    else channel.set('chaincodes', document.createNode([entry]));
    const text = document.toString({ indent: 4, lineWidth: 0, flowCollectionPadding: false });
    buildTree(text, { file, baseDir: dirname(file) });
    return text;
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
