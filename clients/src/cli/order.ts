// SPDX-License-Identifier: Apache-2.0
//
// `productivist order ...`: prodcontrol orders and production.

import type { Command } from 'commander';

import { Controller } from '../clients.js';
import { amountKind, integerArgument, quantityKind } from './integers.js';
import type { FlowIo } from './shared.js';
import { action, group, Printed } from './shared.js';

export function registerOrderCommands(program: Command, io: FlowIo): void {
    const order = group(program, 'order', 'Orders and production');
    order
        .command('create')
        .argument('<orderId>')
        .argument('<modelId>')
        .argument('<quantity>', 'how many objects', integerArgument(quantityKind))
        .argument('<price>', 'total price in the smallest unit: 1000 = 10.00 PDT', integerArgument(amountKind('price')))
        .requiredOption('--spec <text>', '(required) the specification (kept in a private collection)')
        .option('--producer <account>', 'assign a producer (the price is escrowed now)', '')
        .description('Order objects of a certified model')
        .action(
            action(
                io,
                (
                    l,
                    m,
                    id: string,
                    modelId: string,
                    quantity: string,
                    price: string,
                    o: { spec: string; producer: string },
                ) => new Controller(l, m).order(id, modelId, Number(quantity), price, o.producer, o.spec),
            ),
        );
    const steps = {
        accept: 'Accept',
        fund: 'Fund',
        start: 'StartProduction',
        produced: 'MarkProduced',
        cancel: 'Cancel',
    } as const;
    for (const [name, method] of Object.entries(steps)) {
        order
            .command(name)
            .argument('<orderId>')
            .description(`${name} an order`)
            .action(action(io, (l, m, id: string) => new Controller(l, m).step(method, id)));
    }
    order
        .command('progress')
        .argument('<orderId>')
        .argument('<step>')
        .argument('[note]', '', '')
        .description('Report production progress (controller devices)')
        .action(
            action(io, (l, m, id: string, step: string, note: string) => new Controller(l, m).report(id, step, note)),
        );
    order
        .command('prints')
        .argument('<modelId>')
        .description(
            "A model's print usage under its licence (its designer, producers of its orders, Productivist admins)",
        )
        .action(
            action(io, async (l, m, modelId: string) => {
                const usage = await new Controller(l, m).prints(modelId);
                const limit = usage.printLimit === null ? 'unlimited' : String(usage.printLimit);
                const orders = usage.orders.map((entry) => `${entry.orderId} ×${String(entry.quantity)}`).join(', ');
                return new Printed(
                    `${usage.modelId}: ${String(usage.used)} of ${limit} prints used${usage.remaining === null ? '' : `, ${String(usage.remaining)} left`}${orders === '' ? '' : ` (${orders})`}`,
                    usage,
                );
            }),
        );
    order
        .command('show')
        .argument('<orderId>')
        .description('An order and its progress')
        .action(
            action(io, async (l, m, id: string) => {
                const controller = new Controller(l, m);
                return { order: await controller.get(id), progress: await controller.progress(id) };
            }),
        );
}
