// SPDX-License-Identifier: Apache-2.0
//
// The core contracts (productoken, modelcert, prodcontrol, qualitycheck) land here; see the
// issues "productoken: the ProducToken ledger" and "The production flow".
export const coreContractNames = ['productoken', 'modelcert', 'prodcontrol', 'qualitycheck'] as const;
export type CoreContractName = (typeof coreContractNames)[number];
