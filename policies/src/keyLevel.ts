// SPDX-License-Identifier: Apache-2.0
//
// Key-level (state-based) endorsement policies. A key's policy is stored in its metadata as
// `common.SignaturePolicyEnvelope` bytes. Fabric's own helpers (Go `statebased`, Node
// `KeyEndorsementPolicy`) only build "every listed org" policies; this one also builds real
// N-out-of-M. The layout is the helpers' one: principals sorted by MSP id, one signed-by each, in
// order, under a single NOutOf; with N equal to the number of orgs the bytes are identical to
// Fabric's helper output.
import { PolicyError } from './errors.js';
import type { PrincipalRole, SignaturePolicy } from './model.js';
import { decodeSignaturePolicyEnvelope, encodeSignaturePolicyEnvelope } from './protobuf.js';

/** Builds and edits the endorsement policy of one key. */
export class KeyEndorsementPolicy {
    private readonly orgs = new Map<string, PrincipalRole>();
    private required: number | undefined;

    /** Starts empty, or from the bytes a key's metadata holds (`getStateValidationParameter`). */
    constructor(policyBytes?: Uint8Array) {
        if (policyBytes === undefined || policyBytes.length === 0) return;
        const policy = decodeSignaturePolicyEnvelope(policyBytes);
        const flat = flatten(policy);
        for (const principal of flat.principals) this.orgs.set(principal.mspId, principal.role);
        this.required = flat.n === this.orgs.size ? undefined : flat.n;
    }

    /** Adds organizations whose identities of `role` (usually `peer`) may endorse the key. */
    addOrgs(role: PrincipalRole, ...mspIds: string[]): this {
        for (const mspId of mspIds) {
            if (mspId.trim() === '') {
                throw new PolicyError('an MSP id in a key-level policy is empty', {
                    code: 'INVALID_ARGUMENT',
                    hint: 'pass MSP ids such as Org1MSP',
                });
            }
            this.orgs.set(mspId, role);
        }
        return this;
    }

    /** Removes organizations. */
    deleteOrgs(...mspIds: string[]): this {
        for (const mspId of mspIds) this.orgs.delete(mspId);
        return this;
    }

    /** The organizations, sorted by MSP id. */
    listOrgs(): string[] {
        return [...this.orgs.keys()].sort();
    }

    /** Requires `n` of the organizations instead of all of them; `undefined` goes back to all. */
    setRequired(n: number | undefined): this {
        if (n !== undefined && (!Number.isInteger(n) || n < 1)) {
            throw new PolicyError(`key-level policy threshold ${n} is not a positive whole number`, {
                code: 'INVALID_ARGUMENT',
                hint: 'require at least 1 organization',
            });
        }
        this.required = n;
        return this;
    }

    /** The model of the policy. */
    toSignaturePolicy(): SignaturePolicy {
        const mspIds = this.listOrgs();
        if (mspIds.length === 0) {
            throw new PolicyError('a key-level policy needs at least one organization', {
                code: 'INVALID_ARGUMENT',
                hint: 'add organizations with addOrgs, or remove the key-level policy to fall back to the chaincode policy',
            });
        }
        const n = this.required ?? mspIds.length;
        if (n > mspIds.length) {
            throw new PolicyError(
                `key-level policy requires ${n} of ${mspIds.length} organizations and can never be satisfied`,
                { code: 'INVALID_ARGUMENT', hint: `require at most ${mspIds.length} or add organizations` },
            );
        }
        return {
            type: 'nOutOf',
            n,
            rules: mspIds.map((mspId) => ({
                type: 'signedBy',
                principal: { mspId, role: this.orgs.get(mspId) as PrincipalRole },
            })),
        };
    }

    /** The bytes to store with `setStateValidationParameter`. */
    getPolicy(): Uint8Array {
        return encodeSignaturePolicyEnvelope(this.toSignaturePolicy());
    }
}

function flatten(policy: SignaturePolicy): { n: number; principals: { mspId: string; role: PrincipalRole }[] } {
    if (policy.type === 'signedBy') return { n: 1, principals: [policy.principal] };
    const principals = policy.rules.map((rule) => {
        if (rule.type !== 'signedBy') {
            throw new PolicyError(
                'the key-level policy is nested; KeyEndorsementPolicy edits flat N-out-of-M policies only',
                {
                    code: 'POLICY_DECODE',
                    hint: 'decode it with decodeSignaturePolicyEnvelope and evaluate it as a whole instead',
                },
            );
        }
        return rule.principal;
    });
    return { n: policy.n, principals };
}
