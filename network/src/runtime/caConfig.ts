// SPDX-License-Identifier: Apache-2.0
//
// What a CA server's generated config lacks until it starts: its registrar. No secret is written
// by the generator; the runtime adds the registrar identity (and an intermediate's credentials at
// its parent) to the config just before the server starts.
import { parseDocument } from 'yaml';

import { NetworkError } from '../errors.js';

/** Attributes the registrar of every server holds (what fabric-ca-server gives a bootstrap admin). */
export const registrarAttributes: Readonly<Record<string, string | boolean>> = {
    'hf.Registrar.Roles': '*',
    'hf.Registrar.DelegateRoles': '*',
    'hf.Registrar.Attributes': '*',
    'hf.Revoker': true,
    'hf.IntermediateCA': true,
    'hf.GenCRL': true,
    'hf.AffiliationMgr': true,
};

/** The registrar of a CA server: its enrollment id and secret. */
export interface Registrar {
    readonly enrollmentId: string;
    readonly secret: string;
}

/**
 * Adds the registrar identity (and, for an intermediate, the parent credentials, unless the URL
 * already has some) to a generated server config: what `-b admin:secret` does for a config that
 * fabric-ca-server writes itself, and what it does not do for an existing config. `source` names
 * the config in the error a malformed one gives.
 */
export function withBootstrapRegistrar(
    configText: string,
    registrar: Registrar,
    parentSecret?: string,
    source = 'CA server config',
): string {
    const document = parseDocument(configText);
    document.setIn(
        ['registry', 'identities'],
        document.createNode([
            {
                name: registrar.enrollmentId,
                pass: registrar.secret,
                type: 'client',
                affiliation: '',
                attrs: registrarAttributes,
            },
        ]),
    );
    const parentUrl = document.getIn(['intermediate', 'parentserver', 'url']);
    if (typeof parentUrl === 'string' && parentSecret !== undefined && !parentUrl.includes('@')) {
        document.setIn(
            ['intermediate', 'parentserver', 'url'],
            parentUrl.replace('https://', `https://admin:${encodeURIComponent(parentSecret)}@`),
        );
    }
    if (document.errors.length > 0) {
        throw new NetworkError(`${source} is not valid YAML: ${document.errors[0]?.message ?? ''}`, {
            code: 'CA_CONFIG_INVALID',
            exit: 'usage',
            hint: 'regenerate the tree, or fix the file',
        });
    }
    return document.toString({ lineWidth: 0 });
}
