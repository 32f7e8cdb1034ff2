import { createInstance, type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { emptyCharter } from '../../../../src/modules/consortia/charter-service';
import type { CharterContent } from '../../../../src/modules/consortia/charter';
import { charterDiff, validateCharter } from '../../../../src/modules/consortia/charter-rules';
import { TRANSLATIONS } from '../../i18n/resources';
import { issueMessage, liveIssues, pathLabel, valueText } from './charterText';

async function translator(locale: 'zh-CN' | 'en'): Promise<TFunction> {
  const i18n = createInstance();
  await i18n.init({
    resources: { [locale]: { translation: TRANSLATIONS[locale] } },
    lng: locale,
    keySeparator: '.',
    nsSeparator: false,
    interpolation: { escapeValue: false },
  });
  return i18n.t;
}

const MEMBERS = [
  { id: 'lead', name: 'Suzhou Jingxiu Semiconductor Co., Ltd.' },
  { id: 'uni', name: 'Soochow University' },
];
const NAMES: Record<string, string> = { lead: '苏州晶岫半导体股份有限公司', uni: '苏州大学' };
const nameOf = (id: string) => NAMES[id] ?? id;

function charter(patentShares: [number, number]): CharterContent {
  const content = emptyCharter();
  const shares = [
    { memberId: 'lead', basisPoints: 5000 },
    { memberId: 'uni', basisPoints: 5000 },
  ];
  content.objectives = ['验证车规级功率模块'];
  content.workPackages = [
    {
      id: 'WP1',
      title: '封装可靠性',
      description: '',
      stage: 'rd',
      responsibleMemberId: 'lead',
      contributingMemberIds: ['uni'],
      deliverables: [],
      startDate: null,
      endDate: null,
    },
  ];
  for (const type of ['patent', 'software', 'know_how', 'standard'] as const)
    content.foregroundIp[type] = { ...content.foregroundIp[type], shares };
  content.foregroundIp.patent = {
    ...content.foregroundIp.patent,
    shares: [
      { memberId: 'lead', basisPoints: patentShares[0] },
      { memberId: 'uni', basisPoints: patentShares[1] },
    ],
  };
  content.benefit = { method: 'fixed', shares, costRecovery: null };
  content.dispute = { steps: [{ step: 'negotiation', days: 30, forum: '' }] };
  return content;
}

describe('the charter editor’s live check', () => {
  it('finds exactly what the server finds, with the rules’ exact messages', () => {
    const content = charter([5000, 4000]);
    const live = liveIssues(content, MEMBERS, null);
    expect(live).toEqual(validateCharter(content, MEMBERS));
    expect(live.map((i) => [i.field, i.code])).toEqual([
      ['content.foregroundIp.patent.shares', 'charter.shares_not_10000'],
    ]);
    expect(live[0]?.message).toBe(
      'Foreground IP shares for patents add up to 9,000 basis points; they must add up to exactly 10,000',
    );
    expect(liveIssues(charter([5000, 5000]), MEMBERS, null)).toEqual([]);
  });

  it('reports shape problems the API would refuse at their fields', () => {
    const content = charter([5000, 5000]);
    (content.workPackages[0] as { title: string }).title = '';
    const live = liveIssues(content, MEMBERS, null);
    expect(live.map((i) => i.field)).toContain('content.workPackages.0.title');
  });

  it('does not flag a member an amendment releases from its duties, as the server does not', () => {
    const base = charter([5000, 5000]);
    const amended = charter([5000, 5000]);
    (amended.workPackages[0] as { contributingMemberIds: string[] }).contributingMemberIds = [];
    expect(liveIssues(amended, MEMBERS, null).map((i) => i.code)).toEqual(['charter.member_without_duty']);
    expect(liveIssues(amended, MEMBERS, base)).toEqual([]);
  });

  it('words an issue in Chinese from its code and figures, and keeps the exact message in English', async () => {
    const [issue] = liveIssues(charter([5000, 4000]), MEMBERS, null);
    if (!issue) throw new Error('expected an issue');
    expect(issueMessage(await translator('zh-CN'), 'zh-CN', issue, nameOf)).toBe(
      '专利的前景知识产权份额合计 9,000 个基点（90.00%）；必须恰好为 10,000 个基点（100%）',
    );
    expect(issueMessage(await translator('en'), 'en', issue, nameOf)).toBe(issue.message);
  });

  it('reads a diff path and its values in both languages', async () => {
    const before = charter([5000, 5000]);
    const after = charter([6000, 4000]);
    const [change] = charterDiff(before, after);
    if (!change || change.kind !== 'changed') throw new Error('expected a change');
    const zh = await translator('zh-CN');
    const en = await translator('en');
    const names = (id: string) => NAMES[id] ?? null;
    expect(pathLabel(zh, change.segments, names)).toBe(
      '前景知识产权 › 专利 › 份额 › 苏州晶岫半导体股份有限公司 › 份额',
    );
    expect(pathLabel(en, change.segments, names)).toBe(
      'Foreground IP › Patents › Shares › 苏州晶岫半导体股份有限公司 › Share',
    );
    expect(valueText(zh, change.before, 'basisPoints', names)).toBe('50.00%');
    expect(valueText(en, 100_000_001, 'valuationFen', names)).toBe('¥1,000,000.01');
  });
});
