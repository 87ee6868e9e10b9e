// SPDX-License-Identifier: Apache-2.0
//
// Enrolling more members into a running network: each is registered at its organization's CA by
// that CA's registrar (enrolled by `network up`), with attributes put into its certificate
// (`:ecert`), enrolled, and saved into the state directory's credential store like the members
// `up` enrolled. The CA commands are those of the organization's own users in the enrollment
// plan, with the new member's name, secret, attributes and MSP folder in place of theirs.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Credential } from '@productivist/common';

import { NetworkError } from '../errors.js';
import { runBinary } from '../exec.js';
import { fabricHome, requireBinary } from '../toolchain.js';
import { networkCredentials } from './credentials.js';
import { loadTree } from './plans.js';
import { StateDir } from './state.js';

/** A member to enroll: its credential name and its certificate attributes. */
export interface NewMember {
    readonly name: string;
    readonly attributes: Readonly<Record<string, string>>;
}

export interface EnrollMembersOptions {
    /** The state directory of the running network. */
    readonly state: string;
    /** The organization (as the ecosystem file names it, e.g. `Customer`) whose CA enrolls them. */
    readonly organization: string;
    readonly members: readonly NewMember[];
    /** How many enrollments run at once (4 by default). */
    readonly parallel?: number;
    readonly fabricHome?: string;
}

const namePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const attributePattern = /^[A-Za-z0-9._-]+$/;

/** Replaces the value after `flag` in an argument list (throws when the flag is absent). */
function withFlag(args: readonly string[], flag: string, value: string): string[] {
    const index = args.indexOf(flag);
    if (index < 0 || index + 1 >= args.length) throw new Error(`the plan's command has no ${flag}`);
    return [...args.slice(0, index + 1), value, ...args.slice(index + 2)];
}

/** Enrolls `members` at `organization`'s CA and saves their credentials; returns what was saved. */
export async function enrollMembers(options: Readonly<EnrollMembersOptions>): Promise<Credential[]> {
    const state = new StateDir(options.state);
    if (!state.exists()) {
        throw new NetworkError(`${options.state} is not the state directory of a network`, {
            code: 'NETWORK_NOT_FOUND',
            exit: 'notFound',
            hint: "start one with 'productivist network up'",
        });
    }
    const tree = loadTree(state.tree);
    const org = tree.enrollment.organizations.find((entry) => entry.organization === options.organization);
    const template = org?.identities.find((identity) => identity.kind === 'user');
    const register = template?.steps.find((step) => step.action === 'register')?.args;
    const enroll = template?.steps.find((step) => step.action === 'enroll')?.args;
    if (org === undefined || template === undefined || register === undefined || enroll === undefined) {
        throw new NetworkError(
            `organization '${options.organization}' has no CA-enrolled users to model new members on`,
            {
                code: 'ORGANIZATION_NOT_FOUND',
                exit: 'notFound',
                hint: `organizations with users: ${tree.enrollment.organizations
                    .filter((entry) => entry.identities.some((identity) => identity.kind === 'user'))
                    .map((entry) => entry.organization)
                    .join(', ')}`,
            },
        );
    }
    for (const member of options.members) {
        const bad = Object.entries(member.attributes).find(
            ([name, value]) => !attributePattern.test(name) || !attributePattern.test(value),
        );
        if (!namePattern.test(member.name) || bad !== undefined) {
            throw new NetworkError(`member '${member.name}' cannot be enrolled: bad name or attribute`, {
                code: 'INVALID_ARGUMENT',
                exit: 'usage',
                hint: "use letters, digits, '.', '_' and '-' in names and attributes",
            });
        }
    }
    const client = requireBinary('fabric-ca-client', options.fabricHome ?? fabricHome());
    const store = networkCredentials(state.root);
    const existing = new Set(store.list().map((entry) => entry.name));
    const domain = template.enrollmentId.split('@')[1] ?? org.organization.toLowerCase();
    const root = (text: string): string => text.replaceAll('${PRODUCTIVIST_ROOT}', tree.root);
    const enrollOne = async (member: NewMember): Promise<Credential> => {
        const enrollmentId = `${member.name}@${domain}`;
        const secret = randomBytes(16).toString('hex');
        const mspDir = join(state.root, 'members', member.name, 'msp');
        const attrs = Object.entries(member.attributes)
            .map(([name, value]) => `${name}=${value}:ecert`)
            .join(',');
        let registerArgs = withFlag(withFlag(register, '--id.name', enrollmentId), '--id.secret', secret);
        registerArgs =
            attrs === ''
                ? registerArgs.filter(
                      (_, i) => registerArgs[i] !== '--id.attrs' && registerArgs[i - 1] !== '--id.attrs',
                  )
                : withFlag(registerArgs, '--id.attrs', attrs);
        const caUrl = enroll[enroll.indexOf('-u') + 1] ?? '';
        const host = caUrl.slice(caUrl.lastIndexOf('@') + 1);
        const enrollArgs = withFlag(
            withFlag(enroll, '-u', `https://${enrollmentId}:${secret}@${host}`),
            '--mspdir',
            mspDir,
        );
        const env = { FABRIC_CA_CLIENT_HOME: join(state.root, 'ca-client-home', 'members', member.name) };
        mkdirSync(env.FABRIC_CA_CLIENT_HOME, { recursive: true });
        await runBinary(client, registerArgs.map(root), { cwd: tree.root, env, timeoutMs: 60_000 });
        await runBinary(client, enrollArgs.map(root), { cwd: tree.root, env, timeoutMs: 60_000 });
        const keystore = join(mspDir, 'keystore');
        const [key] = existsSync(keystore) ? readdirSync(keystore) : [];
        if (key === undefined) {
            throw new NetworkError(`${enrollmentId} was enrolled but ${keystore} holds no key`, {
                code: 'ENROLL_FAILED',
                exit: 'environment',
                hint: `read the CA log in ${state.logs}`,
            });
        }
        const credential: Credential = {
            name: member.name,
            mspId: org.mspId,
            certificatePem: readFileSync(join(mspDir, 'signcerts', 'cert.pem'), 'utf8'),
            privateKeyPem: readFileSync(join(keystore, key), 'utf8'),
        };
        store.save(credential);
        return credential;
    };
    const queue = options.members.filter((member) => !existing.has(member.name));
    const done: Credential[] = [];
    const workers = Array.from({ length: Math.max(1, options.parallel ?? 4) }, async () => {
        for (let member = queue.shift(); member !== undefined; member = queue.shift()) {
            done.push(await enrollOne(member));
        }
    });
    await Promise.all(workers);
    return done;
}
