// SPDX-License-Identifier: Apache-2.0
//
// The baseline of `npm run bench:fabric`: a chaincode whose transaction does nothing. It is declared
// beside productoken with productoken's endorsement policy and called through the same gateway
// clients, so that productoken's transfer goodput can be given as a ratio to the goodput of an empty
// transaction on the same network in the same run (what endorsement, ordering and validation cost
// without any contract logic). It reads and writes nothing: it exists to be measured.
'use strict';

const { Contract } = require('fabric-contract-api');

class NoopContract extends Contract {
    constructor() {
        super('noop');
    }

    /** Does nothing; the arguments a transfer would carry are accepted and ignored. */
    async Noop() {
        return '';
    }
}

module.exports.contracts = [NoopContract];
