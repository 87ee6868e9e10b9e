// SPDX-License-Identifier: Apache-2.0
//
// Orders and the controller: orders with escrow, producer and status; the device's progress over
// time as a chart; forms to order, move an order a step, and report progress (devices).
import { tokens } from '../api.js';
import { ActionForm, ErrorBox, Table, useView } from '../ui.js';

interface OrderView {
    readonly order: {
        id: string;
        customer: string;
        modelId: string;
        designer: string;
        quantity: number;
        price: string;
        producer: string | null;
        status: string;
        holdId: string | null;
    };
    readonly progress: readonly { device: string; step: string; note: string; transactionId: string }[];
}

interface PrintsView {
    readonly usage: readonly {
        modelId: string;
        designer: string;
        printLimit: number | null;
        used: number;
        remaining: number | null;
        orders: readonly { orderId: string; quantity: number }[];
    }[];
    /** Models whose usage the acting member may not read. */
    readonly hidden: number;
}

/** Print-limit usage per model (prodcontrol PrintsOf), for the models the acting member may read it of. */
function PrintUsage({ as, version }: { readonly as: string; readonly version: number }) {
    const { data, error } = useView<PrintsView>('/prints', as, version);
    return (
        <div id="prints-view">
            <h3>Print-limit usage</h3>
            {error === undefined ? null : <ErrorBox error={error} />}
            <Table head={['model', 'designer', 'used / limit', 'remaining', 'orders']} id="prints">
                {(data?.usage ?? []).map((model) => (
                    <tr key={model.modelId} data-model={model.modelId}>
                        <td>{model.modelId}</td>
                        <td>{model.designer}</td>
                        <td class="usage">
                            {model.used} / {model.printLimit === null ? 'unlimited' : model.printLimit}
                            {model.printLimit === null ? null : (
                                <meter min={0} max={model.printLimit} value={model.used} />
                            )}
                        </td>
                        <td class={model.remaining === 0 ? 'bad' : ''}>{model.remaining ?? '—'}</td>
                        <td>{model.orders.map((entry) => `${entry.orderId} ×${String(entry.quantity)}`).join(', ')}</td>
                    </tr>
                ))}
            </Table>
            {data === undefined || data.hidden === 0 ? null : (
                <p class="notes" id="prints-hidden">
                    {data.hidden} more model{data.hidden === 1 ? '' : 's'}: only the designer, the producers of its
                    orders and Productivist admins may read the usage.
                </p>
            )}
        </div>
    );
}

/** The device's reports in order: one dot per report, a line through them, the step named under it. */
function ProgressChart({ view }: { readonly view: OrderView }) {
    const reports = view.progress;
    const width = Math.max(160, 90 * reports.length + 40);
    return (
        <svg
            class="progress-chart"
            viewBox={`0 0 ${String(width)} 70`}
            width={width}
            height="70"
            role="img"
            aria-label={`progress of ${view.order.id}`}
        >
            <line x1="20" y1="25" x2={width - 20} y2="25" class="axis" />
            {reports.map((report, index) => (
                <g key={report.transactionId}>
                    <circle cx={40 + 90 * index} cy="25" r="7" class="report" />
                    <text x={40 + 90 * index} y="50" text-anchor="middle" class="report-step">
                        {report.step}
                    </text>
                    <text x={40 + 90 * index} y="63" text-anchor="middle" class="report-device">
                        {report.device}
                    </text>
                </g>
            ))}
            {reports.length === 0 ? (
                <text x="20" y="50" class="report-step">
                    no reports yet
                </text>
            ) : null}
        </svg>
    );
}

export function OrdersPage({ as, version }: { readonly as: string; readonly version: number }) {
    const { data, error } = useView<readonly OrderView[]>('/orders', as, version);
    return (
        <section id="orders-view">
            <h2>Orders and production</h2>
            {error === undefined ? null : <ErrorBox error={error} />}
            <Table
                head={['order', 'model', 'customer', 'producer', 'quantity', 'escrow', 'status', 'device progress']}
                id="orders"
            >
                {(data ?? []).map((view) => (
                    <tr key={view.order.id} data-order={view.order.id}>
                        <td>{view.order.id}</td>
                        <td>{view.order.modelId}</td>
                        <td>{view.order.customer}</td>
                        <td>{view.order.producer ?? '—'}</td>
                        <td>{view.order.quantity}</td>
                        <td>
                            {tokens(view.order.price)}
                            {view.order.holdId === null ? ' (not held)' : ' held'}
                        </td>
                        <td class={`status ${view.order.status.toLowerCase()}`}>{view.order.status}</td>
                        <td>
                            <ProgressChart view={view} />
                        </td>
                    </tr>
                ))}
            </Table>
            <PrintUsage as={as} version={version} />
            <div class="columns">
                <ActionForm
                    id="order-form"
                    title="Order (customers)"
                    path="/orders/create"
                    as={as}
                    submit="Order"
                    describe={(r) => `order ${(r as OrderView).order.id}: ${(r as OrderView).order.status}`}
                    fields={[
                        { name: 'orderId', label: 'order id' },
                        { name: 'modelId', label: 'model id' },
                        { name: 'quantity', label: 'quantity', value: '1' },
                        { name: 'price', label: 'price (cents: 2000 = 20.00 PDT)' },
                        { name: 'producer', label: 'producer (escrows the price now)' },
                        { name: 'spec', label: 'specification (kept in a private collection)' },
                    ]}
                />
                <ActionForm
                    id="step-form"
                    title="Move an order (producers; customers fund or cancel)"
                    path="/orders/step"
                    as={as}
                    submit="Apply"
                    describe={(r) => `order ${(r as OrderView).order.id}: ${(r as OrderView).order.status}`}
                    fields={[
                        { name: 'orderId', label: 'order id' },
                        { name: 'step', label: 'step', options: ['accept', 'fund', 'start', 'produced', 'cancel'] },
                    ]}
                />
                <ActionForm
                    id="progress-form"
                    title="Report progress (controller devices)"
                    path="/orders/progress"
                    as={as}
                    submit="Report"
                    describe={(r) => `reported ${(r as { step: string }).step}`}
                    fields={[
                        { name: 'orderId', label: 'order id' },
                        { name: 'step', label: 'step' },
                        { name: 'note', label: 'note' },
                    ]}
                />
            </div>
        </section>
    );
}
