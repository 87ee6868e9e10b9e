// SPDX-License-Identifier: Apache-2.0
//
// productoken's key layout (every key is a composite key, so simple range queries never see them).
// See SPEC.md, "Database structure".
export const keys = {
    config: 'pt.config',
    role: 'pt.role',
    supply: 'pt.supply',
    balance: 'pt.balance',
    credit: 'pt.credit',
    hold: 'pt.hold',
    holdOf: 'pt.holdOf',
    activity: 'pt.activity',
    reference: 'pt.ref',
    request: 'pt.request',
} as const;
