// SPDX-License-Identifier: Apache-2.0
// Types for the fabric-shim 2.5.8 internals the embedded ledger drives (the package ships none).
declare module 'fabric-shim/lib/iterators' {
    export class StateQueryIterator {
        constructor(handler: unknown, channelId: string, txId: string, response: unknown);
        next(): Promise<unknown>;
        close(): Promise<unknown>;
    }
    export class HistoryQueryIterator {
        constructor(handler: unknown, channelId: string, txId: string, response: unknown);
        next(): Promise<unknown>;
        close(): Promise<unknown>;
    }
}

declare module 'fabric-shim/lib/contract-spi/chaincodefromcontract' {
    class ChaincodeFromContract {
        constructor(
            contractClasses: unknown[],
            serializers: unknown,
            metadata?: unknown,
            title?: string,
            version?: string,
        );
        Invoke(stub: unknown): Promise<{ status: number; message?: string; payload?: Uint8Array }>;
    }
    export = ChaincodeFromContract;
}
