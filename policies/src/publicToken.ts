// SPDX-License-Identifier: Apache-2.0
//
// How the public network's productoken starts: the configuration its Productivist admin
// initializes it with and the members who open their accounts first. The embedded world and
// `network up` both read it from here, so the two ledgers start the same.

/** The productoken configuration of the public network (productoken `Initialize`). */
export const publicTokenConfig = {
    name: 'ProducToken',
    symbol: 'PDT',
    decimals: 2,
    supplyCap: '1000000000',
    feeAccount: 'productivist',
    platformFeeBps: 500,
} as const;

/** The members of the example world whose identity carries an account; each opens it (productoken `OpenAccount`). */
export const publicAccountHolders = [
    'treasury',
    'alice',
    'alice-designer',
    'dana',
    'printlab',
    'erin',
    'acme',
] as const;
