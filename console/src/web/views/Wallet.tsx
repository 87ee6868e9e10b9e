// SPDX-License-Identifier: Apache-2.0
//
// Wallet: balance, holds with their release and refund rules, activity, transfer (and, for the
// treasury, mint) forms.
import type { Movement } from '../api.js';
import { tokens } from '../api.js';
import { ActionForm, ErrorBox, Table, useView } from '../ui.js';

type Party = string | { readonly account: string } | { readonly role: string };

interface Permission {
    readonly entryChaincode: string;
    readonly parties: readonly Party[];
}

interface WalletView {
    readonly caller: {
        mspId: string;
        account?: string;
        deviceOf?: string;
        treasury: boolean;
        roles: readonly string[];
    };
    readonly account: string | null;
    readonly balance?: { available: string; held: string };
    readonly holds?: readonly {
        id: string;
        amount: string;
        status: string;
        rules: {
            payees: readonly { account: string; bps: number }[];
            release: readonly Permission[];
            refund: readonly Permission[];
        };
    }[];
    readonly activity?: readonly Movement[];
    readonly supply?: string;
}

function permissions(list: readonly Permission[]): string {
    const party = (p: Party): string => (typeof p === 'string' ? p : 'account' in p ? p.account : `any ${p.role}`);
    return list.map((p) => `${p.parties.map(party).join(' or ')} via ${p.entryChaincode}`).join('; ') || '—';
}

function describe(result: unknown): string {
    const movements = (result as { movements?: readonly Movement[]; replayed?: boolean }).movements ?? [];
    return `done: ${movements.map((m) => `${tokens(m.amount)} ${m.from || 'minted'} → ${m.to}`).join(', ')}`;
}

export function WalletPage({ as, version }: { readonly as: string; readonly version: number }) {
    const { data, error } = useView<WalletView>('/wallet', as, version);
    if (error !== undefined) return <ErrorBox error={error} />;
    if (data === undefined) return <p>loading…</p>;
    if (data.account === null) {
        return (
            <section id="wallet-view">
                <h2>Wallet</h2>
                <p class="empty">
                    {as} ({data.caller.mspId}) has no wallet
                    {data.caller.deviceOf === undefined ? '' : `: it is a device of ${data.caller.deviceOf}`}.
                </p>
            </section>
        );
    }
    return (
        <section id="wallet-view">
            <h2>
                Wallet <small>account {data.account}</small>
            </h2>
            <div class="cards">
                <div class="card">
                    <div class="label">available</div>
                    <div class="amount" id="balance-available">
                        {tokens(data.balance?.available ?? '0')}
                    </div>
                </div>
                <div class="card">
                    <div class="label">held in escrow</div>
                    <div class="amount" id="balance-held">
                        {tokens(data.balance?.held ?? '0')}
                    </div>
                </div>
                <div class="card">
                    <div class="label">total supply</div>
                    <div class="amount">{tokens(data.supply ?? '0')}</div>
                </div>
            </div>
            <div class="columns">
                <div class="wide">
                    <h3>Holds</h3>
                    <Table head={['hold', 'amount', 'status', 'pays', 'released by', 'refunded by']} id="holds">
                        {(data.holds ?? []).map((hold) => (
                            <tr key={hold.id}>
                                <td>{hold.id}</td>
                                <td>{tokens(hold.amount)}</td>
                                <td>{hold.status}</td>
                                <td>{hold.rules.payees.map((p) => `${p.account} ${p.bps / 100} %`).join(', ')}</td>
                                <td>{permissions(hold.rules.release)}</td>
                                <td>{permissions(hold.rules.refund)}</td>
                            </tr>
                        ))}
                    </Table>
                    <h3>Activity</h3>
                    <Table head={['kind', 'from', 'to', 'amount', 'reference']} id="activity">
                        {(data.activity ?? []).map((m, index) => (
                            <tr key={`${m.transactionId ?? ''}-${String(index)}`}>
                                <td>{m.kind}</td>
                                <td>{m.from || '—'}</td>
                                <td>{m.to || 'burned'}</td>
                                <td>{tokens(m.amount)}</td>
                                <td>{m.reference ?? m.holdId ?? ''}</td>
                            </tr>
                        ))}
                    </Table>
                </div>
                <div>
                    <ActionForm
                        id="transfer-form"
                        title="Transfer"
                        path="/wallet/transfer"
                        as={as}
                        submit="Transfer"
                        describe={describe}
                        fields={[
                            { name: 'to', label: 'to account' },
                            { name: 'amount', label: 'amount (cents: 1500 = 15.00 PDT)' },
                            { name: 'reference', label: 'reference' },
                            { name: 'requestId', label: 'request id (a retry with it changes nothing)' },
                        ]}
                    />
                    {data.caller.treasury ? (
                        <ActionForm
                            id="mint-form"
                            title="Mint (treasury: fiat received)"
                            path="/wallet/mint"
                            as={as}
                            submit="Mint"
                            describe={describe}
                            fields={[
                                { name: 'to', label: 'to account' },
                                { name: 'amount', label: 'amount (cents)' },
                                { name: 'requestId', label: 'request id (the fiat payment reference)' },
                            ]}
                        />
                    ) : null}
                </div>
            </div>
        </section>
    );
}
