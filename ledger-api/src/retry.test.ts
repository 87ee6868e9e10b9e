// SPDX-License-Identifier: Apache-2.0
import { CommitError, EndorseError } from './errors.js';
import { defaultRetryPolicy, isReadConflict, retryReadConflicts } from './retry.js';

const conflict = (code: 'MVCC_READ_CONFLICT' | 'PHANTOM_READ_CONFLICT', tx: string): CommitError =>
    new CommitError(tx, 7n, code);

describe('retryReadConflicts, the one retry policy of the clients', () => {
    it('endorses again after MVCC and phantom conflicts, and returns the first success', async () => {
        const seen: number[] = [];
        const retries: string[] = [];
        const result = await retryReadConflicts(
            (attempt) => {
                seen.push(attempt);
                if (attempt === 1) return Promise.reject(conflict('MVCC_READ_CONFLICT', 'tx-1'));
                if (attempt === 2) return Promise.reject(conflict('PHANTOM_READ_CONFLICT', 'tx-2'));
                return Promise.resolve('committed');
            },
            { attempts: 4, onRetry: (attempt, error) => retries.push(`${attempt}:${error.transactionId}`) },
        );
        expect(result).toBe('committed');
        expect(seen).toEqual([1, 2, 3]);
        expect(retries).toEqual(['2:tx-1', '3:tx-2']);
    });

    it('gives up after the bounded number of attempts and throws the last conflict', async () => {
        let calls = 0;
        const error = await retryReadConflicts(() => {
            calls += 1;
            return Promise.reject(conflict('MVCC_READ_CONFLICT', `tx-${calls}`));
        }).catch((caught: unknown) => caught);
        expect(calls).toBe(defaultRetryPolicy.attempts);
        expect(error).toBeInstanceOf(CommitError);
        expect(error).toMatchObject({ validationCode: 'MVCC_READ_CONFLICT', transactionId: 'tx-4' });
    });

    it.each([
        ['an endorsement policy failure', new CommitError('tx', 3n, 'ENDORSEMENT_POLICY_FAILURE')],
        ['a chaincode refusal', EndorseError.fromChaincode('tx', 500, 'INSUFFICIENT_FUNDS: short')],
        ['any other error', new Error('connection refused')],
    ])('never retries %s', async (_what, failure) => {
        let calls = 0;
        await expect(
            retryReadConflicts(() => {
                calls += 1;
                return Promise.reject(failure);
            }),
        ).rejects.toBe(failure);
        expect(calls).toBe(1);
        expect(isReadConflict(failure)).toBe(false);
    });

    it('tries once with attempts 1', async () => {
        let calls = 0;
        await expect(
            retryReadConflicts(
                () => {
                    calls += 1;
                    return Promise.reject(conflict('MVCC_READ_CONFLICT', 'tx'));
                },
                { attempts: 1 },
            ),
        ).rejects.toBeInstanceOf(CommitError);
        expect(calls).toBe(1);
    });
});
