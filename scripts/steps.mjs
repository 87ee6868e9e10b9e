// SPDX-License-Identifier: Apache-2.0
//
// Runs the long steps before the tests (Fabric CA binaries, TypeScript build, lint, format check)
// and says what each does and how long it has been running: a live line on a terminal, plain
// lines every 15 s otherwise (CI). A failing step prints its output and stops the run.
import { spawn } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const node = process.execPath;
/** The script behind a tool of node_modules/.bin, run with this node. */
const bin = (name) => realpathSync(join(root, 'node_modules', '.bin', name));

/** [title, command, args, filter of output lines worth showing as progress] */
const steps = [
    [
        'Fabric and Fabric CA binaries (built with Go on the first run, then cached in ~/.cache/productivist)',
        'bash',
        ['scripts/install-fabric.sh'],
        () => true,
    ],
    [
        'TypeScript build of every package (tsc -b)',
        node,
        [bin('tsc'), '-b', '--verbose'],
        (line) => /Building project/.test(line),
    ],
    ['lint (eslint, type-checked rules)', node, [bin('eslint'), '--max-warnings', '0', '.'], () => false],
    ['format check (prettier)', node, [bin('prettier'), '--check', '.'], () => false],
];

const tty = process.stdout.isTTY === true && process.env['CI'] === undefined;
const seconds = (start) => ((Date.now() - start) / 1000).toFixed(1);

function shorten(line) {
    const project = /Building project '([^']+)'/.exec(line);
    return project ? `building ${project[1].replace(`${root}/`, '').replace(/\/tsconfig(\.\w+)?\.json$/, '')}` : line;
}

function run([title, command, args, progress], index) {
    const label = `[${index + 1}/${steps.length}] ${title}`;
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
        tty ? 200 : 15_000,
    );
    const output = [];
    return new Promise((resolve) => {
        const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
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

for (const [index, step] of steps.entries()) {
    const code = await run(step, index);
    if (code !== 0) process.exit(code);
}
