// SPDX-License-Identifier: Apache-2.0
//
// The acceptance of onboarding on the public network, on real Fabric 3.1.5: the public example
// runs with its four core contracts; a producer organization (examples/onboarding/northlab.yaml)
// is added to the public channel by the signatures the channel's Admins policy needs, its peer
// joins and serves the chaincodes (installed and approved for it), the Productivist admin grants
// it the producer role in productoken's registry, and its member fulfils an order end to end:
// escrow, production, quality check, payout — with no contract change. Then two members of one
// organization are enrolled through its CA, one is revoked (its CRL into the organization's MSP
// by a config update), and the peers refuse the revoked member's transfer while the other's commits.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ecosystemEditor, generateEcosystem } from '@productivist/channel-kit';
import { Controller, Modeler, Validator, Wallet } from '@productivist/clients';
import {
    addOrganization,
    approveChaincodesFor,
    enrollMember,
    fabricHome,
    grantRole,
    networkDown,
    networkUp,
    readDeployments,
    NetworkContext,
    openNetworkLedger,
    resolveSigner,
    revokeMember,
    rolesOf,
    signUpdateFile,
    submitUpdate,
} from '@productivist/network';
import { eventually, freePortBase, requireFabric } from '@productivist/network/testing';
import type { Ledger, LedgerContract } from '@productivist/ledger-api';

jest.setTimeout(600_000);

const root = join(__dirname, '..', '..', '..');

/**
 * The customer names the endorsers of prodcontrol Order: it writes the transient order
 * specification to orderSpecs (Customer, Producer), and the gateway does not hand transient data to
 * an organization outside a collection while the policy needs Productivist. The clients name them
 * themselves on a branch not merged here (issue-12-suite, clients/src/endorsers.ts); until then the
 * test does.
 */
function namingOrderEndorsers(ledger: Ledger): Ledger {
    return new Proxy(ledger, {
        get(target, property) {
            if (property !== 'contract') {
                const value = Reflect.get(target, property, target) as unknown;
                return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
            }
            return (member: string, chaincode: string, channel?: string): LedgerContract => {
                const contract = target.contract(member, chaincode, channel);
                if (chaincode !== 'prodcontrol') return contract;
                return {
                    chaincodeName: contract.chaincodeName,
                    evaluate: (name, options) => contract.evaluate(name, options),
                    endorse: (name, options) => contract.endorse(name, options),
                    submit: (name, options) =>
                        contract.submit(
                            name,
                            name === 'Order'
                                ? { ...options, endorsingOrganizations: ['ProductivistMSP', 'CustomerMSP'] }
                                : options,
                        ),
                };
            };
        },
    });
}
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * Runs a step whose member talks to another organization's peer than the one that just committed
 * the step before: that peer may commit the block a moment later (the order not found yet). Retries
 * until a 20 s deadline, then throws the last error.
 */
async function settled<T>(step: () => Promise<T>): Promise<T> {
    const end = Date.now() + 20_000;
    for (;;) {
        try {
            return await step();
        } catch (error) {
            if (Date.now() > end) throw error;
            await new Promise((resolve) => setTimeout(resolve, 500));
        }
    }
}

describe('an organization onboarded onto the public channel fulfils an order, on real Fabric', () => {
    let dir = '';
    let state = '';
    const home = fabricHome();

    beforeAll(async () => {
        requireFabric();
        dir = mkdtempSync(join(tmpdir(), 'productivist-onboarded-'));
        state = join(dir, 'state');
        // The public example, its channel's Admins policy set to MAJORITY (the example anchors it on
        // Productivist alone): onboarding then needs four of the six organizations' admins.
        const text = readFileSync(join(root, 'examples', 'productivist.yaml'), 'utf8')
            .replace(/^version: 1$/m, `version: 1\nports:\n    base: ${String(await freePortBase(80))}`)
            .replace(/^( +)admins: Productivist$/m, '$1admins: majority');
        expect(text).toContain('admins: majority');
        writeFileSync(join(dir, 'productivist.yaml'), text);
        await networkUp({
            source: join(dir, 'productivist.yaml'),
            state,
            fabricHome: home,
            generate: (file, outDir) => {
                generateEcosystem({ path: file, display: file, outDir });
            },
        });
    });

    afterAll(async () => {
        try {
            await networkDown(state);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });

    it('adds NorthLab by MAJORITY signatures, grants it the producer role, and its member is paid for a passed order', async () => {
        // Given NorthLab added to the public channel by a MAJORITY of its six organizations' admins.
        const update = join(dir, 'northlab.update.json');
        const options = { network: state, fabricHome: home, editor: ecosystemEditor };
        await addOrganization({
            ...options,
            organizationFile: join(root, 'examples', 'onboarding', 'northlab.yaml'),
            channel: 'productivist',
            out: update,
        });
        const sign = (organization: string): Promise<unknown> =>
            signUpdateFile({ update, signer: resolveSigner({ network: state, organization, fabricHome: home }) });
        await sign('Productivist');
        await sign('Designer');
        // Three of six (the submitter's own signature counts): one short, refused before submission.
        await expect(submitUpdate({ ...options, update, submitter: 'Customer' })).rejects.toThrow(
            /short of signatures: missing an admin signature from (?=.*ExpertMSP)(?=.*IndustrialMSP)(?=.*ProducerMSP)(?!.*DesignerMSP)/,
        );
        // Forced, the orderer refuses it too and says why.
        await expect(submitUpdate({ ...options, update, submitter: 'Customer', force: true })).rejects.toThrow(
            /policy for \[Group\]\s+\/Channel\/Application not satisfied/,
        );
        await sign('Producer');
        const added = await submitUpdate({ ...options, update, submitter: 'Customer' });
        expect(added.joined).toEqual(['peer0.northlab']);
        // productoken and prodcontrol (whose policies and orderSpecs name the Producer organization)
        // were redefined at the next sequence with NorthLab; modelcert and qualitycheck were not.
        const deployments = readDeployments(state);
        expect(Object.fromEntries(Object.values(deployments).map((record) => [record.name, record.sequence]))).toEqual({
            productoken: 2,
            prodcontrol: 2,
            modelcert: 1,
            qualitycheck: 1,
        });

        // And the producer role granted by the Productivist admin in productoken's registry.
        expect(await rolesOf({ network: state, mspId: 'NorthLabMSP' })).toEqual([]);
        expect(await grantRole({ network: state, mspId: 'NorthLabMSP', role: 'producer' })).toEqual(['producer']);

        // Cross-chaincode calls run on the calling peer: prodcontrol on a Customer peer calls modelcert
        // and productoken there, so every organization with peers serves every deployed chaincode.
        // network up approves a chaincode only for its endorsing organizations (issue 12); the
        // onboarding function that serves an added organization does the rest here.
        const context = new NetworkContext(state, home, () => undefined);
        const channel = context.channel('productivist');
        await Promise.all(
            [...new Set(channel.peers.map((peer) => peer.admin.mspId))].map((mspId) =>
                approveChaincodesFor(context.runner, channel, mspId),
            ),
        );

        const gateway = openNetworkLedger({
            state,
            channel: 'productivist',
            deadlines: { endorse: 60_000, evaluate: 30_000 },
        });
        const ledger = namingOrderEndorsers(gateway);
        try {
            // olga (NorthLab) opens her account: an account of an organization holding the producer role.
            // Endorsed by Productivist and NorthLab alone: productoken's policy includes NorthLab now.
            const olgaWallet = new Wallet(ledger, 'olga');
            await ledger
                .contract('olga', 'productoken')
                .submit('OpenAccount', { endorsingOrganizations: ['ProductivistMSP', 'NorthLabMSP'] });
            const olgaAccount = await olgaWallet.account();

            // When alice orders from olga, olga produces, and erin passes it.
            const treasury = new Wallet(ledger, 'treasury');
            await treasury.mint('alice', '10000', 'onboard-fiat-1');
            await new Modeler(ledger, 'dana').register('hook', 'Wall hook', sha256('hook.stl'), {
                royaltyBps: 1000,
                printLimit: 10,
                allowedProducers: null,
            });
            await new Modeler(ledger, 'erin').certify('hook', sha256('erin on hook'));
            const ordered = await new Controller(ledger, 'alice').order(
                'north-1',
                'hook',
                1,
                '2000',
                olgaAccount,
                'PLA',
            );
            expect(ordered.order.status).toBe('ASSIGNED');
            const olga = new Controller(ledger, 'olga');
            await settled(() => olga.step('Accept', 'north-1'));
            await olga.step('StartProduction', 'north-1');
            const produced = await olga.step('MarkProduced', 'north-1');
            expect(produced.order.status).toBe('PRODUCED');
            const erin = new Validator(ledger, 'erin');
            await settled(() => erin.open('north-qc', 'north-1'));
            await erin.record('north-qc', 'fit', '1', 'ok', sha256('north measurements'));
            const verdict = await erin.verdict('north-qc', 'pass', sha256('north report'));

            // Then the escrow is released: olga is paid (20.00 PDT less 10 % royalty and the platform fee).
            expect(verdict.order.status).toBe('PASSED');
            // (read on the treasury's peer, which may commit the verdict's block a moment after erin's)
            const paid = await eventually(
                () => treasury.balance(olgaAccount),
                (balance) => balance.available !== '0',
                15_000,
            );
            expect(paid.held).toBe('0');
            expect(paid.available).toBe('1700');
            expect((await treasury.balance('alice')).held).toBe('0');
        } finally {
            gateway.close();
        }
    });
    it("refuses a revoked member's transfer on the peers while another member of the same organization still transfers", async () => {
        // Given two customers of the Customer organization enrolled through its CA, each with an
        // account the treasury funded.
        const options = { network: state, fabricHome: home };
        // (a wallet account needs a member id the contracts accept: the default <name>@<domain> is not one)
        await expect(
            enrollMember({ ...options, organization: 'Customer', name: 'cora', role: 'customer', memberId: 'Cora@x' }),
        ).rejects.toThrow(/--member-id 'Cora@x' is not a wallet account id the contracts accept/);
        const cora = await enrollMember({
            ...options,
            organization: 'Customer',
            name: 'cora',
            role: 'customer',
            memberId: 'cora',
        });
        const cody = await enrollMember({
            ...options,
            organization: 'Customer',
            name: 'cody',
            role: 'customer',
            memberId: 'cody',
        });
        const gateway = openNetworkLedger({
            state,
            channel: 'productivist',
            deadlines: { endorse: 60_000, evaluate: 30_000 },
        });
        try {
            const coraWallet = new Wallet(gateway, cora.credential);
            const codyWallet = new Wallet(gateway, cody.credential);
            await gateway.contract(cora.credential, 'productoken').submit('OpenAccount');
            await gateway.contract(cody.credential, 'productoken').submit('OpenAccount');
            const coraAccount = await coraWallet.account();
            const codyAccount = await codyWallet.account();
            expect([coraAccount, codyAccount]).toEqual(['cora', 'cody']);
            const treasury = new Wallet(gateway, 'treasury');
            await treasury.mint(coraAccount, '500', 'revoke-fiat-cora');
            await treasury.mint(codyAccount, '500', 'revoke-fiat-cody');
            await codyWallet.transfer(coraAccount, '10', 'before revocation', 'revoke-before');

            // When cora is revoked: the CA's CRL goes into CustomerMSP by a config update its admin signs.
            const revoked = await revokeMember({
                ...options,
                organization: 'Customer',
                name: 'cora',
                reason: 'keycompromise',
                channel: 'productivist',
                out: join(dir, 'revoke-cora.json'),
            });
            expect(revoked.submitted?.check.policies.map((policy) => policy.policyPath)).toEqual([
                '/Channel/Application/CustomerMSP/Admins',
            ]);

            // Then the peers refuse cora's proposals (once they have the config block), her transfer too,
            // and her balance is what it was.
            const refusal = async (run: () => Promise<unknown>): Promise<string> => {
                try {
                    await run();
                    return 'served';
                } catch (error) {
                    return String(error) + JSON.stringify(error);
                }
            };
            const probe = await eventually(
                () => refusal(() => coraWallet.whoAmI()),
                (outcome) => outcome !== 'served',
                30_000,
            );
            expect(probe).toMatch(/access denied: channel \[productivist\] creator org \[CustomerMSP\]/);
            const transfer = await refusal(() =>
                coraWallet.transfer(codyAccount, '100', 'after revocation', 'revoke-cora-1'),
            );
            expect(transfer).toMatch(/access denied: channel \[productivist\] creator org \[CustomerMSP\]/);
            const peerLogs = readdirSync(join(state, 'logs'))
                .filter((file) => file.startsWith('peer') && file.includes('customer'))
                .map((file) => readFileSync(join(state, 'logs', file), 'utf8'))
                .join('');
            expect(peerLogs).toMatch(/has been revoked/);
            expect(await treasury.balance(coraAccount)).toMatchObject({ available: '510', held: '0' });

            // And cody, of the same organization, still transfers: VALID, both balances moved.
            const endorsed = await gateway
                .contract(cody.credential, 'productoken')
                .endorse('Transfer', { arguments: [coraAccount, '25', 'after revocation', 'revoke-cody-1'] });
            const status = await endorsed.submit();
            expect(status.code).toBe('VALID');
            const settledBalance = (account: string, available: string) =>
                eventually(
                    () => treasury.balance(account),
                    (balance) => balance.available === available,
                    15_000,
                );
            expect((await settledBalance(codyAccount, '465')).available).toBe('465');
            expect((await settledBalance(coraAccount, '535')).available).toBe('535');
        } finally {
            gateway.close();
        }
    });
});
