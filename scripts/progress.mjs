// SPDX-License-Identifier: Apache-2.0
//
// Runs long steps one after another and says what each does and how long it has been running: a
// live line on a terminal, plain lines otherwise (every 15 s, or PRODUCTIVIST_PROGRESS_MS). A
// failing step prints its output and stops the run with its exit code.
import { spawn } from 'node:child_process';

const heartbeatMs = Number(process.env['PRODUCTIVIST_PROGRESS_MS'] ?? '15000');
let cwd = process.cwd();
let root = cwd;

const tty = process.stdout.isTTY === true && process.env['CI'] === undefined;
const seconds = (start) => ((Date.now() - start) / 1000).toFixed(1);

function shorten(line) {
    const project = /Building project '([^']+)'/.exec(line);
    return project ? `building ${project[1].replace(`${root}/`, '').replace(/\/tsconfig(\.\w+)?\.json$/, '')}` : line;
}

function runStep([title, command, args, progress], index, total) {
    const label = `[${index + 1}/${total}] ${title}`;
    const start = Date.now();
    let status = '';
    const frames = ['|', '/', '-', '\\'];
    let frame = 0;
    const draw = () => {
        if (tty)
            process.stdout.write(
                `\r\x1b[2K${label} ${frames[frame++ % 4]} ${seconds(start)} s${status ? ` (${status})` : ''}`,
            );
    };
    const say = (text) => {
        if (tty) process.stdout.write('\r\x1b[2K');
        process.stdout.write(`${text}\n`);
        draw();
    };
    if (!tty) say(`${label}: started`);
    const timer = setInterval(
        tty ? draw : () => say(`${label}: still running, ${seconds(start)} s${status ? ` (${status})` : ''}`),
        tty ? 200 : heartbeatMs,
    );
    const output = [];
    return new Promise((resolve) => {
        const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
        const onData = (chunk) => {
            for (const line of chunk.toString().split('\n')) {
                if (line.trim() === '') continue;
                output.push(line);
                if (progress(line)) {
                    status = shorten(line.replace(/^\[[^\]]*\]\s*/, ''));
                    if (!tty) say(`  ${status}`);
                }
            }
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        child.on('close', (code) => {
            clearInterval(timer);
            if (tty) process.stdout.write('\r\x1b[2K');
            if (code === 0) {
                process.stdout.write(`${label}: done in ${seconds(start)} s\n`);
            } else {
                process.stdout.write(
                    `${label}: failed after ${seconds(start)} s (exit ${code})\n${output.join('\n')}\n`,
                );
            }
            resolve(code ?? 1);
        });
    });
}

/**
 * Runs `steps` ([title, command, args, which output lines show progress]) in `directory`; exits the
 * process with the first failing step's code.
 */
export async function runSteps(steps, directory) {
    cwd = directory;
    root = directory;
    for (const [index, step] of steps.entries()) {
        const code = await runStep(step, index, steps.length);
        if (code !== 0) process.exit(code);
    }
}
