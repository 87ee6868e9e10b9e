// SPDX-License-Identifier: Apache-2.0
import { createServer } from 'node:net';
import type { Server } from 'node:net';

import { checkPorts, describeTaken, portHolders } from './portOwners.js';

async function listen(): Promise<{ server: Server; port: number }> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port: 0 }, resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    return { server, port: address.port };
}

describe('who holds a port', () => {
    it('names this process as the holder of a port it listens on, and nobody once it closed', async () => {
        const { server, port } = await listen();
        try {
            expect(portHolders(port)).toEqual([
                { pid: process.pid, command: expect.stringContaining('node') as string },
            ]);
            const [check] = await checkPorts([{ port, use: 'orderer0.x listen' }]);
            expect(check?.free).toBe(false);
            expect(describeTaken(check!)).toMatch(
                new RegExp(`^port ${port} \\(orderer0\\.x listen\\) is held by pid ${process.pid} \\(.*node`),
            );
        } finally {
            await new Promise((resolve) => server.close(resolve));
        }
        expect(portHolders(port)).toEqual([]);
        expect(await checkPorts([{ port, use: 'x' }])).toEqual([{ port, use: 'x', free: true, holders: [] }]);
    });

    it('a taken port whose holder cannot be seen is still reported as taken', () => {
        expect(describeTaken({ port: 1, use: 'ca.x listen', free: false, holders: [] })).toBe(
            'port 1 (ca.x listen) is held by a process this user cannot see',
        );
    });
});
