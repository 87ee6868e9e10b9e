// SPDX-License-Identifier: Apache-2.0
export { EmbeddedNetwork } from './EmbeddedNetwork.js';
export type {
    CollectionOptions,
    DeployOptions,
    EmbeddedNetworkOptions,
    OrganizationOptions,
} from './EmbeddedNetwork.js';
export type { BlockRecord, TransactionRecord } from './channel.js';
export type { IdentityRole, KeyPairPem } from './identity.js';
export type { MemberOptions } from './membership.js';
export { compareKeys } from './keys.js';
