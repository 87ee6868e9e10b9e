// SPDX-License-Identifier: Apache-2.0
//
// Chaincode as a service: the chaincode runs as a gRPC server the peer connects to (fabric-shim's
// server mode, the one `fabric-chaincode-node server` starts). Each chaincode entry module calls it
// when run directly: `CHAINCODE_ID=<package id> CHAINCODE_SERVER_ADDRESS=0.0.0.0:9999 node productoken.js`.
import { readFileSync } from 'node:fs';

import type { Contract } from 'fabric-contract-api';
import { JSONSerializer } from 'fabric-contract-api';
import type { ChaincodeInterface, ChaincodeServerOpts } from 'fabric-shim';
import { Shim } from 'fabric-shim';
import ChaincodeFromContract from 'fabric-shim/lib/contract-spi/chaincodefromcontract';

/** The environment a chaincode server reads, as the CCaaS builder's connection.json and Fabric's samples name it. */
export interface ChaincodeServerEnvironment {
    readonly CHAINCODE_ID?: string;
    readonly CHAINCODE_SERVER_ADDRESS?: string;
    /** PEM files for TLS: key and certificate together; the client CA only to require client certificates. */
    readonly CHAINCODE_TLS_KEY_FILE?: string;
    readonly CHAINCODE_TLS_CERT_FILE?: string;
    readonly CHAINCODE_TLS_CLIENT_CA_FILE?: string;
}

/** A variable the server cannot start without. */
function required(env: ChaincodeServerEnvironment, name: 'CHAINCODE_ID' | 'CHAINCODE_SERVER_ADDRESS'): string {
    const value = env[name];
    if (value === undefined || value === '') {
        throw new Error(
            `${name} is not set; set CHAINCODE_ID to the package id the peer installed and CHAINCODE_SERVER_ADDRESS to host:port to listen on`,
        );
    }
    return value;
}

/** Starts `contracts` as chaincode `name` in server mode and resolves once it listens. */
export async function startChaincodeServer(
    name: string,
    contracts: readonly (typeof Contract)[],
    env: ChaincodeServerEnvironment = process.env,
): Promise<void> {
    const chaincode = new ChaincodeFromContract(
        [...contracts],
        { transaction: 'jsonSerializer', serializers: { jsonSerializer: JSONSerializer } },
        {},
        name,
        '1.0.0',
    ) as unknown as ChaincodeInterface;
    const tls =
        env.CHAINCODE_TLS_KEY_FILE === undefined || env.CHAINCODE_TLS_KEY_FILE === ''
            ? undefined
            : {
                  key: readFileSync(env.CHAINCODE_TLS_KEY_FILE),
                  cert: readFileSync(env.CHAINCODE_TLS_CERT_FILE ?? ''),
                  ...(env.CHAINCODE_TLS_CLIENT_CA_FILE === undefined || env.CHAINCODE_TLS_CLIENT_CA_FILE === ''
                      ? {}
                      : { clientCACerts: readFileSync(env.CHAINCODE_TLS_CLIENT_CA_FILE) }),
              };
    const options = {
        ccid: required(env, 'CHAINCODE_ID'),
        address: required(env, 'CHAINCODE_SERVER_ADDRESS'),
        ...(tls === undefined ? {} : { tlsProps: tls }),
    } as ChaincodeServerOpts;
    await Shim.server(chaincode, options).start();
}

/** Runs the server when an entry module is the program, reporting a failure on stderr. */
export function startWhenMain(entry: NodeJS.Module, name: string, contracts: readonly (typeof Contract)[]): void {
    if (require.main !== entry) return;
    startChaincodeServer(name, contracts).catch((error: unknown) => {
        process.stderr.write(`${name} chaincode: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exitCode = 1;
    });
}
