// SPDX-License-Identifier: Apache-2.0
//
// The conformance chaincode as a peer runs it: fabric-chaincode-node loads `contracts` from this
// module (ledger/conformance-chaincode/package.json names it as its main), so the same contract the
// embedded backend runs in-process is deployed by path on a real network.
import type { Contract } from 'fabric-contract-api';

import { ConformanceContract } from './ConformanceContract.js';

export const contracts: (typeof Contract)[] = [ConformanceContract];
