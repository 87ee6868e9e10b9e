// SPDX-License-Identifier: Apache-2.0
//
// The `productivist org` group: add, sign, submit, remove.
import { resolve } from 'node:path';

import type { CliIo } from '@productivist/common';
import type { Command } from 'commander';

import { NetworkError } from '../errors.js';
import { fabricHome } from '../toolchain.js';
import type { EcosystemEditor } from './context.js';
import type { MemberRole } from './members.js';
import { enrollMember, listMembers, revokeMember } from './members.js';
import { grantRole, revokeRole, rolesOf } from './roles.js';
import {
    addOrganization,
    describeCheck,
    removeOrganization,
    resolveSigner,
    signUpdateFile,
    submitUpdate,
} from './organizations.js';

const defaultNetwork = '.productivist/network';

function collect(value: string, previous: string[]): string[] {
    return [...previous, value];
}

/** Registers `org add|sign|submit|remove`; `editor` is the channel kit's (from the CLI composition). */
export function registerOrgCommands(program: Command, io: CliIo, editor: EcosystemEditor | undefined): void {
    const org = program
        .command('org')
        .description('Onboard organizations onto a running channel: config updates signed across organizations');
    const networkOf = (value: string | undefined): string => resolve(io.cwd, value ?? defaultNetwork);
    org.command('add')
        .description(
            'add an organization to a channel: start its CA, enroll it, write the config update its admins sign',
        )
        .argument('<org.yaml>', "organization file (the ecosystem schema's organization or importedOrganization form)")
        .requiredOption('--channel <name>', 'channel to add it to')
        .option('--network <dir>', `state folder of the running network (default: ${defaultNetwork})`)
        .option('--out <file>', 'update file to write (default: <channel>-add-<mspId>.update.json)')
        .action(async (file: string, flags: { channel: string; network?: string; out?: string }) => {
            if (editor === undefined) {
                throw new NetworkError('org add needs the channel kit, which this program was built without', {
                    code: 'NO_GENERATOR',
                    exit: 'environment',
                    hint: 'run the productivist binary of the kit',
                });
            }
            const draft = editor.readOrganization(resolve(io.cwd, file));
            const out = resolve(io.cwd, flags.out ?? `${flags.channel}-add-${draft.mspId}.update.json`);
            const update = await addOrganization({
                organizationFile: resolve(io.cwd, file),
                channel: flags.channel,
                network: networkOf(flags.network),
                out,
                editor,
                fabricHome: fabricHome(),
                progress: io.out,
            });
            io.out(`${update.description}: update written to ${out}`);
            io.out(
                `next: admins sign it ('productivist org sign ${out} --as <org>'), then 'productivist org submit ${out}'`,
            );
        });
    org.command('remove')
        .description('write the config update that removes an organization from a channel')
        .argument('<organization>', 'organization name or MSP id')
        .requiredOption('--channel <name>', 'channel to remove it from')
        .option('--network <dir>', `state folder of the running network (default: ${defaultNetwork})`)
        .option('--out <file>', 'update file to write (default: <channel>-remove-<organization>.update.json)')
        .action(async (name: string, flags: { channel: string; network?: string; out?: string }) => {
            const out = resolve(io.cwd, flags.out ?? `${flags.channel}-remove-${name}.update.json`);
            const update = await removeOrganization({
                organization: name,
                channel: flags.channel,
                network: networkOf(flags.network),
                out,
                fabricHome: fabricHome(),
                progress: io.out,
            });
            io.out(`${update.description}: update written to ${out}`);
        });
    org.command('sign')
        .description('add one admin signature to an update file (or write it to a signature file)')
        .argument('<update>', 'update file')
        .option('--as <organization>', "sign as this organization's admin of the network (--network)")
        .option('--network <dir>', `state folder of the network (default: ${defaultNetwork})`)
        .option('--msp <dir>', "sign with this admin MSP folder instead (an organization's own machine)")
        .option('--msp-id <id>', 'MSP id of the --msp folder')
        .option('--out <file>', 'write a detached signature file instead of adding to the update file')
        .action(
            async (
                update: string,
                flags: { as?: string; network?: string; msp?: string; mspId?: string; out?: string },
            ) => {
                let signer;
                if (flags.msp !== undefined) {
                    if (flags.mspId === undefined) {
                        throw new NetworkError('--msp needs --msp-id', {
                            code: 'USAGE',
                            exit: 'usage',
                            hint: 'give the MSP id of the admin whose folder --msp names',
                        });
                    }
                    signer = { mspId: flags.mspId, mspDir: resolve(io.cwd, flags.msp) };
                } else if (flags.as !== undefined) {
                    signer = resolveSigner({
                        network: networkOf(flags.network),
                        organization: flags.as,
                        fabricHome: fabricHome(),
                    });
                } else {
                    throw new NetworkError('org sign needs --as <organization> or --msp <dir> --msp-id <id>', {
                        code: 'USAGE',
                        exit: 'usage',
                        hint: 'name the admin who signs',
                    });
                }
                const entry = await signUpdateFile({
                    update: resolve(io.cwd, update),
                    signer,
                    ...(flags.out === undefined ? {} : { out: resolve(io.cwd, flags.out) }),
                });
                io.out(
                    `signed by ${entry.signer} (${entry.mspId})${flags.out === undefined ? ` into ${update}` : `; signature written to ${flags.out}`}`,
                );
            },
        );
    org.command('submit')
        .description(
            "check the signatures against the channel's policies, submit the update, then start and join an added organization's peers",
        )
        .argument('<update>', 'update file')
        .option('--network <dir>', `state folder of the running network (default: ${defaultNetwork})`)
        .option('--signature <file>', 'a detached signature file (repeatable)', collect, [])
        .option('--as <organization>', 'organization whose admin submits (its signature counts too)')
        .option('--force', 'submit even when the check says the orderer will refuse')
        .action(
            async (update: string, flags: { network?: string; signature: string[]; as?: string; force?: boolean }) => {
                const result = await submitUpdate({
                    update: resolve(io.cwd, update),
                    network: networkOf(flags.network),
                    signatureFiles: flags.signature.map((file) => resolve(io.cwd, file)),
                    ...(flags.as === undefined ? {} : { submitter: flags.as }),
                    force: flags.force === true,
                    ...(editor === undefined ? {} : { editor }),
                    fabricHome: fabricHome(),
                    progress: io.out,
                });
                for (const line of describeCheck(result.check)) io.out(`  ${line}`);
                io.out(`committed ${update}${result.joined.length > 0 ? `; joined ${result.joined.join(', ')}` : ''}`);
            },
        );
}

/** Registers `member enroll|list|revoke`. */
export function registerMemberCommands(program: Command, io: CliIo): void {
    const member = program
        .command('member')
        .description(
            "Members of a running organization: enrolled through its Fabric CA, revoked into the channel's CRL",
        );
    const networkOf = (value: string | undefined): string => resolve(io.cwd, value ?? defaultNetwork);
    member
        .command('enroll')
        .description('register and enroll a member (or a device) with the attributes the contracts read')
        .argument('<organization>', 'organization name or MSP id')
        .argument('<name>', 'member name (enrolled as <name>@<domain>)')
        .requiredOption('--role <role>', 'customer, designer, producer, expert or treasury')
        .option(
            '--member-id <id>',
            'member id (productivist.member, its wallet account); <name>@<domain>, which holds no account, by default',
        )
        .option('--device-of <member>', 'enroll a device working for this member id (productivist.device)')
        .option('--network <dir>', `state folder of the running network (default: ${defaultNetwork})`)
        .action(
            async (
                organization: string,
                name: string,
                flags: { role: string; memberId?: string; deviceOf?: string; network?: string },
            ) => {
                const enrolled = await enrollMember({
                    organization,
                    name,
                    role: flags.role as MemberRole,
                    ...(flags.memberId === undefined ? {} : { memberId: flags.memberId }),
                    ...(flags.deviceOf === undefined ? {} : { deviceOf: flags.deviceOf }),
                    network: networkOf(flags.network),
                    fabricHome: fabricHome(),
                });
                const attributes = Object.entries(enrolled.attributes)
                    .map(([key, value]) => `${key}=${value}`)
                    .join(', ');
                io.out(
                    `${enrolled.enrollmentId} (${enrolled.mspId}) enrolled with ${attributes}; credential '${enrolled.credential}'`,
                );
            },
        );
    member
        .command('list')
        .description("the client identities registered at the organization's CA")
        .argument('<organization>', 'organization name or MSP id')
        .option('--network <dir>', `state folder of the running network (default: ${defaultNetwork})`)
        .action(async (organization: string, flags: { network?: string }) => {
            for (const entry of await listMembers({
                organization,
                network: networkOf(flags.network),
                fabricHome: fabricHome(),
            })) {
                io.out(`${entry.name.padEnd(40)} ${entry.type.padEnd(8)} ${entry.attributes}`);
            }
        });
    member
        .command('revoke')
        .description("revoke a member at the CA and put the CRL into the organization's MSP in the channel config")
        .argument('<organization>', 'organization name or MSP id')
        .argument('<name>', 'member name or enrollment id')
        .requiredOption('--reason <reason>', 'keycompromise, affiliationchange, superseded, cessationofoperation, ...')
        .requiredOption('--channel <name>', 'channel whose config gets the CRL')
        .option('--network <dir>', `state folder of the running network (default: ${defaultNetwork})`)
        .option('--out <file>', 'update file (default: <channel>-revoke-<name>.update.json)')
        .option('--no-submit', "only write the update (when the organization's Admins policy needs more signatures)")
        .action(
            async (
                organization: string,
                name: string,
                flags: { reason: string; channel: string; network?: string; out?: string; submit: boolean },
            ) => {
                const out = resolve(io.cwd, flags.out ?? `${flags.channel}-revoke-${name}.update.json`);
                const result = await revokeMember({
                    organization,
                    name,
                    reason: flags.reason,
                    channel: flags.channel,
                    out,
                    submit: flags.submit,
                    network: networkOf(flags.network),
                    fabricHome: fabricHome(),
                    progress: io.out,
                });
                io.out(
                    result.submitted === undefined
                        ? `${result.update.description}: update written to ${out}; sign and submit it`
                        : `${result.update.description}: committed`,
                );
            },
        );
}

/** Registers `role grant|revoke|list`. */
export function registerRoleCommands(program: Command, io: CliIo): void {
    const role = program
        .command('role')
        .description(
            "Productoken's role registry, governed by the Productivist admin: which organizations hold which roles",
        );
    const networkOf = (value: string | undefined): string => resolve(io.cwd, value ?? defaultNetwork);
    const common = (command: Command): Command =>
        command
            .option('--network <dir>', `state folder of the running network (default: ${defaultNetwork})`)
            .option('--channel <name>', "the channel productoken runs on (the network's first by default)");
    for (const [verb, description, change] of [
        ['grant', 'grant an organization a role (GrantRole, as the Productivist admin)', grantRole],
        ['revoke', 'take a role from an organization (RevokeRole, as the Productivist admin)', revokeRole],
    ] as const) {
        common(
            role
                .command(verb)
                .description(description)
                .argument('<msp>', 'MSP id of the organization')
                .argument('<role>', 'customer, designer, producer, expert or treasury'),
        ).action(async (mspId: string, name: string, flags: { network?: string; channel?: string }) => {
            const roles = await change({
                network: networkOf(flags.network),
                mspId,
                role: name,
                ...(flags.channel === undefined ? {} : { channel: flags.channel }),
            });
            io.out(`${mspId} holds: ${roles.join(', ') || 'no role'}`);
        });
    }
    common(
        role
            .command('list')
            .description('the roles the registry gives an organization')
            .argument('<msp>', 'MSP id of the organization'),
    ).action(async (mspId: string, flags: { network?: string; channel?: string }) => {
        const roles = await rolesOf({
            network: networkOf(flags.network),
            mspId,
            ...(flags.channel === undefined ? {} : { channel: flags.channel }),
        });
        io.out(`${mspId} holds: ${roles.join(', ') || 'no role'}`);
    });
}
