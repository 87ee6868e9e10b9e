// SPDX-License-Identifier: Apache-2.0
//
// Operators: the onboarding updates waiting in the network's updates folder, what each does, whose
// signatures count, which are refused and which organizations are still missing — the check
// `org submit` runs, made by the server over the channel's current config.
import { ErrorBox, Table, useView } from '../ui.js';

interface UpdateView {
    readonly file: string;
    readonly channel: string;
    readonly description: string;
    readonly action: string;
    readonly digest: string;
    readonly ready: boolean;
    readonly signed: readonly { who: string; mspId: string; source: string }[];
    readonly refused: readonly { who: string; reason: string; source: string }[];
    readonly missing: readonly string[];
    readonly policies: readonly { path: string; satisfied: boolean; explanation: string }[];
    readonly problems: readonly string[];
}

interface OperatorsView {
    readonly directory: string | null;
    readonly note: string;
    readonly updates: readonly UpdateView[];
    readonly unreadable: readonly { file: string; problem: string }[];
}

export function OperatorsPage({ version }: { readonly version: number }) {
    const { data, error } = useView<OperatorsView>('/operators', '', version);
    if (error !== undefined) return <ErrorBox error={error} />;
    if (data === undefined) return <p>loading…</p>;
    return (
        <section id="operators-view">
            <h2>Operators</h2>
            <p class="notes">{data.note}</p>
            {data.directory !== null && data.updates.length === 0 ? (
                <p class="empty">No pending updates in {data.directory}.</p>
            ) : null}
            {data.updates.length === 0 ? null : (
                <Table head={['update', 'what it does', 'signed by', 'still missing', 'status']} id="updates">
                    {data.updates.map((update) => (
                        <tr key={update.file} data-file={update.file}>
                            <td title={`sha256 ${update.digest}`}>
                                {update.file}
                                <br />
                                <small>
                                    {update.channel} · {update.digest.slice(0, 12)}
                                </small>
                            </td>
                            <td>
                                {update.description}
                                <ul class="policies">
                                    {update.policies.map((policy) => (
                                        <li key={policy.path} class={policy.satisfied ? 'good' : 'bad'}>
                                            {policy.explanation}
                                        </li>
                                    ))}
                                    {update.problems.map((problem) => (
                                        <li key={problem} class="bad">
                                            {problem}
                                        </li>
                                    ))}
                                </ul>
                            </td>
                            <td class="signed">
                                {update.signed.map((signer) => (
                                    <div key={signer.source}>{signer.who}</div>
                                ))}
                                {update.refused.map((refused) => (
                                    <div key={refused.source} class="bad" title={refused.reason}>
                                        refused: {refused.who} — {refused.reason}
                                    </div>
                                ))}
                                {update.signed.length === 0 && update.refused.length === 0 ? 'nobody yet' : null}
                            </td>
                            <td class="missing">{update.missing.join(', ')}</td>
                            <td class={update.ready ? 'good' : 'bad'}>
                                {update.problems.length > 0
                                    ? 'cannot go as it is'
                                    : update.refused.length > 0
                                      ? 'signatures refused'
                                      : update.ready
                                        ? 'ready to submit'
                                        : 'needs signatures'}
                            </td>
                        </tr>
                    ))}
                </Table>
            )}
            {data.unreadable.length === 0 ? null : (
                <Table head={['file', 'why it is not listed']} id="unreadable">
                    {data.unreadable.map((file) => (
                        <tr key={file.file}>
                            <td>{file.file}</td>
                            <td class="bad">{file.problem}</td>
                        </tr>
                    ))}
                </Table>
            )}
        </section>
    );
}
