// SPDX-License-Identifier: Apache-2.0
// Types for the fabric-shim 2.5.8 router that `fabric-chaincode-node` itself uses (the package ships none).
declare module 'fabric-shim/lib/contract-spi/chaincodefromcontract' {
    class ChaincodeFromContract {
        constructor(
            contractClasses: unknown[],
            serializers: unknown,
            metadata?: unknown,
            title?: string,
            version?: string,
        );
        Init(stub: unknown): Promise<unknown>;
        Invoke(stub: unknown): Promise<unknown>;
    }
    export = ChaincodeFromContract;
}
