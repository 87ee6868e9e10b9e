// SPDX-License-Identifier: Apache-2.0
import type { CommandRegistrar } from '@productivist/common';
import type { Command } from 'commander';

import { PolicyError } from './errors.js';
import type { NodeRole, SigningIdentity } from './evaluate.js';
import { evaluateSignaturePolicy } from './evaluate.js';
import { encodeApplicationPolicy, encodeSignaturePolicyEnvelope } from './protobuf.js';
import { parseSignaturePolicy, printSignaturePolicy } from './signatureSyntax.js';

const nodeRoles: readonly NodeRole[] = ['admin', 'client', 'peer', 'orderer'];

/** Parses `MSPID.role` or `MSPID.role#name` into a signing identity; the name tells identities apart. */
export function parseSigner(spec: string): SigningIdentity {
    const [principal = '', name] = spec.split('#', 2);
    const dot = principal.lastIndexOf('.');
    const mspId = principal.slice(0, dot);
    const role = principal.slice(dot + 1);
    if (dot <= 0 || !(nodeRoles as readonly string[]).includes(role)) {
        throw new PolicyError(`signer '${spec}' is not 'MSPID.role' or 'MSPID.role#name'`, {
            code: 'INVALID_ARGUMENT',
            exit: 'usage',
            hint: `role is one of ${nodeRoles.join(', ')} (the NodeOU of the certificate); e.g. --signer Org1MSP.peer#peer0`,
        });
    }
    return { id: name ?? principal, mspId, role: role as NodeRole };
}

/** Registers `productivist policy ...`. */
export const registerPolicyCommands: CommandRegistrar = (program: Command, io) => {
    const policy = program
        .command('policy')
        .description(
            "Parse, encode and evaluate Fabric signature policies such as AND('A.peer', OR('B.peer','C.peer'))",
        );

    policy
        .command('parse')
        .description('Check a policy and print its canonical form')
        .argument('<policy>', "signature policy in Fabric's syntax (quote it for the shell)")
        .option('--json', 'print the parsed model as JSON')
        .action((source: string, options: { json?: boolean }) => {
            const parsed = parseSignaturePolicy(source);
            io.out(options.json === true ? JSON.stringify(parsed, null, 2) : printSignaturePolicy(parsed));
        });

    policy
        .command('encode')
        .description('Print the protobuf bytes of a policy (SignaturePolicyEnvelope, or ApplicationPolicy)')
        .argument('<policy>', "signature policy in Fabric's syntax")
        .option('--application', 'wrap it in a peer.ApplicationPolicy, as the chaincode lifecycle stores it')
        .option('--base64', 'print base64 instead of hex')
        .action((source: string, options: { application?: boolean; base64?: boolean }) => {
            const parsed = parseSignaturePolicy(source);
            const bytes =
                options.application === true
                    ? encodeApplicationPolicy({ type: 'signature', policy: parsed })
                    : encodeSignaturePolicyEnvelope(parsed);
            io.out(Buffer.from(bytes).toString(options.base64 === true ? 'base64' : 'hex'));
        });

    policy
        .command('check')
        .description("Evaluate a policy against signers, with Fabric's rules (each identity counts once)")
        .argument('<policy>', "signature policy in Fabric's syntax")
        .requiredOption(
            '-s, --signer <MSPID.role[#name]>',
            '(required) a signing identity; repeat it; the same text is the same identity, #name tells two apart',
            (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
        )
        .action((source: string, options: { signer: string[] }) => {
            const parsed = parseSignaturePolicy(source);
            const signers = options.signer.map(parseSigner);
            if (!evaluateSignaturePolicy(parsed, signers)) {
                throw new PolicyError(
                    `policy ${printSignaturePolicy(parsed)} is not satisfied by ${options.signer.join(', ')}`,
                    {
                        code: 'POLICY_NOT_SATISFIED',
                        hint: 'add the missing signers; remember that one identity counts once',
                    },
                );
            }
            io.out(`satisfied: ${printSignaturePolicy(parsed)}`);
        });
};
