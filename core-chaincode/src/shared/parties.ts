// SPDX-License-Identifier: Apache-2.0
//
// Separation of duty. A member of an org the Productivist org runs is one person across its
// identities (one member id). An identity of any other org is its own account (`MSPID:hash`), but
// that org can enroll as many identities as it likes: for separation of duty the party is the
// organization, so two identities of one such org never count as two parties.

const foreignAccount = /^([A-Za-z0-9.-]{1,64}):[0-9a-f]{40}$/;

/** The party an account acts for: `org:<MSP id>` for other orgs' identities, `member:<id>` otherwise. */
export function partyOf(account: string): string {
    const foreign = foreignAccount.exec(account);
    return foreign === null ? `member:${account}` : `org:${foreign[1] ?? ''}`;
}

/** Do two accounts act for the same party? */
export function sameParty(a: string, b: string): boolean {
    return partyOf(a) === partyOf(b);
}
