// SPDX-License-Identifier: Apache-2.0
//
// The commit hash a peer keeps in a block's metadata, read back from the block's bytes.
import { common } from '@hyperledger/fabric-protos';

import { commitHashOf } from './peerStates.js';

function block(commitHash?: Uint8Array): Uint8Array {
    const metadata = new common.BlockMetadata();
    const entries: (Uint8Array | string)[] = [0, 1, 2, 3].map(() => new Uint8Array());
    if (commitHash !== undefined) {
        const value = new common.Metadata();
        value.setValue(commitHash);
        entries.push(value.serializeBinary());
    }
    metadata.setMetadataList(entries);
    const result = new common.Block();
    result.setMetadata(metadata);
    return result.serializeBinary();
}

describe('commitHashOf', () => {
    it("reads the COMMIT_HASH metadata as hex, and '' from a block without one", () => {
        expect(commitHashOf(block(Uint8Array.from([0xab, 0x01, 0xff])))).toBe('ab01ff');
        expect(commitHashOf(block())).toBe('');
    });
});
