// SPDX-License-Identifier: Apache-2.0
//
// The chaincode definitions committed on a channel, asked of a peer through a member's gateway:
// _lifecycle QueryChaincodeDefinitions (name, version, sequence of each), then
// QueryChaincodeDefinition per chaincode for the organizations that approved it.
import type { Gateway } from '@hyperledger/fabric-gateway';
import { peer } from '@hyperledger/fabric-protos';

/** A chaincode definition committed on a channel, as the peer reports it. */
export interface CommittedChaincode {
    readonly channel: string;
    readonly name: string;
    readonly version: string;
    readonly sequence: number;
    /** Organizations (MSP ids) whose approval of this definition the peer holds. */
    readonly approvedBy: readonly string[];
    /** Channel organizations that did not approve it. */
    readonly notApprovedBy: readonly string[];
}

/** The chaincodes committed on `channel`, by name, read from the peer behind `gateway`. */
export async function committedChaincodes(gateway: Gateway, channel: string): Promise<CommittedChaincode[]> {
    const lifecycle = gateway.getNetwork(channel).getContract('_lifecycle');
    const listed = peer.lifecycle.QueryChaincodeDefinitionsResult.deserializeBinary(
        await lifecycle.evaluateTransaction(
            'QueryChaincodeDefinitions',
            new peer.lifecycle.QueryChaincodeDefinitionsArgs().serializeBinary(),
        ),
    ).getChaincodeDefinitionsList();
    const committed: CommittedChaincode[] = [];
    for (const definition of listed) {
        const args = new peer.lifecycle.QueryChaincodeDefinitionArgs();
        args.setName(definition.getName());
        const detail = peer.lifecycle.QueryChaincodeDefinitionResult.deserializeBinary(
            await lifecycle.evaluateTransaction('QueryChaincodeDefinition', args.serializeBinary()),
        );
        const approvals = detail.getApprovalsMap().toArray();
        committed.push({
            channel,
            name: definition.getName(),
            version: definition.getVersion(),
            sequence: definition.getSequence(),
            approvedBy: approvals
                .filter(([, approved]) => approved)
                .map(([mspId]) => mspId)
                .sort(),
            notApprovedBy: approvals
                .filter(([, approved]) => !approved)
                .map(([mspId]) => mspId)
                .sort(),
        });
    }
    return committed.sort((a, b) => a.name.localeCompare(b.name));
}
