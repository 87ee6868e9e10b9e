// SPDX-License-Identifier: Apache-2.0
//
// The console page: who you act as, the views, and the live events (server-sent, from the chaincode
// events the server listens to) that make every view reload its data — no page reloads.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';

import type { ConsoleEvent, Info } from './api.js';
import { get } from './api.js';
import { ErrorBox, asApiError } from './ui.js';
import { ModelsPage } from './views/Models.js';
import { NetworkPage } from './views/Network.js';
import { OperatorsPage } from './views/Operators.js';
import { OrdersPage } from './views/Orders.js';
import { QualityPage } from './views/Quality.js';
import { WalletPage } from './views/Wallet.js';

type Tab = 'network' | 'wallet' | 'models' | 'orders' | 'quality' | 'operators';
const tabs: readonly [Tab, string][] = [
    ['network', 'Network'],
    ['wallet', 'Wallet'],
    ['models', 'Models'],
    ['orders', 'Orders'],
    ['quality', 'Quality'],
    ['operators', 'Operators'],
];

function tabFromHash(): Tab {
    const hash = location.hash.replace(/^#/, '');
    return tabs.some(([tab]) => tab === hash) ? (hash as Tab) : 'network';
}

function App() {
    const [info, setInfo] = useState<Info | undefined>();
    const [failure, setFailure] = useState<unknown>();
    const [as, setAs] = useState(localStorage.getItem('productivist.as') ?? '');
    const [tab, setTab] = useState<Tab>(tabFromHash());
    const [version, setVersion] = useState(0);
    const [events, setEvents] = useState<readonly ConsoleEvent[]>([]);
    const [live, setLive] = useState(false);

    useEffect(() => {
        get<Info>('/info').then((loaded) => {
            setInfo(loaded);
            if (!loaded.members.some((member) => member.name === as)) setAs(loaded.members[0]?.name ?? '');
        }, setFailure);
        get<ConsoleEvent[]>('/events/recent').then((recent) => {
            setEvents(recent.slice(-30).reverse());
        }, setFailure);
        const source = new EventSource('/api/events');
        source.addEventListener('ready', () => {
            setLive(true);
        });
        source.addEventListener('chaincode', (message) => {
            const event = JSON.parse((message as MessageEvent<string>).data) as ConsoleEvent;
            setEvents((list) => [event, ...list].slice(0, 30));
            setVersion((v) => v + 1);
        });
        source.onerror = () => {
            setLive(false);
        };
        const onHash = () => {
            setTab(tabFromHash());
        };
        addEventListener('hashchange', onHash);
        return () => {
            source.close();
            removeEventListener('hashchange', onHash);
        };
    }, []);

    const choose = (name: string) => {
        localStorage.setItem('productivist.as', name);
        setAs(name);
    };

    if (failure !== undefined) return <ErrorBox error={asApiError(failure)} />;
    if (info === undefined) return <p>loading…</p>;
    return (
        <div class="shell">
            <header>
                <h1>Productivist console</h1>
                <span class="where">
                    {info.kind === 'embedded' ? 'embedded world' : 'network'} · {info.label}
                </span>
                <span class={live ? 'live on' : 'live'} id="live">
                    {live ? 'live' : 'offline'}
                </span>
                <label class="as">
                    act as{' '}
                    <select
                        id="identity"
                        value={as}
                        onChange={(event) => {
                            choose(event.currentTarget.value);
                        }}
                    >
                        {info.members.map((member) => (
                            <option key={member.name} value={member.name}>
                                {member.name} — {member.mspId}
                                {member.note === '' ? '' : `, ${member.note}`}
                            </option>
                        ))}
                    </select>
                </label>
            </header>
            <nav>
                {tabs.map(([name, title]) => (
                    <a key={name} href={`#${name}`} class={tab === name ? 'active' : ''} id={`tab-${name}`}>
                        {title}
                    </a>
                ))}
            </nav>
            {info.unavailable === null || tab === 'network' ? null : <p class="empty">{info.unavailable}</p>}
            <main>
                {tab === 'network' ? <NetworkPage version={version} /> : null}
                {tab === 'wallet' ? <WalletPage as={as} version={version} /> : null}
                {tab === 'models' ? <ModelsPage as={as} version={version} /> : null}
                {tab === 'orders' ? <OrdersPage as={as} version={version} /> : null}
                {tab === 'quality' ? <QualityPage as={as} version={version} /> : null}
                {tab === 'operators' ? <OperatorsPage version={version} /> : null}
            </main>
            <aside id="events">
                <h3>Live chaincode events</h3>
                <ol>
                    {events.map((event) => (
                        <li key={`${event.transactionId}-${event.chaincode}`}>
                            <span class="block">#{event.block}</span> {event.chaincode}.{event.name}
                        </li>
                    ))}
                </ol>
            </aside>
        </div>
    );
}

const root = document.getElementById('app');
if (root !== null) render(<App />, root);
