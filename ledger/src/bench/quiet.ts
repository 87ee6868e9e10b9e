// SPDX-License-Identifier: Apache-2.0
// Imported first: fabric-shim and fabric-contract-api read the log level when they load.
process.env['CORE_CHAINCODE_LOGGING_LEVEL'] ??= 'CRITICAL';
