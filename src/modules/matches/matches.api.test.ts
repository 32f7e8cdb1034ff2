import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, openTestApp, signedInUser, type Client, type TestApp } from '../../test/app.js';
import { databaseFingerprint } from '../../test/fingerprint.js';
import type { Need } from '../directory/schemas.js';
import type { OrganizationKind } from '../organizations/schemas.js';
import { insertClusterInTransaction, insertOrganizationInTransaction } from '../organizations/service.js';
import type { MatchDetail, MatchList, SuggestionList } from './schemas.js';

let t: TestApp;
let sme: Client;
let smeColleague: Client;
let professor: Client;
let researcher: Client;
let rival: Client;
let outsider: Client;
let office: Client;
let smeId: string;
let universityId: string;
let instituteId: string;
let rivalId: string;

let serial = 0;

async function organization(
  kind: OrganizationKind,
  members: Client[],
  extra: {
    nameZh?: string;
    nameEn?: string;
    clusters?: [string, 'upstream' | 'midstream' | 'downstream'][];
  } = {},
): Promise<string> {
  serial += 1;
  const clusters = await t.ctx.db.selectFrom('cluster').select(['id', 'slug']).execute();
  const bySlug = new Map(clusters.map((c) => [c.slug, c.id]));
  return t.ctx.db.transaction().execute((tx) =>
    insertOrganizationInTransaction(
      tx,
      {
        kind,
        sizeClass: kind === 'enterprise' ? 'small' : null,
        serviceType: null,
        nameZh: extra.nameZh ?? `对接测试机构${serial}`,
        nameEn: extra.nameEn ?? `Match Test Organisation ${serial}`,
        district: 'sip',
        clusters: (extra.clusters ?? []).map(([cluster, chainPosition]) => ({ cluster, chainPosition })),
        verified: true,
        isDemo: false,
      },
      bySlug,
      members.map((m) => ({ userId: m.userId, role: 'admin' as const })),
      null,
    ),
  );
}

async function post<T>(
  client: Pick<Client, 'request'>,
  url: string,
  payload: unknown,
  status = 201,
): Promise<T> {
  const response = await client.request({ method: 'POST', url, payload: payload as Record<string, unknown> });
  expect(response.statusCode, response.body).toBe(status);
  return response.json<T>();
}

async function get<T>(client: Pick<Client, 'request'>, url: string): Promise<T> {
  const response = await client.request({ method: 'GET', url });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<T>();
}

function expectError(response: LightMyRequestResponse, status: number, code: string, field?: string): void {
  expect(response.statusCode, response.body).toBe(status);
  const body = response.json<{ code: string; details: { issues?: { field: string }[] } }>();
  expect(body.code).toBe(code);
  if (field !== undefined) expect(body.details.issues?.map((i) => i.field)).toEqual([field]);
}

async function postNeed(overrides: Record<string, unknown> = {}): Promise<Need> {
  serial += 1;
  return post<Need>(sme, '/api/v1/needs', {
    ownerOrganizationId: smeId,
    title: `碳化硅功率模块封装散热 ${serial}`,
    description: '新能源汽车电驱用碳化硅 MOSFET 模块，需要银烧结封装与双面散热方案，提升结温可靠性。',
    keywords: ['碳化硅', '银烧结', '功率模块'],
    publicKeywords: ['功率模块'],
    cluster: 'integrated-circuits',
    cooperationModes: ['joint_rd'],
    visibility: 'public',
    ...overrides,
  });
}

async function postAchievement(client: Client, owner: string, overrides: Record<string, unknown> = {}) {
  serial += 1;
  return post<{ id: string; version: number }>(client, '/api/v1/achievements', {
    ownerOrganizationId: owner,
    title: `碳化硅器件银烧结工艺 ${serial}`,
    description: '低温银烧结实现碳化硅芯片贴装，功率循环寿命提升三倍。',
    keywords: ['银烧结', '碳化硅'],
    cluster: 'integrated-circuits',
    kind: 'know_how',
    trl: 5,
    transferModes: ['licence'],
    visibility: 'public',
    ...overrides,
  });
}

async function act(client: Client, match: { id: string; version: number }, body: Record<string, unknown>) {
  return client.request({
    method: 'POST',
    url: `/api/v1/matches/${match.id}/actions`,
    payload: { version: match.version, ...body },
  });
}

async function needStatus(id: string): Promise<string> {
  return (await get<Need>(sme, `/api/v1/needs/${id}`)).status;
}

beforeAll(async () => {
  t = await openTestApp();
  await t.ctx.db.transaction().execute(async (tx) => {
    await insertClusterInTransaction(
      tx,
      { slug: 'integrated-circuits', nameZh: '集成电路', nameEn: 'Integrated circuits', sortOrder: 1 },
      null,
    );
  });
  [sme, smeColleague, professor, researcher, rival, outsider] = (await Promise.all(
    Array.from({ length: 6 }, () => signedInUser(t)),
  )) as [Client, Client, Client, Client, Client, Client];
  office = await signedInUser(t, { platformRoles: ['cluster_office'] });
  smeId = await organization('enterprise', [sme, smeColleague], {
    nameZh: '苏州芯驰电驱',
    clusters: [['integrated-circuits', 'downstream']],
  });
  universityId = await organization('university', [professor], {
    nameZh: '苏州功率半导体大学',
    nameEn: 'Suzhou Power Semiconductor University',
    clusters: [['integrated-circuits', 'midstream']],
  });
  instituteId = await organization('research_institute', [researcher], {
    nameZh: '纳米材料研究所',
    clusters: [['integrated-circuits', 'upstream']],
  });
  rivalId = await organization('university', [rival], { nameZh: '另一所大学' });
  await postAchievement(professor, universityId);
  await postAchievement(researcher, instituteId, {
    title: '钙钛矿光伏薄膜',
    description: '钙钛矿叠层电池的封装与稳定性。',
    keywords: ['钙钛矿'],
  });
  await postAchievement(rival, rivalId, {
    title: '碳化硅外延片缺陷检测',
    description: '碳化硅外延缺陷的光学检测。',
    keywords: ['碳化硅'],
  });
});
afterAll(async () => {
  await t.close();
});

describe('suggestions for a need', () => {
  it('ranks organisations with a score and reasons a person can check', async () => {
    const need = await postNeed();
    const list = await get<SuggestionList>(
      smeColleague,
      `/api/v1/needs/${need.id}/matches?type=organization`,
    );
    expect(list.subject).toMatchObject({ type: 'need', id: need.id, organization: { id: smeId } });
    const first = list.items[0];
    expect(first?.counterpart.id).toBe(universityId);
    expect(first?.counterpart.organization.nameEn).toBe('Suzhou Power Semiconductor University');
    expect(first?.score).toBeGreaterThan(0);
    const codes = first?.reasons.map((r) => r.code);
    expect(codes).toContain('shared_terms');
    expect(codes).toContain('kind_fit');
    expect(codes).toContain('chain_complement');
    const terms = first?.reasons.find((r) => r.code === 'shared_terms');
    // Words as people write them: 碳化硅, not the sub-word 化硅 the index also holds.
    const words = terms && 'terms' in terms ? terms.terms : [];
    expect(words).toContain('碳化硅');
    expect(words).not.toContain('化硅');
    // Never the need's own organisation.
    expect(list.items.map((i) => i.counterpart.id)).not.toContain(smeId);
    // Scores come best first.
    const scores = list.items.map((i) => i.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('ranks achievements, experts and capabilities too', async () => {
    const need = await postNeed();
    const achievements = await get<SuggestionList>(sme, `/api/v1/needs/${need.id}/matches?type=achievement`);
    expect(achievements.type).toBe('achievement');
    expect(achievements.items[0]?.counterpart.organization.id).toBe(universityId);
    // The perovskite film shares only "封装" with the need: it comes after the silicon-carbide work.
    const titles = achievements.items.map((i) => i.counterpart.title);
    expect(titles.findIndex((x) => x.includes('钙钛矿'))).toBeGreaterThan(0);
    const expert = await post<{ id: string }>(professor, '/api/v1/experts', {
      organizationId: universityId,
      nameZh: '王银烧',
      title: '教授',
      fields: ['功率半导体封装'],
      keywords: ['银烧结', '碳化硅'],
      bio: '长期从事碳化硅功率模块封装研究。',
    });
    const experts = await get<SuggestionList>(sme, `/api/v1/needs/${need.id}/matches?type=expert`);
    expect(experts.items[0]?.counterpart.id).toBe(expert.id);
    const capabilities = await get<SuggestionList>(
      sme,
      `/api/v1/needs/${need.id}/matches?type=capability&limit=5`,
    );
    expect(capabilities.type).toBe('capability');
  });

  it('matches only on what the tier lets the seeker read, and tells nothing of the rest', async () => {
    const hidden = await postAchievement(researcher, instituteId, {
      title: '一种新型封装工艺',
      description: '采用钽铌合金扩散焊实现模块互连。',
      keywords: ['钽铌合金'],
      publicKeywords: ['封装'],
      visibility: 'parties',
      ndaTerms: '仅用于评估合作。',
    });
    const need = await postNeed({
      title: '模块互连工艺',
      description: '寻找钽铌合金扩散焊互连方案。',
      keywords: ['钽铌合金'],
      publicKeywords: [],
    });
    const list = await get<SuggestionList>(sme, `/api/v1/needs/${need.id}/matches?type=achievement&limit=50`);
    const found = list.items.find((i) => i.counterpart.id === hidden.id);
    expect(JSON.stringify(found ?? {})).not.toContain('钽铌');
    expect(JSON.stringify(list)).not.toContain('扩散焊');
  });

  it('is for the need’s organisation only', async () => {
    const need = await postNeed();
    expectError(
      await professor.request({ method: 'GET', url: `/api/v1/needs/${need.id}/matches` }),
      403,
      'auth.forbidden',
    );
    expectError(
      await office.request({ method: 'GET', url: `/api/v1/needs/${need.id}/matches` }),
      403,
      'auth.forbidden',
    );
    expectError(
      await anonymous(t).request({ method: 'GET', url: `/api/v1/needs/${need.id}/matches` }),
      401,
      'auth.unauthenticated',
    );
    expectError(
      await sme.request({ method: 'GET', url: '/api/v1/needs/01JUNKJUNKJUNKJUNKJUNKJUNK/matches' }),
      404,
      'record.not_found',
    );
    expectError(
      await sme.request({ method: 'GET', url: `/api/v1/needs/${need.id}/matches?type=robot` }),
      400,
      'request.validation_failed',
      'query.type',
    );
  });

  it('sees records posted after the last ranking', async () => {
    const need = await postNeed({
      title: '氧化镓日盲探测器',
      description: '氧化镓日盲紫外探测器的外延生长。',
      keywords: ['氧化镓'],
    });
    const before = await get<SuggestionList>(sme, `/api/v1/needs/${need.id}/matches?type=achievement`);
    const fresh = await postAchievement(researcher, instituteId, {
      title: '氧化镓外延生长',
      description: '氧化镓薄膜的 MOCVD 外延。',
      keywords: ['氧化镓'],
    });
    const after = await get<SuggestionList>(sme, `/api/v1/needs/${need.id}/matches?type=achievement`);
    expect(before.items.map((i) => i.counterpart.id)).not.toContain(fresh.id);
    expect(after.items[0]?.counterpart.id).toBe(fresh.id);
  });
});

describe('suggestions for supply', () => {
  it('ranks needs for an achievement, for its organisation', async () => {
    const need = await postNeed({
      title: '氮化铝陶瓷基板',
      description: '寻找高导热氮化铝陶瓷覆铜基板。',
      keywords: ['氮化铝'],
    });
    const achievement = await postAchievement(researcher, instituteId, {
      title: '高导热氮化铝基板',
      description: '氮化铝陶瓷基板的活性金属钎焊覆铜。',
      keywords: ['氮化铝'],
    });
    const list = await get<SuggestionList>(researcher, `/api/v1/achievements/${achievement.id}/matches`);
    expect(list.type).toBe('need');
    expect(list.items[0]?.counterpart).toMatchObject({
      type: 'need',
      id: need.id,
      organization: { id: smeId },
    });
    expectError(
      await sme.request({ method: 'GET', url: `/api/v1/achievements/${achievement.id}/matches` }),
      403,
      'auth.forbidden',
    );
  });
});

describe('the pipeline', () => {
  it('moves a pair from contact to conversion, both sides see it, and the need follows', async () => {
    const need = await postNeed();
    const contacted = await post<MatchDetail>(sme, '/api/v1/matches', {
      needId: need.id,
      counterpartType: 'organization',
      counterpartId: universityId,
      status: 'contacted',
      note: '想请贵校团队评估银烧结方案',
    });
    expect(contacted).toMatchObject({
      status: 'contacted',
      initiatedBy: 'seeker',
      contactedBy: 'seeker',
      mySides: ['seeker'],
    });
    expect(contacted.score).toBeGreaterThan(0);
    expect(contacted.reasons.map((r) => r.code)).toContain('shared_terms');
    expect(contacted.actions).toEqual([{ side: 'seeker', action: 'decline' }]);

    // The university sees it waiting for them.
    const inbox = await get<MatchList>(professor, '/api/v1/matches?awaitingMe=true');
    const mine = inbox.items.find((m) => m.id === contacted.id);
    expect(mine?.mySides).toEqual(['provider']);
    expect(mine?.actions.map((a) => a.action)).toEqual(['accept', 'decline']);
    expectError(await act(sme, contacted, { action: 'accept' }), 409, 'match.own_contact');

    const talks = await post<MatchDetail>(
      professor,
      `/api/v1/matches/${contacted.id}/actions`,
      { action: 'accept', version: contacted.version },
      200,
    );
    expect(talks.status).toBe('in_talks');
    expect(await needStatus(need.id)).toBe('in_talks');

    expectError(await act(sme, talks, { action: 'convert' }), 409, 'match.invalid_transition');
    const seekerAgreed = await post<MatchDetail>(
      smeColleague,
      `/api/v1/matches/${talks.id}/actions`,
      { action: 'agree', version: talks.version },
      200,
    );
    expect(seekerAgreed).toMatchObject({ status: 'in_talks', seekerAgreed: true, providerAgreed: false });
    expectError(await act(sme, seekerAgreed, { action: 'agree' }), 409, 'match.already_agreed');
    const agreed = await post<MatchDetail>(
      professor,
      `/api/v1/matches/${talks.id}/actions`,
      { action: 'agree', version: seekerAgreed.version },
      200,
    );
    expect(agreed.status).toBe('agreed');
    expect(await needStatus(need.id)).toBe('matched');
    const converted = await post<MatchDetail>(
      sme,
      `/api/v1/matches/${talks.id}/actions`,
      { action: 'convert', version: agreed.version, note: '已签署联合研发协议' },
      200,
    );
    expect(converted.status).toBe('converted');
    expect(converted.actions).toEqual([]);
    expect(converted.events.map((e) => `${e.side}:${e.action}:${e.toStatus}`)).toEqual([
      'seeker:create:contacted',
      'provider:accept:in_talks',
      'seeker:agree:in_talks',
      'provider:agree:agreed',
      'seeker:convert:converted',
    ]);
    expect(converted.events[0]?.note).toBe('想请贵校团队评估银烧结方案');

    // The suggestion list shows the pair's place; the cluster office looks on.
    const list = await get<SuggestionList>(sme, `/api/v1/needs/${need.id}/matches`);
    expect(list.items.find((i) => i.counterpart.id === universityId)?.match).toMatchObject({
      id: contacted.id,
      status: 'converted',
    });
    const seen = await get<MatchDetail>(office, `/api/v1/matches/${contacted.id}`);
    expect(seen.mySides).toEqual([]);
    expectError(await act(office, converted, { action: 'decline', reason: 'other' }), 403, 'auth.forbidden');
    expectError(
      await outsider.request({ method: 'GET', url: `/api/v1/matches/${contacted.id}` }),
      404,
      'record.not_found',
    );

    const audit = await t.ctx.db
      .selectFrom('audit_event')
      .select('action')
      .where('entity_id', '=', contacted.id)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'match.create',
      'match.accept',
      'match.agree',
      'match.agree',
      'match.convert',
    ]);
    const needAudit = await t.ctx.db
      .selectFrom('audit_event')
      .select('action')
      .where('entity_id', '=', need.id)
      .where('action', '=', 'need.status')
      .execute();
    expect(needAudit).toHaveLength(2);
  });

  it('lets the supply side reach out about a need, and the seeker accept', async () => {
    const need = await postNeed();
    const achievement = await postAchievement(professor, universityId);
    const pair = await post<MatchDetail>(professor, '/api/v1/matches', {
      needId: need.id,
      counterpartType: 'achievement',
      counterpartId: achievement.id,
      status: 'contacted',
    });
    expect(pair).toMatchObject({
      initiatedBy: 'provider',
      mySides: ['provider'],
      counterpart: { type: 'achievement' },
    });
    const theirs = await get<MatchList>(sme, `/api/v1/matches?side=seeker&need=${need.id}`);
    expect(theirs.items.map((m) => m.id)).toEqual([pair.id]);
    const accepted = await post<MatchDetail>(
      sme,
      `/api/v1/matches/${pair.id}/actions`,
      { action: 'accept', version: pair.version },
      200,
    );
    expect(accepted.status).toBe('in_talks');
  });

  it('refuses what does not make sense, with a code and a field, and writes nothing', async () => {
    const need = await postNeed();
    const before = await databaseFingerprint(t.ctx.db);
    const create = (client: Client, body: Record<string, unknown>) =>
      client.request({
        method: 'POST',
        url: '/api/v1/matches',
        payload: { needId: need.id, counterpartType: 'organization', counterpartId: universityId, ...body },
      });
    expectError(await create(sme, { status: 'declined' }), 400, 'match.reason_required', 'body.reason');
    expectError(
      await create(sme, { counterpartId: smeId }),
      400,
      'match.same_organization',
      'body.counterpartId',
    );
    expectError(
      await create(sme, { counterpartId: '01JUNKJUNKJUNKJUNKJUNKJUNK' }),
      404,
      'match.counterpart_not_found',
      'body.counterpartId',
    );
    expectError(
      await create(sme, { needId: '01JUNKJUNKJUNKJUNKJUNKJUNK' }),
      404,
      'record.not_found',
      'body.needId',
    );
    expectError(await create(outsider, {}), 403, 'auth.forbidden');
    expectError(await create(sme, { status: 'agreed' }), 400, 'request.validation_failed', 'body.status');
    expectError(await create(sme, { note: 'x'.repeat(2001) }), 400, 'request.validation_failed', 'body.note');
    expect(await databaseFingerprint(t.ctx.db)).toEqual(before);

    const pair = await post<MatchDetail>(sme, '/api/v1/matches', {
      needId: need.id,
      counterpartType: 'organization',
      counterpartId: universityId,
    });
    expect(pair.status).toBe('suggested');
    expectError(await create(professor, {}), 409, 'match.already_exists');
    const afterCreate = await databaseFingerprint(t.ctx.db);
    expectError(
      await act(professor, pair, { action: 'decline' }),
      400,
      'match.reason_required',
      'body.reason',
    );
    expectError(
      await act(professor, { ...pair, version: 9 }, { action: 'contact' }),
      409,
      'record.version_conflict',
    );
    expectError(await act(professor, pair, { action: 'accept' }), 409, 'match.invalid_transition');
    expect(await databaseFingerprint(t.ctx.db)).toEqual(afterCreate);

    await post(
      sme,
      `/api/v1/needs/${need.id}/status`,
      { status: 'closed', version: (await get<Need>(sme, `/api/v1/needs/${need.id}`)).version },
      200,
    );
    expectError(await create(sme, { counterpartId: instituteId }), 409, 'match.need_closed', 'body.needId');
  });

  it('demotes an organisation the seeker declined in its later suggestions', async () => {
    const first = await postNeed();
    const before = await get<SuggestionList>(sme, `/api/v1/needs/${first.id}/matches?limit=20`);
    const rivalBefore = before.items.find((i) => i.counterpart.id === rivalId);
    expect(rivalBefore).toBeDefined();
    const declined = await post<MatchDetail>(sme, '/api/v1/matches', {
      needId: first.id,
      counterpartType: 'organization',
      counterpartId: rivalId,
      status: 'declined',
      reason: 'capability_gap',
      note: '外延检测不是我们要的',
    });
    expect(declined).toMatchObject({
      status: 'declined',
      declinedBy: 'seeker',
      declineReason: 'capability_gap',
    });
    const second = await postNeed();
    const after = await get<SuggestionList>(sme, `/api/v1/needs/${second.id}/matches?limit=20`);
    const rivalAfter = after.items.find((i) => i.counterpart.id === rivalId);
    expect(rivalAfter?.reasons.map((r) => r.code)).toContain('declined_before');
    expect(rivalAfter?.score ?? 0).toBeLessThan(rivalBefore?.score ?? 0);
  });

  it('hides shared terms from a side that may not read the other side’s text', async () => {
    const need = await postNeed({ visibility: 'parties', ndaTerms: '保密。', publicKeywords: ['功率模块'] });
    const pair = await post<MatchDetail>(sme, '/api/v1/matches', {
      needId: need.id,
      counterpartType: 'organization',
      counterpartId: universityId,
      status: 'contacted',
    });
    expect(pair.reasons.map((r) => r.code)).toContain('shared_terms');
    const theirs = await get<MatchDetail>(professor, `/api/v1/matches/${pair.id}`);
    expect(theirs.reasons.map((r) => r.code)).not.toContain('shared_terms');
    expect(theirs.need.title).toBe(need.title);
    expect(JSON.stringify(theirs)).not.toContain('银烧结');
  });
});
