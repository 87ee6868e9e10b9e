// SPDX-License-Identifier: Apache-2.0
//
// `productivist doctor` and the `productivist network` group (up, down, status, logs, restart).
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

import type { CliIo, CommandRegistrar } from '@productivist/common';
import type { Command } from 'commander';

import { NetworkError } from './errors.js';
import { registerMemberCommands, registerOrgCommands, registerRoleCommands } from './onboarding/cli.js';
import type { EcosystemEditor } from './onboarding/context.js';
import { runBinary } from './exec.js';
import { deployNetworkChaincode } from './lifecycle/command.js';
import { loadTree, planPorts, sharedPorts } from './runtime/plans.js';
import { checkPorts, describeTaken } from './runtime/portOwners.js';
import { networkDown, networkStatus, nodeLog, restartNode, stopNode } from './runtime/ops.js';
import { networkUp } from './runtime/up.js';
import { createIndustrialChannels } from './onboarding/channelCreate.js';
import type { RuntimeKind } from './runtime/adapter.js';
import { runtimeKinds } from './runtime/adapter.js';
import { enginePid, engineSocket, kitEngineDir, socketOf, startEngine, stopEngine } from './docker/engine.js';
import { connectEngine } from './docker/engine.js';
import type { ImageSource } from './docker/images.js';
import { ensureFabricImages, imageSources } from './docker/images.js';
import { binaryOrigin, ccaasBuilderDir, fabricHome, inspectToolchain } from './toolchain.js';

/** What the CLI composition gives the network commands: the generator, called as data in, files out. */
export interface NetworkCommandOptions {
    /**
     * Generates the tree of an ecosystem file into a folder; `publicNetwork` is the state folder of
     * the public network an industrial ecosystem's `publicNetwork` links to.
     */
    readonly generate?: (file: string, outDir: string, publicNetwork?: string) => void;
    /** The channel kit's ecosystem editor, for onboarding (`org add`). */
    readonly editor?: EcosystemEditor;
}

/** The public example beside this package (the default of `network up`). */
export function defaultEcosystem(): string {
    return join(__dirname, '..', '..', 'examples', 'productivist.yaml');
}

const defaultState = join('.productivist', 'network');

/** One check of `doctor`. */
interface Check {
    readonly name: string;
    readonly ok: boolean;
    readonly detail: string;
}

async function toolCheck(name: string, file: string, args: readonly string[]): Promise<Check> {
    try {
        const { stdout } = await runBinary(file, args, { timeoutMs: 15_000 });
        return { name, ok: true, detail: stdout.split('\n')[0] ?? '' };
    } catch (error) {
        return {
            name,
            ok: false,
            detail: error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error),
        };
    }
}

function registerDoctor(program: Command, io: CliIo): void {
    program
        .command('doctor')
        .description(
            'Check Node, Go, the build, the pinned Fabric binaries (and where they came from) and the ports of a plan',
        )
        .option('--plan <dir>', 'a generated tree: check that each port of its start plan is free')
        .option(
            '--beside <dir>',
            "with --plan: a generated tree or a network's state folder the plan's network runs beside; check that they share no port",
        )
        .option('--json', 'print the report as JSON')
        .action(async (options: { json?: boolean; plan?: string; beside?: string }) => {
            const home = fabricHome();
            const built = join(__dirname, '..', 'dist', 'index.js');
            const [major = 0] = process.versions.node.split('.').map(Number);
            const checks: Check[] = [
                {
                    name: 'node',
                    ok: major >= 20,
                    detail: `Node ${process.versions.node}${major >= 20 ? '' : ' (need 20 or newer)'}`,
                },
                await toolCheck('go', 'go', ['version']),
                {
                    name: 'build',
                    ok: existsSync(built),
                    detail: existsSync(built) ? `built (${dirname(built)})` : `${built} missing: run 'npm run build'`,
                },
            ];
            const binaries = await inspectToolchain(home);
            const origins = { fabric: binaryOrigin('fabric', home), ca: binaryOrigin('ca', home) };
            const builder = join(ccaasBuilderDir(home), 'bin', 'detect');
            checks.push({
                name: 'ccaas builder',
                ok: existsSync(builder),
                detail: existsSync(builder) ? ccaasBuilderDir(home) : `missing at ${ccaasBuilderDir(home)}`,
            });
            let ports: Awaited<ReturnType<typeof checkPorts>> = [];
            if (options.plan !== undefined) {
                const plan = loadTree(resolve(io.cwd, options.plan)).start;
                ports = await checkPorts(planPorts(plan));
                if (options.beside !== undefined) {
                    const beside = resolve(io.cwd, options.beside);
                    const other = loadTree(existsSync(join(beside, 'start-plan.json')) ? beside : join(beside, 'tree'));
                    const shared = sharedPorts(plan, other.start);
                    checks.push({
                        name: 'ports beside',
                        ok: shared.length === 0,
                        detail:
                            shared.length === 0
                                ? `${plan.ecosystem} shares no port with ${other.start.ecosystem}`
                                : `${plan.ecosystem} shares ${shared.length} port(s) with ${other.start.ecosystem}: ${shared.join('; ')}`,
                    });
                }
            }
            const broken = binaries.filter((binary) => binary.problem !== undefined);
            const taken = ports.filter((port) => !port.free);
            const failed = checks.filter((check) => !check.ok);
            if (options.json === true) {
                io.out(JSON.stringify({ home, checks, binaries, origins, ports }, null, 2));
            } else {
                for (const check of checks)
                    io.out(`${check.ok ? 'ok ' : 'BAD'} ${check.name.padEnd(14)} ${check.detail}`);
                io.out(`Fabric cache: ${home}`);
                io.out(`  Fabric from: ${origins.fabric ?? 'unknown (not installed by scripts/install-fabric.sh)'}`);
                io.out(`  Fabric CA from: ${origins.ca ?? 'unknown (not installed by scripts/install-fabric.sh)'}`);
                for (const binary of binaries) {
                    const status = binary.problem === undefined ? `ok ${binary.version ?? ''}` : binary.problem;
                    io.out(
                        `  ${binary.name.padEnd(17)} ${status.padEnd(28)} ${binary.installed ? binary.path : ''}`.trimEnd(),
                    );
                }
                if (options.plan !== undefined) {
                    io.out(`Ports of ${options.plan} on 127.0.0.1:`);
                    for (const port of ports) {
                        io.out(
                            port.free
                                ? `  ${String(port.port).padEnd(6)} free    ${port.use}`
                                : `  ${describeTaken(port)}`,
                        );
                    }
                }
            }
            if (broken.length > 0 || taken.length > 0 || failed.length > 0) {
                throw new NetworkError(
                    `doctor found ${failed.length + broken.length} problem(s) and ${taken.length} port(s) in use`,
                    {
                        code: 'DOCTOR_PROBLEMS',
                        exit: 'environment',
                        hint: "install the binaries with 'bash scripts/install-fabric.sh'; stop whatever holds the ports",
                    },
                );
            }
        });
}

function followLog(io: CliIo, log: string): Promise<void> {
    return new Promise((resolvePromise) => {
        let offset = 0;
        const buffer = Buffer.alloc(64 * 1024);
        const drain = (): void => {
            const size = statSync(log).size;
            if (size < offset) offset = 0;
            if (size === offset) return;
            const fd = openSync(log, 'r');
            try {
                let read = 0;
                let text = '';
                while ((read = readSync(fd, buffer, 0, buffer.length, offset)) > 0) {
                    offset += read;
                    text += buffer.subarray(0, read).toString('utf8');
                }
                io.out(text.replace(/\n$/, ''));
            } finally {
                closeSync(fd);
            }
        };
        drain();
        const timer = setInterval(drain, 250);
        process.once('SIGINT', () => {
            clearInterval(timer);
            resolvePromise();
        });
    });
}

function registerEngine(program: Command, io: CliIo): void {
    const engine = program
        .command('engine')
        .description("The kit's own Docker engine for 'network up --runtime docker' (its own socket and data folder)");
    engine
        .command('start')
        .description('start dockerd with its own data dir and socket (as root), unless it already answers')
        .option('--install', "install Debian's docker.io with apt-get when dockerd is missing (root)")
        .action(async (flags: { install?: boolean }) => {
            const result = await startEngine(kitEngineDir(), { install: flags.install === true, progress: io.out });
            io.out(
                result.started
                    ? `engine started (pid ${String(result.pid)}) in ${(result.elapsedMs / 1000).toFixed(1)} s; socket ${result.socket}`
                    : `engine already running; socket ${result.socket}`,
            );
        });
    engine
        .command('stop')
        .description("stop the kit's own engine by its recorded pid (its containers stop with it)")
        .action(async () => {
            io.out((await stopEngine(kitEngineDir())) ? 'engine stopped' : "the kit's engine was not running");
        });
    engine
        .command('images')
        .description(
            'build (or find) the images of the docker runtime from the pinned binaries: ca, orderer, peer, tools',
        )
        .action(async () => {
            const socket = engineSocket();
            const docker = await connectEngine(socket);
            const begin = Date.now();
            const tags = await ensureFabricImages(docker, fabricHome(), join(kitEngineDir(), 'images'), io.out, [
                'ca',
                'orderer',
                'peer',
                'tools',
            ]);
            for (const [role, tag] of Object.entries(tags)) {
                // The alias (the tag without its content hash) is what generate's compose.yaml names.
                io.out(`${role.padEnd(8)} ${tag}  (also ${tag.replace(/-[0-9a-f]{12}$/, '')})`);
            }
            io.out(`images ready in ${((Date.now() - begin) / 1000).toFixed(1)} s`);
        });
    engine
        .command('status')
        .description('which engine the docker runtime uses and whether it answers')
        .action(async () => {
            const socket = engineSocket();
            const docker = await connectEngine(socket);
            const version = await docker.version();
            const pid = enginePid(kitEngineDir());
            io.out(`engine ${version.Version} at ${socket}${pid === undefined ? '' : ` (kit engine, pid ${pid})`}`);
        });
}

/** The default state folder of an industrial ecosystem's channels: .productivist/channels/<file name>. */
function channelState(io: CliIo, file: string, state: string | undefined): string {
    return resolve(io.cwd, state ?? join('.productivist', 'channels', basename(file).replace(/\.ya?ml$/i, '')));
}

/** `channel create` and `channel down`: an industrial ecosystem's private channels beside the public network. */
function registerChannelCommands(program: Command, io: CliIo, options: Readonly<NetworkCommandOptions>): void {
    const channel = program
        .command('channel')
        .description("An industrial ecosystem's private channels beside the running public network");
    channel
        .command('create')
        .description(
            "bring up an industrial ecosystem's CAs, orderers and peers, create its private channels, onboard its organizations to the public channel and join its peers there",
        )
        .argument('<file>', 'the industrial ecosystem YAML file (it links to the public network with publicNetwork)')
        .requiredOption('--public <dir>', '(required) state folder of the running public network')
        .option(
            '--state <dir>',
            'state folder of the industrial ecosystem (default: .productivist/channels/<file name>)',
        )
        .action(async (file: string, flags: { public: string; state?: string }) => {
            const { generate, editor } = options;
            if (generate === undefined || editor === undefined) {
                throw new NetworkError('channel create needs the generator and the ecosystem editor', {
                    code: 'SOURCE_NOT_TREE',
                    exit: 'usage',
                    hint: 'run it through the productivist CLI',
                });
            }
            const state = channelState(io, file, flags.state);
            const result = await createIndustrialChannels({
                file: resolve(io.cwd, file),
                publicState: resolve(io.cwd, flags.public),
                state,
                fabricHome: fabricHome(),
                generate: (source, outDir, publicNetwork) => {
                    generate(source, outDir, publicNetwork);
                },
                editor,
                progress: io.out,
            });
            io.out(
                `${result.up.alreadyRunning ? 'already running' : 'up'}; on channel ${result.publicChannel ?? '(none)'}: ${result.onboarded.length} organization(s) onboarded, ${result.joined.length} peer(s) joined now; state in ${state}`,
            );
        });
    channel
        .command('down')
        .description('stop what channel create started (the public network keeps running)')
        .argument('<file>', 'the industrial ecosystem YAML file')
        .option(
            '--state <dir>',
            'state folder of the industrial ecosystem (default: .productivist/channels/<file name>)',
        )
        .action(async (file: string, flags: { state?: string }) => {
            const state = channelState(io, file, flags.state);
            const result = await networkDown(state, fabricHome());
            io.out(
                result.wasRunning
                    ? `stopped ${result.stopped.length} processes of ${state}`
                    : `nothing runs in ${state}; nothing to stop`,
            );
        });
}

/** Registers `doctor` and the `network` group; the CLI composition passes the generator. */
export function networkCommands(options: Readonly<NetworkCommandOptions> = {}): CommandRegistrar {
    return (program: Command, io: CliIo) => {
        registerDoctor(program, io);
        registerEngine(program, io);
        registerChannelCommands(program, io, options);
        const network = program
            .command('network')
            .description('Run a generated ecosystem as real Fabric processes on 127.0.0.1');
        const stateOf = (value: string | undefined): string => resolve(io.cwd, value ?? defaultState);
        const generate = options.generate;
        network
            .command('up')
            .description('start CAs, enroll every identity, start orderers and peers, join every channel')
            .argument('[source]', 'ecosystem YAML file or generated folder (default: examples/productivist.yaml)')
            .option('--state <dir>', `state folder (default: ${defaultState})`)
            .option('--fresh', 'stop what runs and wipe the state folder first')
            .option(
                '--ordering-state <dir>',
                'state folder of the running network whose orderers this ecosystem imports (they join its channels)',
            )
            .option('--runtime <kind>', 'native (processes on this machine, the default) or docker (containers)')
            .option(
                '--docker-host <socket>',
                "engine of the docker runtime (default: PRODUCTIVIST_DOCKER_HOST, DOCKER_HOST, the kit's engine)",
            )
            .option(
                '--images <source>',
                'docker runtime images: local (built here from the pinned binaries, the default) or official (hyperledger/fabric-* of the same version)',
            )
            .option(
                '--exchange <dir>',
                "a bundle's exchange folder: certificates and channel blocks between bundles (default: <tree>/exchange)",
            )
            .option('--wait <seconds>', "how long a bundle waits for the other bundles' files (default: 600)")
            .action(
                async (
                    source: string | undefined,
                    flags: {
                        exchange?: string;
                        wait?: string;
                        state?: string;
                        fresh?: boolean;
                        orderingState?: string;
                        runtime?: string;
                        dockerHost?: string;
                        images?: string;
                    },
                ) => {
                    const runtime = flags.runtime;
                    if (runtime !== undefined && !runtimeKinds.includes(runtime as RuntimeKind)) {
                        throw new NetworkError(`--runtime ${runtime} is not a runtime`, {
                            code: 'RUNTIME_UNKNOWN',
                            exit: 'usage',
                            hint: `give one of: ${runtimeKinds.join(', ')}`,
                        });
                    }
                    const images = flags.images;
                    if (images !== undefined && !imageSources.includes(images as ImageSource)) {
                        throw new NetworkError(`--images ${images} is not an image source`, {
                            code: 'IMAGES_UNKNOWN',
                            exit: 'usage',
                            hint: `give one of: ${imageSources.join(', ')}`,
                        });
                    }
                    if (images !== undefined && runtime !== 'docker') {
                        throw new NetworkError('--images is an option of the docker runtime', {
                            code: 'IMAGES_WITHOUT_DOCKER',
                            exit: 'usage',
                            hint: 'add --runtime docker, or leave --images out',
                        });
                    }
                    const wait = flags.wait === undefined ? undefined : Number(flags.wait);
                    if (wait !== undefined && !(Number.isFinite(wait) && wait > 0)) {
                        throw new NetworkError(`--wait ${flags.wait ?? ''} is not a number of seconds`, {
                            code: 'USAGE',
                            exit: 'usage',
                            hint: 'give a positive number of seconds, e.g. --wait 900',
                        });
                    }
                    const result = await networkUp({
                        ...(flags.exchange === undefined ? {} : { exchange: resolve(io.cwd, flags.exchange) }),
                        ...(wait === undefined ? {} : { waitMs: wait * 1000 }),
                        ...(runtime === undefined ? {} : { runtime: runtime as RuntimeKind }),
                        ...(images === undefined ? {} : { images: images as ImageSource }),
                        ...(flags.dockerHost === undefined ? {} : { dockerSocket: socketOf(flags.dockerHost) }),
                        source: source === undefined ? defaultEcosystem() : resolve(io.cwd, source),
                        state: stateOf(flags.state),
                        fresh: flags.fresh === true,
                        ...(generate === undefined
                            ? {}
                            : {
                                  generate: (file: string, outDir: string) => {
                                      generate(
                                          file,
                                          outDir,
                                          flags.orderingState === undefined
                                              ? undefined
                                              : resolve(io.cwd, flags.orderingState),
                                      );
                                  },
                              }),
                        fabricHome: fabricHome(),
                        progress: io.out,
                        ...(flags.orderingState === undefined
                            ? {}
                            : { orderingState: resolve(io.cwd, flags.orderingState) }),
                    });
                    if (result.alreadyRunning) {
                        io.out(
                            `the network in ${stateOf(flags.state)} is already running (${result.processes.length} processes); nothing done`,
                        );
                    } else {
                        io.out(`up in ${(result.elapsedMs / 1000).toFixed(1)} s; state in ${stateOf(flags.state)}`);
                    }
                },
            );
        network
            .command('deploy')
            .description(
                'deploy a chaincode on a running network: install, approve, commit, start its TLS server (changed code: next sequence)',
            )
            .argument(
                '<chaincode>',
                'a core contract (productoken, modelcert, prodcontrol, qualitycheck) or a Node chaincode project folder',
            )
            .option('--network <dir>', `state folder of the running network (default: ${defaultState})`)
            .option('--state <dir>', 'the same as --network')
            .option('--channel <name>', 'channel (default: the one whose definitions declare it, else the first)')
            .option('--name <name>', "chaincode name (default: the contract's, or the project's package name)")
            .action(
                async (
                    chaincode: string,
                    flags: { network?: string; state?: string; channel?: string; name?: string },
                ) => {
                    const result = await deployNetworkChaincode({
                        state: stateOf(flags.network ?? flags.state),
                        chaincode,
                        ...(flags.channel === undefined ? {} : { channel: flags.channel }),
                        ...(flags.name === undefined ? {} : { name: flags.name }),
                        fabricHome: fabricHome(),
                        cwd: io.cwd,
                        progress: io.out,
                    });
                    const { record } = result;
                    io.out(
                        result.outcome === 'unchanged'
                            ? `${record.name} on ${record.channel}: already committed with this code (version ${record.version}, sequence ${record.sequence}); server ${record.server} pid ${result.serverPid}`
                            : `${record.name} on ${record.channel}: version ${record.version}, sequence ${record.sequence} committed; package ${record.packageId}; server ${record.server} at ${record.address} (pid ${result.serverPid})`,
                    );
                },
            );
        network
            .command('down')
            .description('stop every process the network started and check that its ports are free')
            .option('--state <dir>', `state folder (default: ${defaultState})`)
            .action(async (flags: { state?: string }) => {
                const result = await networkDown(stateOf(flags.state), fabricHome());
                io.out(
                    result.wasRunning
                        ? `stopped ${result.stopped.length} processes; every port of the plan is free`
                        : `nothing runs in ${stateOf(flags.state)}; nothing to stop`,
                );
            });
        network
            .command('status')
            .description('every node (pid, health, ports), channel heights per peer, the Raft leader')
            .option('--state <dir>', `state folder (default: ${defaultState})`)
            .option('--json', 'print as JSON')
            .action(async (flags: { state?: string; json?: boolean }) => {
                const status = await networkStatus(stateOf(flags.state), fabricHome());
                if (flags.json === true) {
                    io.out(JSON.stringify(status, null, 2));
                    return;
                }
                io.out(`${status.ecosystem} (${status.state})`);
                for (const node of status.nodes) {
                    const health = node.running ? (node.healthy ? 'healthy' : 'UNHEALTHY') : 'DOWN';
                    const where = node.container === undefined ? '' : ` ${node.container}`;
                    const ports = Object.entries(node.ports)
                        .map(([name, port]) => `${name} ${port}`)
                        .join(', ');
                    io.out(
                        `  ${node.id.padEnd(28)} ${health.padEnd(9)} pid ${String(node.pid ?? '-').padEnd(8)} ${ports}${where}`,
                    );
                }
                for (const server of status.chaincodes) {
                    const health = server.running ? 'serving' : 'DOWN';
                    io.out(
                        `  ${server.id.padEnd(28)} ${health.padEnd(9)} pid ${String(server.pid ?? '-').padEnd(8)} ${server.address}, ${server.restarts} restart(s)`,
                    );
                }
                for (const [channel, peers] of Object.entries(status.heights)) {
                    const list = Object.entries(peers)
                        .map(([peer, height]) => `${peer}=${height ?? '?'}`)
                        .join(' ');
                    io.out(`  channel ${channel}: leader ${status.leaders[channel] ?? '?'}; heights ${list}`);
                }
            });
        network
            .command('logs')
            .description('print the log of a node')
            .argument('<node>', 'node id, e.g. orderer0.productivist')
            .option('--state <dir>', `state folder (default: ${defaultState})`)
            .option('-f, --follow', 'keep printing new lines until Ctrl-C')
            .action(async (id: string, flags: { state?: string; follow?: boolean }) => {
                const log = await nodeLog(stateOf(flags.state), id, fabricHome());
                if (flags.follow === true) {
                    await followLog(io, log);
                } else {
                    io.out(readFileSync(log, 'utf8').replace(/\n$/, ''));
                }
            });
        network
            .command('stop')
            .description('stop one node of a running network (restart brings it back)')
            .argument('<node>', 'node id, e.g. orderer1.productivist')
            .option('--state <dir>', `state folder (default: ${defaultState})`)
            .action(async (id: string, flags: { state?: string }) => {
                const stopped = await stopNode(stateOf(flags.state), id, fabricHome());
                io.out(stopped ? `${id} stopped` : `${id} was not running`);
            });
        network
            .command('restart')
            .description('stop a node if it runs and start it again (a killed orderer or peer comes back)')
            .argument('<node>', 'node id, e.g. orderer1.productivist')
            .option('--state <dir>', `state folder (default: ${defaultState})`)
            .action(async (id: string, flags: { state?: string }) => {
                const started = await restartNode(stateOf(flags.state), id, fabricHome(), io.out);
                io.out(`${id} restarted (pid ${started.pid})`);
            });
        registerOrgCommands(program, io, options.editor);
        registerMemberCommands(program, io);
        registerRoleCommands(program, io);
    };
}

/** `doctor` and `network` without a generator (network up then takes generated folders only). */
export const registerNetworkCommands: CommandRegistrar = networkCommands();
