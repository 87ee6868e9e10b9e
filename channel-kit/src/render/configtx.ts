// SPDX-License-Identifier: Apache-2.0
//
// configtx.yaml: one profile per channel, for Fabric v3 channel participation (no system
// channel, no Consortiums): `configtxgen -profile <Profile> -outputBlock <channel>.block -channelID <channel>`.
import type { AnyOrganization, Channel, ConfigPolicy, Ecosystem } from '../model/types.js';
import { yamlText } from './serialise.js';

/** The default ACLs of an application channel (Fabric's resource names). */
export const defaultAcls: Readonly<Record<string, string>> = {
    '_lifecycle/CheckCommitReadiness': '/Channel/Application/Writers',
    '_lifecycle/CommitChaincodeDefinition': '/Channel/Application/Writers',
    '_lifecycle/QueryChaincodeDefinition': '/Channel/Application/Writers',
    '_lifecycle/QueryChaincodeDefinitions': '/Channel/Application/Writers',
    'lscc/ChaincodeExists': '/Channel/Application/Readers',
    'lscc/GetDeploymentSpec': '/Channel/Application/Readers',
    'lscc/GetChaincodeData': '/Channel/Application/Readers',
    'lscc/GetInstantiatedChaincodes': '/Channel/Application/Readers',
    'qscc/GetChainInfo': '/Channel/Application/Readers',
    'qscc/GetBlockByNumber': '/Channel/Application/Readers',
    'qscc/GetBlockByHash': '/Channel/Application/Readers',
    'qscc/GetTransactionByID': '/Channel/Application/Readers',
    'qscc/GetBlockByTxID': '/Channel/Application/Readers',
    'cscc/GetConfigBlock': '/Channel/Application/Readers',
    'cscc/GetChannelConfig': '/Channel/Application/Readers',
    'peer/Propose': '/Channel/Application/Writers',
    'peer/ChaincodeToChaincode': '/Channel/Application/Writers',
    'event/Block': '/Channel/Application/Readers',
    'event/FilteredBlock': '/Channel/Application/Readers',
};

const raftOptions = {
    TickInterval: '500ms',
    ElectionTick: 10,
    HeartbeatTick: 1,
    MaxInflightBlocks: 5,
    SnapshotIntervalSize: '16 MB',
};

const smartBftOptions = {
    RequestBatchMaxCount: 100,
    RequestBatchMaxBytes: 10485760,
    RequestBatchMaxInterval: '50ms',
    IncomingMessageBufferSize: 200,
    RequestPoolSize: 100000,
    RequestForwardTimeout: '2s',
    RequestComplainTimeout: '20s',
    RequestAutoRemoveTimeout: '3m0s',
    ViewChangeResendInterval: '5s',
    ViewChangeTimeout: '20s',
    LeaderHeartbeatTimeout: '1m0s',
    LeaderHeartbeatCount: 10,
    CollectTimeout: '1s',
    SyncOnStart: true,
    SpeedUpViewChange: false,
};

function policy(value: ConfigPolicy): { Type: string; Rule: string } {
    return { Type: value.type, Rule: value.rule };
}

function implicit(rule: string): { Type: string; Rule: string } {
    return { Type: 'ImplicitMeta', Rule: rule };
}

/** The organization definition configtxgen reads (also for `configtxgen -printOrg` when onboarding). */
export function organizationDefinition(org: AnyOrganization, ecosystem: Ecosystem): Record<string, unknown> {
    const id = org.mspId;
    const ordering = ecosystem.ordering.organization === org.name;
    const roles = (list: string[]): string => `OR(${list.map((role) => `'${id}.${role}'`).join(', ')})`;
    const definition: Record<string, unknown> = {
        Name: id,
        ID: id,
        MSPDir: org.mspDir,
        Policies: {
            Readers: { Type: 'Signature', Rule: roles(['admin', 'peer', 'client', ...(ordering ? ['orderer'] : [])]) },
            Writers: { Type: 'Signature', Rule: roles(['admin', 'client', ...(ordering ? ['orderer'] : [])]) },
            Admins: { Type: 'Signature', Rule: roles(['admin']) },
            Endorsement: { Type: 'Signature', Rule: roles(['peer']) },
        },
    };
    // Nodes of organizations the kit runs are dialled on 127.0.0.1 (their TLS certificates name it);
    // imported organizations' nodes keep the host names they published.
    if (ordering)
        definition['OrdererEndpoints'] = org.orderers.map(
            (node) => `${org.kind === 'local' ? '127.0.0.1' : node.host}:${node.port}`,
        );
    // Local organizations' anchor peers are set after the peers join, by a config update each
    // organization's admin signs (start-plan.json, channels[].peers[].anchor); imported ones keep
    // the anchors they published, which only their own admins could update.
    const anchors = org.kind === 'local' ? [] : org.peers.map((peer) => ({ Host: peer.host, Port: peer.port }));
    if (anchors.length > 0) definition['AnchorPeers'] = anchors;
    return definition;
}

function profile(channel: Channel, ecosystem: Ecosystem, definitions: ReadonlyMap<string, unknown>): unknown {
    const bft = ecosystem.ordering.type === 'bft';
    const local = ecosystem.organizations.some((org) => org.mspId === ecosystem.ordering.mspId);
    const orderers = ecosystem.ordering.orderers.map((node) => ({ ...node, host: local ? '127.0.0.1' : node.host }));
    const cutting = channel.blockCutting;
    const orderer: Record<string, unknown> = {
        OrdererType: bft ? 'BFT' : 'etcdraft',
        BatchTimeout: cutting.batchTimeout,
        BatchSize: {
            MaxMessageCount: cutting.maxMessageCount,
            AbsoluteMaxBytes: cutting.absoluteMaxBytes,
            PreferredMaxBytes: cutting.preferredMaxBytes,
        },
    };
    if (bft) {
        orderer['ConsenterMapping'] = orderers.map((node) => ({
            ID: node.consenterId,
            Host: node.host,
            Port: node.port,
            MSPID: node.mspId,
            ClientTLSCert: node.tlsCert,
            ServerTLSCert: node.tlsCert,
            Identity: node.identityCert,
        }));
        orderer['SmartBFT'] = smartBftOptions;
    } else {
        orderer['EtcdRaft'] = {
            Consenters: orderers.map((node) => ({
                Host: node.host,
                Port: node.port,
                ClientTLSCert: node.tlsCert,
                ServerTLSCert: node.tlsCert,
            })),
            Options: raftOptions,
        };
    }
    orderer['Organizations'] = [definitions.get(ecosystem.ordering.organization)];
    orderer['Policies'] = {
        Readers: implicit('ANY Readers'),
        Writers: implicit('ANY Writers'),
        Admins: implicit('MAJORITY Admins'),
        // configtxgen 3.1.5 knows only Signature and ImplicitMeta here; for BFT it replaces this
        // policy with the consenters' block verification policy itself.
        BlockValidation: implicit('ANY Writers'),
    };
    orderer['Capabilities'] = { V2_0: true };
    return {
        Policies: {
            Readers: implicit('ANY Readers'),
            Writers: implicit('ANY Writers'),
            Admins: implicit('MAJORITY Admins'),
        },
        Capabilities: bft ? { V3_0: true } : { V2_0: true },
        Orderer: orderer,
        Application: {
            Organizations: channel.members.map((name) => definitions.get(name)),
            Policies: Object.fromEntries(
                Object.entries(channel.policies).map(([name, value]) => [name, policy(value)]),
            ),
            ACLs: defaultAcls,
            Capabilities: { V2_5: true },
        },
    };
}

/** The text of configtx.yaml. */
export function renderConfigtx(ecosystem: Ecosystem): string {
    const all = [...ecosystem.organizations, ...ecosystem.imported];
    const definitions = new Map(all.map((org) => [org.name, organizationDefinition(org, ecosystem)]));
    const value = {
        Organizations: all.map((org) => definitions.get(org.name)),
        Profiles: Object.fromEntries(
            ecosystem.channels.map((channel) => [channel.profile, profile(channel, ecosystem, definitions)]),
        ),
    };
    return yamlText(
        value,
        [
            `configtx.yaml of ecosystem '${ecosystem.name}', generated by productivist; do not edit.`,
            'Fabric v3 channel participation: one profile per channel, no system channel. Paths are relative to this file.',
            'Create a channel block: configtxgen -configPath . -profile <Profile> -outputBlock <channel>.block -channelID <channel>',
        ].join('\n'),
    );
}
