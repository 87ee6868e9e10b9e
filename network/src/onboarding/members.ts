// SPDX-License-Identifier: Apache-2.0
//
// `member enroll | list | revoke`: members of a running organization, registered and enrolled
// through its Fabric CA with the attributes the contracts read (productivist.member,
// productivist.device, productivist.treasury); a revocation is made at the CA, its CRL put into
// the organization's MSP in the channel config by a config update its admin signs, after which
// the peers refuse the member's proposals.
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { randomBytes } from 'node:crypto';

import { NetworkError } from '../errors.js';
import { runBinary } from '../exec.js';
import type { ChannelConfig } from '../runtime/configUpdate.js';
import { computeConfigUpdate, decodeConfigBlock, fetchConfigBlock } from '../runtime/configUpdate.js';
import { networkCredentials } from '../runtime/credentials.js';
import type { OrganizationEnrollment } from '../runtime/plans.js';
import { requireBinary } from '../toolchain.js';
import { applicationOrganizations, configFromBlock } from './configTx.js';
import { NetworkContext } from './context.js';
import type { OnboardingOptions, SubmitResult } from './organizations.js';
import { signUpdateFile, submitUpdate } from './organizations.js';
import type { UpdateFile } from './updateFile.js';
import { updateFormat, writeUpdateFile } from './updateFile.js';

/** The Productivist roles a member acts in. */
export type MemberRole = 'customer' | 'designer' | 'producer' | 'expert' | 'treasury';

const roles: readonly MemberRole[] = ['customer', 'designer', 'producer', 'expert', 'treasury'];

/** The contracts' attribute names (core-chaincode/src/shared/caller.ts). */
export const memberAttributes = {
    member: 'productivist.member',
    device: 'productivist.device',
    treasury: 'productivist.treasury',
} as const;

/**
 * The account ids the contracts accept in productivist.member and productivist.device
 * (core-chaincode/src/shared/caller.ts): the default member id `<name>@<domain>` is not one, so
 * a member enrolled without `--member-id` is an identity of its organization without a wallet.
 */
const accountPattern = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** The CA an organization enrolls its members at: URL, CA name, TLS root and the registrar's MSP. */
interface CaAccess {
    readonly url: string;
    readonly caName: string;
    readonly tlsCert: string;
    readonly registrarMsp: string;
    readonly serverId: string;
    /** `<key>` of `organizations/<key>/`. */
    readonly orgKey: string;
    readonly domain: string;
}

function option(args: readonly string[], name: string): string | undefined {
    const index = args.indexOf(name);
    return index < 0 ? undefined : args[index + 1];
}

function caAccess(context: NetworkContext, org: OrganizationEnrollment): CaAccess {
    const admin = org.identities.find((identity) => identity.kind === 'admin');
    const register = admin?.steps.find((step) => step.action === 'register' && !(step.ca ?? '').startsWith('tlsca'));
    const args = register?.args ?? [];
    const url = option(args, '-u');
    const caName = option(args, '--caname');
    const tlsCert = option(args, '--tls.certfiles');
    const registrarMsp = option(args, '--mspdir');
    const orgKey = /^organizations\/([^/]+)\//.exec(admin?.mspDir ?? '')?.[1];
    const domain = admin?.enrollmentId.split('@')[1];
    const server =
        org.servers.find((candidate) =>
            candidate.registrarEnrollments
                .flat()
                .join(' ')
                .includes(`--caname ${caName ?? ''} `),
        ) ?? org.servers[0];
    if (
        admin === undefined ||
        url === undefined ||
        caName === undefined ||
        tlsCert === undefined ||
        registrarMsp === undefined ||
        orgKey === undefined ||
        domain === undefined ||
        server === undefined
    ) {
        throw new NetworkError(`organization ${org.organization} enrolls no admin through a CA of this network`, {
            code: 'CA_NOT_RUN_HERE',
            exit: 'usage',
            hint: 'members are enrolled by the CA of an organization this network runs',
        });
    }
    const sub = (text: string): string => context.runner.sub(text, `${org.organization} CA access`);
    return {
        url: sub(url),
        caName,
        tlsCert: sub(tlsCert),
        registrarMsp: sub(registrarMsp),
        serverId: server.id,
        orgKey,
        domain,
    };
}

/** Options of {@link enrollMember}. */
export interface EnrollMemberOptions extends OnboardingOptions {
    readonly organization: string;
    readonly name: string;
    readonly role: MemberRole;
    /** Member id carried as productivist.member (identities of one member in several organizations share it). */
    readonly memberId?: string;
    /** Enroll a device (controller) working for this member id instead of a member. */
    readonly deviceOf?: string;
}

/** What `member enroll` did. */
export interface EnrolledMember {
    readonly enrollmentId: string;
    readonly mspId: string;
    readonly mspDir: string;
    readonly attributes: Readonly<Record<string, string>>;
    /** The name the credential is stored under in `<state>/credentials`. */
    readonly credential: string;
}

/** `member enroll`: register and enroll a member (or device) through its organization's CA. */
export async function enrollMember(options: Readonly<EnrollMemberOptions>): Promise<EnrolledMember> {
    const context = new NetworkContext(options.network, options.fabricHome, options.progress ?? (() => undefined));
    context.requireRunning();
    if (!roles.includes(options.role)) {
        throw new NetworkError(`role '${options.role}' is not a Productivist role`, {
            code: 'INVALID_ROLE',
            exit: 'invalidInput',
            hint: `use one of ${roles.join(', ')}`,
        });
    }
    if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(options.name)) {
        throw new NetworkError(`member name '${options.name}' is not allowed`, {
            code: 'INVALID_ARGUMENT',
            exit: 'invalidInput',
            hint: "use lower-case letters, digits and '-' (it becomes <name>@<domain>)",
        });
    }
    for (const [flag, value] of [
        ['--member-id', options.memberId],
        ['--device-of', options.deviceOf],
    ] as const) {
        if (value !== undefined && !accountPattern.test(value)) {
            throw new NetworkError(`${flag} '${value}' is not a wallet account id the contracts accept`, {
                code: 'INVALID_ARGUMENT',
                exit: 'invalidInput',
                hint: "use 1 to 64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit",
            });
        }
    }
    const org = context.organization(options.organization);
    const ca = caAccess(context, org);
    const enrollmentId = `${options.name}@${ca.domain}`;
    const mspDir = join('organizations', ca.orgKey, 'users', enrollmentId, 'msp');
    if (existsSync(join(context.tree.root, mspDir, 'signcerts'))) {
        throw new NetworkError(`${enrollmentId} is already enrolled in ${org.organization}`, {
            code: 'MEMBER_EXISTS',
            exit: 'invalidInput',
            hint: 'choose another name, or revoke the old member first',
        });
    }
    const attributes: Record<string, string> = {};
    if (options.deviceOf !== undefined) attributes[memberAttributes.device] = options.deviceOf;
    else attributes[memberAttributes.member] = options.memberId ?? enrollmentId;
    if (options.role === 'treasury') attributes[memberAttributes.treasury] = 'true';
    const secret = randomBytes(16).toString('hex');
    const common = ['--caname', ca.caName, '--tls.certfiles', ca.tlsCert];
    const attrs = Object.entries(attributes)
        .map(([name, value]) => `${name}=${value}:ecert`)
        .join(',');
    await context.runner.client(
        [
            'register',
            '-u',
            ca.url,
            ...common,
            '--mspdir',
            ca.registrarMsp,
            '--id.name',
            enrollmentId,
            '--id.secret',
            secret,
            '--id.type',
            'client',
            '--id.affiliation',
            ca.orgKey,
            '--id.attrs',
            attrs,
        ],
        `member ${enrollmentId} register`,
        // The member's own client home: several members may be registered at once.
        enrollmentId,
    );
    const hostPort = ca.url.replace(/^https:\/\//, '');
    await context.runner.client(
        [
            'enroll',
            '-u',
            `https://${enrollmentId}:${secret}@${hostPort}`,
            ...common,
            '--mspdir',
            join(context.tree.root, mspDir),
        ],
        `member ${enrollmentId} enroll`,
        enrollmentId,
    );
    copyFileSync(
        join(context.tree.root, 'organizations', ca.orgKey, 'msp', 'config.yaml'),
        join(context.tree.root, mspDir, 'config.yaml'),
    );
    const store = networkCredentials(context.state.root);
    const taken = store.list().some((entry) => entry.name === options.name);
    const credential = taken ? `${options.name}.${org.organization.toLowerCase()}` : options.name;
    const keystore = join(context.tree.root, mspDir, 'keystore');
    const [key] = readdirSync(keystore);
    store.save({
        name: credential,
        mspId: org.mspId,
        certificatePem: readFileSync(join(context.tree.root, mspDir, 'signcerts', 'cert.pem'), 'utf8'),
        privateKeyPem: readFileSync(join(keystore, key ?? ''), 'utf8'),
    });
    return { enrollmentId, mspId: org.mspId, mspDir, attributes, credential };
}

/** One identity the organization's CA knows. */
export interface MemberListing {
    readonly name: string;
    readonly type: string;
    readonly attributes: string;
}

/** `member list`: the identities registered at the organization's CA (fabric-ca-client identity list). */
export async function listMembers(
    options: Readonly<OnboardingOptions & { organization: string }>,
): Promise<MemberListing[]> {
    const context = new NetworkContext(options.network, options.fabricHome, options.progress ?? (() => undefined));
    context.requireRunning();
    const org = context.organization(options.organization);
    const ca = caAccess(context, org);
    const { stdout } = await runBinary(
        requireBinary('fabric-ca-client', context.fabricHome),
        [
            'identity',
            'list',
            '-u',
            ca.url,
            '--caname',
            ca.caName,
            '--tls.certfiles',
            ca.tlsCert,
            '--mspdir',
            ca.registrarMsp,
        ],
        { env: { FABRIC_CA_CLIENT_HOME: join(context.state.root, 'ca-client-home', ca.serverId) }, timeoutMs: 60_000 },
    );
    return stdout
        .split('\n')
        .map((line) => /^Name: ([^,]+), Type: ([^,]+),.*Attributes: (\[.*\])$/.exec(line.trim()))
        .filter((match): match is RegExpExecArray => match !== null)
        .map((match) => ({ name: match[1] ?? '', type: match[2] ?? '', attributes: match[3] ?? '' }))
        .filter((entry) => entry.type !== 'peer' && entry.type !== 'orderer');
}

/** Options of {@link revokeMember}. */
export interface RevokeMemberOptions extends OnboardingOptions {
    readonly organization: string;
    readonly name: string;
    readonly reason: string;
    /** The channel whose config gets the CRL. */
    readonly channel: string;
    /** Where the update file is written. */
    readonly out: string;
    /** Sign as the organization's admin and submit (the default); false only writes the update. */
    readonly submit?: boolean;
}

const reasons = [
    'unspecified',
    'keycompromise',
    'cacompromise',
    'affiliationchange',
    'superseded',
    'cessationofoperation',
    'certificatehold',
    'removefromcrl',
    'privilegewithdrawn',
    'aacompromise',
];

/**
 * `member revoke`: revokes the member's certificates at the CA and generates the CRL, puts it into
 * the organization's MSP folder, computes the config update of the organization's MSP in the
 * channel, and (unless `submit` is false) signs it as the organization's admin and submits it.
 */
export async function revokeMember(
    options: Readonly<RevokeMemberOptions>,
): Promise<{ update: UpdateFile; submitted: SubmitResult | undefined }> {
    const context = new NetworkContext(options.network, options.fabricHome, options.progress ?? (() => undefined));
    context.requireRunning();
    if (!reasons.includes(options.reason)) {
        throw new NetworkError(`revocation reason '${options.reason}' is not one Fabric CA knows`, {
            code: 'INVALID_ARGUMENT',
            exit: 'invalidInput',
            hint: `use one of ${reasons.join(', ')}`,
        });
    }
    const org = context.organization(options.organization);
    const channel = context.channel(options.channel);
    const ca = caAccess(context, org);
    const enrollmentId = options.name.includes('@') ? options.name : `${options.name}@${ca.domain}`;
    const known = (await listMembers({ ...options, organization: org.organization })).some(
        (entry) => entry.name === enrollmentId,
    );
    if (!known) {
        throw new NetworkError(`${enrollmentId} is not a member registered at ${org.organization}'s CA`, {
            code: 'MEMBER_NOT_FOUND',
            exit: 'notFound',
            hint: `'productivist member list ${org.organization}' lists them`,
        });
    }
    await context.runner.client(
        [
            'revoke',
            '-u',
            ca.url,
            '--caname',
            ca.caName,
            '--tls.certfiles',
            ca.tlsCert,
            '--mspdir',
            ca.registrarMsp,
            '-e',
            enrollmentId,
            '-r',
            options.reason,
            '--gencrl',
        ],
        `member ${enrollmentId} revoke`,
        ca.serverId,
    );
    const crl = join(ca.registrarMsp, 'crls', 'crl.pem');
    const orgMsp = join(context.tree.root, 'organizations', ca.orgKey, 'msp');
    mkdirSync(join(orgMsp, 'crls'), { recursive: true });
    copyFileSync(crl, join(orgMsp, 'crls', 'crl.pem'));
    const admin = context.admin(org.organization);
    const target = context.target(channel, admin, `${channel.name}-revoke-${enrollmentId}`);
    const block = await fetchConfigBlock(target);
    if (!applicationOrganizations(configFromBlock(block)).has(org.mspId)) {
        throw new NetworkError(`${org.mspId} is not a member of channel ${channel.name}`, {
            code: 'ORGANIZATION_NOT_ON_CHANNEL',
            exit: 'notFound',
            hint: 'revoke on a channel the organization is a member of',
        });
    }
    const original = await decodeConfigBlock(context.fabricHome, target.work, block);
    const printed = await runBinary(
        requireBinary('configtxgen', context.fabricHome),
        ['-printOrg', org.mspId, '-configPath', context.tree.root],
        { cwd: context.tree.root, env: { FABRIC_CFG_PATH: context.tree.root }, timeoutMs: 60_000 },
    );
    const definition = JSON.parse(printed.stdout) as { values: Record<string, { value: unknown } | undefined> };
    const updated = JSON.parse(JSON.stringify(original)) as ChannelConfig;
    const group = updated.channel_group.groups['Application']?.groups[org.mspId];
    const current = group?.values['MSP'] as { value: unknown } | undefined;
    if (group === undefined || current === undefined || definition.values['MSP'] === undefined) {
        throw new Error(`no MSP value for ${org.mspId} in channel ${channel.name}`);
    }
    group.values['MSP'] = { ...current, value: definition.values['MSP'].value };
    const bytes = await computeConfigUpdate(context.fabricHome, target.work, channel.name, original, updated);
    const update: UpdateFile = {
        format: updateFormat,
        channel: channel.name,
        description: `revoke ${enrollmentId} of ${org.mspId} (${options.reason}): ${org.mspId}'s CRL into channel ${channel.name}`,
        action: { type: 'update-msp', mspId: org.mspId },
        configUpdate: Buffer.from(bytes).toString('base64'),
        signatures: [],
    };
    writeUpdateFile(options.out, update);
    if (options.submit === false) return { update, submitted: undefined };
    await signUpdateFile({
        update: options.out,
        signer: { mspId: org.mspId, mspDir: join(context.tree.root, admin.mspDir) },
    });
    const submitted = await submitUpdate({ ...options, update: options.out, submitter: org.organization });
    return { update, submitted };
}
