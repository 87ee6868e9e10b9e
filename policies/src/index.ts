// SPDX-License-Identifier: Apache-2.0
export { allOf, anyOf, implicitMeta, mspIdsOf, nOutOf, principalRoles, signedBy } from './model.js';
export type {
    ImplicitMetaPolicy,
    ImplicitMetaRule,
    NOutOf,
    Policy,
    Principal,
    PrincipalRole,
    SignaturePolicy,
    SignedBy,
} from './model.js';
export { PolicyError, PolicySyntaxError } from './errors.js';
export { parsePrincipal, parseSignaturePolicy, printSignaturePolicy } from './signatureSyntax.js';
export { parseImplicitMetaPolicy, printImplicitMetaPolicy } from './implicitMetaSyntax.js';
export {
    evaluatePolicy,
    evaluatePolicyPath,
    evaluateSignaturePolicy,
    implicitMetaThreshold,
    satisfiesPrincipal,
} from './evaluate.js';
export type { NodeRole, PolicyGroup, SigningIdentity } from './evaluate.js';
export {
    decodeApplicationPolicy,
    decodeImplicitMetaPolicy,
    decodePolicy,
    decodeSignaturePolicyEnvelope,
    encodeApplicationPolicy,
    encodeImplicitMetaPolicy,
    encodePolicy,
    encodeSignaturePolicyEnvelope,
    fromSignaturePolicyEnvelope,
    toSignaturePolicyEnvelope,
} from './protobuf.js';
export type { ApplicationPolicy } from './protobuf.js';
export { KeyEndorsementPolicy } from './keyLevel.js';
export { channelPolicyName, compileFriendlyPolicy, toApplicationPolicy } from './friendly.js';
export type { CompiledPolicy, CompileOptions, FriendlyPolicy } from './friendly.js';
export { coreOrgToMsp, corePolicies, corePoliciesFile } from './corePolicies.js';
export type { CorePolicy } from './corePolicies.js';
export { describeMissing, missingEndorsements } from './missing.js';
export { publicAccountHolders, publicTokenConfig } from './publicToken.js';
