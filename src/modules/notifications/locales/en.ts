/**
 * English text of every notification kind: one line per kind, `{{name}}` placeholders filled from
 * the notification's params (a `name_en` param wins over `name` here; see texts.ts). Used for
 * e-mails on the server and for rendering in the web app. Add a kind: one line here, one line in
 * zh-CN.ts (the test in texts.test.ts checks both files name the same kinds).
 */
export const EN_NOTIFICATION_TEXTS: Readonly<Record<string, string>> = {
  'consortium.invitation_received':
    '{{lead}} invited {{organization}} to join the consortium “{{consortium}}”',
  'consortium.invitation_accepted':
    '{{organization}} accepted the invitation to the consortium “{{consortium}}”',
  'consortium.invitation_declined':
    '{{organization}} declined the invitation to the consortium “{{consortium}}”',
  'consortium.designation_submitted': 'The consortium “{{consortium}}” applied for designation',
  'consortium.designation_approved': 'The consortium “{{consortium}}” was designated by the cluster office',
  'consortium.designation_returned':
    'The cluster office returned the designation of “{{consortium}}”: {{comments}}',
  'charter.opened_for_signature':
    'Version {{number}} of the charter of “{{consortium}}” is open for signature',
  'charter.effective': 'Version {{number}} of the charter of “{{consortium}}” is now effective',
  'engagement.member_flagged':
    '{{organization}} is flagged in the project “{{project}}”: {{reasons}} ({{daysSilent}} days without a contribution, {{overdueTasks}} overdue tasks)',
  'outcome.income_distributed':
    'Income No. {{number}} of the project “{{project}}” ({{amount}}) was distributed: {{organization}} receives {{share}}',
  'outcome.share_offered':
    '{{seller}} offers {{basisPoints}} basis points of “{{outcome}}” to its co-owners first, for {{price}}; answer by {{deadline}}',
  'outcome.share_offer_answered':
    '{{coOwner}} {{answer}} the offer of {{basisPoints}} basis points of “{{outcome}}”',
  'outcome.share_transferred':
    'The offer by {{seller}} of {{basisPoints}} basis points of “{{outcome}}” was completed: {{status}}',
  'outcome.share_offer_withdrawn':
    '{{seller}} withdrew its offer of {{basisPoints}} basis points of “{{outcome}}”',
  'project.gate_passed': 'The project “{{project}}” passed the gate from {{from}} to {{to}}',
  'project.task_assigned':
    'A task of the project “{{project}}” was assigned to you: {{task}} (due {{dueDate}})',
  'project.milestone_due': 'The milestone “{{milestone}}” of the project “{{project}}” is due on {{dueDate}}',
};
