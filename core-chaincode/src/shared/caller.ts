// SPDX-License-Identifier: Apache-2.0
//
// Who is calling. Roles are organizations: the role registry maps MSP ids to Productivist roles. A
// member holding several roles (identities in several role orgs) has one wallet: its account is
// the `productivist.member` attribute of its certificate, trusted only from the CAs the
// Productivist org runs (the trusted MSPs). An identity of any other org is its own member,
// keyed by its MSP id and certificate identity; its attributes are ignored.
import { createHash, X509Certificate } from 'node:crypto';

import { peer } from '@hyperledger/fabric-protos';
import type { Context } from 'fabric-contract-api';

import { forbidden, invalid } from './errors.js';

export const memberAttribute = 'productivist.member';
export const deviceAttribute = 'productivist.device';
export const treasuryAttribute = 'productivist.treasury';

/** The MSP that governs the core contracts (channel Admins, role grants, initialization). */
export const productivistMsp = 'ProductivistMSP';

/** Productivist roles. `treasury` mints and burns; the others are the seed's member roles. */
export type Role = 'customer' | 'designer' | 'producer' | 'expert' | 'treasury';
export const roles: readonly Role[] = ['customer', 'designer', 'producer', 'expert', 'treasury'];

export type NodeOu = 'client' | 'admin' | 'peer' | 'orderer' | 'unknown';

/** The resolved caller. */
export interface Caller {
    readonly mspId: string;
    /** Wallet account; undefined for an identity of a trusted org without a member attribute. */
    readonly account: string | undefined;
    /** Roles the caller's organization holds. */
    readonly roles: readonly Role[];
    /** The producer account a device (controller) is bound to; undefined for people. */
    readonly deviceOf: string | undefined;
    readonly nodeOu: NodeOu;
    /** An identity issued by a CA the Productivist org runs. */
    readonly trusted: boolean;
    readonly treasury: boolean;
    /** An admin of the Productivist org. */
    readonly productivistAdmin: boolean;
}

const accountPattern = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** Checks an account argument (member ids, or `MSPID:hash` for members of other orgs). */
export function parseAccount(value: string, what = 'account'): string {
    if (!accountPattern.test(value) && !/^[A-Za-z0-9.-]{1,64}:[0-9a-f]{40}$/.test(value)) {
        throw invalid(
            `${what} '${value}' is not an account id (lowercase letters, digits, '.', '_', '-'; or MSPID:hash)`,
        );
    }
    return value;
}

const nodeOus: readonly NodeOu[] = ['client', 'admin', 'peer', 'orderer'];

/** A subject value as Node prints it: bare with backslash escapes, or double-quoted. */
function unescapeValue(value: string): string {
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) {
        return value.slice(1, -1).replace(/\\(.)/g, '$1');
    }
    return value.replace(/\\(.)/g, '$1');
}

/**
 * The OU values of a certificate subject as Node's `X509Certificate.subject` prints it: one
 * `TYPE=value` per line, and a multi-valued entry on one line joined by ` + `. Fabric CA writes
 * the node OU and the affiliation as one such entry (`OU=admin + OU=productivist`, or
 * `OU=client + OU=org1 + OU=department1`); cryptogen writes `OU=admin` on its own line.
 */
export function organizationalUnits(subject: string): string[] {
    const units: string[] = [];
    for (const line of subject.split('\n')) {
        for (const entry of line.split(/(?<!\\)\s*\+\s*(?=[A-Za-z][A-Za-z0-9.-]*=)/)) {
            const match = /^OU=([\s\S]*)$/.exec(entry);
            if (match !== null) units.push(unescapeValue(match[1] ?? ''));
        }
    }
    return units;
}

/** The NodeOU of a certificate: the one node-type OU among its OUs (as Fabric's MSP reads it), else unknown. */
export function nodeOuOfSubject(subject: string): NodeOu {
    const found = new Set(organizationalUnits(subject).filter((unit) => (nodeOus as readonly string[]).includes(unit)));
    return found.size === 1 ? ([...found][0] as NodeOu) : 'unknown';
}

function nodeOuOf(certificatePem: Uint8Array): NodeOu {
    return nodeOuOfSubject(new X509Certificate(Buffer.from(certificatePem)).subject);
}

/** Resolves the submitter of the transaction (in nested calls too: Fabric passes the original submitter). */
export function resolveCaller(
    ctx: Context,
    trustedMsps: readonly string[],
    registry: Readonly<Record<string, readonly Role[]>>,
): Caller {
    const identity = ctx.clientIdentity;
    const mspId = identity.getMSPID();
    const trusted = trustedMsps.includes(mspId);
    const orgRoles = registry[mspId] ?? [];
    const nodeOu = nodeOuOf(identity.getIDBytes());
    if (!trusted) {
        const hash = createHash('sha256').update(identity.getID()).digest('hex').slice(0, 40);
        return {
            mspId,
            account: `${mspId}:${hash}`,
            roles: orgRoles.filter((role) => role !== 'treasury'),
            deviceOf: undefined,
            nodeOu,
            trusted,
            treasury: false,
            productivistAdmin: false,
        };
    }
    const member = identity.getAttributeValue(memberAttribute) ?? undefined;
    const device = identity.getAttributeValue(deviceAttribute) ?? undefined;
    const account = member !== undefined && accountPattern.test(member) ? member : undefined;
    return {
        mspId,
        account,
        roles: orgRoles,
        deviceOf: device !== undefined && accountPattern.test(device) ? device : undefined,
        nodeOu,
        trusted,
        treasury:
            orgRoles.includes('treasury') &&
            identity.getAttributeValue(treasuryAttribute) === 'true' &&
            account !== undefined,
        productivistAdmin: mspId === productivistMsp && nodeOu === 'admin',
    };
}

function describe(caller: Caller): string {
    return caller.account === undefined
        ? `identity of ${caller.mspId}`
        : `member '${caller.account}' (${caller.mspId})`;
}

/** A person with a wallet: not a device, and an account. */
export function requireMember(caller: Caller, action: string): string {
    if (caller.deviceOf !== undefined) throw forbidden(`a device cannot ${action}; use the producer's own identity`);
    if (caller.account === undefined) {
        throw forbidden(
            `${describe(caller)} is not a Productivist member (no ${memberAttribute} attribute) and cannot ${action}`,
        );
    }
    return caller.account;
}

export function requireTreasury(caller: Caller, action: string): string {
    if (!caller.treasury || caller.deviceOf !== undefined) {
        throw forbidden(`only the Productivist treasury may ${action}; ${describe(caller)} is not the treasury`);
    }
    return caller.account as string;
}

export function requireProductivistAdmin(caller: Caller, action: string): void {
    if (!caller.productivistAdmin)
        throw forbidden(`only an admin of ${productivistMsp} may ${action}; ${describe(caller)} is not`);
}

export function requireRole(caller: Caller, role: Role, action: string): string {
    if (caller.deviceOf !== undefined && role !== 'producer') {
        throw forbidden(`a device cannot ${action}; only members holding the ${role} role may`);
    }
    const account = requireMember(caller, action);
    if (!caller.roles.includes(role)) {
        throw forbidden(
            `${describe(caller)} does not hold the ${role} role (its organization ${caller.mspId} is not granted it) and cannot ${action}`,
        );
    }
    return account;
}

/**
 * The chaincode the submitter invoked (the transaction's entry point), read from the signed
 * proposal. A nested callee uses it to tell a call made under another contract from a direct
 * call, without trusting any argument.
 */
export function entryChaincode(ctx: Context): string {
    const signed = ctx.stub.getSignedProposal() as unknown as {
        proposal?: { header?: { channelHeader?: { getExtension_asU8(): Uint8Array } } };
    };
    const extension = signed.proposal?.header?.channelHeader?.getExtension_asU8();
    if (extension === undefined) return '';
    return peer.ChaincodeHeaderExtension.deserializeBinary(extension).getChaincodeId()?.getName() ?? '';
}
