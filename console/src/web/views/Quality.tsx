// SPDX-License-Identifier: Apache-2.0
//
// Validator: QC campaigns and their verdicts, the payout each verdict made, reputation rankings;
// forms to open a campaign, record a result and give the verdict.
import type { ConsoleEvent, Movement } from '../api.js';
import { tokens } from '../api.js';
import { ActionForm, ErrorBox, short, Table, useView } from '../ui.js';

interface QualityView {
    readonly campaigns: readonly {
        id: string;
        orderId: string;
        expert: string;
        status: string;
        outcome: string | null;
        reportHash: string | null;
    }[];
    readonly producers: readonly { account: string; score: string; pass: number; fail: number }[];
    readonly designers: readonly { account: string; score: string; pass: number; fail: number }[];
    readonly payouts: readonly ConsoleEvent[];
}

function movementsOf(event: ConsoleEvent): readonly Movement[] {
    const payload = event.payload as { movements?: readonly Movement[] } | null;
    return payload?.movements ?? [];
}

export function QualityPage({ as, version }: { readonly as: string; readonly version: number }) {
    const { data, error } = useView<QualityView>('/quality', as, version);
    return (
        <section id="quality-view">
            <h2>Quality checks</h2>
            {error === undefined ? null : <ErrorBox error={error} />}
            <Table head={['campaign', 'order', 'expert', 'status', 'verdict', 'report']} id="campaigns">
                {(data?.campaigns ?? []).map((campaign) => (
                    <tr key={campaign.id}>
                        <td>{campaign.id}</td>
                        <td>{campaign.orderId}</td>
                        <td>{campaign.expert}</td>
                        <td>{campaign.status}</td>
                        <td class={`status ${campaign.outcome ?? ''}`}>{campaign.outcome ?? '—'}</td>
                        <td>{short(campaign.reportHash)}</td>
                    </tr>
                ))}
            </Table>
            <h3>Payouts made by verdicts</h3>
            <Table head={['block', 'event', 'movements']} id="payouts">
                {(data?.payouts ?? []).map((event) => (
                    <tr key={event.transactionId}>
                        <td>{event.block}</td>
                        <td>{event.name}</td>
                        <td>
                            {movementsOf(event)
                                .map((m) => `${m.kind} ${m.from || '—'} → ${m.to || 'burned'} ${tokens(m.amount)}`)
                                .join('; ')}
                        </td>
                    </tr>
                ))}
            </Table>
            <div class="columns">
                <div>
                    <h3>Producers</h3>
                    <Table head={['producer', 'passed', 'failed', 'score']} id="ranking-producers">
                        {(data?.producers ?? []).map((entry) => (
                            <tr key={entry.account}>
                                <td>{entry.account}</td>
                                <td>{entry.pass}</td>
                                <td>{entry.fail}</td>
                                <td>{entry.score}</td>
                            </tr>
                        ))}
                    </Table>
                </div>
                <div>
                    <h3>Designers</h3>
                    <Table head={['designer', 'passed', 'failed', 'score']} id="ranking-designers">
                        {(data?.designers ?? []).map((entry) => (
                            <tr key={entry.account}>
                                <td>{entry.account}</td>
                                <td>{entry.pass}</td>
                                <td>{entry.fail}</td>
                                <td>{entry.score}</td>
                            </tr>
                        ))}
                    </Table>
                </div>
            </div>
            <div class="columns">
                <ActionForm
                    id="open-form"
                    title="Open a campaign (experts)"
                    path="/quality/open"
                    as={as}
                    submit="Open"
                    describe={(r) => `campaign ${(r as { id: string }).id} open`}
                    fields={[
                        { name: 'campaignId', label: 'campaign id' },
                        { name: 'orderId', label: 'order id' },
                    ]}
                />
                <ActionForm
                    id="result-form"
                    title="Record a result"
                    path="/quality/result"
                    as={as}
                    submit="Record"
                    describe={(r) => `recorded ${(r as { name: string }).name}`}
                    fields={[
                        { name: 'campaignId', label: 'campaign id' },
                        { name: 'name', label: 'measurement' },
                        { name: 'value', label: 'value' },
                        { name: 'unit', label: 'unit' },
                        { name: 'report', label: 'report (text or SHA-256; hashed)' },
                    ]}
                />
                <ActionForm
                    id="verdict-form"
                    title="Verdict"
                    path="/quality/verdict"
                    as={as}
                    submit="Give verdict"
                    describe={(r) => {
                        const result = r as { order: { id: string; status: string }; movements: readonly Movement[] };
                        return `order ${result.order.id}: ${result.order.status}; ${result.movements
                            .map((m) => `${m.to} ${tokens(m.amount)}`)
                            .join(', ')}`;
                    }}
                    fields={[
                        { name: 'campaignId', label: 'campaign id' },
                        { name: 'outcome', label: 'outcome', options: ['pass', 'refund', 'rework'] },
                        { name: 'report', label: 'report (text or SHA-256; hashed)' },
                    ]}
                />
            </div>
        </section>
    );
}
