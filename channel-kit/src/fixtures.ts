// SPDX-License-Identifier: Apache-2.0
//
// Test fixtures the channel kit's tests share.
import { join } from 'node:path';

/**
 * A public network's state folder holding only its bundle (published/public-network.json and the
 * certificates): what the industrial examples link to in unit tests (`publicNetwork`, --public).
 */
export const testPublicNetwork = join(__dirname, '..', 'test-fixtures', 'public-network');
