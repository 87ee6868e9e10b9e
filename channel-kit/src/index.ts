// SPDX-License-Identifier: Apache-2.0
export { registerEcosystemCommands } from './cli/ecosystem.js';
export { registerScaffoldCommands } from './cli/scaffold.js';
export { scaffoldApp } from './scaffold/app.js';
export type { ScaffoldAppOptions } from './scaffold/app.js';
export { scaffoldContract } from './scaffold/contract.js';
export type { ScaffoldContractOptions, ScaffoldContractResult } from './scaffold/contract.js';
export { withPrivateChannel } from './scaffold/ecosystem.js';
export { lockVersions, readManifest, scaffoldManifestName } from './scaffold/project.js';
export type { KitSource, ScaffoldManifest } from './scaffold/project.js';
export { ChannelKitError, EcosystemInvalidError } from './errors.js';
export { buildTree, generateEcosystem } from './generate.js';
export type { Built, BuildOptions, GenerateOptions } from './generate.js';
export { parseEcosystem, defaultParseLimits } from './parse/parseEcosystem.js';
export type { ParsedEcosystem, ParseLimits, PathSegment, Position } from './parse/parseEcosystem.js';
export { validateEcosystem } from './validate/validate.js';
export type { ValidationReport, ValidateOptions } from './validate/validate.js';
export { formatProblem } from './validate/problems.js';
export type { Problem, Severity } from './validate/problems.js';
export { normaliseEcosystem } from './model/normalise.js';
export type * from './model/types.js';
export type * from './model/input.generated.js';
export { renderTree, lockFileName } from './render/tree.js';
export type { Tree } from './render/tree.js';
export { writeTree } from './write/writeTree.js';
export {
    addOrganizationToEcosystem,
    ecosystemEditor,
    readOrganizationFile,
    regenerate,
    setChannelMember,
} from './onboard.js';
export type { OrganizationFile } from './onboard.js';
