// SPDX-License-Identifier: Apache-2.0
//
// Every command of modelcert, prodcontrol and qualitycheck × every kind of caller: refusals are
// FORBIDDEN and leave the state hash unchanged; allowed callers are not refused (evaluated only).
import type { EmbeddedNetwork } from '@productivist/ledger';

import type { WorldMember } from '@productivist/clients/testing';
import {
    createWorld,
    everyKindOfCaller,
    Flow,
    membersWithAccounts,
    submit,
    tryAs,
} from '@productivist/clients/testing';

const everyone = everyKindOfCaller;
const members = membersWithAccounts;
const hash = 'd'.repeat(64);
const licence = JSON.stringify({ royaltyBps: 1000, printLimit: null, allowedProducers: null });

type Row = readonly [
    chaincode: string,
    command: string,
    args: readonly string[],
    allowed: readonly WorldMember[],
    transient?: Record<string, string>,
];

const rows: readonly Row[] = [
    ['modelcert', 'RegisterModel', ['m-new', 'New', hash, licence, ''], ['dana']],
    ['modelcert', 'UpdateModel', ['m1', 'Renamed', licence], ['dana']],
    ['modelcert', 'Certify', ['m2', hash], ['erin']],
    ['modelcert', 'Reject', ['m2', hash], ['erin']],
    ['modelcert', 'Revoke', ['m1', hash], ['erin']],
    ['modelcert', 'Acknowledge', ['m1'], ['alice']],
    ['modelcert', 'GetModel', ['m1'], [...members, 'printer', 'admin']],
    ['modelcert', 'ModelsByDesigner', ['dana', '10', ''], members],
    ['modelcert', 'ModelsByStatus', ['CERTIFIED', '10', ''], members],
    ['modelcert', 'ModelHistory', ['m1'], members],
    ['prodcontrol', 'Order', ['o-new', 'm1', '1', '100', 'printlab'], ['alice'], { spec: 'matrix spec' }],
    ['prodcontrol', 'Accept', ['oa'], ['printlab']],
    ['prodcontrol', 'Fund', ['oa'], ['alice']],
    ['prodcontrol', 'StartProduction', ['oa'], ['printlab']],
    ['prodcontrol', 'ReportProgress', ['op', 'printing', 'matrix'], ['printer']],
    ['prodcontrol', 'MarkProduced', ['op'], ['printlab']],
    ['prodcontrol', 'Cancel', ['oa'], ['alice']],
    ['prodcontrol', 'RecordVerdict', ['od', 'PASSED'], []],
    ['prodcontrol', 'DeclareOverdue', ['op'], ['treasury', 'admin']],
    ['prodcontrol', 'Arbitrate', ['op', 'refund', 'matrix'], ['admin']],
    ['prodcontrol', 'GetOrder', ['oa'], ['treasury', 'alice', 'printlab', 'erin', 'printer']],
    ['prodcontrol', 'GetSpec', ['oa'], ['alice', 'printlab']],
    ['prodcontrol', 'Progress', ['op'], ['treasury', 'alice', 'printlab', 'erin', 'printer']],
    ['prodcontrol', 'OrdersOfCustomer', ['alice', '10', ''], ['alice', 'treasury']],
    ['prodcontrol', 'OrdersOfProducer', ['printlab', '10', ''], ['printlab', 'treasury']],
    ['prodcontrol', 'PrintsOf', ['m1'], ['dana', 'printlab', 'admin']],
    ['qualitycheck', 'OpenCampaign', ['qc-new', 'od'], ['erin']],
    ['qualitycheck', 'ReassignCampaign', ['qc-open'], []],
    ['qualitycheck', 'RecordResult', ['qc-open', 'thickness', '1.5', 'mm', hash], ['erin']],
    ['qualitycheck', 'Verdict', ['qc-open', 'pass', hash], ['erin']],
    ['qualitycheck', 'GetCampaign', ['qc-open'], members],
    ['qualitycheck', 'CampaignsOfOrder', ['od'], members],
    ['qualitycheck', 'Reputation', ['printlab'], members],
    ['qualitycheck', 'Ranking', ['producer', '10'], members],
];

describe('authorization matrix of modelcert, prodcontrol and qualitycheck', () => {
    let world: EmbeddedNetwork;
    beforeAll(async () => {
        world = await createWorld();
        const flow = new Flow(world);
        await flow.fund('alice', '100000', 'fund');
        await flow.registerModel('dana', 'm1', { royaltyBps: 1000, printLimit: null, allowedProducers: null });
        await flow.certify('erin', 'm1');
        await flow.registerModel('dana', 'm2', { royaltyBps: 1000, printLimit: null, allowedProducers: null });
        await flow.order('alice', 'oa', 'm1', 1, '100', 'printlab');
        await flow.order('alice', 'op', 'm1', 1, '100', 'printlab');
        await flow.step('printlab', 'Accept', 'op');
        await flow.step('printlab', 'StartProduction', 'op');
        await flow.order('alice', 'od', 'm1', 1, '100', 'printlab');
        await flow.step('printlab', 'Accept', 'od');
        await flow.step('printlab', 'StartProduction', 'od');
        await flow.step('printlab', 'MarkProduced', 'od');
        await submit(world, 'erin', 'qualitycheck', 'OpenCampaign', 'qc-open', 'od');
    });

    it('covers every command of the three contracts', async () => {
        for (const chaincode of ['modelcert', 'prodcontrol', 'qualitycheck']) {
            const metadata = JSON.parse(
                Buffer.from(
                    await world.contract('alice', chaincode).evaluate('org.hyperledger.fabric:GetMetadata'),
                ).toString(),
            ) as { contracts: Record<string, { transactions: { name: string }[] }> };
            const commands = metadata.contracts[chaincode]?.transactions.map((tx) => tx.name).sort();
            expect(
                rows
                    .filter(([cc]) => cc === chaincode)
                    .map(([, command]) => command)
                    .sort(),
            ).toEqual(commands);
        }
    });

    const cases = rows.flatMap(([chaincode, command, args, allowed, transient]) =>
        everyone.map(
            (member) =>
                [
                    `${chaincode}.${command}`,
                    member,
                    allowed.includes(member),
                    chaincode,
                    command,
                    args,
                    transient,
                ] as const,
        ),
    );

    it.each(cases)('%s as %s: allowed=%s', async (_name, member, allowed, chaincode, command, args, transient) => {
        const options = { arguments: [...args], ...(transient ? { transientData: transient } : {}) };
        const outcome = await tryAs(world, member, chaincode, command, options, allowed);
        if (allowed) expect(outcome.code).not.toBe('FORBIDDEN');
        else expect(outcome.code).toBe('FORBIDDEN');
        expect(outcome.stateChanged).toBe(false);
    });
});
