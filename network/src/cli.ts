// SPDX-License-Identifier: Apache-2.0
import type { CommandRegistrar } from '@productivist/common';
import type { Command } from 'commander';

import { NetworkError } from './errors.js';
import { defaultNetworkPorts, isPortFree } from './ports.js';
import { fabricHome, inspectToolchain } from './toolchain.js';

/** Registers `productivist doctor`. */
export const registerNetworkCommands: CommandRegistrar = (program: Command, io) => {
    program
        .command('doctor')
        .description('Report the pinned Fabric binaries (path, version) and whether the default network ports are free')
        .option('--json', 'print the report as JSON')
        .action(async (options: { json?: boolean }) => {
            const home = fabricHome();
            const binaries = await inspectToolchain(home);
            const ports = await Promise.all(
                defaultNetworkPorts.map(async (entry) => ({ ...entry, free: await isPortFree(entry.port) })),
            );
            if (options.json === true) {
                io.out(JSON.stringify({ home, binaries, ports }, null, 2));
            } else {
                io.out(`Fabric cache: ${home}`);
                for (const binary of binaries) {
                    const state = binary.problem === undefined ? `ok ${binary.version ?? ''}` : binary.problem;
                    io.out(
                        `  ${binary.name.padEnd(17)} ${state.padEnd(28)} ${binary.installed ? binary.path : ''}`.trimEnd(),
                    );
                }
                io.out('Ports on 127.0.0.1 for the default network:');
                for (const port of ports) {
                    io.out(`  ${String(port.port).padEnd(6)} ${(port.free ? 'free' : 'IN USE').padEnd(7)} ${port.use}`);
                }
            }
            const broken = binaries.filter((binary) => binary.problem !== undefined).length;
            const busy = ports.filter((port) => !port.free).length;
            if (broken > 0 || busy > 0) {
                throw new NetworkError(`doctor found ${broken} binary problem(s) and ${busy} port(s) in use`, {
                    code: 'DOCTOR_PROBLEMS',
                    exit: 'environment',
                    hint: "install the binaries with 'bash scripts/install-fabric.sh'; stop whatever holds the ports",
                });
            }
        });
};
