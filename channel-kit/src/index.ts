// SPDX-License-Identifier: Apache-2.0
export { buildProgram, kitVersion } from './cli/program.js';
export { runCli } from './cli/run.js';
