// SPDX-License-Identifier: Apache-2.0
//
// Holds (escrow). The payer's tokens move into a hold that carries its own rules: who may release
// it and under which entry chaincode, who may refund it, how a release is split (payees in basis
// points plus the platform fee fixed at creation), and an optional expiry. productoken checks
// those rules against the submitter and the transaction's entry chaincode read from the signed
// proposal — never against an argument that claims who is calling.
import type { Context } from 'fabric-contract-api';

import type { Share } from '../shared/amount.js';
import { parseAmount, splitByBasisPoints, totalBasisPoints } from '../shared/amount.js';
import type { Caller, Role } from '../shared/caller.js';
import { entryChaincode, parseAccount, requireMember, roles } from '../shared/caller.js';
import { conflict, forbidden, invalid, notFound } from '../shared/errors.js';
import { isInstant, parseId, parseJsonArgument, readJson, writeJson } from '../shared/state.js';
import { requireAccount } from './accounts.js';
import type { TxBook } from './balances.js';
import { credit, debit, record } from './balances.js';
import type { TokenConfig } from './config.js';
import { keys } from './keys.js';
import { holdAccount } from './movements.js';

/** Who may trigger a release or refund. `admin`: an admin of the Productivist org (arbitration). */
export type Party = 'payer' | 'treasury' | 'admin' | { readonly account: string } | { readonly role: Role };

/** A permission: parties, and the chaincode the transaction must have been submitted to. */
export interface Permission {
    /** The entry chaincode: `productoken` for a direct call, or a core contract such as `qualitycheck`. */
    readonly entryChaincode: string;
    readonly parties: readonly Party[];
}

export interface HoldRules {
    readonly payees: readonly Share[];
    readonly release: readonly Permission[];
    readonly refund: readonly Permission[];
    /** After this instant the treasury may expire the hold (refund to the payer). */
    readonly expiresAt?: string;
    readonly reference?: string;
}

export type HoldStatus = 'OPEN' | 'RELEASED' | 'REFUNDED' | 'EXPIRED';

export interface Hold {
    readonly id: string;
    readonly payer: string;
    readonly amount: string;
    readonly status: HoldStatus;
    readonly createdIn: string;
    /** The entry chaincode of the transaction that created it. */
    readonly createdVia: string;
    readonly rules: HoldRules;
    readonly feeAccount: string;
    readonly feeBps: number;
    readonly closedIn?: string;
}

function fields(value: unknown, what: string, allowed: readonly string[]): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
        throw invalid(`${what} must be a JSON object`);
    const record = value as Record<string, unknown>;
    const unknown = Object.keys(record).filter((key) => !allowed.includes(key));
    if (unknown.length > 0)
        throw invalid(`${what} has unknown fields ${unknown.join(', ')}; allowed: ${allowed.join(', ')}`);
    return record;
}

function parseParty(value: unknown, what: string): Party {
    if (value === 'payer' || value === 'treasury' || value === 'admin') return value;
    const record = fields(value, what, ['account', 'role']);
    if (typeof record['account'] === 'string' && record['role'] === undefined)
        return { account: parseAccount(record['account'], `${what}.account`) };
    if (
        typeof record['role'] === 'string' &&
        record['account'] === undefined &&
        roles.includes(record['role'] as Role)
    ) {
        return { role: record['role'] as Role };
    }
    throw invalid(
        `${what} must be "payer", "treasury", "admin", {"account": "..."} or {"role": one of ${roles.join(', ')}}`,
    );
}

function parsePermissions(value: unknown, what: string): Permission[] {
    if (value === undefined) return [];
    if (!Array.isArray(value)) throw invalid(`${what} must be a list of permissions`);
    return value.map((item: unknown, i) => {
        const record = fields(item, `${what}[${i}]`, ['entryChaincode', 'parties']);
        const chaincode = record['entryChaincode'];
        if (typeof chaincode !== 'string' || !/^[a-z0-9][a-z0-9_-]{0,63}$/.test(chaincode)) {
            throw invalid(`${what}[${i}].entryChaincode must be a chaincode name such as productoken or qualitycheck`);
        }
        const parties = record['parties'];
        if (!Array.isArray(parties) || parties.length === 0)
            throw invalid(`${what}[${i}].parties must be a non-empty list`);
        return {
            entryChaincode: chaincode,
            parties: parties.map((party: unknown, j) => parseParty(party, `${what}[${i}].parties[${j}]`)),
        };
    });
}

/** Validates CreateHold's rules against the platform fee. */
export function parseRules(json: string, feeBps: number): HoldRules {
    const record = fields(parseJsonArgument(json, 'hold rules'), 'hold rules', [
        'payees',
        'release',
        'refund',
        'expiresAt',
        'reference',
    ]);
    const payees = record['payees'];
    if (!Array.isArray(payees) || payees.length === 0 || payees.length > 10)
        throw invalid('hold rules.payees must list 1 to 10 payees');
    const shares: Share[] = payees.map((payee: unknown, i) => {
        const entry = fields(payee, `hold rules.payees[${i}]`, ['account', 'bps']);
        const bps = entry['bps'];
        if (typeof bps !== 'number' || !Number.isInteger(bps) || bps < 0 || bps > 10_000) {
            throw invalid(`hold rules.payees[${i}].bps must be a whole number of basis points from 0 to 10000`);
        }
        if (typeof entry['account'] !== 'string')
            throw invalid(`hold rules.payees[${i}].account must be an account id`);
        return { account: parseAccount(entry['account'], `hold rules.payees[${i}].account`), bps };
    });
    const sum = shares.reduce((total, share) => total + share.bps, 0);
    if (BigInt(sum + feeBps) !== totalBasisPoints) {
        throw invalid(`payee shares add up to ${sum} bps; with the platform fee of ${feeBps} bps they must make 10000`);
    }
    const release = parsePermissions(record['release'], 'hold rules.release');
    if (release.length === 0) throw invalid('hold rules.release must name at least one permission');
    const refund = parsePermissions(record['refund'], 'hold rules.refund');
    const expiresAt = record['expiresAt'];
    if (expiresAt !== undefined && (typeof expiresAt !== 'string' || !isInstant(expiresAt))) {
        throw invalid('hold rules.expiresAt must be a UTC instant such as 2027-01-31T00:00:00Z');
    }
    const reference = record['reference'];
    if (reference !== undefined && (typeof reference !== 'string' || reference.length > 128)) {
        throw invalid('hold rules.reference must be a string of at most 128 characters');
    }
    if (refund.length === 0 && expiresAt === undefined) {
        throw invalid('hold rules must allow a refund or set expiresAt, or the funds could be locked forever');
    }
    return {
        payees: shares,
        release,
        refund,
        ...(expiresAt === undefined ? {} : { expiresAt }),
        ...(reference === undefined ? {} : { reference }),
    };
}

function holdKey(ctx: Context, id: string): string {
    return ctx.stub.createCompositeKey(keys.hold, [id]);
}

/**
 * A hold's id is namespaced by who created it, so no one can take an id another will need:
 * `<chaincode>:<local id>` for a hold created in a transaction submitted to another chaincode (the
 * entry chaincode read from the signed proposal, so only that contract's transactions can create
 * it), `<payer>/<local id>` for a member's own hold created directly.
 */
export function holdIdFor(entry: string, payer: string, local: string): string {
    return entry === 'productoken' || entry === '' ? `${payer}/${local}` : `${entry}:${local}`;
}

/** Checks a full hold id (see holdIdFor). */
export function parseHoldId(value: string): string {
    const slash = value.indexOf('/');
    const colon = value.indexOf(':');
    const valid =
        slash > 0
            ? isAccount(value.slice(0, slash)) && isId(value.slice(slash + 1))
            : colon > 0 && /^[a-z0-9][a-z0-9_-]{0,63}$/.test(value.slice(0, colon)) && isId(value.slice(colon + 1));
    if (!valid) {
        throw invalid(
            `hold id '${value}' must be <payer>/<id> for a member's hold or <chaincode>:<id> for a contract's hold`,
        );
    }
    return value;
}

function isAccount(value: string): boolean {
    try {
        parseAccount(value);
        return true;
    } catch {
        return false;
    }
}

function isId(value: string): boolean {
    try {
        parseId(value, 'hold id');
        return true;
    } catch {
        return false;
    }
}

export async function readHold(ctx: Context, idArg: string): Promise<Hold> {
    const id = parseHoldId(idArg);
    const hold = await readJson<Hold>(ctx, holdKey(ctx, id));
    if (hold === undefined) throw notFound(`hold '${id}' does not exist`);
    return hold;
}

export async function createHold(
    book: TxBook,
    config: TokenConfig,
    caller: Caller,
    idArg: string,
    amountArg: string,
    rulesJson: string,
): Promise<Hold> {
    const { ctx } = book;
    const payer = requireMember(caller, 'create a hold');
    const id = holdIdFor(entryChaincode(ctx), payer, parseId(idArg, 'hold id'));
    const amount = parseAmount(amountArg, 'hold amount', { positive: true, cap: BigInt(config.supplyCap) });
    const rules = parseRules(rulesJson, config.platformFeeBps);
    for (const [i, payee] of rules.payees.entries()) await requireAccount(ctx, payee.account, `payee ${i + 1}`);
    if ((await ctx.stub.getState(holdKey(ctx, id))).length > 0)
        throw conflict(`hold '${id}' already exists; choose another id`);
    await debit(book, payer, amount);
    const hold: Hold = {
        id,
        payer,
        amount: amount.toString(),
        status: 'OPEN',
        createdIn: ctx.stub.getTxID(),
        createdVia: entryChaincode(ctx),
        rules,
        feeAccount: config.feeAccount,
        feeBps: config.platformFeeBps,
    };
    await writeJson(ctx, holdKey(ctx, id), hold);
    await ctx.stub.putState(ctx.stub.createCompositeKey(keys.holdOf, [payer, id]), Buffer.from(id));
    await record(book, {
        kind: 'hold',
        from: payer,
        to: holdAccount(id),
        amount: hold.amount,
        holdId: id,
        ...(rules.reference ? { reference: rules.reference } : {}),
    });
    return hold;
}

function matches(party: Party, caller: Caller, hold: Hold): boolean {
    if (party === 'admin') return caller.productivistAdmin;
    if (caller.deviceOf !== undefined || caller.account === undefined) return false;
    if (party === 'payer') return caller.account === hold.payer;
    if (party === 'treasury') return caller.treasury;
    if ('account' in party) return caller.account === party.account;
    return caller.roles.includes(party.role);
}

function describeParty(party: Party): string {
    if (typeof party === 'string') return party;
    return 'account' in party ? `account ${party.account}` : `role ${party.role}`;
}

function authorize(ctx: Context, permissions: readonly Permission[], caller: Caller, hold: Hold, action: string): void {
    const entry = entryChaincode(ctx);
    if (
        permissions.some(
            (permission) =>
                permission.entryChaincode === entry && permission.parties.some((party) => matches(party, caller, hold)),
        )
    ) {
        return;
    }
    const allowed =
        permissions.map((p) => `${p.parties.map(describeParty).join(' or ')} through ${p.entryChaincode}`).join('; ') ||
        'nobody';
    throw forbidden(
        `${caller.account ?? caller.mspId} may not ${action} hold '${hold.id}' through ${entry}; its rules allow: ${allowed}`,
    );
}

async function close(book: TxBook, hold: Hold, status: HoldStatus): Promise<Hold> {
    const closed: Hold = { ...hold, status, closedIn: book.ctx.stub.getTxID() };
    await writeJson(book.ctx, holdKey(book.ctx, hold.id), closed);
    return closed;
}

function requireOpen(hold: Hold, action: string): void {
    if (hold.status !== 'OPEN') throw conflict(`hold '${hold.id}' is ${hold.status} and cannot be ${action}`);
}

/** Pays a hold out: payees by their shares, the platform its fee. Rounding: see splitByBasisPoints. */
export async function releaseHold(book: TxBook, caller: Caller, idArg: string): Promise<Hold> {
    const hold = await readHold(book.ctx, idArg);
    authorize(book.ctx, hold.rules.release, caller, hold, 'release');
    requireOpen(hold, 'released');
    const shares: Share[] = [...hold.rules.payees, { account: hold.feeAccount, bps: hold.feeBps }];
    const parts = splitByBasisPoints(BigInt(hold.amount), shares);
    for (const [i, part] of parts.entries()) {
        if (part.amount === 0n) continue;
        await credit(book, part.account, part.amount);
        const kind = i === parts.length - 1 ? 'fee' : 'release';
        await record(book, {
            kind,
            from: holdAccount(hold.id),
            to: part.account,
            amount: part.amount.toString(),
            holdId: hold.id,
        });
    }
    return close(book, hold, 'RELEASED');
}

/** Returns a hold to its payer. */
export async function refundHold(book: TxBook, caller: Caller, idArg: string): Promise<Hold> {
    const hold = await readHold(book.ctx, idArg);
    authorize(book.ctx, hold.rules.refund, caller, hold, 'refund');
    requireOpen(hold, 'refunded');
    return returnToPayer(book, hold, 'refund', 'REFUNDED');
}

/** Pays a hold back to its payer and closes it. */
async function returnToPayer(book: TxBook, hold: Hold, kind: 'refund' | 'expire', status: HoldStatus): Promise<Hold> {
    await credit(book, hold.payer, BigInt(hold.amount));
    await record(book, { kind, from: holdAccount(hold.id), to: hold.payer, amount: hold.amount, holdId: hold.id });
    return close(book, hold, status);
}

/**
 * Expires a hold after its expiry, refunding the payer. The transaction timestamp is set by the
 * client and no peer checks it, so the one who would profit (the payer) cannot trigger it: only
 * the treasury, a party with nothing to gain, may.
 */
export async function expireHold(book: TxBook, caller: Caller, idArg: string): Promise<Hold> {
    const hold = await readHold(book.ctx, idArg);
    if (!caller.treasury || caller.deviceOf !== undefined) {
        throw forbidden(
            `only the Productivist treasury may expire hold '${hold.id}'; the payer cannot expire its own hold`,
        );
    }
    requireOpen(hold, 'expired');
    if (hold.rules.expiresAt === undefined) throw conflict(`hold '${hold.id}' has no expiry`);
    const now = book.ctx.stub.getDateTimestamp().toISOString();
    if (now < new Date(hold.rules.expiresAt).toISOString()) {
        throw conflict(`hold '${hold.id}' expires at ${hold.rules.expiresAt}, not before`);
    }
    return returnToPayer(book, hold, 'expire', 'EXPIRED');
}

/**
 * Who may read a hold: its payer, its payees, the treasury, a Productivist admin, and whoever its
 * rules let release or refund it (for an order's hold: the customer, the producer and designer it
 * pays, the experts who settle it) — the parties of the order, never any member.
 */
export function requireHoldReader(caller: Caller, hold: Hold): void {
    if (caller.productivistAdmin || caller.treasury) return;
    const account = requireMember(caller, 'read holds');
    const parties = [...hold.rules.release, ...hold.rules.refund].flatMap((permission) => permission.parties);
    if (
        account === hold.payer ||
        hold.rules.payees.some((payee) => payee.account === account) ||
        parties.some((party) => matches(party, caller, hold))
    ) {
        return;
    }
    throw forbidden(`'${account}' is not a party to hold '${hold.id}' and may not read it`);
}
