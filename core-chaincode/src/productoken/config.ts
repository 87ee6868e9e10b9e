// SPDX-License-Identifier: Apache-2.0
import type { Context } from 'fabric-contract-api';

import { parseAmount } from '../shared/amount.js';
import type { Caller, Role } from '../shared/caller.js';
import { parseAccount, productivistMsp, requireProductivistAdmin, resolveCaller, roles } from '../shared/caller.js';
import { ContractError, conflict, invalid } from '../shared/errors.js';
import { parseJsonArgument, readJson, scan, toText, writeJson } from '../shared/state.js';
import { keys } from './keys.js';

/** Token metadata and platform parameters, set once by Initialize. */
export interface TokenConfig {
    readonly name: string;
    readonly symbol: string;
    /** Digits after the decimal point of the fiat unit (2: amounts are in cents). */
    readonly decimals: number;
    /** Maximum total supply, in the smallest unit. */
    readonly supplyCap: string;
    /** MSPs whose CAs the Productivist org runs: only their certificate attributes are trusted. */
    readonly trustedMsps: readonly string[];
    /** Account that receives platform fees. */
    readonly feeAccount: string;
    /** Platform fee on every hold payout, in basis points. */
    readonly platformFeeBps: number;
}

const defaultRoles: Readonly<Record<string, readonly Role[]>> = {
    ProductivistMSP: ['treasury'],
    CustomerMSP: ['customer'],
    DesignerMSP: ['designer'],
    ProducerMSP: ['producer'],
    ExpertMSP: ['expert'],
};

const configKeys = ['name', 'symbol', 'decimals', 'supplyCap', 'trustedMsps', 'feeAccount', 'platformFeeBps', 'roles'];

/** Validates Initialize's JSON argument. */
export function parseConfig(json: string): { config: TokenConfig; roles: Record<string, Role[]> } {
    const input = parseJsonArgument(json, 'configuration');
    if (typeof input !== 'object' || input === null || Array.isArray(input))
        throw invalid('configuration must be a JSON object');
    const record = input as Record<string, unknown>;
    const unknown = Object.keys(record).filter((key) => !configKeys.includes(key));
    if (unknown.length > 0)
        throw invalid(`configuration has unknown fields ${unknown.join(', ')}; allowed: ${configKeys.join(', ')}`);
    const text = (key: string, fallback: string): string => {
        const value = record[key] ?? fallback;
        if (typeof value !== 'string' || value.trim() === '')
            throw invalid(`configuration field ${key} must be a non-empty string`);
        return value;
    };
    const integer = (key: string, fallback: number, max: number): number => {
        const value = record[key] ?? fallback;
        if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
            throw invalid(`configuration field ${key} must be a whole number from 0 to ${max}`);
        }
        return value;
    };
    const trusted = record['trustedMsps'] ?? Object.keys(defaultRoles);
    if (!Array.isArray(trusted) || trusted.some((msp) => typeof msp !== 'string' || !/^[A-Za-z0-9.-]+$/.test(msp))) {
        throw invalid('configuration field trustedMsps must be a list of MSP ids');
    }
    const roleInput = record['roles'] ?? defaultRoles;
    if (typeof roleInput !== 'object' || Array.isArray(roleInput)) {
        throw invalid('configuration field roles must map MSP ids to lists of roles');
    }
    const registry: Record<string, Role[]> = {};
    // In the JSON's order: Initialize writes one key per MSP, and the peer sorts a write set by key.
    for (const [mspId, list] of Object.entries(roleInput as Record<string, unknown>)) {
        if (!Array.isArray(list) || list.some((role) => !roles.includes(role as Role))) {
            throw invalid(`roles of ${mspId} must be a list of ${roles.join(', ')}`);
        }
        registry[mspId] = [...new Set(list as Role[])].sort();
    }
    const config: TokenConfig = {
        name: text('name', 'ProducToken'),
        symbol: text('symbol', 'PDT'),
        decimals: integer('decimals', 2, 18),
        supplyCap: parseAmount(text('supplyCap', '100000000000000'), 'supplyCap', { positive: true }).toString(),
        trustedMsps: [...new Set(trusted as string[])].sort(),
        feeAccount: parseAccount(text('feeAccount', 'productivist'), 'feeAccount'),
        platformFeeBps: integer('platformFeeBps', 500, 10_000),
    };
    if (!config.trustedMsps.includes(productivistMsp)) throw invalid(`trustedMsps must include ${productivistMsp}`);
    return { config, roles: registry };
}

export async function readConfig(ctx: Context): Promise<TokenConfig> {
    const config = await readJson<TokenConfig>(ctx, ctx.stub.createCompositeKey(keys.config, []));
    if (config === undefined)
        throw new ContractError(
            'NOT_INITIALIZED',
            'productoken is not initialized; an admin of ProductivistMSP must call Initialize',
        );
    return config;
}

/** The role registry: MSP id → roles. */
export async function readRegistry(ctx: Context): Promise<Record<string, Role[]>> {
    const registry: Record<string, Role[]> = {};
    for (const entry of await scan(ctx, keys.role, [])) {
        const { attributes } = ctx.stub.splitCompositeKey(entry.key);
        const mspId = attributes[0];
        if (mspId !== undefined) registry[mspId] = JSON.parse(toText(entry.value)) as Role[];
    }
    return registry;
}

/** Reads the configuration and resolves the caller against it. */
export async function callerOf(ctx: Context): Promise<{ config: TokenConfig; caller: Caller }> {
    const config = await readConfig(ctx);
    return { config, caller: resolveCaller(ctx, config.trustedMsps, await readRegistry(ctx)) };
}

export async function initialize(ctx: Context, json: string): Promise<TokenConfig> {
    requireProductivistAdmin(resolveCaller(ctx, [productivistMsp], {}), 'initialize productoken');
    const { config, roles: registry } = parseConfig(json);
    const key = ctx.stub.createCompositeKey(keys.config, []);
    if ((await ctx.stub.getState(key)).length > 0) throw conflict('productoken is already initialized');
    await writeJson(ctx, key, config);
    for (const [mspId, list] of Object.entries(registry))
        await writeJson(ctx, ctx.stub.createCompositeKey(keys.role, [mspId]), list);
    return config;
}

function parseRole(value: string): Role {
    if (!roles.includes(value as Role)) throw invalid(`role '${value}' is not one of ${roles.join(', ')}`);
    return value as Role;
}

function parseMsp(value: string): string {
    if (!/^[A-Za-z0-9.-]{1,64}$/.test(value))
        throw invalid(`MSP id '${value}' may only contain letters, digits, '.' and '-'`);
    return value;
}

/** Grants or revokes a role of an organization; only the Productivist org governs the registry. */
export async function changeRole(ctx: Context, mspIdArg: string, roleArg: string, grant: boolean): Promise<Role[]> {
    const { caller } = await callerOf(ctx);
    requireProductivistAdmin(caller, grant ? 'grant roles' : 'revoke roles');
    const mspId = parseMsp(mspIdArg);
    const role = parseRole(roleArg);
    if (role === 'treasury' && mspId !== productivistMsp)
        throw invalid(`the treasury role stays with ${productivistMsp}`);
    const key = ctx.stub.createCompositeKey(keys.role, [mspId]);
    const current = (await readJson<Role[]>(ctx, key)) ?? [];
    const next = grant ? [...new Set([...current, role])].sort() : current.filter((r) => r !== role);
    if (next.length === 0) await ctx.stub.deleteState(key);
    else await writeJson(ctx, key, next);
    return next;
}
