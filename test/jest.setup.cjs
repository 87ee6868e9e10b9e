// SPDX-License-Identifier: Apache-2.0
// fabric-shim and fabric-contract-api log every transaction at info level; tests keep only fatal errors.
process.env.CORE_CHAINCODE_LOGGING_LEVEL = process.env.CORE_CHAINCODE_LOGGING_LEVEL || 'CRITICAL';
