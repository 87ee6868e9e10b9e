// SPDX-License-Identifier: Apache-2.0
export { ExitCode, KitError, catchError, isKitError } from './errors.js';
export type { ExitCodeName, KitErrorOptions } from './errors.js';
export type { CliIo, CommandRegistrar } from './cli.js';
export { CredentialStore } from './CredentialStore.js';
export type { Credential, CredentialSummary } from './CredentialStore.js';
