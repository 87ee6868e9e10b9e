// SPDX-License-Identifier: Apache-2.0
//
// Small shared pieces of the views: data loading that follows the live events, forms that post an
// action and show its outcome (a contract's refusal with its code and message), tables.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';

import type { ApiError } from './api.js';
import { get, post, Refused, sha256 } from './api.js';

/** Runs `load` again whenever one of `deps` changes; keeps its latest result or error. */
export function useLoaded<T>(load: () => Promise<T>, deps: readonly unknown[]): { data?: T; error?: ApiError } {
    const [state, setState] = useState<{ data?: T; error?: ApiError }>({});
    useEffect(() => {
        let current = true;
        load().then(
            (data) => {
                if (current) setState({ data });
            },
            (error: unknown) => {
                if (current) setState({ error: asApiError(error) });
            },
        );
        return () => {
            current = false;
        };
    }, deps);
    return state;
}

/** Loads `path` as `as`, again whenever `version` (bumped by every chaincode event) changes. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- T is what the view reads from the API
export function useView<T>(path: string, as: string, version: number): { data?: T; error?: ApiError } {
    return useLoaded(() => get<T>(path, as), [path, as, version]);
}

export function asApiError(error: unknown): ApiError {
    if (error instanceof Refused) return error.error;
    return { code: 'NETWORK', message: error instanceof Error ? error.message : String(error), hint: '' };
}

export function ErrorBox({ error }: { readonly error: ApiError }) {
    return (
        <div class="refusal" role="alert" data-code={error.code}>
            <strong class="code">{error.code}</strong> <span class="message">{error.message}</span>
            {error.hint === '' ? null : <div class="hint">{error.hint}</div>}
        </div>
    );
}

export interface FieldSpec {
    readonly name: string;
    readonly label: string;
    readonly value?: string;
    /** A file input whose SHA-256 (computed in the browser) is sent as this field. */
    readonly file?: boolean;
    readonly options?: readonly string[];
    readonly placeholder?: string;
}

/** A form that posts its fields (plus `as`) to `path` and shows the result or the refusal. */
export function ActionForm(props: {
    readonly title: string;
    readonly path: string;
    readonly as: string;
    readonly fields: readonly FieldSpec[];
    readonly submit: string;
    readonly id: string;
    readonly describe?: (result: unknown) => string;
}) {
    const [outcome, setOutcome] = useState<{ ok?: string; error?: ApiError; busy?: boolean }>({});
    const onSubmit = async (event: Event) => {
        event.preventDefault();
        const form = event.currentTarget as HTMLFormElement;
        const body: Record<string, string> = { as: props.as };
        for (const field of props.fields) {
            const input = form.elements.namedItem(field.name) as HTMLInputElement | HTMLSelectElement | null;
            if (input === null) continue;
            if (field.file === true && input instanceof HTMLInputElement) {
                const file = input.files?.[0];
                body[field.name] = file === undefined ? '' : await sha256(file);
            } else body[field.name] = input.value;
        }
        setOutcome({ busy: true });
        try {
            const result = await post(props.path, body);
            setOutcome({ ok: props.describe?.(result) ?? 'done' });
        } catch (error) {
            setOutcome({ error: asApiError(error) });
        }
    };
    return (
        <form class="action" id={props.id} onSubmit={(event) => void onSubmit(event)}>
            <h3>{props.title}</h3>
            {props.fields.map((field) => (
                <label key={field.name}>
                    <span>{field.label}</span>
                    {field.options !== undefined ? (
                        <select name={field.name} defaultValue={field.value ?? field.options[0]}>
                            {field.options.map((option) => (
                                <option key={option} value={option}>
                                    {option}
                                </option>
                            ))}
                        </select>
                    ) : field.file === true ? (
                        <input name={field.name} type="file" />
                    ) : (
                        <input
                            name={field.name}
                            defaultValue={field.value ?? ''}
                            placeholder={field.placeholder ?? ''}
                        />
                    )}
                </label>
            ))}
            <button type="submit" disabled={outcome.busy === true}>
                {props.submit}
            </button>
            {outcome.ok === undefined ? null : <div class="ok">{outcome.ok}</div>}
            {outcome.error === undefined ? null : <ErrorBox error={outcome.error} />}
        </form>
    );
}

export function Table(props: {
    readonly head: readonly string[];
    readonly children: ComponentChildren;
    readonly id?: string;
}) {
    return (
        <table id={props.id}>
            <thead>
                <tr>
                    {props.head.map((title) => (
                        <th key={title}>{title}</th>
                    ))}
                </tr>
            </thead>
            <tbody>{props.children}</tbody>
        </table>
    );
}

export function short(hash: string | null | undefined): string {
    return hash === null || hash === undefined ? '—' : `${hash.slice(0, 12)}…`;
}
