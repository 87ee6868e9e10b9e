// SPDX-License-Identifier: Apache-2.0
//
// The console's JSON API. Every action goes through the clients the CLI uses (Wallet, Modeler,
// Controller, Validator) and every whole number through the CLI's parser (parseInteger with the same
// kinds), so the page refuses what the command line refuses, with the same message. A contract's
// refusal comes back as { error: { code, message, hint } }; nothing is written in that case.
import { createHash, randomBytes } from 'node:crypto';

import {
    amountKind,
    Controller,
    listLimitKind,
    Modeler,
    parseInteger,
    printLimitKind,
    quantityKind,
    royaltyKind,
    Validator,
    Wallet,
} from '@productivist/clients';
import { isKitError, KitError } from '@productivist/common';
import type { Ledger } from '@productivist/ledger-api';
import type { Context } from 'hono';
import { Hono } from 'hono';

import type { ConsoleBackend } from './backend.js';
import type { EventHub } from './events.js';

const statuses = ['PENDING', 'CERTIFIED', 'REJECTED', 'REVOKED'] as const;
const steps = { accept: 'Accept', fund: 'Fund', start: 'StartProduction', produced: 'MarkProduced', cancel: 'Cancel' };
const decisions = { certify: 'Certify', reject: 'Reject', revoke: 'Revoke' } as const;
const outcomes = ['pass', 'refund', 'rework'] as const;
/** A model's print usage, as the Controller client returns it. */
type PrintUsage = Awaited<ReturnType<Controller['prints']>>;

const blockNumberKind = { what: 'before', min: 1n, max: 2n ** 53n - 1n, unit: 'a block number' };

function invalid(what: string, hint: string): KitError {
    return new KitError(what, { code: 'INVALID_ARGUMENT', exit: 'usage', hint });
}

/** A string field of a JSON body; `optional` fields default to ''. */
function text(body: Record<string, unknown>, name: string, optional = false): string {
    const value = body[name];
    if (value === undefined || value === null || value === '') {
        if (optional) return '';
        throw invalid(`${name} is empty`, `fill in ${name}`);
    }
    if (typeof value !== 'string') throw invalid(`${name} must be text`, `send ${name} as a string`);
    return value.trim();
}

/** A SHA-256 in hex (the page hashes files itself), or the SHA-256 of the text given. */
function hashField(body: Record<string, unknown>, name: string): string {
    const value = text(body, name);
    return /^[0-9a-f]{64}$/.test(value) ? value : createHash('sha256').update(value).digest('hex');
}

async function bodyOf(c: Context): Promise<Record<string, unknown>> {
    if (!(c.req.header('content-type') ?? '').startsWith('application/json')) {
        throw invalid('the request is not JSON', 'send actions as application/json, as the console page does');
    }
    const body: unknown = await c.req.json();
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw invalid('the request body is not a JSON object', 'send an object of named fields');
    }
    return body as Record<string, unknown>;
}

/** The error as the page shows it; refusals keep the contract's code and message. */
function errorBody(error: unknown): { status: 400 | 404 | 409 | 422 | 500; body: object } {
    if (isKitError(error)) {
        const status =
            error.code === 'INVALID_ARGUMENT'
                ? 400
                : error.code === 'NOT_FOUND'
                  ? 404
                  : error.code === 'LOCKED'
                    ? 409
                    : 422;
        return { status, body: { error: { code: error.code, message: error.message, hint: error.hint ?? '' } } };
    }
    const message = error instanceof Error ? error.message : String(error);
    return { status: 500, body: { error: { code: 'INTERNAL', message, hint: 'see the console output' } } };
}

/** An account's view of itself: undefined for identities without one (devices, admins). */
async function accountOf(wallet: Wallet): Promise<string | undefined> {
    const caller = await wallet.whoAmI();
    if (caller.deviceOf !== undefined) return undefined;
    return caller.account;
}

export function apiRoutes(backend: ConsoleBackend, hub: EventHub | undefined): Hono {
    const api = new Hono();
    const members = new Set(backend.members.map((member) => member.name));

    /** The ledger and the acting member of a request (`as` in the query or the body). */
    const acting = (as: string): { ledger: Ledger; as: string } => {
        if (backend.ledger === undefined) {
            throw new KitError(backend.unavailable ?? 'this console cannot act on the ledger', {
                code: 'UNAVAILABLE',
                hint: 'open a console on an embedded world: productivist console --state <dir>',
            });
        }
        if (!members.has(as)) {
            throw new KitError(`there is no identity '${as}' to act as`, {
                code: 'NOT_FOUND',
                hint: `act as one of: ${[...members].join(', ')}`,
            });
        }
        return { ledger: backend.ledger, as };
    };

    const read = (path: string, handler: (ledger: Ledger, as: string, c: Context) => Promise<unknown>): void => {
        api.get(path, async (c) => {
            try {
                const { ledger, as } = acting(c.req.query('as') ?? '');
                return c.json(await handler(ledger, as, c));
            } catch (error) {
                const { status, body } = errorBody(error);
                return c.json(body, status);
            }
        });
    };
    const act = (
        path: string,
        handler: (ledger: Ledger, as: string, body: Record<string, unknown>) => Promise<unknown>,
    ): void => {
        api.post(path, async (c) => {
            try {
                const body = await bodyOf(c);
                const { ledger, as } = acting(typeof body.as === 'string' ? body.as : '');
                return c.json({ result: await handler(ledger, as, body) });
            } catch (error) {
                const { status, body } = errorBody(error);
                return c.json(body, status);
            }
        });
    };

    api.get('/info', (c) =>
        c.json({
            kind: backend.kind,
            label: backend.label,
            members: backend.members,
            unavailable: backend.unavailable ?? null,
        }),
    );
    api.get('/network', async (c) => {
        try {
            return c.json(await backend.network());
        } catch (error) {
            const { status, body } = errorBody(error);
            return c.json(body, status);
        }
    });
    api.get('/operators', async (c) => {
        try {
            return c.json(await backend.operators());
        } catch (error) {
            const { status, body } = errorBody(error);
            return c.json(body, status);
        }
    });
    api.get('/blocks', async (c) => {
        try {
            const before = c.req.query('before');
            return c.json(
                await backend.blocks(
                    c.req.query('channel') ?? '',
                    before === undefined ? undefined : Number(parseInteger(before, blockNumberKind)),
                ),
            );
        } catch (error) {
            const { status, body } = errorBody(error);
            return c.json(body, status);
        }
    });
    api.get('/events/recent', (c) => c.json(hub?.recent ?? []));

    read('/wallet', async (ledger, as) => {
        const wallet = new Wallet(ledger, as);
        const caller = await wallet.whoAmI();
        const account = await accountOf(wallet);
        if (account === undefined) return { caller, account: null };
        const [balance, holds, activity, supply] = await Promise.all([
            wallet.balance(account),
            wallet.holds(account),
            wallet.activity(account),
            wallet.supply(),
        ]);
        return { caller, account, balance, holds: holds.items, activity: activity.items, supply };
    });
    act('/wallet/transfer', (ledger, as, body) =>
        new Wallet(ledger, as).transfer(
            text(body, 'to'),
            parseInteger(text(body, 'amount'), amountKind('amount')).toString(),
            text(body, 'reference', true),
            text(body, 'requestId', true) || `console-${randomBytes(6).toString('hex')}`,
        ),
    );
    act('/wallet/mint', (ledger, as, body) =>
        new Wallet(ledger, as).mint(
            text(body, 'to'),
            parseInteger(text(body, 'amount'), amountKind('amount')).toString(),
            text(body, 'requestId', true) || `console-${randomBytes(6).toString('hex')}`,
        ),
    );

    read('/models', async (ledger, as) => {
        const modeler = new Modeler(ledger, as);
        const pages = await Promise.all(statuses.map((status) => modeler.byStatus(status)));
        return pages.flatMap((page) => page.items);
    });
    act('/models/register', (ledger, as, body) => {
        const limit = text(body, 'printLimit', true);
        const producers = text(body, 'allowedProducers', true);
        return new Modeler(ledger, as).register(
            text(body, 'modelId'),
            text(body, 'title'),
            hashField(body, 'contentHash'),
            {
                royaltyBps: Number(parseInteger(text(body, 'royalty'), royaltyKind)),
                printLimit: limit === '' ? null : Number(parseInteger(limit, printLimitKind)),
                allowedProducers: producers === '' ? null : producers.split(',').map((p) => p.trim()),
            },
            text(body, 'previous', true),
        );
    });
    act('/models/decide', (ledger, as, body) => {
        const decision = text(body, 'decision');
        if (!(decision in decisions)) throw invalid(`decision '${decision}' is unknown`, 'certify, reject or revoke');
        return new Modeler(ledger, as).decide(
            decisions[decision as keyof typeof decisions],
            text(body, 'modelId'),
            hashField(body, 'report'),
        );
    });

    read('/orders', async (ledger, as) => {
        const controller = new Controller(ledger, as);
        const ids = [...(hub?.orders ?? [])];
        const orders = await Promise.all(
            ids.map(async (id) => ({ order: await controller.get(id), progress: await controller.progress(id) })),
        );
        return orders;
    });
    // Print-limit usage of every model the events named, as far as the acting member may read it.
    read('/prints', async (ledger, as) => {
        const controller = new Controller(ledger, as);
        const usage: PrintUsage[] = [];
        let hidden = 0;
        for (const modelId of hub?.models ?? []) {
            try {
                usage.push(await controller.prints(modelId));
            } catch (error) {
                if (!isKitError(error) || error.code !== 'FORBIDDEN') throw error;
                hidden += 1;
            }
        }
        return { usage, hidden };
    });
    act('/orders/create', (ledger, as, body) =>
        new Controller(ledger, as).order(
            text(body, 'orderId'),
            text(body, 'modelId'),
            Number(parseInteger(text(body, 'quantity'), quantityKind)),
            parseInteger(text(body, 'price'), amountKind('price')).toString(),
            text(body, 'producer', true),
            text(body, 'spec'),
        ),
    );
    act('/orders/step', (ledger, as, body) => {
        const step = text(body, 'step');
        if (!(step in steps)) throw invalid(`step '${step}' is unknown`, Object.keys(steps).join(', '));
        return new Controller(ledger, as).step(steps[step as keyof typeof steps] as 'Accept', text(body, 'orderId'));
    });
    act('/orders/progress', (ledger, as, body) =>
        new Controller(ledger, as).report(text(body, 'orderId'), text(body, 'step'), text(body, 'note', true)),
    );

    read('/quality', async (ledger, as, c) => {
        const validator = new Validator(ledger, as);
        const limit = Number(parseInteger(c.req.query('limit') ?? '10', listLimitKind));
        const perOrder = await Promise.all([...(hub?.orders ?? [])].map((id) => validator.campaignsOf(id)));
        const campaigns = perOrder.flat().map((entry) => ({ ...entry.campaign, results: entry.results }));
        const [producers, designers] = await Promise.all([
            validator.ranking('producer', limit),
            validator.ranking('designer', limit),
        ]);
        // A verdict's token event: its movements are the payout (or refund) it made.
        const payouts = (hub?.recent ?? []).filter((event) => {
            const payload = event.payload as { action?: unknown; movements?: unknown[] } | null;
            return (
                event.chaincode === 'qualitycheck' &&
                payload?.action === 'Verdict' &&
                (payload.movements ?? []).length > 0
            );
        });
        return { campaigns, producers, designers, payouts };
    });
    act('/quality/open', (ledger, as, body) =>
        new Validator(ledger, as).open(text(body, 'campaignId'), text(body, 'orderId')),
    );
    act('/quality/result', (ledger, as, body) =>
        new Validator(ledger, as).record(
            text(body, 'campaignId'),
            text(body, 'name'),
            text(body, 'value'),
            text(body, 'unit'),
            hashField(body, 'report'),
        ),
    );
    act('/quality/verdict', (ledger, as, body) => {
        const outcome = text(body, 'outcome');
        if (!(outcomes as readonly string[]).includes(outcome)) {
            throw invalid(`outcome '${outcome}' is unknown`, 'pass, refund or rework');
        }
        return new Validator(ledger, as).verdict(
            text(body, 'campaignId'),
            outcome as (typeof outcomes)[number],
            hashField(body, 'report'),
        );
    });
    return api;
}
