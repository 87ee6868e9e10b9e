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

/**
 * The ports of the default local network (one orderer, two peer orgs, one CA server per org),
 * each with what uses it. Every node has its own ports: Fabric's defaults all collide on 9443.
 */
export const defaultNetworkPorts: readonly { readonly port: number; readonly use: string }[] = [
    { port: 7050, use: 'orderer' },
    { port: 7053, use: 'orderer admin (osnadmin)' },
    { port: 9443, use: 'orderer operations' },
    { port: 7051, use: 'peer Org1' },
    { port: 7052, use: 'peer Org1 chaincode' },
    { port: 9444, use: 'peer Org1 operations' },
    { port: 9051, use: 'peer Org2' },
    { port: 9052, use: 'peer Org2 chaincode' },
    { port: 9445, use: 'peer Org2 operations' },
    { port: 7054, use: 'CA Org1' },
    { port: 8054, use: 'CA Org2' },
    { port: 9054, use: 'CA orderer org' },
    { port: 9999, use: 'chaincode service' },
];
