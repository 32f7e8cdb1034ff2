/**
 * 各类通知的中文文本：每类一行，`{{name}}` 占位符取自通知参数（`name_zh` 参数优先于 `name`，见
 * texts.ts）。服务器发送邮件与网页端显示共用。新增一类通知：此处一行，en.ts 一行。
 */
export const ZH_NOTIFICATION_TEXTS: Readonly<Record<string, string>> = {
  'consortium.invitation_received': '{{lead}} 邀请 {{organization}} 加入创新联合体“{{consortium}}”',
  'consortium.invitation_accepted': '{{organization}} 已接受加入创新联合体“{{consortium}}”的邀请',
  'consortium.invitation_declined': '{{organization}} 已谢绝加入创新联合体“{{consortium}}”的邀请',
  'consortium.designation_submitted': '创新联合体“{{consortium}}”已提交认定申请',
  'consortium.designation_approved': '创新联合体“{{consortium}}”已获集群办公室认定',
  'consortium.designation_returned': '集群办公室退回了“{{consortium}}”的认定申请：{{comments}}',
  'charter.opened_for_signature': '“{{consortium}}”联合体协议第 {{number}} 版已开放签署',
  'charter.effective': '“{{consortium}}”联合体协议第 {{number}} 版已生效',
  'engagement.member_flagged':
    '项目“{{project}}”中{{organization}}被标记：{{reasons}}（{{daysSilent}} 天无贡献，{{overdueTasks}} 项任务逾期）',
  'outcome.income_distributed':
    '项目“{{project}}”第 {{number}} 笔收益（{{amount}}）已分配：{{organization}}分得 {{share}}',
  'outcome.share_offered':
    '{{seller}}以 {{price}} 向其他共有人优先出让“{{outcome}}”的 {{basisPoints}} 个基点份额，请于 {{deadline}} 前答复',
  'outcome.share_offer_answered': '{{coOwner}}{{answer}}“{{outcome}}”{{basisPoints}} 个基点份额的出让要约',
  'outcome.share_transferred': '{{seller}}出让“{{outcome}}”{{basisPoints}} 个基点份额已完成：{{status}}',
  'outcome.share_offer_withdrawn': '{{seller}}撤回了“{{outcome}}”{{basisPoints}} 个基点份额的出让要约',
  'project.gate_passed': '项目“{{project}}”已通过阶段门：{{from}} → {{to}}',
  'project.task_assigned': '项目“{{project}}”有一项任务分配给您：{{task}}（截止 {{dueDate}}）',
  'project.milestone_due': '项目“{{project}}”的里程碑“{{milestone}}”将于 {{dueDate}} 到期',
};
