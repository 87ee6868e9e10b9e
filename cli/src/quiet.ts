// SPDX-License-Identifier: Apache-2.0
// Imported first by the binary: fabric-contract-api and fabric-shim log every contract definition and
// transaction at info level, and read the level when they load. Set CORE_CHAINCODE_LOGGING_LEVEL to see them.
process.env['CORE_CHAINCODE_LOGGING_LEVEL'] ??= 'CRITICAL';
