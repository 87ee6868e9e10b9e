// SPDX-License-Identifier: Apache-2.0
//
// Enrolling many members into a running network at once (the benchmarks' payers): each goes
// through `member enroll` (onboarding/members.ts: registered at its organization's CA by that
// CA's registrar with its attributes in the certificate, enrolled, saved into the state
// directory's credential store), a few at a time. Members already in the store are skipped.
import { fabricHome } from '../toolchain.js';
import { networkCredentials } from './credentials.js';
import type { MemberRole } from '../onboarding/members.js';
import { enrollMember } from '../onboarding/members.js';

/** A member to enroll: its credential name, its role and the member id it carries. */
export interface NewMember {
    readonly name: string;
    readonly role: MemberRole;
    /** productivist.member (the account id); the name by default. */
    readonly memberId?: string;
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

/** Enrolls `members` at `organization`'s CA; returns the names of the credentials saved. */
export async function enrollMembers(options: Readonly<EnrollMembersOptions>): Promise<string[]> {
    const existing = new Set(
        networkCredentials(options.state)
            .list()
            .map((entry) => entry.name),
    );
    const queue = options.members.filter((member) => !existing.has(member.name));
    const done: string[] = [];
    const workers = Array.from({ length: Math.max(1, options.parallel ?? 4) }, async () => {
        for (let member = queue.shift(); member !== undefined; member = queue.shift()) {
            const enrolled = await enrollMember({
                network: options.state,
                organization: options.organization,
                name: member.name,
                role: member.role,
                memberId: member.memberId ?? member.name,
                fabricHome: options.fabricHome ?? fabricHome(),
            });
            done.push(enrolled.credential);
        }
    });
    await Promise.all(workers);
    return done;
}
