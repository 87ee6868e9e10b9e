// SPDX-License-Identifier: Apache-2.0
//
// The table of invalid ecosystem files: each a change to a valid base file and the exact problems
// it must produce (file:line:column, rule, message naming the value, fix).

/** A valid ecosystem; the cases below break it. Certificates are the test bundle's (test-fixtures/public-network/published). */
export const baseEcosystem = `version: 1
name: t
organizations:
  - name: Acme
    mspId: AcmeMSP
    domain: acme.example
    roles: [customer]
    users:
      - name: buyer
        roles: [customer]
  - name: PartsCo
    mspId: PartsMSP
    domain: parts.example
importedOrganizations:
  - name: Productivist
    mspId: ProductivistMSP
    caCert: published/productivist/ca.pem
    tlsCaCert: published/productivist/tlsca.pem
    orderers:
      - name: orderer0.productivist.example
        host: 127.0.0.1
        port: 7050
        tlsCert: published/productivist/orderer0-tls.pem
ordering:
  organization: Productivist
  type: raft
channels:
  - name: acme-supply
    type: private
    members: [Acme, PartsCo]
    chaincodes:
      - name: parts
`;

/** One invalid file: replacements applied to the base, in order, and the expected problem lines. */
export interface InvalidCase {
    readonly title: string;
    readonly edits: readonly (readonly [from: string, to: string])[];
    readonly expected: readonly string[];
}

export const invalidCases: readonly InvalidCase[] = [
    {
        title: 'unknown top-level key (typo)',
        edits: [['ordering:\n', 'orderring: {}\nordering:\n']],
        expected: [
            "eco.yaml:24:1: error [schema-additionalProperties] the file has an unknown key 'orderring'; did you mean 'ordering'? The keys allowed here are $schema, version, name, description, ports, organizations, importedOrganizations, ordering, channels, publicChannel, publicNetwork",
        ],
    },
    {
        title: 'missing required name of an organization',
        edits: [['  - name: PartsCo\n    mspId: PartsMSP', '  - mspId: PartsMSP']],
        expected: [
            "eco.yaml:11:5: error [schema-required] organizations[1] has no 'name'; add 'name': Name of an organization: a letter then letters and digits, unique in the file.",
        ],
    },
    {
        title: 'wrong type: peers is a string',
        edits: [['    domain: parts.example\n', '    domain: parts.example\n    peers: two\n']],
        expected: [
            "eco.yaml:14:12: error [schema-type] organizations[1].peers is 'two', expected an integer; write an integer (How many peers the organization runs (peer0, peer1, ...); peer0 is the anchor peer. 1 by default; 0 for an organization that only runs orderers or clients)",
        ],
    },
    {
        title: 'unknown enum value for ordering.type',
        edits: [['  type: raft', '  type: kafka']],
        expected: [
            'eco.yaml:26:9: error [schema-enum] ordering.type is \'kafka\', expected one of "raft", "bft"; use one of "raft", "bft"',
        ],
    },
    {
        title: 'unknown chaincode servers mode',
        edits: [['      - name: parts\n', '      - name: parts\n        servers: per-org\n']],
        expected: [
            'eco.yaml:33:18: error [schema-enum] channels[0].chaincodes[0].servers is \'per-org\', expected one of "shared", "per-organization"; use one of "shared", "per-organization"',
        ],
    },
    {
        title: 'organization name with a space',
        edits: [['  - name: PartsCo\n', '  - name: Parts Co\n']],
        expected: [
            "eco.yaml:11:11: error [schema-pattern] organizations[1].name is 'Parts Co', which does not match ^[A-Za-z][A-Za-z0-9]{0,39}$; write a value that matches (Name of an organization: a letter then letters and digits, unique in the file)",
        ],
    },
    {
        title: 'channel name with capitals',
        edits: [['  - name: acme-supply', '  - name: Acme_Supply']],
        expected: [
            "eco.yaml:28:11: error [schema-pattern] channels[0].name is 'Acme_Supply', which does not match ^[a-z][a-z0-9.-]{0,48}$; write a value that matches (Channel name: lowercase letters, digits, '.' and '-', starting with a letter (Fabric's rule))",
        ],
    },
    {
        title: 'version other than 1',
        edits: [['version: 1', 'version: 2']],
        expected: ['eco.yaml:1:10: error [schema-const] version is 2, expected 1; write 1'],
    },
    {
        title: 'empty members list',
        edits: [['members: [Acme, PartsCo]', 'members: []']],
        expected: [
            "eco.yaml:30:14: error [schema-minItems] channels[0].members has 0 item(s), at least 1 needed; add at least 1 (Organizations (local or imported) in the channel's Application group)",
        ],
    },
    {
        title: 'peers above the maximum',
        edits: [['    domain: parts.example\n', '    domain: parts.example\n    peers: 99\n']],
        expected: [
            'eco.yaml:14:12: error [schema-maximum] organizations[1].peers is 99, above the maximum 16; use a number up to 16 (How many peers the organization runs (peer0, peer1, ...); peer0 is the anchor peer. 1 by default; 0 for an organization that only runs orderers or clients)',
        ],
    },
    {
        title: 'role repeated in an organization',
        edits: [['    roles: [customer]\n    users:', '    roles: [customer, customer]\n    users:']],
        expected: [
            "eco.yaml:7:23: error [schema-uniqueItems] organizations[0].roles lists 'customer' twice; remove the repeat",
        ],
    },
    {
        title: 'attribute value with a comma',
        edits: [
            [
                '        roles: [customer]\n',
                '        roles: [customer]\n        attributes:\n          plant: lyon,paris\n',
            ],
        ],
        expected: [
            "eco.yaml:12:18: error [schema-pattern] organizations[0].users[0].attributes.plant is 'lyon,paris', which does not match ^[^,:]{0,256}$; write a value that matches (An attribute value: up to 256 characters, without ',' or ':')",
        ],
    },
    {
        title: 'duplicate organization name',
        edits: [['  - name: PartsCo\n    mspId: PartsMSP', '  - name: Acme\n    mspId: PartsMSP']],
        expected: [
            "eco.yaml:11:11: error [duplicate-org-name] organization name 'Acme' is used twice; give each organization its own name",
            "eco.yaml:30:21: error [channel-member-unknown] organization 'PartsCo' in channel 'acme-supply' is not defined; define it under organizations or importedOrganizations, or remove it",
        ],
    },
    {
        title: 'duplicate MSP id',
        edits: [['mspId: PartsMSP', 'mspId: AcmeMSP']],
        expected: [
            "eco.yaml:12:12: error [duplicate-msp-id] MSP id 'AcmeMSP' of 'PartsCo' is already the MSP id of 'Acme'; give each organization its own MSP id",
        ],
    },
    {
        title: 'organization names that differ only in case',
        edits: [
            ['  - name: PartsCo\n    mspId: PartsMSP', '  - name: ACME\n    mspId: PartsMSP'],
            ['members: [Acme, PartsCo]', 'members: [Acme, ACME]'],
        ],
        expected: [
            "eco.yaml:11:11: error [case-only-org-name] organization name 'ACME' differs only in case from 'Acme' (eco.yaml:4:11); rename one of them: names become folder and file names, and those ignore case on macOS and Windows",
        ],
    },
    {
        title: 'MSP ids that differ only in case',
        edits: [['mspId: PartsMSP', 'mspId: ACMEMSP']],
        expected: [
            "eco.yaml:12:12: error [case-only-msp-id] MSP id 'ACMEMSP' of 'PartsCo' differs only in case from 'AcmeMSP' of 'Acme' (eco.yaml:5:12); give each organization an MSP id that differs in more than case: MSP folders and policies would be confused",
        ],
    },
    {
        title: 'duplicate domain',
        edits: [['domain: parts.example', 'domain: acme.example']],
        expected: [
            "eco.yaml:13:13: error [duplicate-domain] domain 'acme.example' of 'PartsCo' is already the domain of 'Acme'; give each organization its own domain: node names such as peer0.<domain> must be unique",
        ],
    },
    {
        title: 'unknown organization in a channel',
        edits: [['members: [Acme, PartsCo]', 'members: [Acme, PartCo]']],
        expected: [
            "eco.yaml:30:21: error [channel-member-unknown] organization 'PartCo' in channel 'acme-supply' is not defined; did you mean 'PartsCo'? Otherwise define it under organizations or importedOrganizations",
        ],
    },
    {
        title: 'organization listed twice in a channel',
        edits: [['members: [Acme, PartsCo]', 'members: [Acme, PartsCo, Acme]']],
        expected: [
            "eco.yaml:30:30: error [channel-member-duplicate] organization 'Acme' is listed twice in channel 'acme-supply'; list each member once",
        ],
    },
    {
        title: 'duplicate channel names',
        edits: [
            [
                '    chaincodes:\n      - name: parts\n',
                '    chaincodes:\n      - name: parts\n  - name: acme-supply\n    type: private\n    members: [Acme]\n',
            ],
        ],
        expected: [
            "eco.yaml:33:11: error [duplicate-channel] channel name 'acme-supply' is used twice; give each channel its own name",
        ],
    },
    {
        title: 'collection member not in the channel',
        edits: [
            [
                '    chaincodes:\n',
                '    collections:\n      - name: prices\n        members: [Acme, Productivist]\n    chaincodes:\n',
            ],
        ],
        expected: [
            "eco.yaml:33:25: error [collection-member-not-in-channel] organization 'Productivist' in collection 'prices' is not a member of channel 'acme-supply'; add 'Productivist' to the members of channel 'acme-supply' or remove it from the collection",
        ],
    },
    {
        title: 'collection member not defined',
        edits: [
            [
                '    chaincodes:\n',
                '    collections:\n      - name: prices\n        members: [Acme, Ghost]\n    chaincodes:\n',
            ],
        ],
        expected: [
            "eco.yaml:33:25: error [collection-member-unknown] organization 'Ghost' in collection 'prices' is not defined; define it under organizations or importedOrganizations, or remove it",
        ],
    },
    {
        title: 'collection maxPeerCount below requiredPeerCount',
        edits: [
            [
                '    chaincodes:\n',
                '    collections:\n      - name: prices\n        members: [Acme, PartsCo]\n        requiredPeerCount: 2\n        maxPeerCount: 1\n    chaincodes:\n',
            ],
        ],
        expected: [
            "eco.yaml:35:23: error [collection-peer-count] maxPeerCount 1 of collection 'prices' is below its requiredPeerCount 2; make maxPeerCount at least requiredPeerCount",
        ],
    },
    {
        title: 'chaincode names an undeclared collection',
        edits: [['      - name: parts\n', '      - name: parts\n        collections: [prices]\n']],
        expected: [
            "eco.yaml:33:23: error [chaincode-collection-unknown] collection 'prices' of chaincode 'parts' is not declared in channel 'acme-supply'; declare it under collections of channel 'acme-supply'",
        ],
    },
    {
        title: 'BFT with fewer than 4 orderers',
        edits: [
            ['  type: raft', '  type: bft'],
            [
                '        tlsCert: published/productivist/orderer0-tls.pem\n',
                '        tlsCert: published/productivist/orderer0-tls.pem\n        identityCert: published/productivist/orderer0-identity.pem\n',
            ],
        ],
        expected: [
            'eco.yaml:27:9: error [bft-too-few-orderers] BFT ordering with 1 orderer(s) cannot tolerate a faulty node (3f+1 nodes tolerate f); run at least 4 orderers, or use raft',
        ],
    },
    {
        title: 'BFT orderer without identityCert',
        edits: [['  type: raft', '  type: bft']],
        expected: [
            "eco.yaml:20:9: error [bft-identity-missing] orderer 'orderer0.productivist.example' has no identityCert, which a BFT consenter mapping needs; add the identityCert (signing certificate) the organization published for it",
            'eco.yaml:26:9: error [bft-too-few-orderers] BFT ordering with 1 orderer(s) cannot tolerate a faulty node (3f+1 nodes tolerate f); run at least 4 orderers, or use raft',
        ],
    },
    {
        title: 'Raft with an even number of orderers (warning) and a policy error',
        edits: [
            [
                '        tlsCert: published/productivist/orderer0-tls.pem\n',
                '        tlsCert: published/productivist/orderer0-tls.pem\n      - name: orderer1.productivist.example\n        host: 127.0.0.1\n        port: 7060\n        tlsCert: published/productivist/orderer1-tls.pem\n',
            ],
            ['      - name: parts\n', '      - name: parts\n        endorsement: { any: [] }\n'],
        ],
        expected: [
            'eco.yaml:30:9: warning [raft-even-orderers] Raft ordering with 2 orderers tolerates no more faults than with 1; run an odd number of orderers (1 or 3)',
            'eco.yaml:37:29: error [policy-invalid] policy channels[0].chaincodes[0].endorsement.any: expected a non-empty list of rules; write any: [OrgA, OrgB]',
        ],
    },
    {
        title: 'policy names an organization outside the channel',
        edits: [['      - name: parts\n', '      - name: parts\n        endorsement: { all: [Acme, Productivist] }\n']],
        expected: [
            "eco.yaml:33:36: error [policy-org-outside-channel] policy channels[0].chaincodes[0].endorsement names 'Productivist' (ProductivistMSP), which is not a member of channel 'acme-supply'; add 'Productivist' to the channel's members or remove it from the policy",
        ],
    },
    {
        title: 'policy in Fabric syntax names an MSP outside the channel',
        edits: [
            [
                '      - name: parts\n',
                "      - name: parts\n        endorsement: \"AND('AcmeMSP.peer', 'OtherMSP.peer')\"\n",
            ],
        ],
        expected: [
            "eco.yaml:33:22: error [policy-org-outside-channel] policy channels[0].chaincodes[0].endorsement names MSP id 'OtherMSP', which is not a member of channel 'acme-supply'; add the organization to the channel's members or remove it from the policy",
        ],
    },
    {
        title: 'policy names an unknown organization',
        edits: [['      - name: parts\n', '      - name: parts\n        endorsement: { any: [Acme, Nobody] }\n']],
        expected: [
            "eco.yaml:33:36: error [policy-invalid] policy channels[0].chaincodes[0].endorsement.any[1]: organization 'Nobody' is not known here; name an organization of the channel, or its MSP id",
        ],
    },
    {
        title: 'policy with a syntax error',
        edits: [
            [
                '      - name: parts\n',
                "      - name: parts\n        endorsement: \"AND('AcmeMSP.peer' 'PartsMSP.peer')\"\n",
            ],
        ],
        expected: [
            "eco.yaml:33:22: error [policy-invalid] policy channels[0].chaincodes[0].endorsement: policy syntax error at column 20: expected ',' or ')' but found 'PartsMSP.peer'; close AND( with ')' or separate rules with ','",
        ],
    },
    {
        title: 'channel admins policy with an unknown rule key',
        edits: [
            [
                '    members: [Acme, PartsCo]\n',
                '    members: [Acme, PartsCo]\n    policies:\n      admins: { most: [Acme] }\n',
            ],
        ],
        expected: [
            "eco.yaml:32:15: error [policy-invalid] policy channels[0].policies.admins: unknown rule keys 'most'; use exactly one of 'any', 'all', 'majority', or 'outOf' with 'of'",
        ],
    },
    {
        title: 'publicNetwork without the public network given',
        edits: [['ordering:\n', 'publicNetwork: {}\nordering:\n']],
        expected: [
            "eco.yaml:24:16: error [public-network-missing] publicNetwork: the public network is not given, so its ordering organization, orderers and channel are unknown; bring the public network up ('productivist network up'), then run this ecosystem beside it with 'productivist channel create <file> --public <network dir>' (validate and generate take --public <network dir>, network up --ordering-state <network dir>)",
        ],
    },
    {
        title: 'ordering organization not defined',
        edits: [['  organization: Productivist\n', '  organization: Orderly\n']],
        expected: [
            "eco.yaml:25:17: error [ordering-org-unknown] organization 'Orderly' that runs the orderers is not defined; define it under organizations or importedOrganizations, or remove it",
        ],
    },
    {
        title: 'nodes given for an imported ordering organization',
        edits: [['  type: raft', '  type: raft\n  nodes: 3']],
        expected: [
            "eco.yaml:27:10: error [ordering-nodes-imported] ordering.nodes is 3, but 'Productivist' is imported: its orderers are the ones it published; remove ordering.nodes and list the orderers under importedOrganizations 'Productivist'",
        ],
    },
    {
        title: 'clashing fixed ports',
        edits: [['    domain: parts.example\n', '    domain: parts.example\n    ca:\n      port: 7050\n']],
        expected: [
            "eco.yaml:24:15: error [port-clash] port 7050 of 'orderer0.productivist.example' is already the port of the CA server of 'PartsCo' (line 15); give every process its own port on 127.0.0.1; remove a fixed port to have one assigned",
        ],
    },
    {
        title: 'contract reads productoken but nobody is on the public channel',
        edits: [['      - name: parts\n', '      - name: parts\n        uses: [productoken]\n']],
        expected: [
            "eco.yaml:33:16: error [public-channel-missing] chaincode 'parts' on channel 'acme-supply' reads productoken on the public channel, but no organization of this file takes part in it; add publicChannel: { peers: [...], clients: [...] } naming the organizations on the public channel",
        ],
    },
    {
        title: "contract reads productoken; an endorsing org's peers and a client org are not on the public channel",
        edits: [
            ['      - name: parts\n', '      - name: parts\n        uses: [productoken]\n'],
            ['ordering:\n', 'publicChannel:\n  peers: [Acme]\n  clients: [Acme]\nordering:\n'],
        ],
        expected: [
            "eco.yaml:36:16: error [uses-clients-not-public] chaincode 'parts' on channel 'acme-supply' reads productoken, but clients of 'PartsCo' are not members of the public channel 'productivist'; add 'PartsCo' to publicChannel.clients: the submitter must pass the public channel's ChaincodeToChaincode ACL (its Writers)",
            "eco.yaml:36:16: error [uses-peers-not-public] chaincode 'parts' on channel 'acme-supply' reads productoken, but the peers of 'PartsCo' that endorse it are not on the public channel 'productivist'; add 'PartsCo' to publicChannel.peers: a cross-channel read runs on the endorsing peer, which must have joined both channels",
        ],
    },
    {
        title: 'imported certificate missing',
        edits: [['caCert: published/productivist/ca.pem', 'caCert: published/productivist/nope.pem']],
        expected: [
            "eco.yaml:17:13: error [certificate-missing] caCert of 'Productivist' ('published/productivist/nope.pem') cannot be read (ENOENT); put the PEM certificate the organization published at this path, relative to the ecosystem file",
        ],
    },
    {
        title: 'imported TLS certificate not signed by the TLS CA',
        edits: [
            [
                'tlsCert: published/productivist/orderer0-tls.pem',
                'tlsCert: published/productivist/orderer0-identity.pem',
            ],
        ],
        expected: [
            "eco.yaml:23:18: error [certificate-not-signed] tlsCert of 'orderer0.productivist.example' ('published/productivist/orderer0-identity.pem') is not signed by the TLS CA of 'Productivist' ('published/productivist/tlsca.pem'); use the TLS certificate the node was issued by its organization's TLS CA, or correct tlsCaCert",
        ],
    },
    {
        title: 'imported CA certificate that is not a CA',
        edits: [['caCert: published/productivist/ca.pem', 'caCert: published/productivist/orderer0-identity.pem']],
        expected: [
            "eco.yaml:17:13: error [certificate-not-ca] caCert of 'Productivist' ('published/productivist/orderer0-identity.pem') is not a self-signed CA certificate; use the root CA certificate of the organization (its MSP cacerts / tlscacerts file)",
        ],
    },
    {
        title: 'imported certificate that is not PEM',
        edits: [['caCert: published/productivist/ca.pem', 'caCert: published/public-network.json']],
        expected: [
            "eco.yaml:17:13: error [certificate-invalid] caCert of 'Productivist' ('published/public-network.json') is not a PEM X.509 certificate (no PEM CERTIFICATE block); use the PEM certificate file the organization published",
        ],
    },
    {
        title: 'user role not granted to the organization',
        edits: [['        roles: [customer]\n', '        roles: [customer, producer]\n']],
        expected: [
            "eco.yaml:10:27: error [role-not-granted] user 'buyer' of 'Acme' has role 'producer', which is not granted to 'Acme'; add 'producer' to the roles of 'Acme' or remove it from the user",
        ],
    },
    {
        title: 'user names an undeclared intermediate CA',
        edits: [['        roles: [customer]\n', '        roles: [customer]\n        intermediate: plant\n']],
        expected: [
            "eco.yaml:11:23: error [intermediate-unknown] intermediate CA 'plant' of user 'buyer' is not declared in 'Acme'; declare it under ca.intermediates of 'Acme', or remove the line to enroll with the root CA",
        ],
    },
    {
        title: 'device owner is not a user',
        edits: [['  - name: PartsCo\n', '    devices:\n      - name: press\n        owner: buyr\n  - name: PartsCo\n']],
        expected: [
            "eco.yaml:13:16: error [device-owner-unknown] owner 'buyr' of device 'press' is not a user of 'Acme'; did you mean 'buyer'?",
        ],
    },
    {
        title: 'reserved attribute prefix',
        edits: [
            [
                '        roles: [customer]\n',
                '        roles: [customer]\n        attributes:\n          productivist.member: someone-else\n',
            ],
        ],
        expected: [
            "eco.yaml:12:11: error [attribute-reserved] attribute 'productivist.member' of 'buyer' uses a reserved prefix (productivist., hf.); rename it: the kit sets productivist.* attributes from member, roles and owner, and Fabric CA owns hf.*",
        ],
    },
    {
        title: 'two public channels',
        edits: [
            ['    type: private', '    type: public'],
            ['      - name: parts\n', '      - name: parts\n  - name: second\n    type: public\n    members: [Acme]\n'],
        ],
        expected: [
            "eco.yaml:34:11: error [public-channel-twice] channel 'second' is public, but 'acme-supply' already is; an ecosystem has at most one public channel; make this one private",
        ],
    },
    {
        title: 'duplicate key',
        edits: [['    domain: parts.example\n', '    domain: parts.example\n    domain: parts2.example\n']],
        expected: [
            "eco.yaml:14:5: error [duplicate-key] key 'domain' appears twice in the same mapping; keep one of the keys: YAML mappings may not repeat a key",
        ],
    },
    {
        title: 'YAML syntax error',
        edits: [['members: [Acme, PartsCo]', 'members: [Acme, PartsCo']],
        expected: [
            'eco.yaml:31:5: error [yaml-syntax] Flow sequence in block collection must be sufficiently indented and end with a ]; correct the YAML syntax',
        ],
    },
    {
        title: 'unknown YAML tag',
        edits: [['  type: raft', '  type: !raft raft']],
        expected: [
            'eco.yaml:26:9: error [yaml-syntax] Unresolved tag: !raft; remove the tag: ecosystem files use plain YAML values',
        ],
    },
    {
        title: 'two YAML documents',
        edits: [['version: 1\n', 'version: 1\n---\nname: x\n']],
        expected: [
            'eco.yaml:2:1: error [yaml-syntax] the file holds 2 YAML documents; keep one document: remove the --- separator and what follows it',
        ],
    },
    {
        title: 'alias bomb',
        edits: [
            [
                'version: 1\n',
                'version: 1\nx-a: &a [x, x, x, x, x, x, x, x, x, x]\nx-b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nx-c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nx-d: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n',
            ],
        ],
        expected: [
            'eco.yaml:3:10: error [alias-limit] aliases expand to more than 100 nodes (Excessive alias count indicates a resource exhaustion attack); write the values out instead of repeating aliases',
        ],
    },
    {
        title: 'nesting deeper than the limit',
        edits: [
            [
                'version: 1\n',
                'version: 1\nx: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n',
            ],
        ],
        expected: [
            'eco.yaml:2:35: error [nesting-too-deep] collections are nested 33 deep here, over the limit of 32; flatten the structure; an ecosystem file never needs this depth',
        ],
    },
    {
        title: 'preferred block size above the absolute limit (both set)',
        edits: [
            [
                '    members: [Acme, PartsCo]\n',
                "    members: [Acme, PartsCo]\n    blockCutting:\n      absoluteMaxBytes: '2 MB'\n      preferredMaxBytes: '8 MB'\n",
            ],
        ],
        expected: [
            "eco.yaml:33:26: error [block-size-order] preferredMaxBytes '8 MB' of channel 'acme-supply' exceeds absoluteMaxBytes '2 MB'; make preferredMaxBytes at most absoluteMaxBytes",
        ],
    },
];
