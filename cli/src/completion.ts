// SPDX-License-Identifier: Apache-2.0
//
// `productivist completion bash|zsh`: a shell completion script generated from the program itself,
// so every command, subcommand and option the CLI has is completed and none is forgotten.
import type { CliIo } from '@productivist/common';
import { KitError } from '@productivist/common';
import type { Command } from 'commander';

interface Node {
    readonly path: string;
    readonly words: readonly string[];
}

/** Every command path with what may follow it: its subcommands, its options and its groups' options. */
function nodes(command: Command, path: string[] = [], inherited: readonly string[] = []): Node[] {
    const subcommands = command.commands.filter((sub) => sub.name() !== 'help');
    const own = command.options.flatMap((option) => [option.long ?? '', option.short ?? '']).filter(Boolean);
    const options = path.length === 0 ? [] : [...own, ...inherited];
    const node: Node = { path: path.join(' '), words: [...subcommands.map((sub) => sub.name()), ...options, '--help'] };
    return [node, ...subcommands.flatMap((sub) => nodes(sub, [...path, sub.name()], options))];
}

const quote = (text: string): string => `'${text.replace(/'/g, "'\\''")}'`;

/** The bash completion script (zsh runs it through bashcompinit). */
export function bashCompletion(program: Command): string {
    const all = nodes(program);
    const known = all
        .filter((node) => node.path !== '')
        .map((node) => quote(node.path))
        .join('|');
    const cases = all.map((node) => `        ${quote(node.path)}) words=${quote(node.words.join(' '))} ;;`).join('\n');
    return `# productivist completion (bash); load it with: source <(productivist completion bash)
_productivist() {
    local cur="\${COMP_WORDS[COMP_CWORD]}" path="" w words=""
    for w in "\${COMP_WORDS[@]:1:COMP_CWORD-1}"; do
        case "\${path:+$path }$w" in
            ${known}) path="\${path:+$path }$w" ;;
        esac
    done
    case "$path" in
${cases}
    esac
    COMPREPLY=( $(compgen -W "$words" -- "$cur") )
}
complete -o default -F _productivist productivist
`;
}

/** Registers `completion <shell>`; `program` is the whole CLI, read when the command runs. */
export function registerCompletionCommand(program: Command, io: CliIo): void {
    program
        .command('completion')
        .description('print a shell completion script: source <(productivist completion bash)')
        .argument('<shell>', 'bash or zsh')
        .action((shell: string) => {
            if (shell === 'bash') io.out(bashCompletion(program));
            else if (shell === 'zsh') {
                io.out('# productivist completion (zsh); load it with: source <(productivist completion zsh)');
                io.out('autoload -U +X bashcompinit && bashcompinit');
                io.out(bashCompletion(program));
            } else {
                throw new KitError(`shell '${shell}' has no completion script`, {
                    code: 'INVALID_ARGUMENT',
                    exit: 'usage',
                    hint: 'use bash or zsh',
                });
            }
        });
}
