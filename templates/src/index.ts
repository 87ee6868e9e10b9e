// SPDX-License-Identifier: Apache-2.0
import { join } from 'node:path';

/** Folder holding the kit's handlebars templates (`*.hbs`). */
export const templatesDir: string = join(__dirname, '..', 'hbs');
