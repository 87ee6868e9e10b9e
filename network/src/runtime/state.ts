// SPDX-License-Identifier: Apache-2.0
//
// The state directory of a network: the generated tree it runs, the secrets it made, the pids it
// started, the logs, and how far `up` got (enrolled, channels joined).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { NetworkError } from '../errors.js';
import type { ImageSource } from '../docker/images.js';
import type { RuntimeKind } from './adapter.js';
import type { StartedProcess } from './processes.js';

/** What network.json records. */
export interface NetworkRecord {
    readonly version: 1;
    readonly ecosystem: string;
    readonly source: string;
    enrolled: boolean;
    /** `channel` and `channel@node` entries done so far. */
    joined: string[];
    processes: StartedProcess[];
    /** How the nodes run; native when absent (records written before the Docker runtime). */
    runtime?: RuntimeKind;
    /** The engine socket of a Docker network. */
    dockerSocket?: string;
    /** The images of a Docker network: the kit's (local, when absent) or Fabric's official ones. */
    images?: ImageSource;
}

/** Paths of one state directory. */
export class StateDir {
    readonly root: string;

    constructor(root: string) {
        this.root = root;
    }

    get tree(): string {
        return join(this.root, 'tree');
    }

    get logs(): string {
        return join(this.root, 'logs');
    }

    log(id: string): string {
        return join(this.logs, `${id}.log`);
    }

    private get recordFile(): string {
        return join(this.root, 'network.json');
    }

    private get secretsFile(): string {
        return join(this.root, 'secrets.json');
    }

    /** Creates the folder, or refuses a path that is a file. */
    ensure(): void {
        if (existsSync(this.root) && !statSync(this.root).isDirectory()) {
            throw new NetworkError(`--state ${this.root} is a file, not a folder`, {
                code: 'STATE_NOT_DIR',
                exit: 'usage',
                hint: 'give --state a folder (new or used by a previous network up)',
            });
        }
        mkdirSync(this.logs, { recursive: true, mode: 0o700 });
    }

    exists(): boolean {
        return existsSync(this.recordFile);
    }

    read(): NetworkRecord | undefined {
        if (existsSync(this.root) && !statSync(this.root).isDirectory()) this.ensure();
        if (!existsSync(this.recordFile)) return undefined;
        try {
            return JSON.parse(readFileSync(this.recordFile, 'utf8')) as NetworkRecord;
        } catch (error) {
            throw new NetworkError(`${this.recordFile} is damaged: ${String(error)}`, {
                code: 'STATE_DAMAGED',
                exit: 'usage',
                hint: "stop what it lists by hand if anything runs, then 'network up --fresh'",
                cause: error,
            });
        }
    }

    write(record: NetworkRecord): void {
        const temp = `${this.recordFile}.tmp`;
        writeFileSync(temp, `${JSON.stringify(record, null, 2)}\n`);
        renameSync(temp, this.recordFile);
    }

    /** Secrets by environment-variable name; new names get a random secret, kept for later runs. */
    secrets(names: Iterable<string>): Record<string, string> {
        const known = existsSync(this.secretsFile)
            ? (JSON.parse(readFileSync(this.secretsFile, 'utf8')) as Record<string, string>)
            : {};
        let added = false;
        for (const name of names) {
            if (known[name] === undefined) {
                known[name] = randomBytes(16).toString('hex');
                added = true;
            }
        }
        if (added) writeFileSync(this.secretsFile, `${JSON.stringify(known, null, 2)}\n`, { mode: 0o600 });
        return known;
    }
}
