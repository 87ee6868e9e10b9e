// SPDX-License-Identifier: Apache-2.0
//
// Naming the organizations whose endorsement a transaction lacks, on the real network: the
// organizations that did endorse are read from the prepared transaction (the endorsements the
// gateway collected), and the chaincode's signature policy is evaluated with Fabric's rules
// (policies' missingEndorsements).
import { common, gateway, msp, peer } from '@hyperledger/fabric-protos';
import type { SignaturePolicy } from '@productivist/policies';
import { describeMissing, missingEndorsements, mspIdsOf, printSignaturePolicy } from '@productivist/policies';

/**
 * The MSP ids of the peers that endorsed a prepared transaction, in order, each once: `bytes` is
 * what fabric-gateway's Transaction.getBytes() gives: a gateway PreparedTransaction holding the Envelope.
 */
export function endorsingMspIds(bytes: Uint8Array): string[] {
    const envelope = gateway.PreparedTransaction.deserializeBinary(bytes).getEnvelope() ?? new common.Envelope();
    const payload = common.Payload.deserializeBinary(envelope.getPayload_asU8());
    const transaction = peer.Transaction.deserializeBinary(payload.getData_asU8());
    const ids: string[] = [];
    for (const action of transaction.getActionsList()) {
        const actionPayload = peer.ChaincodeActionPayload.deserializeBinary(action.getPayload_asU8());
        for (const endorsement of actionPayload.getAction()?.getEndorsementsList() ?? []) {
            const mspId = msp.SerializedIdentity.deserializeBinary(endorsement.getEndorser_asU8()).getMspid();
            if (!ids.includes(mspId)) ids.push(mspId);
        }
    }
    return ids;
}

/**
 * "chaincode productoken's policy AND(...) also needs ExpertMSP (endorsed by ProductivistMSP)": what
 * a message says about a policy the endorsers of a transaction did not satisfy.
 */
export function describeEndorsementGap(
    chaincode: string,
    policy: SignaturePolicy,
    endorsedBy: readonly string[],
): string {
    const missing = missingEndorsements(policy, endorsedBy);
    const by = endorsedBy.length === 0 ? 'no organization endorsed' : `endorsed by ${endorsedBy.join(', ')}`;
    const needs =
        missing === undefined
            ? 'no set of peer endorsements satisfies it'
            : missing.length === 0
              ? 'the endorsements satisfy it (a key-level policy or a collection policy was not satisfied)'
              : `missing the endorsement of ${describeMissing(missing)}`;
    return `${chaincode}'s policy ${printSignaturePolicy(policy)}: ${needs} (${by})`;
}

/**
 * The organizations to endorse a proposal carrying transient data on, when the gateway will not
 * choose them itself (it keeps transient data inside a private collection's members unless told
 * otherwise): the submitter's own organization when the policy names it, plus the fewest others
 * the policy needs (the first such set, in MSP id order). Undefined when peers cannot satisfy it.
 */
export function trustedEndorsers(policy: SignaturePolicy, ownMspId: string): string[] | undefined {
    const own = mspIdsOf(policy).includes(ownMspId) ? [ownMspId] : [];
    const missing = missingEndorsements(policy, own);
    if (missing === undefined) return undefined;
    return [...own, ...(missing[0] ?? [])];
}
