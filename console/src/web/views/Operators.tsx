// SPDX-License-Identifier: Apache-2.0
//
// Operators: pending onboarding updates and their signatures — not there yet, and said so.
export function OperatorsPage({ note }: { readonly note: string }) {
    return (
        <section id="operators-view">
            <h2>Operators</h2>
            <p class="empty">{note}</p>
        </section>
    );
}
