/**
 * The demo's match pipeline: pairs between demo needs and counterparts, each moved through its
 * steps by the demo users who would take them — so the matches page shows work in every state,
 * and the SME finds a contact waiting for an answer. Only fictional organisations act.
 */
import type { CounterpartType, DeclineReason, InitialStatus, MatchAction } from '../matches/schemas.js';

export interface DemoMatchStep {
  /** The demo user who takes the step. */
  as: string;
  action: 'create' | MatchAction;
  /** For `create`: the state the pair enters in. */
  status?: InitialStatus;
  reason?: DeclineReason;
  note?: string;
}

export interface DemoMatch {
  /** A demo need's key. */
  need: string;
  counterpart: { type: Exclude<CounterpartType, 'expert'>; key: string };
  steps: DemoMatchStep[];
}

export const DEMO_MATCHES: readonly DemoMatch[] = [
  {
    need: 'jingxiu-warpage',
    counterpart: { type: 'capability', key: 'shihu-characterisation' },
    steps: [
      {
        as: 'jingxiu@demo.consortia.cn',
        action: 'create',
        status: 'contacted',
        note: '翘曲与界面分层需要截面电镜和 EDS 分析配合验证，想请贵院支持。',
      },
      { as: 'institute@demo.consortia.cn', action: 'accept', note: '可以，先寄送 10 个样品做初步表征。' },
      { as: 'institute@demo.consortia.cn', action: 'agree' },
      { as: 'jingxiu@demo.consortia.cn', action: 'agree' },
      { as: 'jingxiu@demo.consortia.cn', action: 'convert', note: '已签订委托检测合同，首批样品已送达。' },
    ],
  },
  {
    need: 'jingxiu-warpage',
    counterpart: { type: 'organization', key: 'qinchuan-micro' },
    steps: [
      {
        as: 'jingxiu@demo.consortia.cn',
        action: 'create',
        status: 'contacted',
        note: '贵院在封装可靠性建模方面的经验与我们的翘曲仿真需求相关，希望交流。',
      },
    ],
  },
  {
    need: 'xicheng-ldo',
    counterpart: { type: 'capability', key: 'shihu-characterisation' },
    steps: [
      {
        as: 'institute@demo.consortia.cn',
        action: 'create',
        status: 'contacted',
        note: '我院可为 LDO 样片提供失效定位与截面分析，配合可靠性验证。',
      },
    ],
  },
  {
    need: 'xicheng-ldo',
    counterpart: { type: 'achievement', key: 'qinchuan-ldo-bias' },
    steps: [{ as: 'sme@demo.consortia.cn', action: 'create', status: 'suggested' }],
  },
  {
    need: 'lanyue-continuous',
    counterpart: { type: 'organization', key: 'chengyuan-biomed' },
    steps: [
      {
        as: 'lanyue@demo.consortia.cn',
        action: 'create',
        status: 'declined',
        reason: 'chose_other_partner',
        note: '连续流工艺已与设备供应商联合开发，暂不另找合作方。',
      },
    ],
  },
];

/**
 * Audit events the demo pipeline writes: one per step, and one per need it moves (talks start,
 * an agreement matches the need).
 */
export const DEMO_MATCH_EVENTS = DEMO_MATCHES.reduce((n, m) => n + m.steps.length, 0) + 2;
