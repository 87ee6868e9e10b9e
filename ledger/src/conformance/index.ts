// SPDX-License-Identifier: Apache-2.0
//
// The conformance suite (`@productivist/ledger/conformance`): the cases, the backend they run on,
// the embedded backend and the chaincode they call.
export { conformanceCases } from './cases.js';
export type { ConformanceBackend, ConformanceCase } from './cases.js';
export { createEmbeddedConformanceBackend } from './embeddedBackend.js';
export { ConformanceContract } from './ConformanceContract.js';
