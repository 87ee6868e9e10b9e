// SPDX-License-Identifier: Apache-2.0
//
// Endorsers a client names itself. The Fabric gateway does not hand transient data to organizations
// outside the distribution policy of a collection the transaction writes: when the endorsement policy
// needs such an organization, the client must name the endorsers it trusts (the embedded ledger
// refuses the same way). prodcontrol `Order` writes the order specification (transient `spec`) to
// `orderSpecs` (customer and producer organizations), and its policy, like productoken's, needs the
// Productivist organization: the customer names Productivist and its own organization.
import type { Caller, TransactionDescription } from '@productivist/core-chaincode';
import type { Ledger } from '@productivist/ledger-api';
import { coreOrgToMsp } from '@productivist/policies';

/** Transactions that write transient input to a collection whose members do not cover their policy. */
const writesTransientToCollection: ReadonlySet<string> = new Set(['prodcontrol.Order']);

/**
 * The organizations `member` names as endorsers of `description`: the Productivist organization and
 * the member's own; undefined when the gateway may choose (or when the caller cannot be resolved:
 * the call then fails on its own terms).
 */
export async function trustedEndorsers(
    ledger: Pick<Ledger, 'contract'>,
    member: string,
    description: TransactionDescription | undefined,
): Promise<string[] | undefined> {
    if (description === undefined || !writesTransientToCollection.has(`${description.chaincode}.${description.name}`))
        return undefined;
    let caller: Caller;
    try {
        const bytes = await ledger.contract(member, 'productoken').evaluate('WhoAmI');
        caller = JSON.parse(Buffer.from(bytes).toString()) as Caller;
    } catch {
        return undefined;
    }
    return [...new Set([coreOrgToMsp('Productivist'), caller.mspId])];
}
