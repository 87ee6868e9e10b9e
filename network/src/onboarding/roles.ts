// SPDX-License-Identifier: Apache-2.0
//
// `role grant | revoke | list`: the Productivist admin governs productoken's role registry, which
// gives an organization's members their roles (GrantRole, RevokeRole, RolesOf), so onboarding a
// producer needs no contract upgrade.
import { openNetworkLedger } from '../gateway/openNetworkLedger.js';
import { NetworkError } from '../errors.js';

/** The roles of the registry. */
export const registryRoles = ['customer', 'designer', 'producer', 'expert', 'treasury'] as const;

/** Options of the role operations. */
export interface RoleOptions {
    readonly network: string;
    readonly mspId: string;
    /** The public channel (the network's first channel by default). */
    readonly channel?: string;
    /** Credential that governs the registry (`admin`, the Productivist admin, by default). */
    readonly as?: string;
}

function requireRole(role: string): void {
    if (!(registryRoles as readonly string[]).includes(role)) {
        throw new NetworkError(`role '${role}' is not a role of the registry`, {
            code: 'INVALID_ROLE',
            exit: 'invalidInput',
            hint: `use one of ${registryRoles.join(', ')}`,
        });
    }
}

async function withToken<T>(
    options: Readonly<RoleOptions>,
    act: (token: ReturnType<ReturnType<typeof openNetworkLedger>['contract']>) => Promise<T>,
): Promise<T> {
    const ledger = openNetworkLedger({
        state: options.network,
        ...(options.channel === undefined ? {} : { channel: options.channel }),
        deadlines: { endorse: 30_000, evaluate: 15_000 },
    });
    try {
        return await act(ledger.contract(options.as ?? 'admin', 'productoken'));
    } finally {
        ledger.close();
    }
}

/** The roles productoken's registry gives an organization. */
export async function rolesOf(options: Readonly<RoleOptions>): Promise<string[]> {
    return withToken(options, async (token) => {
        const bytes = await token.evaluate('RolesOf', { arguments: [options.mspId] });
        return JSON.parse(Buffer.from(bytes).toString('utf8')) as string[];
    });
}

/** `role grant`: GrantRole as the Productivist admin. */
export async function grantRole(options: Readonly<RoleOptions & { role: string }>): Promise<string[]> {
    requireRole(options.role);
    await withToken(options, (token) => token.submit('GrantRole', { arguments: [options.mspId, options.role] }));
    return rolesOf(options);
}

/** `role revoke`: RevokeRole as the Productivist admin. */
export async function revokeRole(options: Readonly<RoleOptions & { role: string }>): Promise<string[]> {
    requireRole(options.role);
    await withToken(options, (token) => token.submit('RevokeRole', { arguments: [options.mspId, options.role] }));
    return rolesOf(options);
}
