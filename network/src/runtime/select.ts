// SPDX-License-Identifier: Apache-2.0
//
// Which runtime adapter runs a network: the one its record names (native by default).
import { DockerRuntime } from '../docker/DockerRuntime.js';
import { connectEngine, engineSocket } from '../docker/engine.js';
import type { ImageSource } from '../docker/images.js';
import type { NodeRuntime, RuntimeKind } from './adapter.js';
import { NativeRuntime } from './adapter.js';
import type { NetworkRecord } from './state.js';

/** Options of {@link openRuntime}. */
export interface RuntimeChoice {
    readonly kind: RuntimeKind;
    /** The engine socket of the Docker runtime (default: PRODUCTIVIST_DOCKER_HOST, DOCKER_HOST, the kit's engine). */
    readonly dockerSocket?: string;
    readonly progress?: (line: string) => void;
    /** The Docker runtime's images: built here from the pinned binaries (default) or Fabric's official ones. */
    readonly images?: ImageSource;
}

/** The adapter of a runtime for the network in `stateRoot`; the Docker one fails clearly without an engine. */
export async function openRuntime(
    choice: RuntimeChoice,
    stateRoot: string,
    ecosystem: string,
    home: string,
): Promise<NodeRuntime> {
    if (choice.kind === 'native') return new NativeRuntime(home);
    const socket = choice.dockerSocket ?? engineSocket();
    const docker = await connectEngine(socket);
    return new DockerRuntime(docker, stateRoot, ecosystem, home, choice.progress, choice.images);
}

/** The adapter of a recorded network. */
export function runtimeOfRecord(record: NetworkRecord, stateRoot: string, home: string): Promise<NodeRuntime> {
    return openRuntime(
        {
            kind: record.runtime ?? 'native',
            dockerSocket: record.dockerSocket,
            ...(record.images === undefined ? {} : { images: record.images }),
        },
        stateRoot,
        record.ecosystem,
        home,
    );
}
