// SPDX-License-Identifier: Apache-2.0
//
// Fabric's signature-policy syntax, as accepted by `peer lifecycle chaincode ... --signature-policy`
// and configtx.yaml `Type: Signature` rules: AND / OR / OutOf gates over quoted 'MSPID.role'
// principals. Parsing keeps Fabric's meaning exactly; it is stricter than Fabric in three places,
// each of which Fabric accepts without complaint but never means what the author wanted:
// an OutOf count that is not a whole number (Fabric truncates 1.5 to 1), an OutOf count above
// the number of rules (never satisfiable), and OutOf(0, ...) (satisfied by no signature at all).
import { PolicySyntaxError } from './errors.js';
import { principalRoles } from './model.js';
import type { Principal, PrincipalRole, SignaturePolicy } from './model.js';

type Gate = 'AND' | 'OR' | 'OutOf';

/** Gate names as Fabric's policydsl registers them: the canonical spelling, lower and upper case. */
const gateNames: ReadonlyMap<string, Gate> = new Map([
    ['AND', 'AND'],
    ['And', 'AND'],
    ['and', 'AND'],
    ['OR', 'OR'],
    ['Or', 'OR'],
    ['or', 'OR'],
    ['OutOf', 'OutOf'],
    ['outof', 'OutOf'],
    ['OUTOF', 'OutOf'],
]);

const gateHint = "use AND, OR or OutOf (Fabric also accepts And/and, Or/or, outof/OUTOF), e.g. OR('Org1MSP.peer')";
const mspIdPattern = /^[A-Za-z0-9.-]+$/;
const maxDepth = 64;

type TokenKind = 'name' | 'number' | 'string' | '(' | ')' | ',' | 'end';

interface Token {
    readonly kind: TokenKind;
    readonly text: string;
    /** 0-based offset in the source. */
    readonly at: number;
}

function isNameChar(ch: string): boolean {
    return /[A-Za-z0-9_.-]/.test(ch);
}

function tokenize(source: string): Token[] {
    const tokens: Token[] = [];
    let i = 0;
    while (i < source.length) {
        const ch = source.charAt(i);
        if (/\s/.test(ch)) {
            i++;
        } else if (ch === '(' || ch === ')' || ch === ',') {
            tokens.push({ kind: ch, text: ch, at: i });
            i++;
        } else if (ch === "'" || ch === '"') {
            const close = source.indexOf(ch, i + 1);
            if (close < 0) {
                throw new PolicySyntaxError(
                    source,
                    i + 1,
                    `the string starting here is not closed`,
                    `end it with ${ch}, e.g. ${ch}Org1MSP.peer${ch}`,
                );
            }
            tokens.push({ kind: 'string', text: source.slice(i + 1, close), at: i });
            i = close + 1;
        } else if (/[0-9]/.test(ch) && !/[A-Za-z_]/.test(source.charAt(i + 1) || ' ')) {
            let j = i;
            while (j < source.length && /[0-9.]/.test(source.charAt(j))) j++;
            tokens.push({ kind: 'number', text: source.slice(i, j), at: i });
            i = j;
        } else if (isNameChar(ch)) {
            let j = i;
            while (j < source.length && isNameChar(source.charAt(j))) j++;
            tokens.push({ kind: 'name', text: source.slice(i, j), at: i });
            i = j;
        } else {
            throw new PolicySyntaxError(
                source,
                i + 1,
                `unexpected character '${ch}'`,
                `a policy is made of gates (AND, OR, OutOf), parentheses, commas, numbers and quoted 'MSPID.role' principals`,
            );
        }
    }
    tokens.push({ kind: 'end', text: '', at: source.length });
    return tokens;
}

function describe(token: Token): string {
    switch (token.kind) {
        case 'end':
            return 'the end of the policy';
        case 'string':
            return `'${token.text}'`;
        default:
            return `'${token.text}'`;
    }
}

/**
 * Parses a principal such as `Org1MSP.peer`. The MSP id is everything before the last dot, as
 * in Fabric's regular expression `^([[:alnum:].-]+)([.])(member|admin|client|peer|orderer)$`.
 * Returns a problem description instead of throwing so callers can place the error.
 */
export function parsePrincipal(text: string): Principal | { readonly problem: string; readonly hint: string } {
    const dot = text.lastIndexOf('.');
    const example = `'Org1MSP.peer'`;
    if (dot < 0) {
        return {
            problem: `principal '${text}' has no role`,
            hint: `write it as 'MSPID.role' with role one of ${principalRoles.join(', ')}, e.g. ${example}`,
        };
    }
    const mspId = text.slice(0, dot);
    const role = text.slice(dot + 1);
    if (!(principalRoles as readonly string[]).includes(role)) {
        return {
            problem: `principal '${text}' has role '${role}', which Fabric does not know`,
            hint: `use one of ${principalRoles.join(', ')}, e.g. '${mspId || 'Org1MSP'}.peer'`,
        };
    }
    if (!mspIdPattern.test(mspId)) {
        return {
            problem:
                mspId === ''
                    ? `principal '${text}' has no MSP id`
                    : `MSP id '${mspId}' in principal '${text}' may only contain letters, digits, '.' and '-'`,
            hint: `Fabric's policy syntax cannot name such an MSP; use an MSP id like 'Org1MSP'`,
        };
    }
    return { mspId, role: role as PrincipalRole };
}

class Parser {
    private pos = 0;

    constructor(
        private readonly source: string,
        private readonly tokens: readonly Token[],
    ) {}

    private peek(): Token {
        // The token list always ends with an 'end' token and pos never passes it.
        return this.tokens[Math.min(this.pos, this.tokens.length - 1)] as Token;
    }

    private next(): Token {
        const token = this.peek();
        if (token.kind !== 'end') this.pos++;
        return token;
    }

    private fail(token: Token, problem: string, hint: string): never {
        throw new PolicySyntaxError(this.source, token.at + 1, problem, hint);
    }

    parsePolicy(): SignaturePolicy {
        const first = this.peek();
        if (first.kind === 'end') {
            this.fail(first, 'the policy is empty', `write a gate over principals, e.g. OR('Org1MSP.peer')`);
        }
        if (first.kind === 'string') {
            this.fail(
                first,
                `a policy must start with a gate, not the principal ${describe(first)}`,
                `wrap it in a gate: OR('${first.text}')`,
            );
        }
        const policy = this.parseGate(1);
        const rest = this.peek();
        if (rest.kind !== 'end') {
            this.fail(rest, `unexpected ${describe(rest)} after the end of the policy`, 'remove it');
        }
        return policy;
    }

    private parseGate(depth: number): SignaturePolicy {
        const nameToken = this.next();
        if (nameToken.kind !== 'name') {
            this.fail(nameToken, `expected a gate but found ${describe(nameToken)}`, gateHint);
        }
        const gate = gateNames.get(nameToken.text);
        if (gate === undefined) {
            if (this.peek().kind !== '(' && parsePrincipalOk(nameToken.text)) {
                this.fail(nameToken, `principal ${nameToken.text} is not quoted`, `quote it: '${nameToken.text}'`);
            }
            this.fail(nameToken, `unknown gate '${nameToken.text}'`, gateHint);
        }
        if (depth > maxDepth) {
            this.fail(nameToken, `gates are nested more than ${maxDepth} deep`, 'flatten the policy');
        }
        const open = this.next();
        if (open.kind !== '(') {
            this.fail(open, `expected '(' after ${gate} but found ${describe(open)}`, `write ${gate}(...)`);
        }
        let n: number | undefined;
        if (gate === 'OutOf') {
            const count = this.next();
            if (count.kind !== 'number') {
                this.fail(
                    count,
                    `OutOf needs a count first but found ${describe(count)}`,
                    `write OutOf(2, 'Org1MSP.peer', 'Org2MSP.peer', 'Org3MSP.peer')`,
                );
            }
            if (!/^[0-9]+$/.test(count.text)) {
                this.fail(count, `OutOf count ${count.text} is not a whole number`, 'use a whole number such as 2');
            }
            n = Number(count.text);
            const comma = this.next();
            if (comma.kind !== ',') {
                this.fail(
                    comma,
                    `expected ',' after the OutOf count but found ${describe(comma)}`,
                    'add the rules after the count',
                );
            }
        }
        const rules: SignaturePolicy[] = [];
        for (;;) {
            const item = this.peek();
            if (item.kind === ')' && rules.length === 0) {
                this.fail(
                    item,
                    `${gate} needs at least one rule`,
                    `e.g. ${gate === 'OutOf' ? "OutOf(1, 'Org1MSP.peer')" : `${gate}('Org1MSP.peer')`}`,
                );
            }
            rules.push(this.parseRule(depth));
            const sep = this.next();
            if (sep.kind === ')') break;
            if (sep.kind !== ',') {
                this.fail(
                    sep,
                    `expected ',' or ')' but found ${describe(sep)}`,
                    `close ${gate}( with ')' or separate rules with ','`,
                );
            }
        }
        if (n === undefined) {
            n = gate === 'AND' ? rules.length : 1;
        } else if (n === 0) {
            this.fail(nameToken, `OutOf(0, ...) is satisfied without any signature`, 'require at least 1');
        } else if (n > rules.length) {
            this.fail(
                nameToken,
                `OutOf(${n}, ...) has only ${rules.length} rule${rules.length === 1 ? '' : 's'} and can never be satisfied`,
                `lower the count to at most ${rules.length} or add rules`,
            );
        }
        return { type: 'nOutOf', n, rules };
    }

    private parseRule(depth: number): SignaturePolicy {
        const item = this.peek();
        if (item.kind === 'string') {
            this.next();
            const principal = parsePrincipal(item.text);
            if ('problem' in principal) this.fail(item, principal.problem, principal.hint);
            return { type: 'signedBy', principal };
        }
        if (item.kind === 'name') return this.parseGate(depth + 1);
        return this.fail(
            item,
            `expected a principal or a gate but found ${describe(item)}`,
            `e.g. 'Org1MSP.peer' or OR(...)`,
        );
    }
}

function parsePrincipalOk(text: string): boolean {
    return !('problem' in parsePrincipal(text));
}

/**
 * Parses Fabric's signature-policy syntax, e.g. `AND('A.peer', OutOf(2, 'B.member', 'C.member'))`.
 * @throws PolicySyntaxError naming the 1-based column of the mistake.
 */
export function parseSignaturePolicy(source: string): SignaturePolicy {
    return new Parser(source, tokenize(source)).parsePolicy();
}

/**
 * Prints a signature policy in canonical form: `AND` when every rule is required, `OR` when one
 * is, `OutOf(n, ...)` otherwise; principals in single quotes; `, ` between arguments. For every
 * policy `p`, `parseSignaturePolicy(printSignaturePolicy(p))` equals `p`, and printing a parsed
 * canonical string gives the same string back. A root signed-by prints as `OR('principal')`.
 */
export function printSignaturePolicy(policy: SignaturePolicy): string {
    // A bare principal is not a policy in Fabric's syntax; a root signed-by (which only a decoded
    // envelope can have) prints as the equivalent OR of one principal.
    return policy.type === 'signedBy' ? `OR(${printRule(policy)})` : printRule(policy);
}

function printRule(policy: SignaturePolicy): string {
    if (policy.type === 'signedBy') {
        return `'${policy.principal.mspId}.${policy.principal.role}'`;
    }
    const inner = policy.rules.map(printRule).join(', ');
    if (policy.n === 1) return `OR(${inner})`;
    if (policy.n === policy.rules.length) return `AND(${inner})`;
    return `OutOf(${policy.n}, ${inner})`;
}
