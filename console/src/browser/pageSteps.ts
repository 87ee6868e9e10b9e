// SPDX-License-Identifier: Apache-2.0
//
// The browser tests' two steps on a console page: wait until an element shows a text (failing with
// what the page does show), and fill a form (selects chosen, inputs typed) and submit it.
import type { Page } from 'playwright-core';

export interface PageSteps {
    readonly see: (selector: string, text: string) => Promise<void>;
    readonly fill: (form: string, values: Readonly<Record<string, string>>) => Promise<void>;
}

/** Steps on the page `current()` returns (a test file opens its page in beforeAll). */
export function pageSteps(current: () => Page, timeoutMs: number): PageSteps {
    return {
        see: async (selector, text) => {
            const page = current();
            try {
                await page.locator(selector, { hasText: text }).first().waitFor({ timeout: timeoutMs });
            } catch (error) {
                const shown = await page.locator('main').innerText();
                throw new Error(`'${selector}' did not show '${text}'; the page shows:\n${shown}`, { cause: error });
            }
        },
        fill: async (form, values) => {
            const page = current();
            for (const [name, value] of Object.entries(values)) {
                const field = page.locator(`#${form} [name=${name}]`);
                if ((await page.locator(`#${form} select[name=${name}]`).count()) > 0) await field.selectOption(value);
                else await field.fill(value);
            }
            await page.click(`#${form} button[type=submit]`);
        },
    };
}
