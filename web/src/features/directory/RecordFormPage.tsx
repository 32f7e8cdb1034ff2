import { SaveOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Divider,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Result,
  Row,
  Select,
  Space,
  type FormInstance,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import {
  ACHIEVEMENT_KINDS,
  COOPERATION_MODES,
  POSTER_KINDS,
  TRANSFER_MODES,
  VISIBILITY_TIERS,
  type AchievementKind,
  type CooperationMode,
  type TransferMode,
  type VisibilityTier,
} from '../../../../src/modules/directory/schemas';
import type { OrganizationKind } from '../../../../src/modules/organizations/schemas';
import { ApiError, useApi } from '../../api/client';
import { applyApiErrorToForm } from '../../api/errors';
import { useResource } from '../../api/useResource';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { PageSpin } from '../../components/PageSpin';
import { enumOptions, kindKey } from '../../i18n/labels';
import { useSession } from '../identity/SessionProvider';
import { localizedNames } from '../organizations/display';
import { useClusters } from '../organizations/useClusters';
import {
  createRecord,
  getRecord,
  RECORD_PATHS,
  updateRecord,
  type CreateBodyOf,
  type RecordKind,
  type RecordOf,
  type UpdateBodyOf,
} from './api';
import { achievementKindKey, cooperationModeKey, tierHelpKey, tierKey, transferModeKey } from './labels';

/** Everything the four posting forms hold; each kind uses its own fields. Empty text means "none". */
export interface RecordFormValues {
  ownerOrganizationId: string | undefined;
  organizationId: string | undefined;
  title: string;
  description: string;
  keywords: string[];
  publicKeywords: string[];
  cluster: string | undefined;
  cooperationModes: CooperationMode[];
  budgetMinYuan: number | null;
  budgetMaxYuan: number | null;
  deadline: Dayjs | null;
  visibility: VisibilityTier;
  ndaTerms: string;
  kind: AchievementKind | undefined;
  registrationNumber: string;
  trl: number | undefined;
  transferModes: TransferMode[];
  nameZh: string;
  nameEn: string;
  fields: string[];
  orcid: string;
  bio: string;
}

const EMPTY: RecordFormValues = {
  ownerOrganizationId: undefined,
  organizationId: undefined,
  title: '',
  description: '',
  keywords: [],
  publicKeywords: [],
  cluster: undefined,
  cooperationModes: [],
  budgetMinYuan: null,
  budgetMaxYuan: null,
  deadline: null,
  visibility: 'public',
  ndaTerms: '',
  kind: undefined,
  registrationNumber: '',
  trl: undefined,
  transferModes: [],
  nameZh: '',
  nameEn: '',
  fields: [],
  orcid: '',
  bio: '',
};

/** The form's values for an existing record. */
export function toFormValues(kind: RecordKind, record: RecordOf[RecordKind]): RecordFormValues {
  if (kind === 'expert') {
    const expert = record as RecordOf['expert'];
    return {
      ...EMPTY,
      organizationId: expert.organization.id,
      nameZh: expert.nameZh,
      nameEn: expert.nameEn,
      title: expert.title,
      fields: expert.fields,
      keywords: expert.keywords,
      orcid: expert.orcid ?? '',
      cluster: expert.cluster?.slug,
      bio: expert.bio,
    };
  }
  const tiered = record as RecordOf['need'] | RecordOf['capability'] | RecordOf['achievement'];
  const values: RecordFormValues = {
    ...EMPTY,
    ownerOrganizationId: tiered.owner.id,
    title: tiered.title,
    description: tiered.detailsHidden ? '' : tiered.description,
    keywords: tiered.detailsHidden ? [] : tiered.keywords,
    publicKeywords: tiered.publicKeywords,
    cluster: tiered.cluster?.slug,
    visibility: tiered.visibility,
    ndaTerms: tiered.ndaTerms,
  };
  if (kind === 'need') {
    const need = record as RecordOf['need'];
    values.cooperationModes = need.cooperationModes;
    values.deadline = need.deadline ? dayjs(need.deadline) : null;
    if (!need.detailsHidden) {
      values.budgetMinYuan = need.budgetMinFen === null ? null : need.budgetMinFen / 100;
      values.budgetMaxYuan = need.budgetMaxFen === null ? null : need.budgetMaxFen / 100;
    }
  } else if (kind === 'capability') {
    values.cooperationModes = (record as RecordOf['capability']).cooperationModes;
  } else {
    const achievement = record as RecordOf['achievement'];
    values.kind = achievement.kind;
    values.trl = achievement.trl;
    values.transferModes = achievement.transferModes;
    values.registrationNumber = achievement.detailsHidden ? '' : (achievement.registrationNumber ?? '');
  }
  return values;
}

const text = (value: string | undefined) => (value ?? '').trim();
const fen = (yuan: number | null | undefined) =>
  yuan === null || yuan === undefined ? null : Math.round(yuan * 100);

/** The API body of a new record of `kind` from the form. */
export function toCreateBody<K extends RecordKind>(kind: K, values: RecordFormValues): CreateBodyOf[K] {
  const common = {
    title: text(values.title),
    description: text(values.description),
    keywords: values.keywords,
    publicKeywords: values.publicKeywords,
    cluster: values.cluster ?? null,
    visibility: values.visibility,
    ndaTerms: values.visibility === 'parties' ? text(values.ndaTerms) : '',
  };
  const owner = values.ownerOrganizationId ?? '';
  switch (kind) {
    case 'need':
      return {
        ownerOrganizationId: owner,
        ...common,
        cooperationModes: values.cooperationModes,
        budgetMinFen: fen(values.budgetMinYuan),
        budgetMaxFen: fen(values.budgetMaxYuan),
        deadline: values.deadline ? values.deadline.format('YYYY-MM-DD') : null,
      } as CreateBodyOf[K];
    case 'capability':
      return {
        ownerOrganizationId: owner,
        ...common,
        cooperationModes: values.cooperationModes,
      } as CreateBodyOf[K];
    case 'achievement':
      return {
        ownerOrganizationId: owner,
        ...common,
        kind: values.kind ?? 'patent',
        registrationNumber: values.kind === 'know_how' ? null : text(values.registrationNumber) || null,
        trl: values.trl ?? 1,
        transferModes: values.transferModes,
      } as CreateBodyOf[K];
    default:
      return {
        organizationId: values.organizationId ?? '',
        nameZh: text(values.nameZh),
        nameEn: text(values.nameEn),
        title: text(values.title),
        fields: values.fields,
        keywords: values.keywords,
        orcid: text(values.orcid) || null,
        cluster: values.cluster ?? null,
        bio: text(values.bio),
      } as CreateBodyOf[K];
  }
}

/** Only the fields that changed, with the version edited (so the audit trail names real changes). */
export function toUpdateBody<K extends RecordKind>(
  kind: K,
  values: RecordFormValues,
  original: RecordFormValues,
  version: number,
): UpdateBodyOf[K] {
  const next = toCreateBody(kind, values) as Record<string, unknown>;
  const before = toCreateBody(kind, original) as Record<string, unknown>;
  const changed = Object.fromEntries(
    Object.entries(next).filter(
      ([key, value]) =>
        key !== 'ownerOrganizationId' &&
        key !== 'organizationId' &&
        JSON.stringify(value) !== JSON.stringify(before[key]),
    ),
  );
  return { version, ...changed };
}

/** Moves the budget's field errors (in fen) onto the form's yuan fields. */
const FIELD_ALIASES = { budgetMinFen: 'budgetMinYuan', budgetMaxFen: 'budgetMaxYuan' };

/** /needs/new, /needs/:id/edit and the same for capabilities, achievements and experts. */
export function RecordFormPage({ kind, mode }: { kind: RecordKind; mode: 'create' | 'edit' }) {
  const { id = '' } = useParams();
  return mode === 'create' ? <CreateRecord kind={kind} /> : <EditRecord key={id} kind={kind} id={id} />;
}

function titleKeys(kind: RecordKind): { create: string; edit: string; help: string } {
  switch (kind) {
    case 'need':
      return { create: 'needs.createTitle', edit: 'needs.editTitle', help: 'needs.createHelp' };
    case 'capability':
      return {
        create: 'supply.createCapability',
        edit: 'supply.editCapability',
        help: 'supply.capabilityHelp',
      };
    case 'achievement':
      return {
        create: 'supply.createAchievement',
        edit: 'supply.editAchievement',
        help: 'supply.achievementHelp',
      };
    default:
      return { create: 'experts.createTitle', edit: 'experts.editTitle', help: 'experts.createHelp' };
  }
}

function CreateRecord({ kind }: { kind: RecordKind }) {
  const { t } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { session } = useSession();
  const [form] = Form.useForm<RecordFormValues>();
  const [failure, setFailure] = useState<{ error: unknown; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const owners = (session?.memberships ?? []).filter(
    (m) => m.verificationStatus === 'verified' && POSTER_KINDS[kind].includes(m.kind as OrganizationKind),
  );
  const keys = titleKeys(kind);
  const ownerField = kind === 'expert' ? 'organizationId' : 'ownerOrganizationId';

  const save = async (values: RecordFormValues) => {
    setFailure(null);
    setSaving(true);
    try {
      const created = await createRecord(api, kind, toCreateBody(kind, values));
      void message.success(t('listing.created'));
      void navigate(`/${RECORD_PATHS[kind]}/${created.id}`);
    } catch (error) {
      setFailure({ error, text: applyApiErrorToForm(t, form, error, { fieldAliases: FIELD_ALIASES }) });
    } finally {
      setSaving(false);
    }
  };

  if (owners.length === 0) {
    return (
      <Result
        status="info"
        title={t('listing.noOwnerTitle')}
        subTitle={t('listing.noOwnerText', {
          kinds: POSTER_KINDS[kind].map((k) => t(kindKey(k))).join(t('listing.listSeparator')),
        })}
        extra={
          <Button
            type="primary"
            onClick={() => void navigate('/my/organization')}
            data-testid="record-form-my-org"
          >
            {t('directory.myOrganization')}
          </Button>
        }
        data-testid="record-form-no-owner"
      />
    );
  }

  return (
    <>
      <PageHeader title={t(keys.create)} subtitle={t(keys.help)} />
      <Card>
        {failure ? <ErrorAlert error={failure.error} text={failure.text} testId="record-form-error" /> : null}
        <RecordForm
          kind={kind}
          form={form}
          initial={{
            ...EMPTY,
            [ownerField]: owners[0]?.organizationId,
            cooperationModes: [],
            transferModes: [],
          }}
          ownerOptions={owners.map((m) => ({ value: m.organizationId, label: m }))}
          onFinish={(values) => void save(values)}
          footer={
            <Space>
              <Button
                type="primary"
                htmlType="submit"
                icon={<SaveOutlined />}
                loading={saving}
                data-testid="record-save"
              >
                {t('listing.publish')}
              </Button>
              <Button onClick={() => void navigate(-1)} data-testid="record-cancel">
                {t('common.cancel')}
              </Button>
            </Space>
          }
        />
      </Card>
    </>
  );
}

function EditRecord({ kind, id }: { kind: RecordKind; id: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const record = useResource((signal) => getRecord(api, kind, id, signal), [api, kind, id]);
  const [form] = Form.useForm<RecordFormValues>();
  const [failure, setFailure] = useState<{ error: unknown; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const keys = titleKeys(kind);

  const original = record.data ? toFormValues(kind, record.data) : null;
  useEffect(() => {
    if (!record.data) return;
    form.resetFields();
    form.setFieldsValue(toFormValues(kind, record.data));
  }, [form, kind, record.data]);

  if (!record.data && record.loading) return <PageSpin />;
  if (!record.data || !original) {
    if (record.error instanceof ApiError && record.error.status === 404)
      return (
        <Result status="404" title={t('common.notFoundTitle')} subTitle={t('errors.record.not_found')} />
      );
    return <ErrorAlert error={record.error} onRetry={record.reload} />;
  }
  if (!record.data.permissions.update) {
    return <Result status="403" title={t('common.forbiddenTitle')} subTitle={t('errors.auth.forbidden')} />;
  }
  const current = record.data;

  const save = async (values: RecordFormValues) => {
    setFailure(null);
    setSaving(true);
    try {
      const saved = await updateRecord(api, kind, id, toUpdateBody(kind, values, original, current.version));
      void message.success(t('listing.saved'));
      record.setData(saved);
      void navigate(`/${RECORD_PATHS[kind]}/${id}`);
    } catch (error) {
      setFailure({ error, text: applyApiErrorToForm(t, form, error, { fieldAliases: FIELD_ALIASES }) });
    } finally {
      setSaving(false);
    }
  };

  const ownerLabel =
    kind === 'expert' ? (current as RecordOf['expert']).organization : (current as RecordOf['need']).owner;
  return (
    <>
      <PageHeader title={t(keys.edit)} />
      <Card>
        {failure ? (
          <ErrorAlert
            error={failure.error}
            text={failure.text}
            onReload={record.reload}
            testId="record-form-error"
          />
        ) : null}
        <RecordForm
          kind={kind}
          form={form}
          initial={original}
          ownerOptions={[
            {
              value: ownerLabel.id,
              label: { organizationId: ownerLabel.id, nameZh: ownerLabel.nameZh, nameEn: ownerLabel.nameEn },
            },
          ]}
          ownerFixed
          onFinish={(values) => void save(values)}
          footer={
            <Space>
              <Button
                type="primary"
                htmlType="submit"
                icon={<SaveOutlined />}
                loading={saving}
                data-testid="record-save"
              >
                {t('common.save')}
              </Button>
              <Button
                onClick={() => void navigate(`/${RECORD_PATHS[kind]}/${id}`)}
                data-testid="record-cancel"
              >
                {t('common.cancel')}
              </Button>
            </Space>
          }
        />
      </Card>
    </>
  );
}

interface OwnerOption {
  value: string;
  label: { organizationId: string; nameZh: string; nameEn: string };
}

/** The posting form of one record type, with client-side checks mirroring the server's rules. */
function RecordForm({
  kind,
  form,
  initial,
  ownerOptions,
  ownerFixed = false,
  onFinish,
  footer,
}: {
  kind: RecordKind;
  form: FormInstance<RecordFormValues>;
  initial: RecordFormValues;
  ownerOptions: OwnerOption[];
  ownerFixed?: boolean;
  onFinish: (values: RecordFormValues) => void;
  footer: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const clusters = useClusters();
  const visibility = Form.useWatch('visibility', form);
  const achievementKind = Form.useWatch('kind', form);
  const required = { required: true, message: t('validation.required') };
  const requiredText = { required: true, whitespace: true, message: t('validation.required') };
  const max = (n: number) => ({ max: n, message: t('validation.maxLength', { max: n }) });
  const tags = (limit: number) => ({
    validator: (_: unknown, value: string[] | undefined) =>
      (value ?? []).length <= limit
        ? Promise.resolve()
        : Promise.reject(new Error(t('listing.tooMany', { max: limit }))),
  });
  const tiered = kind !== 'expert';
  const ownerField = kind === 'expert' ? 'organizationId' : 'ownerOrganizationId';
  const clusterOptions = (clusters.data ?? []).map((c) => ({
    value: c.slug,
    label: localizedNames(c, i18n.language).primary,
  }));

  return (
    <Form<RecordFormValues>
      form={form}
      layout="vertical"
      initialValues={initial}
      onFinish={onFinish}
      scrollToFirstError
      data-testid="record-form"
    >
      <Divider titlePlacement="start" style={{ marginTop: 0 }}>
        {t('listing.sections.basic')}
      </Divider>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            name={ownerField}
            label={kind === 'expert' ? t('experts.fields.organization') : t('listing.fields.owner')}
            rules={[required]}
          >
            <Select
              disabled={ownerFixed}
              options={ownerOptions.map((o) => ({
                value: o.value,
                label: localizedNames(o.label, i18n.language).primary,
              }))}
              data-testid="field-owner"
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="cluster" label={t('listing.fields.cluster')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={clusterOptions}
              loading={clusters.loading}
              data-testid="field-cluster"
            />
          </Form.Item>
        </Col>
      </Row>

      {kind === 'expert' ? (
        <>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="nameZh"
                label={t('experts.fields.nameZh')}
                dependencies={['nameEn']}
                rules={[
                  max(120),
                  ({ getFieldValue }) => ({
                    validator: (_, value: string | undefined) =>
                      text(value) || text(getFieldValue('nameEn') as string | undefined)
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('errors.directory.expert_name_required'))),
                  }),
                ]}
              >
                <Input maxLength={120} data-testid="field-nameZh" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="nameEn" label={t('experts.fields.nameEn')} rules={[max(120)]}>
                <Input maxLength={120} data-testid="field-nameEn" />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="title" label={t('experts.fields.title')} rules={[max(120)]}>
                <Input maxLength={120} data-testid="field-title" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="orcid"
                label={t('experts.fields.orcid')}
                extra={t('experts.orcidHelp')}
                rules={[
                  {
                    pattern: /^\s*((https?:\/\/)?(www\.)?orcid\.org\/)?(\d{4}-?){3}\d{3}[\dXx]\s*$|^\s*$/,
                    message: t('errors.directory.orcid_invalid'),
                  },
                ]}
              >
                <Input placeholder="0000-0002-1825-0097" data-testid="field-orcid" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="fields" label={t('experts.fields.fields')} rules={[tags(10)]}>
            <Select mode="tags" tokenSeparators={[',', '，', '、']} open={false} data-testid="field-fields" />
          </Form.Item>
          <Form.Item name="keywords" label={t('listing.fields.keywords')} rules={[tags(20)]}>
            <Select
              mode="tags"
              tokenSeparators={[',', '，', '、']}
              open={false}
              data-testid="field-keywords"
            />
          </Form.Item>
          <Form.Item name="bio" label={t('experts.fields.bio')} rules={[max(4000)]}>
            <Input.TextArea rows={4} maxLength={4000} showCount data-testid="field-bio" />
          </Form.Item>
        </>
      ) : (
        <>
          <Form.Item name="title" label={t('listing.fields.title')} rules={[requiredText, max(200)]}>
            <Input maxLength={200} data-testid="field-title" />
          </Form.Item>
          <Form.Item
            name="description"
            label={t('listing.fields.description')}
            extra={t('listing.descriptionHelp')}
            rules={[requiredText, max(8000)]}
          >
            <Input.TextArea rows={6} maxLength={8000} showCount data-testid="field-description" />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="keywords"
                label={t('listing.fields.keywords')}
                extra={t('listing.keywordsHelp')}
                rules={[tags(20)]}
              >
                <Select
                  mode="tags"
                  tokenSeparators={[',', '，', '、']}
                  open={false}
                  data-testid="field-keywords"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="publicKeywords"
                label={t('listing.fields.publicKeywords')}
                extra={t('listing.publicKeywordsHelp')}
                rules={[tags(10)]}
              >
                <Select
                  mode="tags"
                  tokenSeparators={[',', '，', '、']}
                  open={false}
                  data-testid="field-publicKeywords"
                />
              </Form.Item>
            </Col>
          </Row>
        </>
      )}

      {kind === 'need' || kind === 'capability' ? (
        <Form.Item name="cooperationModes" label={t('listing.fields.cooperationModes')} rules={[required]}>
          <Checkbox.Group
            options={enumOptions(t, COOPERATION_MODES, cooperationModeKey)}
            data-testid="field-cooperationModes"
          />
        </Form.Item>
      ) : null}

      {kind === 'need' ? (
        <>
          <Divider titlePlacement="start">{t('listing.sections.budget')}</Divider>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="budgetMinYuan" label={t('listing.fields.budgetMin')}>
                <InputNumber<number>
                  min={0}
                  max={1e13}
                  step={10000}
                  style={{ width: '100%' }}
                  data-testid="field-budgetMin"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="budgetMaxYuan"
                label={t('listing.fields.budgetMax')}
                dependencies={['budgetMinYuan']}
                rules={[
                  ({ getFieldValue }) => ({
                    validator: (_, value: number | null | undefined) => {
                      const min = getFieldValue('budgetMinYuan') as number | null | undefined;
                      return value === null ||
                        value === undefined ||
                        min === null ||
                        min === undefined ||
                        min <= value
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('errors.directory.budget_range_inverted')));
                    },
                  }),
                ]}
              >
                <InputNumber<number>
                  min={0}
                  max={1e13}
                  step={10000}
                  style={{ width: '100%' }}
                  data-testid="field-budgetMax"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="deadline"
                label={t('listing.fields.deadline')}
                rules={[
                  {
                    validator: (_, value: Dayjs | null | undefined) =>
                      !value || !value.isBefore(dayjs(), 'day') || value.isSame(initial.deadline, 'day')
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('errors.directory.deadline_in_past'))),
                  },
                ]}
              >
                <DatePicker style={{ width: '100%' }} data-testid="field-deadline" />
              </Form.Item>
            </Col>
          </Row>
        </>
      ) : null}

      {kind === 'achievement' ? (
        <>
          <Divider titlePlacement="start">{t('listing.sections.achievement')}</Divider>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="kind" label={t('listing.fields.kind')} rules={[required]}>
                <Select
                  options={enumOptions(t, ACHIEVEMENT_KINDS, achievementKindKey)}
                  data-testid="field-kind"
                />
              </Form.Item>
            </Col>
            {achievementKind !== 'know_how' ? (
              <Col xs={24} md={8}>
                <Form.Item
                  name="registrationNumber"
                  label={t('listing.fields.registrationNumber')}
                  extra={t('listing.registrationNumberHelp')}
                  rules={[max(40)]}
                >
                  <Input maxLength={40} data-testid="field-registrationNumber" />
                </Form.Item>
              </Col>
            ) : null}
            <Col xs={24} md={8}>
              <Form.Item
                name="trl"
                label={t('listing.fields.trl')}
                extra={t('listing.trlHelp')}
                rules={[required]}
              >
                <Select
                  options={[1, 2, 3, 4, 5, 6, 7, 8, 9].map((level) => ({
                    value: level,
                    label: t('listing.trlValue', { trl: level }),
                  }))}
                  data-testid="field-trl"
                />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="transferModes" label={t('listing.fields.transferModes')} rules={[required]}>
            <Checkbox.Group
              options={enumOptions(t, TRANSFER_MODES, transferModeKey)}
              data-testid="field-transferModes"
            />
          </Form.Item>
        </>
      ) : null}

      {tiered ? (
        <>
          <Divider titlePlacement="start">{t('listing.sections.visibility')}</Divider>
          <Form.Item name="visibility" rules={[required]}>
            <Radio.Group data-testid="field-visibility">
              <Flex vertical gap={8}>
                {VISIBILITY_TIERS.map((tier) => (
                  <Radio key={tier} value={tier} data-testid={`field-visibility-${tier}`}>
                    <strong>{t(tierKey(tier))}</strong>
                    {' — '}
                    <span style={{ color: 'rgba(0,0,0,0.55)' }}>{t(tierHelpKey(tier))}</span>
                  </Radio>
                ))}
              </Flex>
            </Radio.Group>
          </Form.Item>
          {visibility !== 'public' ? (
            <Alert type="info" showIcon title={t('listing.hiddenFieldsNote')} style={{ marginBottom: 16 }} />
          ) : null}
          {visibility === 'parties' ? (
            <Form.Item name="ndaTerms" label={t('nda.terms')} extra={t('nda.termsHelp')} rules={[max(4000)]}>
              <Input.TextArea
                rows={3}
                maxLength={4000}
                placeholder={t('nda.defaultTerms')}
                data-testid="field-ndaTerms"
              />
            </Form.Item>
          ) : null}
        </>
      ) : null}
      {footer}
    </Form>
  );
}
