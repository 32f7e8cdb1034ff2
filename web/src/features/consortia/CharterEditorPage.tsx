/**
 * /consortia/:id/charter/:number/edit: the lead's admins edit a draft charter version. Every change
 * is checked in the browser with the same pure rules the server applies (charter.ts shape and
 * `validateCharter`), each issue shown at its field with its exact message and in a summary.
 * Money is typed in yuan and kept as integer fen, shares in percent and kept as basis points,
 * both converted exactly (amounts.ts). Saving sends the draft's version (a stale one is a 409);
 * opening for signature is the server's decision, and its refusal lists the issues.
 */
import {
  ArrowLeftOutlined,
  DeleteOutlined,
  PlusOutlined,
  SaveOutlined,
  SendOutlined,
} from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Flex,
  Input,
  InputNumber,
  Radio,
  Result,
  Row,
  Select,
  Space,
  Typography,
} from 'antd';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import {
  BACKGROUND_ACCESS_TERMS,
  BASIS_POINTS_WHOLE,
  type CharterContent,
  type CharterMember,
  type Contribution,
  CONTRIBUTION_KINDS,
  type ContributionKind,
  DISPUTE_STEPS,
  EXIT_INCOME_TREATMENTS,
  EXIT_IP_TREATMENTS,
  LICENSING_RIGHTS,
  type LicensingRight,
  MEMBER_USE_TERMS,
  OUTCOME_TYPES,
  type OutcomeType,
  PROJECT_STAGES,
  type Share,
} from '../../../../src/modules/consortia/schemas';
import { ApiError, useApi } from '../../api/client';
import { errorText } from '../../api/errors';
import { useResource } from '../../api/useResource';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { PageSpin } from '../../components/PageSpin';
import { enumOptions } from '../../i18n/labels';
import { localizedNames } from '../organizations/display';
import { basisPointsToPercent, fenToYuan, percentToBasisPoints, yuanToFen } from './amounts';
import {
  getCharterVersion,
  getConsortium,
  openCharter,
  updateCharterDraft,
  type CharterVersionView,
  type Consortium,
} from './api';
import { CharterStatusTag } from './CharterSection';
import { issueMessage, issuesAt, liveIssues, type ShownIssue } from './charterText';
import {
  backgroundAccessKey,
  contributionKindKey,
  disputeStepKey,
  distributionMethodKey,
  exitIncomeKey,
  exitIpKey,
  licensingRightKey,
  memberUseKey,
  outcomeTypeKey,
  projectStageKey,
} from './labels';

interface Loaded {
  consortium: Consortium;
  version: CharterVersionView;
  base: CharterContent | null;
}

export function CharterEditorPage() {
  const { t } = useTranslation();
  const api = useApi();
  const { id = '', number = '' } = useParams();
  const loaded = useResource<Loaded>(
    async (signal) => {
      const [consortium, version] = await Promise.all([
        getConsortium(api, id, signal),
        getCharterVersion(api, id, Number(number), signal),
      ]);
      const base = version.basedOn
        ? (await getCharterVersion(api, id, version.basedOn, signal)).content
        : null;
      return { consortium, version, base };
    },
    [api, id, number],
  );
  if (!loaded.data && loaded.loading) return <PageSpin />;
  if (!loaded.data) {
    if (loaded.error instanceof ApiError && loaded.error.status === 404)
      return <Result status="404" title={t('common.notFoundTitle')} subTitle={errorText(t, loaded.error)} />;
    return <ErrorAlert error={loaded.error} onRetry={loaded.reload} />;
  }
  const { consortium, version } = loaded.data;
  if (version.status !== 'draft' || !version.permissions.edit)
    return (
      <Result
        status="info"
        title={t('consortia.charter.notEditable')}
        extra={
          <Link to={`/consortia/${consortium.id}`} data-testid="charter-back">
            {t('consortia.charter.back')}
          </Link>
        }
      />
    );
  // A new key after reloading starts the editor afresh from the stored draft.
  return (
    <CharterEditor
      key={`${String(version.number)}:${String(version.version)}:${loaded.loading ? 'l' : 'r'}`}
      loaded={loaded.data}
      onReload={loaded.reload}
    />
  );
}

// ---------------------------------------------------------------------------------------------
// Small inputs

/** The smallest `prefix<n>` not used yet. */
function nextId(prefix: string, used: readonly string[]): string {
  let n = used.length + 1;
  for (let i = 1; i <= used.length + 1; i += 1) {
    if (!used.includes(`${prefix}${String(i)}`)) {
      n = i;
      break;
    }
  }
  return `${prefix}${String(n)}`;
}

/** The issues at one field, each with its message, as the editor shows them next to the field. */
function Issues({ at, within = false }: { at: string; within?: boolean }) {
  const { t, i18n } = useTranslation();
  const context = useEditorContext();
  const shown = issuesAt(context.issues, at, within);
  if (shown.length === 0) return null;
  return (
    <div>
      {shown.map((issue, index) => (
        <Typography.Text
          key={index}
          type="danger"
          style={{ display: 'block', fontSize: 12 }}
          data-testid="charter-field-issue"
          data-field={issue.field}
          data-code={issue.code}
        >
          {issueMessage(t, i18n.language, issue, context.nameOf)}
        </Typography.Text>
      ))}
    </div>
  );
}

/**
 * A text input for an exact figure: shows `format(value)`, reports `parse(text)` when it parses,
 * and tells the editor when the text does not (so nothing unparsed is saved).
 */
function ExactInput({
  value,
  parse,
  format,
  onChange,
  path,
  prefix,
  suffix,
  invalidText,
  allowEmpty,
  testId,
  width,
}: {
  value: number | null;
  parse: (text: string) => number | null;
  format: (value: number) => string;
  onChange: (value: number | null) => void;
  path: string;
  prefix?: ReactNode;
  suffix?: ReactNode;
  invalidText: string;
  allowEmpty: boolean;
  testId: string;
  width?: number;
}) {
  const context = useEditorContext();
  const [text, setText] = useState(value === null ? '' : format(value));
  const parsedText = text.trim() === '' ? null : parse(text);
  useEffect(() => {
    // Follow changes made elsewhere (an equal split, a reload) unless the text already says it.
    if (parsedText !== value) setText(value === null ? '' : format(value));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
  const invalid = text.trim() === '' ? !allowEmpty : parsedText === null;
  useEffect(() => {
    context.setInvalid(path, invalid);
    return () => context.setInvalid(path, false);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [path, invalid]);
  return (
    <div>
      <Input
        value={text}
        prefix={prefix}
        suffix={suffix}
        status={invalid ? 'error' : ''}
        style={{ width: width ?? 180 }}
        inputMode="decimal"
        onChange={(event) => {
          const next = event.target.value;
          setText(next);
          const parsed = next.trim() === '' ? null : parse(next);
          if (next.trim() === '' ? allowEmpty : parsed !== null) onChange(parsed);
        }}
        onBlur={() => {
          if (parsedText !== null) setText(format(parsedText));
        }}
        data-testid={testId}
      />
      {invalid ? (
        <Typography.Text
          type="danger"
          style={{ display: 'block', fontSize: 12 }}
          data-testid="charter-input-invalid"
        >
          {invalidText}
        </Typography.Text>
      ) : null}
    </div>
  );
}

// ---------------------------------------------------------------------------------------------
// The editor

interface EditorContextValue {
  issues: readonly ShownIssue[];
  nameOf: (id: string) => string;
  setInvalid: (path: string, invalid: boolean) => void;
}

const EditorContext = createContext<EditorContextValue>({
  issues: [],
  nameOf: (id) => id,
  setInvalid: () => undefined,
});

/** The editor's live issues, the members' names, and where to report an unparsed input. */
function useEditorContext(): EditorContextValue {
  return useContext(EditorContext);
}

function CharterEditor({ loaded, onReload }: { loaded: Loaded; onReload: () => void }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { consortium, base } = loaded;
  const [version, setVersion] = useState(loaded.version);
  const [content, setContent] = useState<CharterContent>(loaded.version.content);
  const [dirty, setDirty] = useState(false);
  const [invalidInputs, setInvalidInputs] = useState<ReadonlySet<string>>(new Set());
  const [saveError, setSaveError] = useState<unknown>(null);
  const [openRefusal, setOpenRefusal] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<'save' | 'open' | null>(null);

  const active = consortium.members.filter((m) => m.status === 'active');
  // The names the server's messages use (English name, else Chinese), so messages match exactly.
  const ruleMembers: CharterMember[] = active.map((m) => {
    const name = m.organization.nameEn || m.organization.nameZh;
    return name ? { id: m.organization.id, name } : { id: m.organization.id };
  });
  const names = new Map(
    consortium.members.map((m) => [m.organization.id, localizedNames(m.organization, i18n.language).primary]),
  );
  const nameOf = (id: string) => names.get(id) ?? id;
  const memberOptions = active.map((m) => ({ value: m.organization.id, label: nameOf(m.organization.id) }));

  const issues = useMemo(
    () => liveIssues(content, ruleMembers, base),
    // ruleMembers follows the consortium
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [content, consortium, base],
  );
  const setInvalid = useCallback(
    (path: string, invalid: boolean) =>
      setInvalidInputs((previous) => {
        if (previous.has(path) === invalid) return previous;
        const next = new Set(previous);
        if (invalid) next.add(path);
        else next.delete(path);
        return next;
      }),
    [],
  );
  const editorContext: EditorContextValue = { issues, nameOf, setInvalid };

  const edit = (mutate: (draft: CharterContent) => void) => {
    setContent((previous) => {
      const next = structuredClone(previous);
      mutate(next);
      return next;
    });
    setDirty(true);
    setOpenRefusal(null);
  };

  const save = async (): Promise<CharterVersionView | null> => {
    setSaveError(null);
    setBusy('save');
    try {
      const saved = await updateCharterDraft(api, consortium.id, version.number, {
        version: version.version,
        content,
      });
      setVersion(saved);
      setDirty(false);
      void message.success(t('consortia.charter.saved'));
      return saved;
    } catch (error) {
      setSaveError(error);
      return null;
    } finally {
      setBusy(null);
    }
  };

  const openForSignature = async () => {
    setOpenRefusal(null);
    const current = dirty ? await save() : version;
    if (!current) return;
    setBusy('open');
    try {
      await openCharter(api, consortium.id, current.number, { version: current.version });
      void message.success(t('consortia.charter.opened', { number: current.number }));
      void navigate(`/consortia/${consortium.id}`);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'charter.invalid') setOpenRefusal(error);
      else setSaveError(error);
    } finally {
      setBusy(null);
    }
  };

  const blocked = invalidInputs.size > 0;
  const names2 = localizedNames(consortium, i18n.language);
  const workPackageOptions = content.workPackages.map((wp) => ({
    value: wp.id,
    label: `${wp.id} ${wp.title}`,
  }));

  return (
    <EditorContext.Provider value={editorContext}>
      <div
        data-testid="charter-editor"
        data-number={String(version.number)}
        data-issues={String(issues.length)}
        data-dirty={String(dirty)}
      >
        <PageHeader
          title={t('consortia.charter.editorTitle', { number: version.number })}
          subtitle={names2.primary}
          tags={<CharterStatusTag status={version.status} />}
          extra={
            <Space wrap>
              <Link to={`/consortia/${consortium.id}`} data-testid="charter-back">
                <ArrowLeftOutlined /> {t('consortia.charter.back')}
              </Link>
              <Button
                icon={<SaveOutlined />}
                loading={busy === 'save'}
                disabled={blocked || busy !== null}
                onClick={() => void save()}
                data-testid="charter-save"
              >
                {t('consortia.charter.save')}
              </Button>
              <Button
                type="primary"
                icon={<SendOutlined />}
                loading={busy === 'open'}
                disabled={blocked || busy !== null}
                onClick={() => void openForSignature()}
                data-testid="charter-open-for-signature"
              >
                {t('consortia.charter.openForSignature')}
              </Button>
            </Space>
          }
        />
        <ErrorAlert error={saveError} onReload={onReload} testId="charter-save-error" />
        {openRefusal ? (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="charter-open-refused"
            title={errorText(t, openRefusal)}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {openRefusal.issues.map((issue, index) => {
                  const local = issues.find((i) => i.field === issue.field && i.code === issue.code);
                  return (
                    <li
                      key={index}
                      data-testid="charter-refused-issue"
                      data-code={issue.code}
                      data-field={issue.field}
                    >
                      {issueMessage(t, i18n.language, local ?? { ...issue, params: {} }, nameOf)}
                    </li>
                  );
                })}
              </ul>
            }
          />
        ) : null}
        {blocked ? (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('consortia.charter.fixInputs')}
            data-testid="charter-inputs-blocked"
          />
        ) : null}
        <Alert
          type={issues.length === 0 ? 'success' : 'warning'}
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="charter-issues-summary"
          data-count={String(issues.length)}
          title={
            issues.length === 0
              ? t('consortia.charter.noIssues')
              : t('consortia.charter.issueCount', { count: issues.length })
          }
          description={
            issues.length === 0 ? undefined : (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {issues.map((issue, index) => (
                  <li key={index} data-testid="charter-issue" data-code={issue.code} data-field={issue.field}>
                    {issueMessage(t, i18n.language, issue, nameOf)}
                  </li>
                ))}
              </ul>
            )
          }
        />
        <Flex vertical gap={16}>
          <ObjectivesCard content={content} edit={edit} />
          <WorkPackagesCard content={content} edit={edit} memberOptions={memberOptions} />
          <ContributionsCard
            content={content}
            edit={edit}
            memberOptions={memberOptions}
            workPackageOptions={workPackageOptions}
          />
          <BackgroundIpCard content={content} edit={edit} memberOptions={memberOptions} />
          <ForegroundIpCard content={content} edit={edit} memberOptions={memberOptions} />
          <BenefitCard content={content} edit={edit} memberOptions={memberOptions} />
          <ExitAndDisputeCard content={content} edit={edit} />
        </Flex>
      </div>
    </EditorContext.Provider>
  );
}

type Edit = (mutate: (draft: CharterContent) => void) => void;
type Options = { value: string; label: string }[];

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div style={{ marginBottom: 8 }}>
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
        {label}
      </Typography.Text>
      {children}
    </div>
  );
}

function useKeyLabel() {
  const { t } = useTranslation();
  return (key: string) => t(`consortia.charter.key.${key}`);
}

function ObjectivesCard({ content, edit }: { content: CharterContent; edit: Edit }) {
  const { t } = useTranslation();
  const k = useKeyLabel();
  return (
    <Card title={k('objectives')} size="small" data-testid="charter-objectives">
      {content.objectives.map((objective, index) => (
        <Flex key={index} gap={8} style={{ marginBottom: 8 }}>
          <Input.TextArea
            autoSize
            value={objective}
            maxLength={1000}
            onChange={(e) => edit((c) => void (c.objectives[index] = e.target.value))}
            data-testid="charter-objective"
          />
          <Button
            icon={<DeleteOutlined />}
            onClick={() => edit((c) => void c.objectives.splice(index, 1))}
            aria-label={t('consortia.charter.remove')}
          />
        </Flex>
      ))}
      <Issues at="content.objectives" within />
      <Button
        icon={<PlusOutlined />}
        onClick={() => edit((c) => void c.objectives.push(''))}
        data-testid="charter-objective-add"
      >
        {t('consortia.charter.addObjective')}
      </Button>
    </Card>
  );
}

function WorkPackagesCard({
  content,
  edit,
  memberOptions,
}: {
  content: CharterContent;
  edit: Edit;
  memberOptions: Options;
}) {
  const { t } = useTranslation();
  const k = useKeyLabel();
  return (
    <Card title={k('workPackages')} size="small" data-testid="charter-work-packages">
      <Issues at="content.workPackages" />
      {content.workPackages.map((wp, index) => {
        const at = `content.workPackages.${String(index)}`;
        return (
          <Card
            key={index}
            size="small"
            type="inner"
            style={{ marginBottom: 12 }}
            title={wp.id}
            data-testid="charter-work-package"
            extra={
              <Button
                size="small"
                danger
                icon={<DeleteOutlined />}
                onClick={() => edit((c) => void c.workPackages.splice(index, 1))}
              >
                {t('consortia.charter.remove')}
              </Button>
            }
          >
            <Row gutter={12}>
              <Col xs={24} md={12}>
                <Field label={k('title')}>
                  <Input
                    value={wp.title}
                    maxLength={200}
                    onChange={(e) =>
                      edit((c) => void ((c.workPackages[index] as typeof wp).title = e.target.value))
                    }
                    data-testid="charter-wp-title"
                  />
                  <Issues at={`${at}.title`} />
                  <Issues at={`${at}.id`} />
                </Field>
              </Col>
              <Col xs={24} md={12}>
                <Field label={k('stage')}>
                  <Select
                    style={{ width: '100%' }}
                    value={wp.stage}
                    options={enumOptions(t, PROJECT_STAGES, projectStageKey)}
                    onChange={(stage) =>
                      edit((c) => void ((c.workPackages[index] as typeof wp).stage = stage))
                    }
                    data-testid="charter-wp-stage"
                  />
                </Field>
              </Col>
              <Col xs={24} md={12}>
                <Field label={k('responsibleMemberId')}>
                  <Select
                    style={{ width: '100%' }}
                    allowClear
                    value={wp.responsibleMemberId ?? undefined}
                    options={memberOptions}
                    onChange={(value?: string) =>
                      edit(
                        (c) =>
                          void ((c.workPackages[index] as typeof wp).responsibleMemberId = value ?? null),
                      )
                    }
                    data-testid="charter-wp-responsible"
                  />
                  <Issues at={`${at}.responsibleMemberId`} />
                </Field>
              </Col>
              <Col xs={24} md={12}>
                <Field label={k('contributingMemberIds')}>
                  <Select
                    style={{ width: '100%' }}
                    mode="multiple"
                    value={wp.contributingMemberIds}
                    options={memberOptions}
                    onChange={(value: string[]) =>
                      edit((c) => void ((c.workPackages[index] as typeof wp).contributingMemberIds = value))
                    }
                    data-testid="charter-wp-contributing"
                  />
                  <Issues at={`${at}.contributingMemberIds`} within />
                </Field>
              </Col>
              <Col span={24}>
                <Field label={k('description')}>
                  <Input.TextArea
                    autoSize
                    value={wp.description}
                    maxLength={4000}
                    onChange={(e) =>
                      edit((c) => void ((c.workPackages[index] as typeof wp).description = e.target.value))
                    }
                    data-testid="charter-wp-description"
                  />
                </Field>
              </Col>
              <Col xs={12} md={6}>
                <Field label={k('startDate')}>
                  <Input
                    type="date"
                    value={wp.startDate ?? ''}
                    onChange={(e) =>
                      edit(
                        (c) => void ((c.workPackages[index] as typeof wp).startDate = e.target.value || null),
                      )
                    }
                  />
                </Field>
              </Col>
              <Col xs={12} md={6}>
                <Field label={k('endDate')}>
                  <Input
                    type="date"
                    value={wp.endDate ?? ''}
                    onChange={(e) =>
                      edit(
                        (c) => void ((c.workPackages[index] as typeof wp).endDate = e.target.value || null),
                      )
                    }
                  />
                  <Issues at={`${at}.endDate`} />
                </Field>
              </Col>
            </Row>
            <Field label={k('deliverables')}>
              {wp.deliverables.map((d, j) => (
                <Flex
                  key={j}
                  gap={8}
                  align="center"
                  style={{ marginBottom: 4 }}
                  data-testid="charter-deliverable"
                >
                  <Typography.Text code>{d.id}</Typography.Text>
                  <Input
                    value={d.title}
                    maxLength={200}
                    onChange={(e) =>
                      edit(
                        (c) =>
                          void (((c.workPackages[index] as typeof wp).deliverables[j] as typeof d).title =
                            e.target.value),
                      )
                    }
                    data-testid="charter-deliverable-title"
                  />
                  <Input
                    type="date"
                    style={{ width: 160 }}
                    value={d.dueDate ?? ''}
                    onChange={(e) =>
                      edit(
                        (c) =>
                          void (((c.workPackages[index] as typeof wp).deliverables[j] as typeof d).dueDate =
                            e.target.value || null),
                      )
                    }
                  />
                  <Button
                    icon={<DeleteOutlined />}
                    onClick={() =>
                      edit((c) => void (c.workPackages[index] as typeof wp).deliverables.splice(j, 1))
                    }
                    aria-label={t('consortia.charter.remove')}
                  />
                </Flex>
              ))}
              <Issues at={`${at}.deliverables`} within />
              <Button
                size="small"
                icon={<PlusOutlined />}
                onClick={() =>
                  edit((c) => {
                    const target = c.workPackages[index] as typeof wp;
                    target.deliverables.push({
                      id: nextId(
                        `D${wp.id.replace(/^WP/, '')}.`,
                        target.deliverables.map((x) => x.id),
                      ),
                      title: '',
                      dueDate: null,
                    });
                  })
                }
                data-testid="charter-deliverable-add"
              >
                {t('consortia.charter.addDeliverable')}
              </Button>
            </Field>
          </Card>
        );
      })}
      <Button
        icon={<PlusOutlined />}
        onClick={() =>
          edit(
            (c) =>
              void c.workPackages.push({
                id: nextId(
                  'WP',
                  c.workPackages.map((wp) => wp.id),
                ),
                title: '',
                description: '',
                stage: 'rd',
                responsibleMemberId: null,
                contributingMemberIds: [],
                deliverables: [],
                startDate: null,
                endDate: null,
              }),
          )
        }
        data-testid="charter-wp-add"
      >
        {t('consortia.charter.addWorkPackage')}
      </Button>
    </Card>
  );
}

function withKind(contribution: Contribution, kind: ContributionKind): Contribution {
  const { id, memberId, workPackageId, description, valuationFen } = contribution;
  const common = { id, memberId, workPackageId, description, valuationFen };
  if (kind === 'personnel')
    return {
      kind,
      ...common,
      personMonths: contribution.kind === 'personnel' ? contribution.personMonths : 0,
    };
  return { kind, ...common };
}

function ContributionsCard({
  content,
  edit,
  memberOptions,
  workPackageOptions,
}: {
  content: CharterContent;
  edit: Edit;
  memberOptions: Options;
  workPackageOptions: Options;
}) {
  const { t } = useTranslation();
  const k = useKeyLabel();
  return (
    <Card title={k('contributions')} size="small" data-testid="charter-contributions">
      {content.contributions.map((contribution, index) => {
        const at = `content.contributions.${String(index)}`;
        return (
          <div
            key={`${contribution.id}:${String(index)}`}
            data-testid="charter-contribution"
            style={{ borderBottom: '1px solid rgba(5,5,5,0.06)', marginBottom: 8, paddingBottom: 8 }}
          >
            <Flex gap={8} wrap align="flex-start">
              <Typography.Text code>{contribution.id}</Typography.Text>
              <Field label={k('memberId')}>
                <Select
                  style={{ width: 220 }}
                  value={contribution.memberId || null}
                  options={memberOptions}
                  onChange={(value: string) =>
                    edit((c) => void ((c.contributions[index] as Contribution).memberId = value))
                  }
                  data-testid="charter-contribution-member"
                />
                <Issues at={`${at}.memberId`} />
              </Field>
              <Field label={k('kind')}>
                <Select
                  style={{ width: 130 }}
                  value={contribution.kind}
                  options={enumOptions(t, CONTRIBUTION_KINDS, contributionKindKey)}
                  onChange={(kind) =>
                    edit(
                      (c) =>
                        void (c.contributions[index] = withKind(
                          c.contributions[index] as Contribution,
                          kind,
                        )),
                    )
                  }
                  data-testid="charter-contribution-kind"
                />
              </Field>
              <Field label={k('workPackageId')}>
                <Select
                  style={{ width: 160 }}
                  allowClear
                  value={contribution.workPackageId ?? undefined}
                  options={workPackageOptions}
                  placeholder={t('consortia.charter.wholeProject')}
                  onChange={(value?: string) =>
                    edit((c) => void ((c.contributions[index] as Contribution).workPackageId = value ?? null))
                  }
                />
                <Issues at={`${at}.workPackageId`} />
              </Field>
              <Field label={t('consortia.charter.valuationYuan')}>
                <ExactInput
                  value={contribution.valuationFen}
                  parse={yuanToFen}
                  format={fenToYuan}
                  allowEmpty={false}
                  prefix="¥"
                  path={`${at}.valuationFen`}
                  invalidText={t('consortia.charter.yuanInvalid')}
                  onChange={(fen) =>
                    edit((c) => void ((c.contributions[index] as Contribution).valuationFen = fen ?? 0))
                  }
                  testId="charter-contribution-value"
                />
                <Issues at={`${at}.valuationFen`} />
              </Field>
              {contribution.kind === 'personnel' ? (
                <Field label={k('personMonths')}>
                  <InputNumber
                    min={0}
                    step={0.1}
                    precision={1}
                    value={contribution.personMonths}
                    onChange={(value) =>
                      edit((c) => {
                        const target = c.contributions[index];
                        if (target?.kind === 'personnel') target.personMonths = Number(value ?? 0);
                      })
                    }
                  />
                  <Issues at={`${at}.personMonths`} />
                </Field>
              ) : null}
              <Button
                icon={<DeleteOutlined />}
                style={{ marginTop: 18 }}
                onClick={() => edit((c) => void c.contributions.splice(index, 1))}
                aria-label={t('consortia.charter.remove')}
              />
            </Flex>
            <Input
              placeholder={k('description')}
              value={contribution.description}
              maxLength={1000}
              onChange={(e) =>
                edit((c) => void ((c.contributions[index] as Contribution).description = e.target.value))
              }
              data-testid="charter-contribution-description"
            />
            <Issues at={`${at}.id`} />
          </div>
        );
      })}
      <Button
        icon={<PlusOutlined />}
        onClick={() =>
          edit(
            (c) =>
              void c.contributions.push({
                kind: 'cash',
                id: nextId(
                  'C',
                  c.contributions.map((x) => x.id),
                ),
                memberId: memberOptions[0]?.value ?? '',
                workPackageId: null,
                description: '',
                valuationFen: 0,
              }),
          )
        }
        data-testid="charter-contribution-add"
      >
        {t('consortia.charter.addContribution')}
      </Button>
    </Card>
  );
}

function BackgroundIpCard({
  content,
  edit,
  memberOptions,
}: {
  content: CharterContent;
  edit: Edit;
  memberOptions: Options;
}) {
  const { t } = useTranslation();
  const k = useKeyLabel();
  const access = enumOptions(t, BACKGROUND_ACCESS_TERMS, backgroundAccessKey);
  return (
    <Card title={k('backgroundIp')} size="small" data-testid="charter-background-ip">
      {content.backgroundIp.map((item, index) => {
        const at = `content.backgroundIp.${String(index)}`;
        const set = (mutate: (target: typeof item) => void) =>
          edit((c) => mutate(c.backgroundIp[index] as typeof item));
        return (
          <div key={index} style={{ marginBottom: 8 }} data-testid="charter-background-item">
            <Flex gap={8} wrap align="flex-start">
              <Typography.Text code>{item.id}</Typography.Text>
              <Field label={k('ownerMemberId')}>
                <Select
                  style={{ width: 220 }}
                  value={item.ownerMemberId || null}
                  options={memberOptions}
                  onChange={(value: string) => set((x) => void (x.ownerMemberId = value))}
                />
                <Issues at={`${at}.ownerMemberId`} />
              </Field>
              <Field label={k('title')}>
                <Input
                  value={item.title}
                  maxLength={200}
                  onChange={(e) => set((x) => void (x.title = e.target.value))}
                />
                <Issues at={`${at}.title`} />
              </Field>
              <Field label={k('registrationNumber')}>
                <Input
                  value={item.registrationNumber ?? ''}
                  maxLength={40}
                  onChange={(e) => set((x) => void (x.registrationNumber = e.target.value || null))}
                />
              </Field>
              <Field label={k('projectAccess')}>
                <Select
                  style={{ width: 150 }}
                  value={item.projectAccess}
                  options={access}
                  onChange={(value) => set((x) => void (x.projectAccess = value))}
                />
              </Field>
              <Field label={k('exploitationAccess')}>
                <Select
                  style={{ width: 150 }}
                  value={item.exploitationAccess}
                  options={access}
                  onChange={(value) => set((x) => void (x.exploitationAccess = value))}
                />
              </Field>
              <Button
                icon={<DeleteOutlined />}
                style={{ marginTop: 18 }}
                onClick={() => edit((c) => void c.backgroundIp.splice(index, 1))}
                aria-label={t('consortia.charter.remove')}
              />
            </Flex>
            <Input
              placeholder={k('conditions')}
              value={item.conditions}
              maxLength={2000}
              onChange={(e) => set((x) => void (x.conditions = e.target.value))}
            />
          </div>
        );
      })}
      <Button
        icon={<PlusOutlined />}
        onClick={() =>
          edit(
            (c) =>
              void c.backgroundIp.push({
                id: nextId(
                  'B',
                  c.backgroundIp.map((x) => x.id),
                ),
                ownerMemberId: memberOptions[0]?.value ?? '',
                title: '',
                registrationNumber: null,
                projectAccess: 'royalty_free',
                exploitationAccess: 'fair_reasonable',
                conditions: '',
              }),
          )
        }
        data-testid="charter-background-add"
      >
        {t('consortia.charter.addBackground')}
      </Button>
    </Card>
  );
}

/** Shares of the members in percent (basis points kept): one row per member, empty for none. */
function SharesEditor({
  shares,
  onChange,
  path,
  memberOptions,
  testId,
}: {
  shares: readonly Share[];
  onChange: (shares: Share[]) => void;
  path: string;
  memberOptions: Options;
  testId: string;
}) {
  const { t } = useTranslation();
  const context = useEditorContext();
  const ids = [...memberOptions.map((o) => o.value)];
  for (const share of shares) if (!ids.includes(share.memberId)) ids.push(share.memberId);
  const total = shares.reduce((sum, s) => sum + s.basisPoints, 0);
  const setShare = (memberId: string, bp: number | null) => {
    const next: Share[] = [];
    for (const id of ids) {
      const existing = shares.find((s) => s.memberId === id);
      const value = id === memberId ? bp : existing ? existing.basisPoints : null;
      if (value !== null) next.push({ memberId: id, basisPoints: value });
    }
    onChange(next);
  };
  const split = () => {
    const members = memberOptions.map((o) => o.value);
    const each = Math.floor(BASIS_POINTS_WHOLE / Math.max(members.length, 1));
    const rest = BASIS_POINTS_WHOLE - each * members.length;
    onChange(members.map((memberId, i) => ({ memberId, basisPoints: each + (i < rest ? 1 : 0) })));
  };
  return (
    <div data-testid={testId}>
      {ids.map((memberId) => {
        const share = shares.find((s) => s.memberId === memberId);
        return (
          <Flex key={memberId} gap={8} align="center" style={{ marginBottom: 4 }} data-testid="charter-share">
            <Typography.Text style={{ width: 240 }} ellipsis>
              {context.nameOf(memberId)}
            </Typography.Text>
            <ExactInput
              value={share ? share.basisPoints : null}
              parse={percentToBasisPoints}
              format={basisPointsToPercent}
              allowEmpty
              suffix="%"
              width={130}
              path={`${path}.${memberId}`}
              invalidText={t('consortia.charter.percentInvalid')}
              onChange={(bp) => setShare(memberId, bp)}
              testId="charter-share-percent"
            />
          </Flex>
        );
      })}
      <Flex gap={8} align="center">
        <Typography.Text
          type={total === BASIS_POINTS_WHOLE ? 'success' : 'danger'}
          data-testid="charter-share-total"
          data-total={String(total)}
        >
          {t('consortia.charter.total', { percent: basisPointsToPercent(total) })}
        </Typography.Text>
        <Button size="small" onClick={split} data-testid="charter-share-split">
          {t('consortia.charter.splitEqually')}
        </Button>
      </Flex>
      <Issues at={path} within />
    </div>
  );
}

function ForegroundIpCard({
  content,
  edit,
  memberOptions,
}: {
  content: CharterContent;
  edit: Edit;
  memberOptions: Options;
}) {
  const { t } = useTranslation();
  const k = useKeyLabel();
  return (
    <Card title={k('foregroundIp')} size="small" data-testid="charter-foreground-ip">
      <Row gutter={[12, 12]}>
        {OUTCOME_TYPES.map((type: OutcomeType) => {
          const rule = content.foregroundIp[type];
          const at = `content.foregroundIp.${type}`;
          return (
            <Col xs={24} xl={12} key={type}>
              <Card
                size="small"
                type="inner"
                title={t(outcomeTypeKey(type))}
                data-testid={`charter-foreground-${type}`}
                extra={
                  type === 'patent' ? (
                    <Button
                      size="small"
                      onClick={() =>
                        edit((c) => {
                          for (const other of OUTCOME_TYPES)
                            if (other !== 'patent')
                              c.foregroundIp[other] = structuredClone(c.foregroundIp.patent);
                        })
                      }
                      data-testid="charter-foreground-copy"
                    >
                      {t('consortia.charter.applyToAll')}
                    </Button>
                  ) : null
                }
              >
                <SharesEditor
                  shares={rule.shares}
                  path={`${at}.shares`}
                  memberOptions={memberOptions}
                  testId={`charter-shares-${type}`}
                  onChange={(shares) => edit((c) => void (c.foregroundIp[type].shares = shares))}
                />
                <Field label={k('whoMayLicense')}>
                  <Select
                    style={{ width: '100%' }}
                    value={rule.licensing.whoMayLicense}
                    options={enumOptions(t, LICENSING_RIGHTS, licensingRightKey)}
                    onChange={(who: LicensingRight) =>
                      edit((c) => {
                        const { memberUse, terms } = c.foregroundIp[type].licensing;
                        c.foregroundIp[type].licensing =
                          who === 'designated_members'
                            ? { whoMayLicense: who, designatedMemberIds: [], memberUse, terms }
                            : { whoMayLicense: who, memberUse, terms };
                      })
                    }
                  />
                </Field>
                {rule.licensing.whoMayLicense === 'designated_members' ? (
                  <Field label={k('designatedMemberIds')}>
                    <Select
                      style={{ width: '100%' }}
                      mode="multiple"
                      value={rule.licensing.designatedMemberIds}
                      options={memberOptions}
                      onChange={(ids: string[]) =>
                        edit((c) => {
                          const licensing = c.foregroundIp[type].licensing;
                          if (licensing.whoMayLicense === 'designated_members')
                            licensing.designatedMemberIds = ids;
                        })
                      }
                    />
                    <Issues at={`${at}.licensing.designatedMemberIds`} within />
                  </Field>
                ) : null}
                <Field label={k('memberUse')}>
                  <Select
                    style={{ width: '100%' }}
                    value={rule.licensing.memberUse}
                    options={enumOptions(t, MEMBER_USE_TERMS, memberUseKey)}
                    onChange={(value) => edit((c) => void (c.foregroundIp[type].licensing.memberUse = value))}
                  />
                </Field>
                <Field label={k('terms')}>
                  <Input.TextArea
                    autoSize
                    maxLength={2000}
                    value={rule.licensing.terms}
                    onChange={(e) =>
                      edit((c) => void (c.foregroundIp[type].licensing.terms = e.target.value))
                    }
                  />
                </Field>
              </Card>
            </Col>
          );
        })}
      </Row>
      <Field label={k('firstRefusal')}>
        <InputNumber
          min={1}
          max={365}
          precision={0}
          value={content.firstRefusal.offerPeriodDays}
          addonAfter={t('consortia.charter.daysUnit')}
          onChange={(value) => edit((c) => void (c.firstRefusal.offerPeriodDays = Number(value ?? 1)))}
          data-testid="charter-first-refusal"
        />
        <Issues at="content.firstRefusal" within />
      </Field>
    </Card>
  );
}

function BenefitCard({
  content,
  edit,
  memberOptions,
}: {
  content: CharterContent;
  edit: Edit;
  memberOptions: Options;
}) {
  const { t } = useTranslation();
  const k = useKeyLabel();
  const benefit = content.benefit;
  return (
    <Card title={k('benefit')} size="small" data-testid="charter-benefit-editor">
      <Radio.Group
        value={benefit.method}
        onChange={(e) =>
          edit((c) => {
            const costRecovery = c.benefit.costRecovery;
            c.benefit =
              e.target.value === 'fixed'
                ? { method: 'fixed', shares: [], costRecovery }
                : { method: 'contribution_weighted', costRecovery };
          })
        }
        options={(['fixed', 'contribution_weighted'] as const).map((method) => ({
          value: method,
          label: t(distributionMethodKey(method)),
        }))}
        data-testid="charter-benefit-method"
      />
      {benefit.method === 'fixed' ? (
        <div style={{ marginTop: 8 }}>
          <SharesEditor
            shares={benefit.shares}
            path="content.benefit.shares"
            memberOptions={memberOptions}
            testId="charter-shares-benefit"
            onChange={(shares) =>
              edit((c) => {
                if (c.benefit.method === 'fixed') c.benefit.shares = shares;
              })
            }
          />
        </div>
      ) : null}
      <div style={{ marginTop: 8 }}>
        <Checkbox
          checked={benefit.costRecovery !== null}
          onChange={(e) =>
            edit((c) => void (c.benefit.costRecovery = e.target.checked ? { kinds: ['cash'] } : null))
          }
          data-testid="charter-cost-recovery"
        >
          {t('consortia.charter.costRecovery')}
        </Checkbox>
        {benefit.costRecovery ? (
          <Checkbox.Group
            value={benefit.costRecovery.kinds}
            options={enumOptions(t, CONTRIBUTION_KINDS, contributionKindKey)}
            onChange={(kinds) => edit((c) => void (c.benefit.costRecovery = { kinds }))}
          />
        ) : null}
        <Issues at="content.benefit.costRecovery" within />
      </div>
    </Card>
  );
}

function ExitAndDisputeCard({ content, edit }: { content: CharterContent; edit: Edit }) {
  const { t } = useTranslation();
  const k = useKeyLabel();
  return (
    <Row gutter={16}>
      <Col xs={24} xl={12}>
        <Card title={k('exit')} size="small" data-testid="charter-exit">
          <Field label={k('noticeDays')}>
            <InputNumber
              min={0}
              max={365}
              precision={0}
              value={content.exit.noticeDays}
              addonAfter={t('consortia.charter.daysUnit')}
              onChange={(value) => edit((c) => void (c.exit.noticeDays = Number(value ?? 0)))}
            />
          </Field>
          <Field label={k('exitForegroundIp')}>
            <Select
              style={{ width: '100%' }}
              value={content.exit.foregroundIp}
              options={enumOptions(t, EXIT_IP_TREATMENTS, exitIpKey)}
              onChange={(value) => edit((c) => void (c.exit.foregroundIp = value))}
            />
          </Field>
          <Field label={k('futureIncome')}>
            <Select
              style={{ width: '100%' }}
              value={content.exit.futureIncome}
              options={enumOptions(t, EXIT_INCOME_TREATMENTS, exitIncomeKey)}
              onChange={(value) => edit((c) => void (c.exit.futureIncome = value))}
            />
          </Field>
          <Field label={k('conditions')}>
            <Input.TextArea
              autoSize
              maxLength={2000}
              value={content.exit.conditions}
              onChange={(e) => edit((c) => void (c.exit.conditions = e.target.value))}
            />
          </Field>
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card title={k('dispute')} size="small" data-testid="charter-dispute">
          {content.dispute.steps.map((step, index) => {
            const at = `content.dispute.steps.${String(index)}`;
            return (
              <div key={index} style={{ marginBottom: 8 }} data-testid="charter-dispute-step">
                <Flex gap={8} wrap>
                  <Select
                    style={{ width: 120 }}
                    value={step.step}
                    options={enumOptions(t, DISPUTE_STEPS, disputeStepKey)}
                    onChange={(value) =>
                      edit((c) => void ((c.dispute.steps[index] as typeof step).step = value))
                    }
                    data-testid="charter-dispute-kind"
                  />
                  <InputNumber
                    min={1}
                    max={365}
                    precision={0}
                    placeholder={k('days')}
                    value={step.days}
                    onChange={(value) =>
                      edit(
                        (c) =>
                          void ((c.dispute.steps[index] as typeof step).days =
                            value === null ? null : Number(value)),
                      )
                    }
                  />
                  <Input
                    style={{ flex: 1, minWidth: 160 }}
                    placeholder={k('forum')}
                    maxLength={200}
                    value={step.forum}
                    onChange={(e) =>
                      edit((c) => void ((c.dispute.steps[index] as typeof step).forum = e.target.value))
                    }
                    data-testid="charter-dispute-forum"
                  />
                  <Button
                    icon={<DeleteOutlined />}
                    onClick={() => edit((c) => void c.dispute.steps.splice(index, 1))}
                    aria-label={t('consortia.charter.remove')}
                  />
                </Flex>
                <Issues at={at} within />
              </div>
            );
          })}
          <Issues at="content.dispute.steps" />
          <Button
            icon={<PlusOutlined />}
            disabled={content.dispute.steps.length >= DISPUTE_STEPS.length}
            onClick={() =>
              edit((c) => {
                const used = new Set(c.dispute.steps.map((s) => s.step));
                const step = DISPUTE_STEPS.find((s) => !used.has(s)) ?? 'negotiation';
                c.dispute.steps.push({ step, days: step === 'negotiation' ? 30 : null, forum: '' });
              })
            }
            data-testid="charter-dispute-add"
          >
            {t('consortia.charter.addDisputeStep')}
          </Button>
        </Card>
      </Col>
    </Row>
  );
}
