// SPDX-License-Identifier: Apache-2.0
//
// Who holds a TCP port: the listening socket's inode from /proc/net/tcp(6), then the process whose
// /proc/<pid>/fd links to that socket. Processes of other users cannot be read; then only the port
// is known to be taken.
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';

import { isPortFree } from '../ports.js';

/** A process holding a port. */
export interface PortHolder {
    readonly pid: number;
    readonly command: string;
}

const listenState = '0A';

function listeningInodes(port: number): Set<string> {
    const inodes = new Set<string>();
    for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
        let text: string;
        try {
            text = readFileSync(table, 'utf8');
        } catch {
            continue;
        }
        for (const line of text.split('\n').slice(1)) {
            const fields = line.trim().split(/\s+/);
            const local = fields[1];
            const state = fields[3];
            const inode = fields[9];
            if (local === undefined || state !== listenState || inode === undefined) continue;
            const hexPort = local.split(':')[1];
            if (hexPort !== undefined && Number.parseInt(hexPort, 16) === port) inodes.add(inode);
        }
    }
    return inodes;
}

function commandOf(pid: number): string {
    try {
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
            .split('\0')
            .filter((part) => part !== '');
        if (cmdline.length > 0) return cmdline.join(' ').slice(0, 200);
    } catch {
        // fall through
    }
    try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    } catch {
        return '?';
    }
}

/** The processes listening on `port` (any address), as far as /proc lets us see. */
export function portHolders(port: number): PortHolder[] {
    const inodes = listeningInodes(port);
    if (inodes.size === 0) return [];
    const holders: PortHolder[] = [];
    let pids: string[];
    try {
        pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
    } catch {
        return [];
    }
    for (const pid of pids) {
        let fds: string[];
        try {
            fds = readdirSync(`/proc/${pid}/fd`);
        } catch {
            continue;
        }
        for (const fd of fds) {
            let target: string;
            try {
                target = readlinkSync(`/proc/${pid}/fd/${fd}`);
            } catch {
                continue;
            }
            const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
            if (inode !== undefined && inodes.has(inode)) {
                holders.push({ pid: Number(pid), command: commandOf(Number(pid)) });
                break;
            }
        }
    }
    return holders;
}

/** One port of a plan checked on 127.0.0.1. */
export interface PortCheck {
    readonly port: number;
    readonly use: string;
    readonly free: boolean;
    readonly holders: readonly PortHolder[];
}

/** Checks each port; for a taken one, names the holding processes. */
export async function checkPorts(
    ports: readonly { readonly port: number; readonly use: string }[],
): Promise<PortCheck[]> {
    return Promise.all(
        ports.map(async ({ port, use }) => {
            const free = await isPortFree(port);
            return { port, use, free, holders: free ? [] : portHolders(port) };
        }),
    );
}

/** `7050 (ca.productivist listen) is held by pid 123 (nc -l 7050)`. */
export function describeTaken(check: PortCheck): string {
    const who =
        check.holders.length === 0
            ? 'by a process this user cannot see'
            : check.holders.map((holder) => `by pid ${holder.pid} (${holder.command})`).join(', ');
    return `port ${check.port} (${check.use}) is held ${who}`;
}
