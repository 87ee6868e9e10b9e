// SPDX-License-Identifier: Apache-2.0
//
// The conformance backend on real Fabric: the topology of ledger/conformance-chaincode/ecosystem.yaml
// (two organizations with a peer and a client each, channels `conformance` and `conformance-other`),
// reached through the gateway ledger as the members `org1` and `org2` that `network up` enrolled.
import type { ConformanceBackend } from '@productivist/ledger/conformance';
import type { ChaincodeEvent, EventStream, Ledger, LedgerContract } from '@productivist/ledger-api';

/** The conformance backend over the gateway ledger of that network (default channel `conformance`). */
export function fabricConformanceBackend(ledger: Ledger): ConformanceBackend {
    return {
        name: 'fabric',
        orgs: ['Org1MSP', 'Org2MSP'],
        otherChannel: 'conformance-other',
        contract: (member, chaincode, channel): LedgerContract => ledger.contract(member, chaincode, channel),
        chaincodeEvents: (member, chaincode, startBlock): EventStream<ChaincodeEvent> =>
            ledger.chaincodeEvents(member, chaincode, { startBlock }),
    };
}
