// SPDX-License-Identifier: Apache-2.0
//
// The public Productivist channel on the embedded ledger: the Productivist org and the four role
// orgs (each with a peer), an industrial org that is not run by Productivist, and members of every
// kind. Contract tests and `productivist demo` start from it.
import type { FriendlyPolicy } from '@productivist/policies';
import { coreOrgToMsp, corePolicies, publicAccountHolders, publicTokenConfig } from '@productivist/policies';
import {
    deviceAttribute,
    memberAttribute,
    ModelcertContract,
    ProdcontrolContract,
    ProductokenContract,
    QualitycheckContract,
    specCollection,
    treasuryAttribute,
} from '@productivist/core-chaincode';
import type { KeyPairPem } from '@productivist/ledger';
import { EmbeddedNetwork } from '@productivist/ledger';
import { commitOrThrow } from '@productivist/ledger-api';

export const worldOrgs = [
    'ProductivistMSP',
    'CustomerMSP',
    'DesignerMSP',
    'ProducerMSP',
    'ExpertMSP',
    'IndustrialMSP',
] as const;

/** The members of the world: name → organization, NodeOU role and certificate attributes. */
export const worldMembers = {
    /** Productivist's treasury: mints and burns; owns the fee account `productivist`. */
    treasury: {
        mspId: 'ProductivistMSP',
        role: 'client',
        attributes: { [memberAttribute]: 'productivist', [treasuryAttribute]: 'true' },
    },
    /** An admin of the Productivist org: initializes, grants roles. */
    admin: { mspId: 'ProductivistMSP', role: 'admin', attributes: {} },
    alice: { mspId: 'CustomerMSP', role: 'client', attributes: { [memberAttribute]: 'alice' } },
    /** Alice's identity in the designer org: same member, same wallet. */
    'alice-designer': { mspId: 'DesignerMSP', role: 'client', attributes: { [memberAttribute]: 'alice' } },
    dana: { mspId: 'DesignerMSP', role: 'client', attributes: { [memberAttribute]: 'dana' } },
    printlab: { mspId: 'ProducerMSP', role: 'client', attributes: { [memberAttribute]: 'printlab' } },
    /** printlab's printer controller. */
    printer: { mspId: 'ProducerMSP', role: 'client', attributes: { [deviceAttribute]: 'printlab' } },
    erin: { mspId: 'ExpertMSP', role: 'client', attributes: { [memberAttribute]: 'erin' } },
    /** A member of an organization Productivist does not run; its attributes are not trusted. */
    acme: { mspId: 'IndustrialMSP', role: 'client', attributes: { [memberAttribute]: 'pretends-to-be-alice' } },
    /** An identity of a role org without a member attribute: not a member. */
    stranger: { mspId: 'CustomerMSP', role: 'client', attributes: {} },
} as const;

/** A member of the world, or one a test enrolled itself. */
export type WorldMember = keyof typeof worldMembers | (string & Record<never, never>);

/** The productoken configuration the world initializes with (the public network's, as `network up` uses it). */
export const worldTokenConfig = publicTokenConfig;

/** The keys of a world, kept so that a reopened world has the same identities (and transaction ids). */
export interface WorldKeys {
    readonly cas: Readonly<Record<string, KeyPairPem>>;
    readonly members: Readonly<Record<string, KeyPairPem>>;
}

export interface WorldOptions {
    readonly now?: () => Date;
    /** Nonces of proposals (random by default). */
    readonly nonce?: () => Uint8Array;
    /** Restore these CAs and identities instead of making new ones. */
    readonly keys?: WorldKeys;
    /** Deploy productoken with this policy instead of the one in policies/data/core-contracts.yaml. */
    readonly productokenPolicy?: FriendlyPolicy;
    /** Leave productoken uninitialized (default: initialize it with worldTokenConfig). */
    readonly initialize?: boolean;
    /**
     * Private channels beside the public channel `productivist` (where the core contracts run), each
     * with its member organizations (MSP ids): a contract deployed on one reads productoken across channels.
     */
    readonly privateChannels?: readonly { readonly name: string; readonly organizations: readonly string[] }[];
}

/** Creates the network, enrolls every member, deploys the four core contracts and initializes productoken. */
export async function createWorld(options: WorldOptions = {}): Promise<EmbeddedNetwork> {
    const network = await EmbeddedNetwork.create({
        organizations: worldOrgs.map((mspId) => {
            const ca = options.keys?.cas[mspId];
            return ca === undefined ? { mspId } : { mspId, ca };
        }),
        ...(options.now ? { now: options.now } : {}),
        ...(options.nonce ? { nonce: options.nonce } : {}),
        ...(options.privateChannels === undefined
            ? {}
            : { channels: [{ name: 'productivist', organizations: [...worldOrgs] }, ...options.privateChannels] }),
    });
    for (const [name, member] of Object.entries(worldMembers)) {
        const identity = options.keys?.members[name];
        await network.addMember(name, {
            mspId: member.mspId,
            role: member.role,
            attributes: member.attributes,
            ...(identity === undefined ? {} : { identity }),
        });
    }
    const policies = corePolicies();
    const policyOf = (name: string): FriendlyPolicy => {
        const policy = policies[name]?.endorsement;
        if (policy === undefined) throw new Error(`no policy for ${name} in policies/data/core-contracts.yaml`);
        return resolveNames(policy);
    };
    network.deploy({
        name: 'productoken',
        contracts: [ProductokenContract],
        endorsementPolicy: options.productokenPolicy ?? policyOf('productoken'),
    });
    network.deploy({ name: 'modelcert', contracts: [ModelcertContract], endorsementPolicy: policyOf('modelcert') });
    network.deploy({
        name: 'prodcontrol',
        contracts: [ProdcontrolContract],
        endorsementPolicy: policyOf('prodcontrol'),
        collections: [
            {
                name: specCollection,
                members: ['CustomerMSP', 'ProducerMSP'],
                memberOnlyRead: true,
                memberOnlyWrite: true,
            },
        ],
    });
    network.deploy({
        name: 'qualitycheck',
        contracts: [QualitycheckContract],
        endorsementPolicy: policyOf('qualitycheck'),
    });
    if (options.initialize !== false) {
        // Initialize first; then the accounts, endorsed together and committed in one block per
        // account id (alice opens hers before alice-designer adds DesignerMSP to it).
        const [initialize, ...accounts] = worldSetup;
        if (initialize !== undefined) {
            await network.contract(initialize.member, 'productoken').submit(initialize.transaction, {
                arguments: initialize.arguments,
            });
        }
        const later = accounts.filter((step) => step.member === 'alice-designer');
        for (const batch of [accounts.filter((step) => !later.includes(step)), later]) {
            const endorsed = await Promise.all(
                batch.map((step) => network.contract(step.member, 'productoken').endorse(step.transaction)),
            );
            await Promise.all(endorsed.map((tx) => commitOrThrow(tx)));
        }
    }
    return network;
}

/** The members whose identity carries an account (the others are devices, admins or strangers). */
export const worldAccountHolders: readonly (keyof typeof worldMembers)[] = publicAccountHolders;

/** What a new world runs first: the admin initializes productoken, then every member opens its account. */
export const worldSetup: readonly { member: string; transaction: string; arguments: string[] }[] = [
    { member: 'admin', transaction: 'Initialize', arguments: [JSON.stringify(worldTokenConfig)] },
    ...worldAccountHolders.map((member) => ({ member, transaction: 'OpenAccount', arguments: [] })),
];

/** The CA and member keys of a world made by {@link createWorld}. */
export async function worldKeys(network: EmbeddedNetwork): Promise<WorldKeys> {
    const cas: Record<string, KeyPairPem> = {};
    for (const mspId of worldOrgs) cas[mspId] = await network.exportCertificateAuthority(mspId);
    const members: Record<string, KeyPairPem> = {};
    for (const name of Object.keys(worldMembers)) {
        const { certificatePem, privateKeyPem } = await network.exportIdentity(name);
        members[name] = { certificatePem, privateKeyPem };
    }
    return { cas, members };
}

/** Rewrites the organization names of a friendly policy to MSP ids. */
function resolveNames(policy: FriendlyPolicy): FriendlyPolicy {
    if (typeof policy === 'string')
        return ['any', 'all', 'majority'].includes(policy) || policy.includes('(') ? policy : coreOrgToMsp(policy);
    if ('outOf' in policy) return { outOf: policy.outOf, of: policy.of.map(resolveNames) };
    if ('any' in policy) return { any: policy.any.map(resolveNames) };
    if ('all' in policy) return { all: policy.all.map(resolveNames) };
    return { majority: policy.majority.map(resolveNames) };
}
