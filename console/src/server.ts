// SPDX-License-Identifier: Apache-2.0
//
// The console's HTTP server: 127.0.0.1 only, a random port unless one is asked for. The URL it
// prints carries a one-time login token; opening it sets an HttpOnly session cookie (SameSite=Strict)
// and every other request without that cookie is refused with 401 — pages, scripts, API and events
// alike. Requests whose Host is not this server's address are refused too (DNS rebinding).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import { serve } from '@hono/node-server';
import { KitError } from '@productivist/common';
import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { streamSSE } from 'hono/streaming';

import { apiRoutes } from './api.js';
import type { ConsoleBackend } from './backend.js';
import { EventHub } from './events.js';

export const sessionCookie = 'productivist_console';

/** Where `npm run build` puts the front end (console/dist/web). */
export function webDirectory(): string {
    return join(__dirname, '..', 'dist', 'web');
}

export interface ConsoleOptions {
    readonly backend: ConsoleBackend;
    /** 0 (the default) picks a free port. */
    readonly port?: number;
    /** The member whose identity reads the chaincode events; the first of the backend's by default. */
    readonly eventsAs?: string;
}

export interface RunningConsole {
    /** The address to open once: it carries the login token. */
    readonly loginUrl: string;
    readonly port: number;
    close(): Promise<void>;
}

function sameSecret(given: string, expected: string): boolean {
    const a = Buffer.from(given);
    const b = Buffer.from(expected);
    return a.length === b.length && timingSafeEqual(a, b);
}

/** The value of cookie `name` in a Cookie header. */
function cookie(header: string | undefined, name: string): string | undefined {
    for (const part of (header ?? '').split(';')) {
        const [key, ...value] = part.trim().split('=');
        if (key === name) return value.join('=');
    }
    return undefined;
}

const types: Readonly<Record<string, string>> = {
    'app.js': 'text/javascript; charset=utf-8',
    'app.css': 'text/css; charset=utf-8',
};

function page(): string {
    return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Productivist console</title>
<link rel="stylesheet" href="/assets/app.css">
</head>
<body>
<div id="app"></div>
<script type="module" src="/assets/app.js"></script>
</body>
</html>
`;
}

/** Starts the console; the backend stays the caller's to close after {@link RunningConsole.close}. */
export async function startConsole(options: Readonly<ConsoleOptions>): Promise<RunningConsole> {
    const web = webDirectory();
    if (!existsSync(join(web, 'app.js'))) {
        throw new KitError(`the console's front end is not built: ${join(web, 'app.js')} is missing`, {
            code: 'NOT_BUILT',
            exit: 'environment',
            hint: 'run npm run build at the root of the kit (it bundles console/src/web)',
        });
    }
    const { backend } = options;
    const eventsAs =
        options.eventsAs ?? backend.members.find((member) => member.name === 'admin')?.name ?? backend.members[0]?.name;
    const hub =
        backend.ledger === undefined || eventsAs === undefined ? undefined : new EventHub(backend.ledger, eventsAs);
    let loginToken: string | undefined = randomBytes(24).toString('base64url');
    const sessions = new Set<string>();
    let origin = '';

    const app = new Hono();
    app.use('*', async (c, next) => {
        if (c.req.header('host') !== origin)
            return c.text('Refused: this console answers on its own address only.', 403);
        if (c.req.path === '/login') return next();
        const session = cookie(c.req.header('cookie'), sessionCookie);
        if (session === undefined || !sessions.has(session)) {
            return c.text(
                'Refused: no console session. Open the login address that `productivist console` printed (it works once).',
                401,
            );
        }
        return next();
    });
    app.get('/login', (c) => {
        const token = c.req.query('token') ?? '';
        if (loginToken === undefined || !sameSecret(token, loginToken)) {
            return c.text(
                'Refused: this login token is wrong or was already used. Start the console again for a new one.',
                401,
            );
        }
        loginToken = undefined;
        const session = randomBytes(32).toString('base64url');
        sessions.add(session);
        setCookie(c, sessionCookie, session, { httpOnly: true, sameSite: 'Strict', path: '/' });
        return c.redirect('/', 303);
    });
    app.get('/', (c) => c.html(page()));
    app.get('/assets/:file', (c) => {
        const file = c.req.param('file');
        const type = types[file];
        if (type === undefined) return c.text('Not found', 404);
        return c.body(readFileSync(join(web, file)), 200, { 'content-type': type, 'cache-control': 'no-store' });
    });
    app.get('/api/events', (c) =>
        streamSSE(c, async (stream) => {
            const queue: string[] = [];
            let wake: (() => void) | undefined;
            const unsubscribe = hub?.subscribe((event) => {
                queue.push(JSON.stringify(event));
                wake?.();
            });
            stream.onAbort(() => {
                unsubscribe?.();
                wake?.();
            });
            await stream.writeSSE({ event: 'ready', data: '{}' });
            while (!stream.aborted) {
                const next = queue.shift();
                if (next !== undefined) {
                    await stream.writeSSE({ event: 'chaincode', data: next });
                    continue;
                }
                let timer: NodeJS.Timeout | undefined;
                await new Promise<void>((resolve) => {
                    wake = resolve;
                    timer = setTimeout(resolve, 15_000);
                });
                clearTimeout(timer);
                wake = undefined;
                // A comment line keeps idle connections open through proxies; skipped when events wait.
                if (queue.length === 0) await stream.write(': ping\n\n');
            }
        }),
    );
    app.route('/api', apiRoutes(backend, hub));

    const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
        const started = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: options.port ?? 0 }, () => {
            resolve(started);
        });
        started.once('error', reject);
    });
    const port = (server.address() as AddressInfo).port;
    origin = `127.0.0.1:${port}`;
    return {
        loginUrl: `http://${origin}/login?token=${loginToken}`,
        port,
        close: () =>
            new Promise<void>((resolve) => {
                hub?.close();
                // Open event streams would keep close() waiting.
                if (server instanceof Server) server.closeAllConnections();
                server.close(() => {
                    resolve();
                });
            }),
    };
}
