// SPDX-License-Identifier: Apache-2.0
//
// The transactions of a contract class, defined from their descriptions (transactions.ts): each
// description names the method, its kind and its arguments; its operation says what it does. Every
// method is declared to fabric-contract-api as a decorated TypeScript method would be: the
// `design:*` metadata TypeScript emits for it (Context first, then String or Number per argument),
// then the `@Transaction()` decorator, applied in the order the descriptions list them.
import { Context, Transaction } from 'fabric-contract-api';
import type { Contract } from 'fabric-contract-api';

import type { TransactionDescription } from '../transactions.js';

/** Arguments the ledger takes as numbers (fabric-contract-api converts them); every other argument is a string. */
export const numberArguments = ['pageSize', 'limit'] as const;

type NumberArgument = (typeof numberArguments)[number];

/** A transaction's arguments by name, typed as the contract receives them. */
export type LedgerArguments<T> =
    T extends TransactionDescription<infer A>
        ? { readonly [K in A[number]]: K extends NumberArgument ? number : string }
        : never;

/** What a transaction does: from the context, the resolved caller and the named arguments to the result text. */
export type Operation<T, Who> = (ctx: Context, who: Who, args: LedgerArguments<T>, name: string) => Promise<string>;

/** One operation for each described transaction. */
export type Operations<T extends Readonly<Record<string, TransactionDescription>>, Who> = {
    readonly [K in keyof T]: Operation<T[K], Who>;
};

/** The reflect-metadata API fabric-contract-api installs (it requires the package itself). */
const reflect = Reflect as typeof Reflect & {
    defineMetadata(key: string, value: unknown, target: object, property: string): void;
};

/**
 * Defines each described transaction as a method of `contract`: it resolves the caller with
 * `resolve`, then runs its operation with the arguments by name. The metadata fabric-contract-api
 * reads (parameter names and types, submit or evaluate) is what the same method written by hand
 * and decorated with `@Transaction()` or `@Transaction(false)` gives.
 */
export function defineTransactions<T extends Readonly<Record<string, TransactionDescription>>, Who>(
    contract: abstract new () => Contract,
    descriptions: T,
    resolve: (ctx: Context) => Promise<Who>,
    operations: Operations<T, Who>,
): void {
    const prototype = contract.prototype as object;
    for (const [name, description] of Object.entries(descriptions)) {
        const operation = operations[name] as Operation<TransactionDescription, Who>;
        const names = description.arguments;
        const method = async (ctx: Context, ...values: unknown[]): Promise<string> => {
            const args = Object.fromEntries(names.map((argument, index) => [argument, values[index]]));
            return operation(ctx, await resolve(ctx), args as LedgerArguments<TransactionDescription>, name);
        };
        // fabric-contract-api reads the parameter names from the method's source text.
        const source = `async ${name}(ctx, ${names.join(', ')}) {}`;
        Object.defineProperty(method, 'name', { value: name });
        Object.defineProperty(method, 'toString', { value: () => source });
        Object.defineProperty(prototype, name, { value: method, writable: true, configurable: true });
        const types = names.map((argument) =>
            (numberArguments as readonly string[]).includes(argument) ? Number : String,
        );
        reflect.defineMetadata('design:type', Function, prototype, name);
        reflect.defineMetadata('design:paramtypes', [Context, ...types], prototype, name);
        reflect.defineMetadata('design:returntype', Promise, prototype, name);
        Transaction(description.kind === 'submit')(prototype, name);
    }
}

/** Sets the event `event` carrying `value` as JSON, and returns that JSON as the transaction's result. */
export function announce(ctx: Context, event: string, value: unknown): string {
    const json = JSON.stringify(value);
    ctx.stub.setEvent(event, Buffer.from(json));
    return json;
}
