// SPDX-License-Identifier: Apache-2.0
//
// What can be checked here without a Fabric peer (the Fabric v3 binaries cannot be built on this
// machine): identities and signatures, error translation, deadlines against a closed port.
import { createHash, createPrivateKey, verify, X509Certificate } from 'node:crypto';
import { createServer } from 'node:net';

import type { ServiceError } from '@grpc/grpc-js';
import { EndorseError as GatewayEndorseError, GatewayError, signers, StatusCode } from '@hyperledger/fabric-gateway';
import { catchError } from '@productivist/common';
import { EmbeddedNetwork } from '@productivist/ledger';
import { EndorseError, LedgerError } from '@productivist/ledger-api';

import { GatewayLedger, translateGatewayError, validationCodeName } from './GatewayLedger.js';

async function freePort(): Promise<number> {
    return new Promise((resolve) => {
        const server = createServer();
        server.listen({ host: '127.0.0.1', port: 0 }, () => {
            const address = server.address();
            server.close(() => {
                resolve(typeof address === 'object' && address !== null ? address.port : 0);
            });
        });
    });
}

describe('GatewayLedger', () => {
    let identities: EmbeddedNetwork;
    beforeAll(async () => {
        identities = await EmbeddedNetwork.create({ organizations: [{ mspId: 'Org1MSP' }] });
        await identities.addMember('alice', { mspId: 'Org1MSP' });
    });

    it('names validation codes as the embedded ledger does', () => {
        expect(validationCodeName(StatusCode.VALID)).toBe('VALID');
        expect(validationCodeName(StatusCode.MVCC_READ_CONFLICT)).toBe('MVCC_READ_CONFLICT');
        expect(validationCodeName(StatusCode.PHANTOM_READ_CONFLICT)).toBe('PHANTOM_READ_CONFLICT');
        expect(validationCodeName(StatusCode.ENDORSEMENT_POLICY_FAILURE)).toBe('ENDORSEMENT_POLICY_FAILURE');
        expect(validationCodeName(StatusCode.DUPLICATE_TXID)).toBe('DUPLICATE_TXID');
        expect(validationCodeName(StatusCode.BAD_RWSET)).toBe('INVALID_OTHER_REASON');
    });

    it("turns a peer's chaincode failure into the embedded ledger's EndorseError with the contract's code", () => {
        const gatewayError = new GatewayEndorseError({
            code: 10,
            details: [
                {
                    address: '127.0.0.1:7051',
                    mspId: 'Org1MSP',
                    message: "chaincode response 500, INSUFFICIENT_FUNDS: account 'alice' has 5",
                },
            ],
            cause: {} as ServiceError,
            transactionId: 'tx-1',
            message: '10 ABORTED: failed to endorse transaction, see attached details for more info',
        });
        const translated = translateGatewayError(gatewayError);
        expect(translated).toBeInstanceOf(EndorseError);
        expect(translated).toMatchObject({
            code: 'INSUFFICIENT_FUNDS',
            transactionId: 'tx-1',
            chaincodeMessage: "INSUFFICIENT_FUNDS: account 'alice' has 5",
        });
        const mismatch = translateGatewayError(
            new GatewayEndorseError({
                code: 10,
                details: [
                    { address: '127.0.0.1:7051', mspId: 'Org1MSP', message: 'ProposalResponsePayloads do not match' },
                ],
                cause: {} as ServiceError,
                transactionId: 'tx-2',
            }),
        );
        expect(mismatch).toMatchObject({ code: 'ENDORSEMENT_MISMATCH' });
    });

    it("turns an evaluation the chaincode refused into an EndorseError with the contract's code", () => {
        const evaluated = translateGatewayError(
            new GatewayError({
                code: 2,
                details: [],
                cause: {} as ServiceError,
                message:
                    "2 UNKNOWN: evaluate call to endorser returned error: chaincode response 500, NOT_FOUND: model 'bracket' does not exist",
            }),
        );
        expect(evaluated).toBeInstanceOf(EndorseError);
        expect(evaluated).toMatchObject({
            code: 'NOT_FOUND',
            chaincodeMessage: "NOT_FOUND: model 'bracket' does not exist",
        });
    });

    it('names the ordering service when too few orderers take a transaction (BFT without its quorum, Raft electing)', () => {
        const unavailable = translateGatewayError(
            new GatewayError({
                code: 14,
                details: [],
                cause: {} as ServiceError,
                message:
                    '14 UNAVAILABLE: insufficient number of orderers could successfully process transaction to satisfy quorum requirement',
            }),
        );
        expect(unavailable).toBeInstanceOf(LedgerError);
        expect(unavailable).toMatchObject({
            code: 'ORDERING_UNAVAILABLE',
            message:
                'ordering unavailable: insufficient number of orderers could successfully process transaction to satisfy quorum requirement',
        });
        expect((unavailable as LedgerError).hint).toContain('submit again with the same request id');
        const election = translateGatewayError(
            new GatewayError({
                code: 14,
                details: [],
                cause: {} as ServiceError,
                message: '14 UNAVAILABLE: no orderers could successfully process transaction',
            }),
        );
        expect(election).toMatchObject({
            code: 'ORDERING_UNAVAILABLE',
            message: 'ordering unavailable: no orderers could successfully process transaction',
        });
        const peerDown = translateGatewayError(
            new GatewayError({
                code: 14,
                details: [],
                cause: {} as ServiceError,
                message: '14 UNAVAILABLE: No connection established',
            }),
        );
        expect(peerDown).toMatchObject({ code: 'GATEWAY_ERROR' });
    });

    it('signs with the enrolled key so that the certificate verifies the signature', async () => {
        const credential = await identities.exportIdentity('alice');
        const digest = createHash('sha256').update('proposal bytes').digest();
        const signature = await signers.newPrivateKeySigner(createPrivateKey(credential.privateKeyPem))(digest);
        const publicKey = new X509Certificate(credential.certificatePem).publicKey;
        expect(verify('sha256', Buffer.from('tampered bytes'), publicKey, Buffer.from(signature))).toBe(false);
        expect(verify('sha256', Buffer.from('proposal bytes'), publicKey, Buffer.from(signature))).toBe(true);
    });

    it('dials 127.0.0.1 only', () => {
        const error = catchError(
            () =>
                new GatewayLedger({
                    peer: { endpoint: '10.0.0.5:7051', tlsRootCertPem: identities.caCertificateOf('Org1MSP') },
                    channel: 'c',
                    credentials: () => {
                        throw new Error('unused');
                    },
                }),
        );
        expect(error).toBeInstanceOf(LedgerError);
        expect(error).toMatchObject({
            code: 'INVALID_ARGUMENT',
            message: "peer endpoint '10.0.0.5:7051' is not on this machine",
        });
    });

    it('fails within its deadline with a readable error when no peer answers', async () => {
        const credential = await identities.exportIdentity('alice');
        const ledger = new GatewayLedger({
            peer: { endpoint: `127.0.0.1:${await freePort()}`, tlsRootCertPem: identities.caCertificateOf('Org1MSP') },
            channel: 'productivist',
            credentials: () => credential,
            deadlines: { evaluate: 500 },
        });
        try {
            const started = Date.now();
            const error = await ledger
                .contract('alice', 'productoken')
                .evaluate('TokenInfo')
                .catch((caught: unknown) => caught);
            expect(error).toBeInstanceOf(LedgerError);
            expect(error).toMatchObject({ code: 'GATEWAY_ERROR' });
            expect(Date.now() - started).toBeLessThan(5_000);
        } finally {
            ledger.close();
        }
    });
});
