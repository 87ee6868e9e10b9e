// SPDX-License-Identifier: Apache-2.0
//
// The prodcontrol chaincode. fabric-chaincode-node loads `contracts` from this module; run directly, it starts
// as a chaincode-as-a-service server (see server.ts).
import type { Contract } from 'fabric-contract-api';

import { ProdcontrolContract } from '../prodcontrol/ProdcontrolContract.js';
import { startWhenMain } from './server.js';

export const contracts: (typeof Contract)[] = [ProdcontrolContract];

startWhenMain(module, 'prodcontrol', contracts);
