// SPDX-License-Identifier: Apache-2.0
//
// The native start plan (every process with its binary, arguments, environment, ports, data
// folder and readiness URL), the same plan rendered as a Docker compose file, and a gateway
// connection profile per organization.
import type { AdminPlan, ChannelPlan, ProcessPlan } from '@productivist/network';

import type { Ecosystem, Organization, Orderer, Peer } from '../model/types.js';
import { jsonText, rootPlaceholder, rooted, yamlText } from './serialise.js';

/** One process of the start plan: the shape the network runtime reads (`start-plan.json`). */
export type PlannedProcess = ProcessPlan;

const fabricConfig = '${PRODUCTIVIST_FABRIC_CONFIG}';
/**
 * The Fabric images of compose.yaml: those the Docker runtime builds from the pinned binaries, by
 * the alias tag `productivist engine images` (and `network up --runtime docker`) writes beside the
 * content-hash tag; `PRODUCTIVIST_IMAGES=hyperledger` names Fabric's official images of the same
 * version instead (`network up --runtime docker --images official`), which hold everything at the
 * same paths.
 */
const images = {
    ca: '${PRODUCTIVIST_IMAGES:-productivist}/fabric-ca:1.5.21',
    orderer: '${PRODUCTIVIST_IMAGES:-productivist}/fabric-orderer:3.1.5',
    peer: '${PRODUCTIVIST_IMAGES:-productivist}/fabric-peer:3.1.5',
} as const;

/**
 * A chaincode server's image: the one `network up` / `network deploy` builds from the chaincode
 * module (Node and the module's packages, entrypoint `node <fabric-chaincode-node>`), tagged by the
 * chaincode's name.
 */
function chaincodeImage(chaincode: string): string {
    return `productivist/chaincode-node:${chaincode.replace(/[^a-zA-Z0-9_.-]/g, '-').slice(0, 128)}`;
}

/** Where the Docker runtime's images (and Fabric's official ones) hold the binaries, configuration and CCaaS builder. */
const inImage = {
    bin: '/usr/local/bin',
    config: '/etc/hyperledger/fabric',
    ccaasBuilder: '/opt/hyperledger/ccaas_builder',
} as const;

/** The labels the Docker runtime puts on a node's container (it adds the state folder's). */
function composeLabels(ecosystem: string, process: PlannedProcess): Record<string, string> {
    return {
        'org.productivist.kit': 'productivist',
        'org.productivist.network': ecosystem,
        'org.productivist.node': process.id,
        'org.productivist.org': process.organization,
    };
}

/** The Docker runtime's container name of a node: `productivist-<ecosystem>-<node id>` in Docker's name characters. */
export function composeContainerName(ecosystem: string, id: string): string {
    return `productivist-${ecosystem}-${id}`.replace(/[^a-zA-Z0-9_.-]/g, '-');
}

function ordererProcess(org: Organization, node: Orderer): PlannedProcess {
    const tls = node.tlsDir ?? '';
    const tlsCa = rooted(`${org.mspDir}/tlscacerts/tlsca.pem`);
    const data = node.dataDir ?? `data/${node.id}`;
    return {
        id: node.id,
        kind: 'orderer',
        organization: org.name,
        binary: 'orderer',
        args: [],
        env: {
            FABRIC_CFG_PATH: fabricConfig,
            ORDERER_GENERAL_LISTENADDRESS: '127.0.0.1',
            ORDERER_GENERAL_LISTENPORT: String(node.port),
            ORDERER_GENERAL_LOCALMSPID: org.mspId,
            ORDERER_GENERAL_LOCALMSPDIR: rooted(node.mspDir ?? ''),
            ORDERER_GENERAL_TLS_ENABLED: 'true',
            ORDERER_GENERAL_TLS_PRIVATEKEY: rooted(`${tls}/keystore/key.pem`),
            ORDERER_GENERAL_TLS_CERTIFICATE: rooted(`${tls}/signcerts/cert.pem`),
            ORDERER_GENERAL_TLS_ROOTCAS: `[${tlsCa}]`,
            ORDERER_GENERAL_CLUSTER_CLIENTCERTIFICATE: rooted(`${tls}/signcerts/cert.pem`),
            ORDERER_GENERAL_CLUSTER_CLIENTPRIVATEKEY: rooted(`${tls}/keystore/key.pem`),
            ORDERER_GENERAL_CLUSTER_ROOTCAS: `[${tlsCa}]`,
            ORDERER_GENERAL_BOOTSTRAPMETHOD: 'none',
            ORDERER_CHANNELPARTICIPATION_ENABLED: 'true',
            ORDERER_ADMIN_LISTENADDRESS: `127.0.0.1:${node.adminPort ?? 0}`,
            ORDERER_ADMIN_TLS_ENABLED: 'true',
            ORDERER_ADMIN_TLS_CERTIFICATE: rooted(`${tls}/signcerts/cert.pem`),
            ORDERER_ADMIN_TLS_PRIVATEKEY: rooted(`${tls}/keystore/key.pem`),
            ORDERER_ADMIN_TLS_ROOTCAS: `[${tlsCa}]`,
            ORDERER_ADMIN_TLS_CLIENTAUTHREQUIRED: 'true',
            ORDERER_ADMIN_TLS_CLIENTROOTCAS: `[${tlsCa}]`,
            ORDERER_OPERATIONS_LISTENADDRESS: `127.0.0.1:${node.operationsPort ?? 0}`,
            // Prometheus text on the operations port (127.0.0.1): consensus_etcdraft_is_leader and
            // consensus_BFT_is_leader name each channel's leader (the fault tests find it there).
            ORDERER_METRICS_PROVIDER: 'prometheus',
            ORDERER_FILELEDGER_LOCATION: rooted(`${data}/ledger`),
            ORDERER_CONSENSUS_WALDIR: rooted(`${data}/etcdraft/wal`),
            ORDERER_CONSENSUS_SNAPDIR: rooted(`${data}/etcdraft/snapshot`),
        },
        ports: { listen: node.port, admin: node.adminPort ?? 0, operations: node.operationsPort ?? 0 },
        dataDir: data,
        readiness: `http://127.0.0.1:${node.operationsPort ?? 0}/healthz`,
        after: [org.ca.id],
    };
}

function peerProcess(org: Organization, peer: Peer): PlannedProcess {
    const anchor = org.peers.find((candidate) => candidate.anchor) ?? peer;
    return {
        id: peer.id,
        kind: 'peer',
        organization: org.name,
        binary: 'peer',
        args: ['node', 'start'],
        env: {
            FABRIC_CFG_PATH: fabricConfig,
            CORE_PEER_ID: peer.host,
            CORE_PEER_ADDRESS: `127.0.0.1:${peer.port}`,
            CORE_PEER_LISTENADDRESS: `127.0.0.1:${peer.port}`,
            CORE_PEER_ADDRESSAUTODETECT: 'false',
            CORE_PEER_CHAINCODEADDRESS: `127.0.0.1:${peer.chaincodePort}`,
            CORE_PEER_CHAINCODELISTENADDRESS: `127.0.0.1:${peer.chaincodePort}`,
            CORE_PEER_GOSSIP_BOOTSTRAP: `127.0.0.1:${anchor.port}`,
            CORE_PEER_GOSSIP_EXTERNALENDPOINT: `127.0.0.1:${peer.port}`,
            CORE_PEER_LOCALMSPID: org.mspId,
            CORE_PEER_MSPCONFIGPATH: rooted(peer.mspDir),
            CORE_PEER_TLS_ENABLED: 'true',
            CORE_PEER_TLS_CERT_FILE: rooted(`${peer.tlsDir}/signcerts/cert.pem`),
            CORE_PEER_TLS_KEY_FILE: rooted(`${peer.tlsDir}/keystore/key.pem`),
            CORE_PEER_TLS_ROOTCERT_FILE: rooted(`${org.mspDir}/tlscacerts/tlsca.pem`),
            CORE_PEER_FILESYSTEMPATH: rooted(peer.dataDir),
            CORE_LEDGER_SNAPSHOTS_ROOTDIR: rooted(`${peer.dataDir}/snapshots`),
            CORE_LEDGER_STATE_STATEDATABASE: 'goleveldb',
            CORE_OPERATIONS_LISTENADDRESS: `127.0.0.1:${peer.operationsPort}`,
            CORE_METRICS_PROVIDER: 'disabled',
            CORE_VM_ENDPOINT: '',
            CORE_CHAINCODE_EXTERNALBUILDERS:
                '[{"name":"ccaas","path":"${PRODUCTIVIST_CCAAS_BUILDER}","propagateEnvironment":["HOME"]}]',
        },
        ports: { listen: peer.port, chaincode: peer.chaincodePort, operations: peer.operationsPort },
        dataDir: peer.dataDir,
        readiness: `http://127.0.0.1:${peer.operationsPort}/healthz`,
        after: [org.ca.id],
    };
}

/** Every process, in start order: CA servers, orderers, peers, chaincode services. */
export function planProcesses(ecosystem: Ecosystem): PlannedProcess[] {
    const processes: PlannedProcess[] = [];
    for (const org of ecosystem.organizations) {
        for (const ca of [org.ca, ...org.intermediates]) {
            processes.push({
                id: ca.id,
                kind: 'ca',
                organization: org.name,
                binary: 'fabric-ca-server',
                args: ['start', '--home', rooted(ca.homeDir)],
                env: {},
                ports: { listen: ca.port, operations: ca.operationsPort },
                dataDir: ca.homeDir,
                readiness: `http://127.0.0.1:${ca.operationsPort}/healthz`,
                after: ca.parent === undefined ? [] : [org.ca.id],
            });
        }
    }
    for (const org of ecosystem.organizations)
        for (const node of org.orderers) processes.push(ordererProcess(org, node));
    for (const org of ecosystem.organizations) for (const peer of org.peers) processes.push(peerProcess(org, peer));
    for (const channel of ecosystem.channels) {
        for (const chaincode of channel.chaincodes) {
            const variable = `PRODUCTIVIST_PACKAGE_ID_${channel.name}_${chaincode.name}`
                .toUpperCase()
                .replace(/[^A-Z0-9]+/g, '_');
            for (const service of chaincode.services) {
                // One package per server (its address and TLS root are in the package): a per-organization
                // server has the package id of its organization's package.
                const packageVariable =
                    chaincode.services.length === 1
                        ? variable
                        : `${variable}_${service.organization.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
                processes.push({
                    id: service.id,
                    kind: 'chaincode',
                    organization: service.organization,
                    binary: 'fabric-chaincode-node',
                    args: [
                        'server',
                        '--chaincode-address',
                        `127.0.0.1:${service.port}`,
                        '--chaincode-id',
                        `\${${packageVariable}}`,
                        '--module-path',
                        `\${PRODUCTIVIST_CHAINCODE_${chaincode.name.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}}`,
                        '--chaincode-tls-cert-file',
                        rooted(`chaincodes/${service.id}/tls/signcerts/cert.pem`),
                        '--chaincode-tls-key-file',
                        rooted(`chaincodes/${service.id}/tls/keystore/key.pem`),
                    ],
                    env: { CORE_CHAINCODE_LOGGING_LEVEL: 'info' },
                    ports: { listen: service.port },
                    dataDir: `data/${service.id}`,
                    readiness: undefined,
                    after: [],
                });
            }
        }
    }
    return processes;
}

/** The local organization that runs a channel's chaincode services: its first member with peers. */
export function chaincodeHost(ecosystem: Ecosystem, members: readonly string[]): string {
    for (const name of members) {
        const org = ecosystem.organizations.find((candidate) => candidate.name === name);
        if (org !== undefined && org.peers.length > 0) return org.name;
    }
    return members[0] ?? '';
}

/** One channel's join steps, as the network runtime reads them (`start-plan.json`). */
export type PlannedChannel = ChannelPlan;

/** An organization admin: its MSP folder and the TLS client certificate of its TLS CA. */
export type PlannedAdmin = AdminPlan;

function plannedAdmin(org: Organization): PlannedAdmin {
    const tls = org.admin.tlsDir ?? `${org.admin.mspDir}/../tls`;
    return {
        organization: org.name,
        mspId: org.mspId,
        mspDir: org.admin.mspDir,
        tlsCert: `${tls}/signcerts/cert.pem`,
        tlsKey: `${tls}/keystore/key.pem`,
        tlsRootCert: `${org.mspDir}/tlscacerts/tlsca.pem`,
    };
}

/** The channel-join steps of every channel, as data. Anchor peers are in each org's configtx definition. */
export function planChannels(ecosystem: Ecosystem): PlannedChannel[] {
    const ordererOrg = ecosystem.organizations.find((org) => org.name === ecosystem.ordering.organization);
    const orderingMsp = [...ecosystem.organizations, ...ecosystem.imported].find(
        (org) => org.name === ecosystem.ordering.organization,
    )?.mspDir;
    return ecosystem.channels.map((channel) => {
        const local = ecosystem.ordering.orderers.filter((node) => node.adminPort !== undefined);
        const members = ecosystem.organizations.filter((org) => channel.members.includes(org.name));
        return {
            name: channel.name,
            profile: channel.profile,
            block: `channels/${channel.name}/${channel.name}.block`,
            orderers: ecosystem.ordering.orderers.map(
                (node) => `${node.adminPort === undefined ? node.host : '127.0.0.1'}:${node.port}`,
            ),
            ordererTlsRootCert: `${orderingMsp ?? ''}/tlscacerts/tlsca.pem`,
            consenters: local.map((node) => ({
                orderer: node.id,
                adminAddress: `127.0.0.1:${node.adminPort ?? 0}`,
            })),
            ordererAdmin: ordererOrg === undefined ? undefined : plannedAdmin(ordererOrg),
            peers: members.flatMap((org) =>
                org.peers.map((peer) => ({
                    peer: peer.id,
                    address: `127.0.0.1:${peer.port}`,
                    anchor: peer.anchor,
                    admin: plannedAdmin(org),
                })),
            ),
            remoteConsenters: ecosystem.ordering.orderers
                .filter((node) => node.adminPort === undefined)
                .map((node) => ({ host: node.host, port: node.port })),
        };
    });
}

/** start-plan.json. */
export function renderStartPlan(ecosystem: Ecosystem, processes: readonly PlannedProcess[]): string {
    return jsonText({
        about: [
            `Native start plan of ecosystem '${ecosystem.name}', generated by productivist; do not edit.`,
            `${rootPlaceholder} is the absolute path of this folder; \${PRODUCTIVIST_FABRIC_CONFIG} the folder of core.yaml and orderer.yaml;`,
            '${PRODUCTIVIST_CCAAS_BUILDER} the chaincode-as-a-service builder; ${PRODUCTIVIST_PACKAGE_ID_*} the installed package ids;',
            '${PRODUCTIVIST_CHAINCODE_*} the folder of the chaincode module (package.json whose main exports contracts; core-chaincode/deploy/<name> for the core contracts).',
            'Chaincode servers are started by productivist network up / network deploy, which enroll their TLS certificates under chaincodes/ and define these values.',
            'Start in order, each after the processes in its "after" list are ready (poll "readiness"). Every address is 127.0.0.1.',
            'Then per channel: configtxgen -outputBlock, osnadmin channel join on each consenter, peer channel join on each peer (as the admins named).',
        ],
        ecosystem: ecosystem.name,
        processes,
        channels: planChannels(ecosystem),
    });
}

/**
 * compose.yaml: the same processes as the Docker runtime starts them: its images (alias tags), its
 * container names, the host network (so 127.0.0.1 and every port stay as in the plan), this folder
 * mounted at its own absolute path (PRODUCTIVIST_ROOT) as working directory, the plan's environment.
 */
export function renderCompose(ecosystem: Ecosystem, processes: readonly PlannedProcess[]): string {
    const root = '${PRODUCTIVIST_ROOT}';
    const swap = (text: string): string =>
        text
            .split('${PRODUCTIVIST_FABRIC_CONFIG}')
            .join(inImage.config)
            .split('${PRODUCTIVIST_CCAAS_BUILDER}')
            .join(inImage.ccaasBuilder);
    const chaincodeOf = new Map(
        ecosystem.channels.flatMap((channel) =>
            channel.chaincodes.flatMap((chaincode) =>
                chaincode.services.map((service) => [service.id, chaincode.name] as const),
            ),
        ),
    );
    const services: Record<string, unknown> = {};
    for (const process of processes) {
        const server = process.kind === 'chaincode';
        const service: Record<string, unknown> = {
            image: server ? chaincodeImage(chaincodeOf.get(process.id) ?? process.id) : images[process.kind],
            container_name: composeContainerName(ecosystem.name, process.id),
            network_mode: 'host',
            labels: composeLabels(ecosystem.name, process),
        };
        // A chaincode server's image has its entrypoint and module folder; the others run in the tree.
        if (!server)
            service['working_dir'] = '${PRODUCTIVIST_ROOT:?set PRODUCTIVIST_ROOT to the absolute path of this folder}';
        service['volumes'] = [`${root}:${root}`];
        service['command'] = (server ? process.args : [`${inImage.bin}/${process.binary}`, ...process.args]).map(swap);
        if (Object.keys(process.env).length > 0) {
            service['environment'] = Object.fromEntries(
                Object.entries(process.env).map(([key, value]) => [key, swap(value)]),
            );
        }
        if (process.after.length > 0) service['depends_on'] = [...process.after];
        services[process.id] = service;
    }
    return yamlText(
        { name: ecosystem.name, services },
        [
            `Docker compose rendering of start-plan.json for ecosystem '${ecosystem.name}', generated by productivist.`,
            'The same containers as network up --runtime docker: its images (build them with productivist engine images,',
            'which tags them productivist/fabric-*:<version>; PRODUCTIVIST_IMAGES=hyperledger for the official ones), its',
            'container names and labels, host networking (every address 127.0.0.1). Chaincode servers run the image',
            'network up builds from the chaincode module (productivist/chaincode-node:<chaincode>).',
            'Run from this folder: PRODUCTIVIST_ROOT="$PWD" docker compose up (the folder is mounted at its own path).',
            'Secrets, package ids and module folders come from the environment (${...}), as in the native plan.',
        ].join('\n'),
    );
}

/** A gateway connection profile per local organization: connection-profiles/<org>.json. */
export function renderConnectionProfiles(ecosystem: Ecosystem): [string, string][] {
    return ecosystem.organizations.map((org) => {
        const peers = org.peers;
        const channels = ecosystem.channels.filter((channel) => channel.members.includes(org.name));
        const profile = {
            name: `${ecosystem.name}-${org.key}`,
            version: '1.0.0',
            client: { organization: org.name, connection: { timeout: { peer: { endorser: '300' } } } },
            organizations: {
                [org.name]: {
                    mspid: org.mspId,
                    peers: peers.map((peer) => peer.host),
                    certificateAuthorities: [org.ca.caName],
                },
            },
            peers: Object.fromEntries(
                peers.map((peer) => [
                    peer.host,
                    {
                        url: `grpcs://127.0.0.1:${peer.port}`,
                        tlsCACerts: { path: `${org.mspDir}/tlscacerts/tlsca.pem` },
                        grpcOptions: { 'ssl-target-name-override': peer.host, hostnameOverride: peer.host },
                    },
                ]),
            ),
            certificateAuthorities: {
                [org.ca.caName]: {
                    url: `https://127.0.0.1:${org.ca.port}`,
                    caName: org.ca.caName,
                    tlsCACerts: { path: `${org.ca.homeDir}/ca-cert.pem` },
                },
            },
            channels: Object.fromEntries(
                channels.map((channel) => [
                    channel.name,
                    { peers: Object.fromEntries(peers.map((peer) => [peer.host, {}])) },
                ]),
            ),
        };
        return [`connection-profiles/${org.key}.json`, jsonText(profile)];
    });
}
