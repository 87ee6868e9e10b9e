// SPDX-License-Identifier: Apache-2.0
//
// The qualitycheck chaincode. fabric-chaincode-node loads `contracts` from this module; run directly, it starts
// as a chaincode-as-a-service server (see server.ts).
import type { Contract } from 'fabric-contract-api';

import { QualitycheckContract } from '../qualitycheck/QualitycheckContract.js';
import { startWhenMain } from './server.js';

export const contracts: (typeof Contract)[] = [QualitycheckContract];

startWhenMain(module, 'qualitycheck', contracts);
