// SPDX-License-Identifier: Apache-2.0
export { buildProgram, kitVersion } from './program.js';
export { runCli } from './run.js';
