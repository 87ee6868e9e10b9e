// SPDX-License-Identifier: Apache-2.0
//
// Encoders and decoders between the policy model and Fabric's protobuf messages.
//
// Principal numbering follows Fabric's policydsl parser (common/policydsl/policyparser.go), which
// the peer CLI uses for --signature-policy: a gate's arguments are evaluated before the gate, so
// the principals of nested gates are numbered first (left to right, depth first), then the gate's
// own principals, left to right. Every occurrence gets its own entry; nothing is de-duplicated.
// Encoding a parsed policy therefore gives the same bytes as `peer lifecycle chaincode
// approveformyorg --signature-policy`, so definitions approved by the kit and by the CLI match.
import { common, msp, peer } from '@hyperledger/fabric-protos';

import { PolicyError } from './errors.js';
import type {
    ImplicitMetaPolicy,
    ImplicitMetaRule,
    Policy,
    Principal,
    PrincipalRole,
    SignaturePolicy,
} from './model.js';

const roleToProto: Readonly<Record<PrincipalRole, msp.MSPRole.MSPRoleTypeMap[keyof msp.MSPRole.MSPRoleTypeMap]>> = {
    member: msp.MSPRole.MSPRoleType.MEMBER,
    admin: msp.MSPRole.MSPRoleType.ADMIN,
    client: msp.MSPRole.MSPRoleType.CLIENT,
    peer: msp.MSPRole.MSPRoleType.PEER,
    orderer: msp.MSPRole.MSPRoleType.ORDERER,
};

const roleFromProto: ReadonlyMap<number, PrincipalRole> = new Map(
    Object.entries(roleToProto).map(([role, value]) => [value, role as PrincipalRole]),
);

const ruleToProto: Readonly<
    Record<ImplicitMetaRule, common.ImplicitMetaPolicy.RuleMap[keyof common.ImplicitMetaPolicy.RuleMap]>
> = {
    ANY: common.ImplicitMetaPolicy.Rule.ANY,
    ALL: common.ImplicitMetaPolicy.Rule.ALL,
    MAJORITY: common.ImplicitMetaPolicy.Rule.MAJORITY,
};

function decodeError(what: string, problem: string, cause?: unknown): PolicyError {
    return new PolicyError(`cannot decode ${what}: ${problem}`, {
        code: 'POLICY_DECODE',
        hint: 'the bytes are not a Fabric policy of that type; check where they came from',
        cause,
    });
}

/** Serialises an MSP role principal (`msp.MSPPrincipal` with classification ROLE). */
export function encodePrincipal(principal: Principal): msp.MSPPrincipal {
    const role = new msp.MSPRole();
    role.setMspIdentifier(principal.mspId);
    role.setRole(roleToProto[principal.role]);
    const message = new msp.MSPPrincipal();
    message.setPrincipalClassification(msp.MSPPrincipal.Classification.ROLE);
    message.setPrincipal(role.serializeBinary());
    return message;
}

function decodePrincipal(message: msp.MSPPrincipal): Principal {
    if (message.getPrincipalClassification() !== msp.MSPPrincipal.Classification.ROLE) {
        throw decodeError(
            'signature policy envelope',
            `principal classification ${message.getPrincipalClassification()} is not ROLE; only MSP role principals are supported`,
        );
    }
    const role = msp.MSPRole.deserializeBinary(message.getPrincipal_asU8());
    const name = roleFromProto.get(role.getRole());
    if (name === undefined) {
        throw decodeError('signature policy envelope', `unknown MSP role ${role.getRole()}`);
    }
    return { mspId: role.getMspIdentifier(), role: name };
}

/** Builds the `common.SignaturePolicyEnvelope` message of a signature policy. */
export function toSignaturePolicyEnvelope(policy: SignaturePolicy): common.SignaturePolicyEnvelope {
    const identities: msp.MSPPrincipal[] = [];

    const build = (rule: SignaturePolicy): common.SignaturePolicy => {
        const message = new common.SignaturePolicy();
        if (rule.type === 'signedBy') {
            // Only reached for a root signed-by; gates number their own principals below.
            identities.push(encodePrincipal(rule.principal));
            message.setSignedBy(identities.length - 1);
            return message;
        }
        const children: (common.SignaturePolicy | undefined)[] = rule.rules.map((sub) =>
            sub.type === 'nOutOf' ? build(sub) : undefined,
        );
        const rules = rule.rules.map((sub, i) => {
            const built = children[i];
            if (built !== undefined) return built;
            const signed = new common.SignaturePolicy();
            if (sub.type === 'signedBy') {
                identities.push(encodePrincipal(sub.principal));
                signed.setSignedBy(identities.length - 1);
            }
            return signed;
        });
        const nOutOf = new common.SignaturePolicy.NOutOf();
        nOutOf.setN(rule.n);
        nOutOf.setRulesList(rules);
        message.setNOutOf(nOutOf);
        return message;
    };

    const envelope = new common.SignaturePolicyEnvelope();
    envelope.setVersion(0);
    envelope.setRule(build(policy));
    envelope.setIdentitiesList(identities);
    return envelope;
}

/** Serialises a signature policy as `common.SignaturePolicyEnvelope` bytes. */
export function encodeSignaturePolicyEnvelope(policy: SignaturePolicy): Uint8Array {
    return toSignaturePolicyEnvelope(policy).serializeBinary();
}

/** Reads the model back out of a `common.SignaturePolicyEnvelope` message. */
export function fromSignaturePolicyEnvelope(envelope: common.SignaturePolicyEnvelope): SignaturePolicy {
    const identities = envelope.getIdentitiesList().map(decodePrincipal);
    const convert = (message: common.SignaturePolicy, depth: number): SignaturePolicy => {
        if (depth > 64) throw decodeError('signature policy envelope', 'rules are nested more than 64 deep');
        switch (message.getTypeCase()) {
            case common.SignaturePolicy.TypeCase.SIGNED_BY: {
                const index = message.getSignedBy();
                const principal = identities[index];
                if (principal === undefined) {
                    throw decodeError(
                        'signature policy envelope',
                        `signed_by ${index} points past the ${identities.length} identities`,
                    );
                }
                return { type: 'signedBy', principal };
            }
            case common.SignaturePolicy.TypeCase.N_OUT_OF: {
                const nOutOf = message.getNOutOf() as common.SignaturePolicy.NOutOf;
                return {
                    type: 'nOutOf',
                    n: nOutOf.getN(),
                    rules: nOutOf.getRulesList().map((rule) => convert(rule, depth + 1)),
                };
            }
            default:
                throw decodeError('signature policy envelope', 'a rule has neither signed_by nor n_out_of');
        }
    };
    const rule = envelope.getRule();
    if (rule === undefined) throw decodeError('signature policy envelope', 'it has no rule');
    return convert(rule, 0);
}

/** Parses `common.SignaturePolicyEnvelope` bytes into the model. */
export function decodeSignaturePolicyEnvelope(bytes: Uint8Array): SignaturePolicy {
    let envelope: common.SignaturePolicyEnvelope;
    try {
        envelope = common.SignaturePolicyEnvelope.deserializeBinary(bytes);
    } catch (cause) {
        throw decodeError('signature policy envelope', 'the protobuf is malformed', cause);
    }
    return fromSignaturePolicyEnvelope(envelope);
}

/** Serialises an implicit-meta policy as `common.ImplicitMetaPolicy` bytes. */
export function encodeImplicitMetaPolicy(policy: ImplicitMetaPolicy): Uint8Array {
    const message = new common.ImplicitMetaPolicy();
    message.setSubPolicy(policy.subPolicy);
    message.setRule(ruleToProto[policy.rule]);
    return message.serializeBinary();
}

/** Parses `common.ImplicitMetaPolicy` bytes. */
export function decodeImplicitMetaPolicy(bytes: Uint8Array): ImplicitMetaPolicy {
    let message: common.ImplicitMetaPolicy;
    try {
        message = common.ImplicitMetaPolicy.deserializeBinary(bytes);
    } catch (cause) {
        throw decodeError('implicit meta policy', 'the protobuf is malformed', cause);
    }
    const rule = (Object.keys(ruleToProto) as ImplicitMetaRule[]).find(
        (name) => ruleToProto[name] === message.getRule(),
    );
    if (rule === undefined) throw decodeError('implicit meta policy', `unknown rule ${message.getRule()}`);
    return { type: 'implicitMeta', rule, subPolicy: message.getSubPolicy() };
}

/** Serialises any policy as a `common.Policy` (type SIGNATURE or IMPLICIT_META plus its value), as in channel config. */
export function encodePolicy(policy: Policy): Uint8Array {
    const message = new common.Policy();
    if (policy.type === 'implicitMeta') {
        message.setType(common.Policy.PolicyType.IMPLICIT_META);
        message.setValue(encodeImplicitMetaPolicy(policy));
    } else {
        message.setType(common.Policy.PolicyType.SIGNATURE);
        message.setValue(encodeSignaturePolicyEnvelope(policy));
    }
    return message.serializeBinary();
}

/** Parses `common.Policy` bytes. */
export function decodePolicy(bytes: Uint8Array): Policy {
    let message: common.Policy;
    try {
        message = common.Policy.deserializeBinary(bytes);
    } catch (cause) {
        throw decodeError('policy', 'the protobuf is malformed', cause);
    }
    switch (message.getType()) {
        case common.Policy.PolicyType.SIGNATURE:
            return decodeSignaturePolicyEnvelope(message.getValue_asU8());
        case common.Policy.PolicyType.IMPLICIT_META:
            return decodeImplicitMetaPolicy(message.getValue_asU8());
        default:
            throw decodeError('policy', `policy type ${message.getType()} is not SIGNATURE or IMPLICIT_META`);
    }
}

/**
 * A chaincode's endorsement policy as the lifecycle stores it (`peer.ApplicationPolicy`): either
 * its own signature policy or a reference to a channel policy such as
 * `/Channel/Application/Endorsement`.
 */
export type ApplicationPolicy =
    | { readonly type: 'signature'; readonly policy: SignaturePolicy }
    | { readonly type: 'channelReference'; readonly reference: string };

/** Serialises a `peer.ApplicationPolicy`. */
export function encodeApplicationPolicy(policy: ApplicationPolicy): Uint8Array {
    const message = new peer.ApplicationPolicy();
    if (policy.type === 'signature') {
        message.setSignaturePolicy(toSignaturePolicyEnvelope(policy.policy));
    } else {
        message.setChannelConfigPolicyReference(policy.reference);
    }
    return message.serializeBinary();
}

/** Parses `peer.ApplicationPolicy` bytes. */
export function decodeApplicationPolicy(bytes: Uint8Array): ApplicationPolicy {
    let message: peer.ApplicationPolicy;
    try {
        message = peer.ApplicationPolicy.deserializeBinary(bytes);
    } catch (cause) {
        throw decodeError('application policy', 'the protobuf is malformed', cause);
    }
    if (message.hasSignaturePolicy()) {
        return {
            type: 'signature',
            policy: fromSignaturePolicyEnvelope(message.getSignaturePolicy() as common.SignaturePolicyEnvelope),
        };
    }
    if (message.hasChannelConfigPolicyReference()) {
        return { type: 'channelReference', reference: message.getChannelConfigPolicyReference() };
    }
    throw decodeError('application policy', 'it has neither a signature policy nor a channel policy reference');
}
