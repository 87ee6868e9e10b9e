// SPDX-License-Identifier: Apache-2.0
//
// The fault harness: a steady payment load and the books checked after a fault (see README,
// "Performance and reliability"). The peer, chaincode-server, event-listener and disk fault tests
// and the orderer fault tests (cli/src/realnet/faults.*.test.ts) all run on it.
export { countByCode, isDefinitiveRefusal, PaymentLoad } from './load.js';
export type { AttemptFailure, LoadSummary, PaymentLoadOptions, PaymentRequest, RequestState } from './load.js';
export { checkBooks, peersAgree, samePeerState, transfersByReference } from './books.js';
export type { Books, BooksOptions, PeerAgreement } from './books.js';
export { faultsProfile, loadProfile } from './profile.js';
export type { FaultsProfile, LoadProfile } from './profile.js';
export { faultsEcosystem, fundPayers } from './network.js';
export type { ChaincodeServers, FundedPayers, Ordering } from './network.js';
