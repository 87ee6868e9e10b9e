// SPDX-License-Identifier: Apache-2.0
import { createServer } from 'node:net';

/** True when nothing listens on 127.0.0.1:`port` (we can bind it). */
export function isPortFree(port: number): Promise<boolean> {
    return new Promise((resolve) => {
        const server = createServer();
        server.unref();
        server.once('error', () => {
            resolve(false);
        });
        server.listen({ host: '127.0.0.1', port, exclusive: true }, () => {
            server.close(() => {
                resolve(true);
            });
        });
    });
}
