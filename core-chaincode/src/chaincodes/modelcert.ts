// SPDX-License-Identifier: Apache-2.0
//
// The modelcert chaincode. fabric-chaincode-node loads `contracts` from this module; run directly, it starts
// as a chaincode-as-a-service server (see server.ts).
import type { Contract } from 'fabric-contract-api';

import { ModelcertContract } from '../modelcert/ModelcertContract.js';
import { startWhenMain } from './server.js';

export const contracts: (typeof Contract)[] = [ModelcertContract];

startWhenMain(module, 'modelcert', contracts);
