// SPDX-License-Identifier: Apache-2.0
//
// Modeler: models with version, content hash, licence and certification (status and certifying
// organization); register a model (its file hashed in the browser) and, for experts, decide on one.
import { ActionForm, ErrorBox, short, Table, useView } from '../ui.js';

interface ModelView {
    readonly model: {
        id: string;
        designer: string;
        title: string;
        contentHash: string;
        version: number;
        previous: string | null;
        licence: { royaltyBps: number; printLimit: number | null; allowedProducers: readonly string[] | null };
    };
    readonly certification: { status: string; expert: string | null; expertMsp: string | null };
}

export function ModelsPage({ as, version }: { readonly as: string; readonly version: number }) {
    const { data, error } = useView<readonly ModelView[]>('/models', as, version);
    return (
        <section id="models-view">
            <h2>Models</h2>
            {error === undefined ? null : <ErrorBox error={error} />}
            <Table
                head={['model', 'title', 'designer', 'version', 'content hash', 'licence', 'certification']}
                id="models"
            >
                {(data ?? []).map(({ model, certification }) => (
                    <tr key={model.id} data-model={model.id}>
                        <td>{model.id}</td>
                        <td>{model.title}</td>
                        <td>{model.designer}</td>
                        <td>
                            v{model.version}
                            {model.previous === null ? '' : ` (after ${model.previous})`}
                        </td>
                        <td title={model.contentHash}>{short(model.contentHash)}</td>
                        <td>
                            royalty {model.licence.royaltyBps / 100} %, {model.licence.printLimit ?? 'unlimited'} prints
                            {model.licence.allowedProducers === null
                                ? ''
                                : `, ${model.licence.allowedProducers.join(', ')} only`}
                        </td>
                        <td class={`status ${certification.status.toLowerCase()}`}>
                            {certification.status}
                            {certification.expert === null
                                ? ''
                                : ` by ${certification.expert} (${certification.expertMsp ?? ''})`}
                        </td>
                    </tr>
                ))}
            </Table>
            <div class="columns">
                <ActionForm
                    id="register-form"
                    title="Register a model (designers)"
                    path="/models/register"
                    as={as}
                    submit="Register"
                    describe={(r) =>
                        `registered ${(r as { id: string; version: number }).id} v${String((r as { version: number }).version)}`
                    }
                    fields={[
                        { name: 'modelId', label: 'model id' },
                        { name: 'title', label: 'title' },
                        {
                            name: 'contentHash',
                            label: 'model file (hashed here; only the hash goes on-chain)',
                            file: true,
                        },
                        { name: 'royalty', label: 'royalty (basis points: 1000 = 10 %)', value: '1000' },
                        { name: 'printLimit', label: 'print limit (empty: unlimited)' },
                        { name: 'allowedProducers', label: 'allowed producers (comma-separated; empty: any)' },
                        { name: 'previous', label: 'follows version (model id)' },
                    ]}
                />
                <ActionForm
                    id="decide-form"
                    title="Certify, reject or revoke (experts)"
                    path="/models/decide"
                    as={as}
                    submit="Decide"
                    describe={(r) =>
                        `${(r as { modelId: string; status: string }).modelId}: ${(r as { status: string }).status}`
                    }
                    fields={[
                        { name: 'modelId', label: 'model id' },
                        { name: 'decision', label: 'decision', options: ['certify', 'reject', 'revoke'] },
                        { name: 'report', label: 'report (text or SHA-256; hashed)' },
                    ]}
                />
            </div>
        </section>
    );
}
