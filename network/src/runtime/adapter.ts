// SPDX-License-Identifier: Apache-2.0
//
// The runtime adapter: how one node of the start plan is started, checked, stopped and how its log
// is read. The orchestration (up.ts, Runner.ts, channels.ts, ops.ts) is written once against this
// interface; the native runtime runs processes on this machine, the Docker runtime containers.
import { ccaasBuilderDir, fabricConfigDir, requireBinary } from '../toolchain.js';
import type { ProcessPlan } from './plans.js';
import type { StartedProcess } from './processes.js';
import { isAlive, killProcess, startDetached, stopProcess } from './processes.js';

/** The runtimes `network up --runtime` knows. */
export type RuntimeKind = 'native' | 'docker';

export const runtimeKinds: readonly RuntimeKind[] = ['native', 'docker'];

/** One node to start: the plan entry with its placeholders already substituted. */
export interface NodeLaunch {
    readonly id: string;
    readonly kind: ProcessPlan['kind'];
    readonly organization: string;
    /** Binary name as the plan gives it (`peer`, `orderer`, `fabric-ca-server`, ...). */
    readonly binary: string;
    readonly args: readonly string[];
    readonly env: Readonly<Record<string, string>>;
    /** The log file of the node in the state directory. */
    readonly log: string;
    /** Working directory: the generated tree. */
    readonly cwd: string;
}

/** A chaincode server to run (the command the native supervisor would run). */
export interface ChaincodeServe {
    readonly id: string;
    /** The chaincode's name (its server image is also tagged by it). */
    readonly chaincode: string;
    /** The folder holding the server's TLS files (the generated tree), mounted into a container. */
    readonly mount: string;
    readonly organization: string;
    readonly file: string;
    readonly args: readonly string[];
    readonly env: Readonly<Record<string, string>>;
    readonly cwd: string;
    readonly log: string;
    /** host:port it listens on. */
    readonly address: string;
    readonly readyMs: number;
}

/** Starts, checks and stops nodes. */
export interface NodeRuntime {
    readonly kind: RuntimeKind;
    /** Values of the plan's runtime placeholders (`PRODUCTIVIST_FABRIC_CONFIG`, `PRODUCTIVIST_CCAAS_BUILDER`). */
    placeholders(home: string): Record<string, string>;
    start(launch: NodeLaunch): Promise<StartedProcess>;
    isRunning(started: StartedProcess): Promise<boolean>;
    /** Stops the node and releases what it holds (a container is removed). */
    stop(started: StartedProcess): Promise<void>;
    /** Kills the node with SIGKILL, as a crash would (a container is kept, stopped, for `stop` to remove). */
    kill(started: StartedProcess): Promise<void>;
    /** Brings the node's log file up to date (a container logs to its engine). */
    syncLog(started: StartedProcess): Promise<void>;
    /**
     * Runs a chaincode server under the runtime's own restart policy and resolves once it serves.
     * Absent: the native runtime runs chaincode servers under the kit's supervisor process.
     */
    serveChaincode?(server: ChaincodeServe): Promise<StartedProcess>;
}

/** Processes on this machine, detached, stopped by pid. */
export class NativeRuntime implements NodeRuntime {
    readonly kind = 'native';
    private readonly home: string;

    constructor(home: string) {
        this.home = home;
    }

    placeholders(home: string): Record<string, string> {
        return { PRODUCTIVIST_FABRIC_CONFIG: fabricConfigDir(home), PRODUCTIVIST_CCAAS_BUILDER: ccaasBuilderDir(home) };
    }

    start(launch: NodeLaunch): Promise<StartedProcess> {
        const binary = requireBinary(launch.binary as Parameters<typeof requireBinary>[0], this.home);
        return Promise.resolve(startDetached(launch.id, binary, launch.args, launch.env, launch.log, launch.cwd));
    }

    isRunning(started: StartedProcess): Promise<boolean> {
        return Promise.resolve(isAlive(started.pid));
    }

    stop(started: StartedProcess): Promise<void> {
        return stopProcess(started.pid);
    }

    kill(started: StartedProcess): Promise<void> {
        return killProcess(started.pid);
    }

    syncLog(): Promise<void> {
        return Promise.resolve();
    }
}
