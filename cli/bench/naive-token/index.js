// SPDX-License-Identifier: Apache-2.0
//
// A naive token, written the way a first attempt often is: each account's balance is one key, and a
// transfer reads both balances and writes both back. Concurrent payments into one account all read
// and rewrite its key, so only the first of them in a block commits; the rest fail validation with
// MVCC_READ_CONFLICT. The benchmark (npm run bench:hotkeys) runs it beside productoken, whose credit
// entries avoid exactly that. It has no access control: it exists to be measured, not to be used.
'use strict';

const { Contract } = require('fabric-contract-api');

const key = (account) => `balance~${account}`;

function amountOf(text) {
    if (!/^(0|[1-9][0-9]{0,29})$/.test(text))
        throw new Error(`INVALID_ARGUMENT: amount '${text}' is not a whole number`);
    return BigInt(text);
}

async function balance(ctx, account) {
    const bytes = await ctx.stub.getState(key(account));
    return bytes && bytes.length > 0 ? BigInt(Buffer.from(bytes).toString()) : 0n;
}

class NaiveTokenContract extends Contract {
    constructor() {
        super('naive');
    }

    /** Sets an account's balance (the benchmark funds each payer with it). */
    async Fund(ctx, account, amount) {
        await ctx.stub.putState(key(account), Buffer.from(amountOf(amount).toString()));
    }

    /** Moves `amount` from one account to another: read-modify-write of both balance keys. */
    async Transfer(ctx, from, to, amount) {
        const value = amountOf(amount);
        const payer = await balance(ctx, from);
        if (payer < value) throw new Error(`INSUFFICIENT_FUNDS: '${from}' has ${payer}`);
        const payee = await balance(ctx, to);
        await ctx.stub.putState(key(from), Buffer.from((payer - value).toString()));
        await ctx.stub.putState(key(to), Buffer.from((payee + value).toString()));
    }

    async BalanceOf(ctx, account) {
        return (await balance(ctx, account)).toString();
    }
}

module.exports.contracts = [NaiveTokenContract];
