// SPDX-License-Identifier: Apache-2.0
//
// `org add`, `org sign`, `org submit`, `org remove`: an organization onboarded onto a running
// channel by a config update that travels as a file between the admins who sign it.
import { existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { common } from '@hyperledger/fabric-protos';

import { CommandFailedError, NetworkError } from '../errors.js';
import { runBinary } from '../exec.js';
import type { ChannelConfig, ConfigUpdateTarget } from '../runtime/configUpdate.js';
import {
    computeConfigUpdate,
    decodeConfigBlock,
    fetchConfigBlock,
    submitConfigEnvelope,
} from '../runtime/configUpdate.js';
import { joinPeers, setAnchorPeers } from '../runtime/channels.js';
import { writeCredentials } from '../runtime/credentials.js';
import type { ChaincodeDefinitionFile } from '../lifecycle/deploy.js';
import { deployChaincode, policyFlags, readDeployments } from '../lifecycle/deploy.js';
import { isCoreChaincode, resolveChaincodeSource } from '../lifecycle/source.js';
import type { ChannelPlan } from '../runtime/plans.js';
import { approveChaincodesFor } from './chaincodes.js';
import { revokeRole, rolesOf } from './roles.js';
import { pollUntil } from '../runtime/processes.js';
import type { Progress } from '../runtime/Runner.js';
import { requireBinary } from '../toolchain.js';
import type { SourcedSignature, UpdateCheck } from './check.js';
import { checkUpdate } from './check.js';
import { applicationOrganizations, configFromBlock } from './configTx.js';
import type { EcosystemEditor } from './context.js';
import { NetworkContext } from './context.js';
import type { MspSigner, SignatureEntry, UpdateAction, UpdateFile } from './updateFile.js';
import {
    envelopeOf,
    looksLikeAdmin,
    readSignatureFile,
    readUpdateFile,
    signatureFormat,
    signerCertificate,
    signerOf,
    signUpdate,
    updateBytes,
    updateDigest,
    updateFormat,
    writeJsonFile,
    writeUpdateFile,
} from './updateFile.js';

/** Options shared by the onboarding operations. */
export interface OnboardingOptions {
    /** State folder of the running network. */
    readonly network: string;
    readonly fabricHome: string;
    readonly progress?: Progress;
}

function contextOf(options: Readonly<OnboardingOptions>): NetworkContext {
    return new NetworkContext(options.network, options.fabricHome, options.progress ?? ((): void => undefined));
}

/** The current config of a channel, decoded both ways (protobuf for checks, JSON for configtxlator). */
async function currentConfig(
    context: NetworkContext,
    target: ConfigUpdateTarget,
): Promise<{ config: common.Config; json: ChannelConfig }> {
    const block = await fetchConfigBlock(target);
    return { config: configFromBlock(block), json: await decodeConfigBlock(context.fabricHome, target.work, block) };
}

/** Options of {@link addOrganization}. */
export interface AddOrganizationOptions extends OnboardingOptions {
    readonly organizationFile: string;
    readonly channel: string;
    /** Where the update file is written. */
    readonly out: string;
    readonly editor: EcosystemEditor;
}

/**
 * `org add`: validates the organization file, refuses an MSP id already on the channel, adds the
 * organization to the network's ecosystem and regenerates the tree (every port kept), starts its
 * CA servers and enrolls its identities (an organization run elsewhere brings its published
 * certificates instead), then computes the config update that adds it to the channel's
 * Application group and writes the update file, unsigned.
 */
export async function addOrganization(options: Readonly<AddOrganizationOptions>): Promise<UpdateFile> {
    const context = contextOf(options);
    context.requireRunning();
    const channel = context.channel(options.channel);
    const draft = options.editor.readOrganization(options.organizationFile);
    const reader = channel.peers[0]?.admin ?? context.admin(channel.ordererAdmin?.organization ?? '');
    const target = context.target(channel, reader, `${channel.name}-add-${draft.mspId}`);
    const before = await currentConfig(context, target);
    if (applicationOrganizations(before.config).has(draft.mspId)) {
        throw new NetworkError(
            `${draft.mspIdAt}: MSP id ${draft.mspId} is already a member of channel ${channel.name}; nothing was changed`,
            {
                code: 'ORGANIZATION_ON_CHANNEL',
                exit: 'invalidInput',
                hint: 'give the new organization an MSP id of its own, or leave it: it is on the channel already',
            },
        );
    }
    const baseDir = context.ensureEcosystem();
    const next = `${context.ecosystemFile}.next`;
    options.editor.addOrganization(context.ecosystemFile, baseDir, options.organizationFile, next);
    options.editor.generate(next, baseDir, context.state.tree);
    renameSync(next, context.ecosystemFile);
    context.reload();
    if (draft.kind === 'local') {
        const org = context.organization(draft.mspId);
        const plans = new Map(context.tree.start.processes.map((node) => [node.id, node]));
        await context.runner.startOrgCas(org, plans);
        await context.runner.enrollOrg(org);
        writeCredentials(context.tree, context.state.root);
    }
    const printed = await runBinary(
        requireBinary('configtxgen', context.fabricHome),
        ['-printOrg', draft.mspId, '-configPath', context.tree.root],
        { cwd: context.tree.root, env: { FABRIC_CFG_PATH: context.tree.root }, timeoutMs: 60_000 },
    );
    const updated = JSON.parse(JSON.stringify(before.json)) as ChannelConfig;
    const application = updated.channel_group.groups['Application'];
    if (application === undefined) throw new Error(`channel ${channel.name} has no Application group`);
    application.groups[draft.mspId] = JSON.parse(printed.stdout) as ChannelConfig['channel_group'];
    const bytes = await computeConfigUpdate(context.fabricHome, target.work, channel.name, before.json, updated);
    const file: UpdateFile = {
        format: updateFormat,
        channel: channel.name,
        description: `add organization ${draft.name} (${draft.mspId}) to channel ${channel.name}`,
        action: { type: 'add-organization', organization: draft.name, mspId: draft.mspId },
        configUpdate: Buffer.from(bytes).toString('base64'),
        signatures: [],
    };
    writeUpdateFile(options.out, file);
    return file;
}

/** Options of {@link removeOrganization}. */
export interface RemoveOrganizationOptions extends OnboardingOptions {
    readonly organization: string;
    readonly channel: string;
    readonly out: string;
}

/** `org remove`: the config update that takes an organization out of the channel's Application group. */
export async function removeOrganization(options: Readonly<RemoveOrganizationOptions>): Promise<UpdateFile> {
    const context = contextOf(options);
    context.requireRunning();
    const channel = context.channel(options.channel);
    const reader = channel.peers[0]?.admin ?? context.admin(channel.ordererAdmin?.organization ?? '');
    const target = context.target(channel, reader, `${channel.name}-remove-${options.organization}`);
    const before = await currentConfig(context, target);
    const members = [...applicationOrganizations(before.config).keys()];
    const wanted = options.organization.toLowerCase();
    const known = context.tree.enrollment.organizations.find(
        (org) => org.organization.toLowerCase() === wanted || org.mspId.toLowerCase() === wanted,
    );
    const mspId = members.find((id) => id.toLowerCase() === wanted) ?? known?.mspId;
    if (mspId === undefined || !members.includes(mspId)) {
        throw new NetworkError(
            `${options.organization} is not a member of channel ${channel.name}; nothing was changed`,
            {
                code: 'ORGANIZATION_NOT_ON_CHANNEL',
                exit: 'notFound',
                hint: `its members: ${members.join(', ')}`,
            },
        );
    }
    const updated = JSON.parse(JSON.stringify(before.json)) as ChannelConfig;
    const application = updated.channel_group.groups['Application'];
    if (application === undefined) throw new Error(`channel ${channel.name} has no Application group`);
    application.groups = Object.fromEntries(Object.entries(application.groups).filter(([name]) => name !== mspId));
    const bytes = await computeConfigUpdate(context.fabricHome, target.work, channel.name, before.json, updated);
    const name = known?.organization ?? mspId;
    const file: UpdateFile = {
        format: updateFormat,
        channel: channel.name,
        description: `remove organization ${name} (${mspId}) from channel ${channel.name}`,
        action: { type: 'remove-organization', organization: name, mspId },
        configUpdate: Buffer.from(bytes).toString('base64'),
        signatures: [],
    };
    writeUpdateFile(options.out, file);
    return file;
}

/** Who signs: an organization admin of the network, or an MSP folder given as such. */
export type SignerChoice =
    { readonly network: string; readonly organization: string; readonly fabricHome: string } | MspSigner;

/** The MSP folder of a signer choice. */
export function resolveSigner(choice: SignerChoice): MspSigner {
    if ('mspDir' in choice) return choice;
    const context = new NetworkContext(choice.network, choice.fabricHome, () => undefined);
    const admin = context.admin(choice.organization);
    return { mspId: admin.mspId, mspDir: join(context.tree.root, admin.mspDir) };
}

/** Options of {@link signUpdateFile}. */
export interface SignOptions {
    readonly update: string;
    readonly signer: MspSigner;
    /** Write a detached signature file here instead of adding the signature to the update file. */
    readonly out?: string;
}

/**
 * `org sign`: adds one admin signature to the update file, or writes it as a detached signature
 * file. Refuses a signer whose certificate is not an admin's, and a second signature of the same
 * identity.
 */
export async function signUpdateFile(options: Readonly<SignOptions>): Promise<SignatureEntry> {
    const file = readUpdateFile(options.update);
    const certificate = signerCertificate(options.signer);
    if (!looksLikeAdmin(certificate)) {
        throw new NetworkError(
            `${options.signer.mspDir} is not an admin identity of ${options.signer.mspId} (no admin NodeOU in its certificate); its signature would not count`,
            {
                code: 'SIGNER_NOT_ADMIN',
                exit: 'invalidInput',
                hint: `sign with the MSP folder of an admin of ${options.signer.mspId}`,
            },
        );
    }
    const entry = await signUpdate(updateBytes(file), options.signer);
    if (options.out !== undefined) {
        writeJsonFile(options.out, {
            format: signatureFormat,
            channel: file.channel,
            update: updateDigest(file),
            ...entry,
        });
        return entry;
    }
    const fingerprint = signerOf(entry).certificate.fingerprint256;
    if (file.signatures.some((existing) => signerOf(existing).certificate.fingerprint256 === fingerprint)) {
        throw new NetworkError(`${entry.signer} (${entry.mspId}) has already signed ${options.update}`, {
            code: 'ALREADY_SIGNED',
            exit: 'invalidInput',
            hint: 'each identity counts once; another admin of another organization signs next',
        });
    }
    writeUpdateFile(options.update, { ...file, signatures: [...file.signatures, entry] });
    return entry;
}

/** Options of {@link submitUpdate}. */
export interface SubmitOptions extends OnboardingOptions {
    readonly update: string;
    /** Detached signature files. */
    readonly signatureFiles?: readonly string[];
    /** The organization whose admin submits (its signature is added by the peer CLI); the first local signer's by default. */
    readonly submitter?: string;
    /** Submit even when the check says the orderer will refuse. */
    readonly force?: boolean;
    readonly editor?: EcosystemEditor;
}

/** What `submit` did. */
export interface SubmitResult {
    readonly check: UpdateCheck;
    readonly submitted: boolean;
    readonly joined: readonly string[];
}

function collectSignatures(file: UpdateFile, path: string, detached: readonly string[]): SourcedSignature[] {
    const signatures: SourcedSignature[] = file.signatures.map((entry, index) => ({
        entry,
        source: `signature ${index + 1} of ${path}`,
    }));
    const digest = updateDigest(file);
    for (const sigPath of detached) {
        const signature = readSignatureFile(sigPath);
        if (signature.update !== digest || signature.channel !== file.channel) {
            throw new NetworkError(
                `${sigPath} (${signature.signer}, ${signature.mspId}) signs another update (channel ${signature.channel}, sha256 ${signature.update.slice(0, 16)}…), not ${path} (channel ${file.channel}, sha256 ${digest.slice(0, 16)}…); nothing was submitted`,
                {
                    code: 'SIGNATURE_OTHER_UPDATE',
                    exit: 'invalidInput',
                    hint: `have ${signature.mspId}'s admin sign ${path} itself`,
                },
            );
        }
        signatures.push({ entry: signature, source: sigPath });
    }
    return signatures;
}

/** The lines of a check, for messages and the CLI. */
export function describeCheck(check: UpdateCheck): string[] {
    const lines: string[] = [];
    for (const stale of check.stale) {
        lines.push(
            `stale: ${stale.element} was at version ${stale.expected} when the update was computed and is at ${stale.current ?? 'no version (removed)'} now`,
        );
    }
    for (const problem of check.deltaProblems) lines.push(`invalid: ${problem.element} ${problem.problem}`);
    for (const refused of check.refused) lines.push(`refused: ${refused.source} by ${refused.who}: ${refused.reason}`);
    for (const signer of check.signers) lines.push(`counts: ${signer.source} by ${signer.who}`);
    for (const policy of check.policies)
        lines.push(`${policy.satisfied ? 'satisfied' : 'NOT satisfied'}: ${policy.explanation}`);
    return lines;
}

function ordererReason(error: CommandFailedError): string {
    const lines = error.stderrTail.split('\n');
    const status = lines.find((line) => /unexpected status|BAD_REQUEST|FORBIDDEN/.test(line));
    return (status ?? lines.filter((line) => line.trim() !== '').pop() ?? error.message).replace(/^.*?Error: /, '');
}

/**
 * `org submit`: checks the update against the channel's current config (stale read set, every
 * signature over these bytes by an admin of a channel organization, the mod policy of every changed
 * element evaluated with the signers — the submitter's included), refuses before submission when
 * short (naming the organizations whose signatures are missing) unless `force`, submits with
 * `peer channel update`, waits for the new config, then finishes the action: an added local
 * organization's peers start, join the channel and set their anchor peers.
 */
export async function submitUpdate(options: Readonly<SubmitOptions>): Promise<SubmitResult> {
    const context = contextOf(options);
    context.requireRunning();
    const file = readUpdateFile(options.update);
    const channel = context.channel(file.channel);
    const signatures = collectSignatures(file, options.update, options.signatureFiles ?? []);
    const localMsps = new Set(context.tree.enrollment.organizations.map((org) => org.mspId));
    const submitterName =
        options.submitter ?? signatures.map((signature) => signature.entry.mspId).find((id) => localMsps.has(id));
    if (submitterName === undefined) {
        // peer channel update adds the submitter's signature: it is never chosen silently.
        throw new NetworkError(
            `${options.update} has no signature of an organization this network runs; nothing was submitted`,
            {
                code: 'SUBMITTER_REQUIRED',
                exit: 'usage',
                hint: `sign it first ('productivist org sign ${options.update} --as <org>'), or name the submitting organization with --as (its admin's signature counts)`,
            },
        );
    }
    const submitter = context.admin(submitterName);
    const target = context.target(channel, submitter, `${channel.name}-submit`);
    const before = configFromBlock(await fetchConfigBlock(target));
    const bytes = updateBytes(file);
    const update = common.ConfigUpdate.deserializeBinary(bytes);
    if (update.getChannelId() !== file.channel) {
        throw new NetworkError(
            `${options.update} names channel ${file.channel} but its update is for ${update.getChannelId()}`,
            {
                code: 'UPDATE_FILE_INVALID',
                exit: 'invalidInput',
                hint: 'compute the update again',
            },
        );
    }
    const own = await signUpdate(bytes, { mspId: submitter.mspId, mspDir: join(context.tree.root, submitter.mspDir) });
    const check = checkUpdate(bytes, update, before, [
        ...signatures,
        { entry: own, source: `the submitter (peer channel update adds its signature)` },
    ]);
    if (!check.ok && options.force !== true) {
        const missing = [...new Set(check.policies.flatMap((policy) => policy.missing))];
        const what =
            check.stale.length > 0
                ? `${options.update} is stale: the channel config changed since it was computed`
                : check.refused.length > 0
                  ? `${options.update} carries ${check.refused.length} signature(s) that cannot count`
                  : missing.length > 0
                    ? `${options.update} is short of signatures: missing an admin signature from ${missing.join(' or ')}`
                    : `${options.update} would be refused by the orderer`;
        throw new NetworkError(`${what}; nothing was submitted`, {
            code:
                check.stale.length > 0
                    ? 'UPDATE_STALE'
                    : check.refused.length > 0
                      ? 'SIGNATURE_REFUSED'
                      : 'UPDATE_UNSIGNED',
            exit: 'invalidInput',
            details: describeCheck(check).map((line) => `  ${line}`),
            hint:
                check.stale.length > 0
                    ? 'compute the update again (org add / org remove / member revoke) and collect the signatures on the new file'
                    : check.refused.length > 0
                      ? 'remove the refused signatures (sign the file again with the right admins)'
                      : `have an admin of ${missing.join(' or ')} run 'productivist org sign ${options.update} --as <org>' (or --out a signature file), or --force to let the orderer judge`,
        });
    }
    try {
        await submitConfigEnvelope(
            target,
            envelopeOf(
                file,
                signatures.map((signature) => signature.entry),
            ),
        );
    } catch (error) {
        if (!(error instanceof CommandFailedError)) throw error;
        throw new NetworkError(`the orderer refused ${options.update}: ${ordererReason(error)}`, {
            code: 'UPDATE_REFUSED',
            exit: 'ledger',
            details: describeCheck(check).map((line) => `  ${line}`),
            hint: 'the channel config is unchanged; collect the missing signatures, or compute the update again if it is stale',
            cause: error,
        });
    }
    const sequence = before.getSequence();
    const applied = await pollUntil(
        async () => {
            try {
                return configFromBlock(await fetchConfigBlock(target)).getSequence() > sequence;
            } catch {
                return false;
            }
        },
        30_000,
        500,
    );
    if (!applied) {
        throw new NetworkError(
            `the orderer accepted ${options.update} but the channel config did not change within 30 s`,
            {
                code: 'UPDATE_NOT_APPLIED',
                exit: 'ledger',
                hint: `read the orderer logs in ${context.state.logs}`,
            },
        );
    }
    const joined = await finish(context, file.action, channel.name, options.editor);
    return { check, submitted: true, joined };
}

/** After a committed update: regenerate the tree's channel membership; start and join an added organization's peers. */
async function finish(
    context: NetworkContext,
    action: UpdateAction,
    channelName: string,
    editor: EcosystemEditor | undefined,
): Promise<string[]> {
    if (
        action.type === 'update-msp' ||
        editor === undefined ||
        !existsSync(join(context.state.root, 'onboarding.json'))
    ) {
        return [];
    }
    const baseDir = context.ensureEcosystem();
    const next = `${context.ecosystemFile}.next`;
    const member = action.type === 'add-organization';
    const before = definitionFlags(context, channelName);
    editor.setChannelMember(context.ecosystemFile, baseDir, channelName, action.organization, member, next);
    editor.generate(next, baseDir, context.state.tree);
    renameSync(next, context.ecosystemFile);
    rmSync(next, { force: true });
    context.reload();
    if (!member) {
        await redefineChanged(context, context.channel(channelName), before);
        await revokeRolesOf(context, channelName, action.mspId);
        return [];
    }
    const channel = context.channel(channelName);
    const peers = channel.peers.filter((peer) => peer.admin.mspId === action.mspId);
    const nodes = context.tree.start.processes.filter(
        (node) => node.kind === 'peer' && peers.some((peer) => peer.peer === node.id),
    );
    await Promise.all(nodes.map((node) => context.runner.startNode(node)));
    if (peers.length === 0) return [];
    await joinPeers(context.runner, channel);
    await setAnchorPeers(context.runner, channel);
    await redefineChanged(context, channel, before);
    await approveChaincodesFor(context.runner, channel, action.mspId);
    return peers.map((peer) => peer.peer);
}

/** The approve flags (policy, collections) of each chaincode the tree defines on a channel. */
function definitionFlags(context: NetworkContext, channel: string): Map<string, string> {
    const dir = join(context.tree.root, 'channels', channel, 'chaincodes');
    const out = new Map<string, string>();
    if (!existsSync(dir)) return out;
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.json'))) {
        const definition = JSON.parse(readFileSync(join(dir, file), 'utf8')) as ChaincodeDefinitionFile;
        const flags = policyFlags(definition.approveFlags).map((flag, index, all) => {
            const path = join(context.tree.root, flag);
            return all[index - 1] === '--collections-config' && existsSync(path) ? readFileSync(path, 'utf8') : flag;
        });
        out.set(definition.name, JSON.stringify(flags));
    }
    return out;
}

/**
 * A deployed core chaincode whose generated definition changed with the membership (the added
 * organization now in its endorsement policy or collections) gets the next sequence: approved by
 * every endorsing organization, the added one included, and committed (the lifecycle's deploy).
 */
async function redefineChanged(
    context: NetworkContext,
    channel: ChannelPlan,
    before: ReadonlyMap<string, string>,
): Promise<string[]> {
    const after = definitionFlags(context, channel.name);
    const deployed = readDeployments(context.state.root);
    const changed = [...after.entries()]
        .filter(([name, flags]) => before.get(name) !== flags && deployed[`${channel.name}/${name}`] !== undefined)
        .map(([name]) => name);
    for (const name of changed) {
        if (!isCoreChaincode(name)) {
            context.runner.say(
                `${name}: its definition changed; redeploy it with 'productivist network deploy <project> --name ${name}'`,
            );
            continue;
        }
        await deployChaincode(context.runner, resolveChaincodeSource(name), { channel: channel.name, redefine: true });
    }
    return changed;
}

/** After an organization left the channel: the registry no longer gives it roles (when productoken runs there). */
async function revokeRolesOf(context: NetworkContext, channelName: string, mspId: string): Promise<string[]> {
    if (readDeployments(context.state.root)[`${channelName}/productoken`] === undefined) return [];
    const options = { network: context.state.root, mspId, channel: channelName };
    const roles = await rolesOf(options);
    for (const role of roles) await revokeRole({ ...options, role });
    if (roles.length > 0) context.runner.say(`${mspId}: roles revoked in productoken's registry (${roles.join(', ')})`);
    return roles;
}
