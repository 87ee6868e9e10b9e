// SPDX-License-Identifier: Apache-2.0
//
// What the console runs over: a ledger the clients act on (the embedded world of a state directory,
// or — through the factory the CLI injects — a real network's gateway), the identities one may act
// as, and what the Network view shows (organizations, nodes and health, channels and heights, blocks).
import type { LocalLedger } from '@productivist/clients';
import { KitError } from '@productivist/common';
import { worldMembers, worldOrgs } from '@productivist/clients';
import type { Ledger } from '@productivist/ledger-api';
import {
    describeCheck,
    fabricHome,
    networkStatus,
    pendingUpdates,
    readDeployments,
    updatesDirectory,
} from '@productivist/network';
import type {
    DecodedBlock,
    DecodedTransaction,
    NetworkExplorer,
    NetworkStatus,
    PendingUpdate,
} from '@productivist/network';

/** An identity the console can act as. */
export interface ConsoleMember {
    readonly name: string;
    readonly mspId: string;
    /** What the identity is, as the picker shows it. */
    readonly note: string;
}

/** One transaction of the block explorer: a decoded transaction, its event payload as JSON when it is. */
export type BlockTransaction = Omit<DecodedTransaction, 'event'> & {
    readonly event: { readonly name: string; readonly payload: unknown } | null;
};

export interface BlockView {
    readonly number: number;
    readonly transactions: readonly BlockTransaction[];
}

/** What the Network view shows. */
export interface NetworkView {
    readonly kind: 'embedded' | 'network';
    readonly label: string;
    readonly organizations: readonly { readonly mspId: string; readonly nodes: readonly string[] }[];
    readonly nodes: readonly {
        readonly id: string;
        readonly kind: string;
        readonly organization: string;
        readonly running: boolean;
        readonly healthy: boolean;
    }[];
    readonly channels: readonly {
        readonly name: string;
        readonly heights: Readonly<Record<string, number | null>>;
        readonly leader: string | null;
    }[];
    readonly chaincodes: readonly ChaincodeView[];
    /** Where the chaincodes table comes from: the peers' _lifecycle, deployments.json (the fallback), the embedded world. */
    readonly chaincodeSource: 'peers' | 'deployments' | 'embedded';
    /** The channels the block explorer can show (every channel of the network). */
    readonly explorerChannels: readonly string[];
    /** What this backend cannot show yet, said in the page. */
    readonly notes: readonly string[];
}

/** One committed chaincode definition. */
export interface ChaincodeView {
    readonly channel: string;
    readonly name: string;
    readonly version: string;
    readonly sequence: string;
    /** Organizations that approved the definition; null when the source does not say (deployments.json). */
    readonly approvedBy: readonly string[] | null;
    readonly notApprovedBy: readonly string[] | null;
}

/** One page of the block explorer: up to {@link explorerBlocks} blocks of a channel, newest first. */
export interface BlocksView {
    readonly channel: string;
    readonly height: number;
    readonly blocks: readonly BlockView[];
    /** The block number to ask for the next older page (`before`); null when block 0 is shown. */
    readonly older: number | null;
    readonly note: string;
}

/** One pending onboarding update, as the Operators view shows it. */
export interface UpdateView {
    readonly file: string;
    readonly channel: string;
    readonly description: string;
    readonly action: string;
    /** sha256 of the update bytes, hex. */
    readonly digest: string;
    /** True when `org submit` would send it (its check passes, the submitter's signature aside). */
    readonly ready: boolean;
    readonly signed: readonly { readonly who: string; readonly mspId: string; readonly source: string }[];
    readonly refused: readonly { readonly who: string; readonly reason: string; readonly source: string }[];
    readonly missing: readonly string[];
    readonly policies: readonly { readonly path: string; readonly satisfied: boolean; readonly explanation: string }[];
    /** Why the update cannot go as it is besides signatures (stale read set, invalid delta). */
    readonly problems: readonly string[];
}

/** What the Operators view shows. */
export interface OperatorsView {
    /** The folder of pending updates; null when the backend has none (the embedded world). */
    readonly directory: string | null;
    readonly note: string;
    readonly updates: readonly UpdateView[];
    readonly unreadable: readonly { readonly file: string; readonly problem: string }[];
}

export interface ConsoleBackend {
    readonly kind: 'embedded' | 'network';
    /** The directory as the user named it. */
    readonly label: string;
    /** The ledger the clients act on; undefined when acting is not available (said in `unavailable`). */
    readonly ledger: Ledger | undefined;
    readonly unavailable?: string;
    readonly members: readonly ConsoleMember[];
    network(): Promise<NetworkView>;
    /** A page of `channel`'s blocks below block `before` (the newest page when undefined). */
    blocks(channel: string, before?: number): Promise<BlocksView>;
    operators(): Promise<OperatorsView>;
    close(): Promise<void>;
}

const chaincodeNames = ['productoken', 'modelcert', 'prodcontrol', 'qualitycheck'] as const;

/** The embedded world's one channel. */
const embeddedChannel = 'productivist';

/** How many blocks a page of the block explorer holds. */
export const explorerBlocks = 12;

function unknownChannel(channel: string, known: readonly string[]): KitError {
    return new KitError(`there is no channel '${channel}' to show blocks of`, {
        code: 'NOT_FOUND',
        exit: 'notFound',
        hint: `pick one of: ${known.join(', ')}`,
    });
}

function memberNote(name: string): string {
    const info = (worldMembers as Record<string, { role: string; attributes: Record<string, string> } | undefined>)[
        name
    ];
    if (info === undefined) return '';
    const attributes = info.attributes;
    if (attributes['productivist.device'] !== undefined) return `device of ${attributes['productivist.device']}`;
    if (info.role === 'admin') return 'admin';
    if (attributes['productivist.treasury'] === 'true') return 'treasury';
    if (attributes['productivist.member'] === undefined) return 'no member attribute';
    return `member ${attributes['productivist.member']}`;
}

function decodePayload(payload: Buffer): unknown {
    const text = payload.toString();
    try {
        return JSON.parse(text) as unknown;
    } catch {
        return text;
    }
}

/** The embedded world of a state directory, held open (and locked) while the console runs. */
export function embeddedBackend(ledger: LocalLedger, label: string): ConsoleBackend {
    const known = worldMembers as Record<string, { mspId: string } | undefined>;
    const members = ledger.network.memberNames().map((name) => ({
        name,
        mspId: known[name]?.mspId ?? '',
        note: memberNote(name),
    }));
    return {
        kind: 'embedded',
        label,
        ledger,
        members,
        network: () => {
            const height = ledger.network.blocks().length;
            const peers = worldOrgs.map((mspId) => `peer0.${mspId.replace(/MSP$/, '').toLowerCase()}`);
            return Promise.resolve({
                kind: 'embedded',
                label,
                organizations: worldOrgs.map((mspId, index) => ({ mspId, nodes: [peers[index] ?? ''] })),
                nodes: worldOrgs.map((mspId, index) => ({
                    id: peers[index] ?? '',
                    kind: 'peer (in-process)',
                    organization: mspId,
                    running: true,
                    healthy: true,
                })),
                channels: [
                    {
                        name: embeddedChannel,
                        heights: Object.fromEntries(peers.map((peer) => [peer, height])),
                        leader: null,
                    },
                ],
                chaincodes: chaincodeNames.map((name) => ({
                    channel: embeddedChannel,
                    name,
                    version: 'embedded',
                    sequence: '1',
                    approvedBy: null,
                    notApprovedBy: null,
                })),
                chaincodeSource: 'embedded',
                explorerChannels: [embeddedChannel],
                notes: [
                    'The embedded world runs every peer in this process; it has no orderer processes, so no Raft leader, and no chaincode lifecycle: its four contracts are loaded as they are built.',
                    'A transaction that moves tokens sets one event, ProducToken, carrying its movements.',
                ],
            });
        },
        blocks: (channel, before) => {
            if (channel !== embeddedChannel) return Promise.reject(unknownChannel(channel, [embeddedChannel]));
            const all = ledger.network.blocks().map((block) => ({
                number: block.number,
                transactions: block.transactions.map((tx) => ({
                    transactionId: tx.transactionId,
                    chaincode: tx.chaincodeName,
                    transaction: tx.transactionName,
                    creatorMspId: tx.creatorMspId,
                    endorsers: tx.endorsers,
                    validationCode: tx.code,
                    event:
                        tx.event === undefined
                            ? null
                            : { name: tx.event.name, payload: decodePayload(tx.event.payload) },
                })),
            }));
            const top = Math.min(all.length, before ?? all.length);
            const last = Math.max(0, top - explorerBlocks);
            return Promise.resolve({
                channel,
                height: all.length,
                blocks: all.slice(last, top).reverse(),
                older: last > 0 ? last : null,
                note: `Blocks ${String(last)} to ${String(top - 1)} of ${String(all.length)}, newest first, from the embedded world's journal.`,
            });
        },
        operators: () =>
            Promise.resolve({
                directory: null,
                note: 'The embedded world has no channel configuration, so no onboarding updates: they exist on a network started by network up (console --network).',
                updates: [],
                unreadable: [],
            }),
        close: () => {
            ledger.close();
            return Promise.resolve();
        },
    };
}

/** Opens the ledger of a real network's state directory (the gateway, over the credentials `network up` wrote). */
export type NetworkLedgerFactory = (stateDirectory: string) => Promise<{
    readonly ledger: Ledger;
    readonly members: readonly ConsoleMember[];
    /** Reads every channel's blocks and committed chaincodes from the peers. */
    readonly explorer?: Pick<NetworkExplorer, 'channels' | 'blocks' | 'chaincodes'>;
    close(): Promise<void>;
}>;

/** A real network's state directory: the Network view from `network status`; acting through the injected factory. */
export async function networkBackend(
    directory: string,
    label: string,
    factory: NetworkLedgerFactory | undefined,
    updates: string = updatesDirectory(directory),
): Promise<ConsoleBackend> {
    // Fails early with network status's own error (no network.json) when the directory holds no network.
    await networkStatus(directory, fabricHome());
    const opened = factory === undefined ? undefined : await factory(directory);
    const unavailable =
        opened === undefined
            ? 'Acting as a member on a real network needs a gateway ledger factory (the CLI injects one); this build shows the network only.'
            : undefined;
    return {
        kind: 'network',
        label,
        ledger: opened?.ledger,
        ...(unavailable === undefined ? {} : { unavailable }),
        members: opened?.members ?? [],
        network: async () => {
            const status = await networkStatus(directory, fabricHome());
            const explorer = opened?.explorer;
            const channels = explorer?.channels ?? Object.keys(status.heights);
            let chaincodes: readonly ChaincodeView[];
            let chaincodeNote: string;
            let source: NetworkView['chaincodeSource'] = 'peers';
            try {
                if (explorer === undefined) throw new Error('this build has no gateway to ask them');
                chaincodes = (await Promise.all(channels.map((channel) => explorer.chaincodes(channel)))).flatMap(
                    (committed) =>
                        committed.map((definition) => ({ ...definition, sequence: String(definition.sequence) })),
                );
                chaincodeNote =
                    'Chaincodes: the definitions committed on each channel and the organizations that approved them, asked of a peer (_lifecycle QueryChaincodeDefinitions, through its gateway).';
            } catch (error) {
                source = 'deployments';
                chaincodes = chaincodesOf(directory);
                chaincodeNote = `Chaincodes: the peers could not be asked (${error instanceof Error ? error.message : String(error)}); showing what network chaincode deploy recorded in deployments.json instead, without approvals.`;
            }
            const blockNote =
                explorer === undefined
                    ? 'No gateway in this build: the block explorer cannot read blocks from the peers.'
                    : `The block explorer reads ${String(explorerBlocks)} blocks at a time from a peer of the channel picked, through its gateway (qscc); "older" pages back by block number.`;
            return networkView(status, label, opened !== undefined, chaincodes, source, channels, [
                chaincodeNote,
                blockNote,
            ]);
        },
        blocks: async (channel, before) => {
            const explorer = opened?.explorer;
            if (explorer === undefined) {
                throw new KitError('this console cannot read blocks: it has no gateway to the peers', {
                    code: 'UNAVAILABLE',
                    hint: 'start it through the productivist binary, which gives it the gateway',
                });
            }
            if (!explorer.channels.includes(channel)) throw unknownChannel(channel, explorer.channels);
            const page = await explorer.blocks(channel, explorerBlocks, before);
            const shown = page.blocks.map((block) => block.number);
            return {
                channel,
                height: page.height,
                blocks: page.blocks.map(blockView),
                older: page.older,
                note:
                    shown.length === 0
                        ? `No blocks below ${String(before ?? page.height)} on ${channel}.`
                        : `Blocks ${String(Math.min(...shown))} to ${String(Math.max(...shown))} of ${String(page.height)} on ${channel}, newest first, read from a peer through its gateway (qscc).`,
            };
        },
        operators: async () => {
            const pending = await pendingUpdates({ network: directory, fabricHome: fabricHome(), directory: updates });
            return {
                directory: pending.directory,
                note: `Update files (org add, org remove, member revoke --out) and detached signature files put in ${pending.directory} show here, checked against the channel's current config as org submit checks them.`,
                updates: pending.updates.map(updateView),
                unreadable: pending.unreadable,
            };
        },
        close: async () => {
            await opened?.close();
        },
    };
}

function updateView(update: PendingUpdate): UpdateView {
    const check = update.check;
    return {
        file: update.file,
        channel: update.channel,
        description: update.description,
        action: update.action.type,
        digest: update.digest,
        ready: check.ok,
        signed: check.signers.map((signer) => ({
            who: signer.who,
            mspId: signer.identity.mspId,
            source: signer.source,
        })),
        refused: check.refused.map((refused) => ({ who: refused.who, reason: refused.reason, source: refused.source })),
        missing: update.missing,
        policies: check.policies.map((policy) => ({
            path: policy.policyPath,
            satisfied: policy.satisfied,
            explanation: policy.explanation,
        })),
        // The lines org submit prints for a stale read set or an invalid delta.
        problems: describeCheck(check).filter((line) => line.startsWith('stale:') || line.startsWith('invalid:')),
    };
}

function blockView(block: DecodedBlock): BlockView {
    return {
        number: block.number,
        transactions: block.transactions.map((tx) => ({
            transactionId: tx.transactionId,
            chaincode: tx.chaincode,
            transaction: tx.transaction,
            creatorMspId: tx.creatorMspId,
            endorsers: tx.endorsers,
            validationCode: tx.validationCode,
            event:
                tx.event === null
                    ? null
                    : { name: tx.event.name, payload: decodePayload(Buffer.from(tx.event.payload)) },
        })),
    };
}

/** The fallback: the chaincodes committed on the network as the kit's deploy recorded them (`<state>/deployments.json`). */
function chaincodesOf(directory: string): ChaincodeView[] {
    return Object.values(readDeployments(directory))
        .map((record) => ({
            channel: record.channel,
            name: record.name,
            version: record.version,
            sequence: String(record.sequence),
            approvedBy: null,
            notApprovedBy: null,
        }))
        .sort((a, b) => a.channel.localeCompare(b.channel) || a.name.localeCompare(b.name));
}

function networkView(
    status: NetworkStatus,
    label: string,
    withLedger: boolean,
    chaincodes: readonly ChaincodeView[],
    chaincodeSource: NetworkView['chaincodeSource'],
    explorerChannels: readonly string[],
    notes: readonly string[],
): NetworkView {
    const organizations = new Map<string, string[]>();
    for (const node of status.nodes) {
        organizations.set(node.organization, [...(organizations.get(node.organization) ?? []), node.id]);
    }
    return {
        kind: 'network',
        label,
        organizations: [...organizations].map(([mspId, nodes]) => ({ mspId, nodes })),
        nodes: status.nodes.map((node) => ({
            id: node.id,
            kind: node.kind,
            organization: node.organization,
            running: node.running,
            healthy: node.healthy,
        })),
        channels: Object.entries(status.heights).map(([name, heights]) => ({
            name,
            heights,
            leader: status.leaders[name] ?? null,
        })),
        chaincodes,
        chaincodeSource,
        explorerChannels,
        notes: [
            ...notes,
            withLedger
                ? 'The member views act through the gateway, as the identities network up wrote into its credentials.'
                : 'No gateway ledger in this build: the member views cannot act on this network.',
        ],
    };
}
