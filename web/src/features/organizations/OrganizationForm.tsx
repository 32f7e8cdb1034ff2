import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Divider, Flex, Form, Input, Row, Select, type FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CHAIN_POSITIONS,
  DISTRICTS,
  ORGANIZATION_KINDS,
  SERVICE_TYPES,
  SIZE_CLASSES,
  type ChainPosition,
  type CreateOrganizationBody,
  type District,
  type OrganizationKind,
  type ServiceType,
  type SizeClass,
  type UpdateOrganizationBody,
} from '../../../../src/modules/organizations/schemas';
import {
  chainPositionKey,
  districtKey,
  enumOptions,
  kindKey,
  serviceTypeKey,
  sizeClassKey,
} from '../../i18n/labels';
import type { Cluster, Organization } from './api';
import { localizedNames } from './display';

/** What the profile form holds; empty text stands for "not given". */
export interface OrganizationFormValues {
  kind: OrganizationKind | undefined;
  nameZh: string;
  nameEn: string;
  sizeClass: SizeClass | undefined;
  serviceType: ServiceType | undefined;
  creditCode: string;
  moeCode: string;
  district: District | undefined;
  website: string;
  descriptionZh: string;
  descriptionEn: string;
  clusters: { cluster: string | undefined; chainPosition: ChainPosition | undefined }[];
}

export const EMPTY_FORM: OrganizationFormValues = {
  kind: undefined,
  nameZh: '',
  nameEn: '',
  sizeClass: undefined,
  serviceType: undefined,
  creditCode: '',
  moeCode: '',
  district: undefined,
  website: '',
  descriptionZh: '',
  descriptionEn: '',
  clusters: [],
};

export function toFormValues(org: Organization): OrganizationFormValues {
  return {
    kind: org.kind,
    nameZh: org.nameZh,
    nameEn: org.nameEn,
    sizeClass: org.sizeClass ?? undefined,
    serviceType: org.serviceType ?? undefined,
    creditCode: org.creditCode ?? '',
    moeCode: org.moeCode ?? '',
    district: org.district ?? undefined,
    website: org.website ?? '',
    descriptionZh: org.descriptionZh,
    descriptionEn: org.descriptionEn,
    clusters: org.clusters.map((c) => ({ cluster: c.slug, chainPosition: c.chainPosition })),
  };
}

const text = (value: string | undefined): string => (value ?? '').trim();
const orNull = (value: string | undefined): string | null => text(value) || null;

function clusterInputs(values: OrganizationFormValues): NonNullable<CreateOrganizationBody['clusters']> {
  return values.clusters.flatMap((row) =>
    row.cluster && row.chainPosition ? [{ cluster: row.cluster, chainPosition: row.chainPosition }] : [],
  );
}

/** The fields every kind shares, as the API wants them. */
function sharedFields(values: OrganizationFormValues, kind: OrganizationKind) {
  return {
    nameZh: text(values.nameZh),
    nameEn: text(values.nameEn),
    creditCode: orNull(values.creditCode)?.toUpperCase() ?? null,
    district: values.district ?? null,
    website: orNull(values.website),
    descriptionZh: text(values.descriptionZh),
    descriptionEn: text(values.descriptionEn),
    clusters: clusterInputs(values),
    // Kind-specific fields are sent only for the kinds that carry them.
    ...(kind === 'enterprise' ? { sizeClass: values.sizeClass ?? null } : {}),
    ...(kind === 'service' ? { serviceType: values.serviceType ?? null } : {}),
    ...(kind === 'university' || kind === 'vocational_college' ? { moeCode: orNull(values.moeCode) } : {}),
  };
}

export function toCreateBody(values: OrganizationFormValues, kind: OrganizationKind): CreateOrganizationBody {
  return { kind, ...sharedFields(values, kind) };
}

export function toUpdateBody(
  values: OrganizationFormValues,
  kind: OrganizationKind,
  version: number,
): UpdateOrganizationBody {
  return { version, ...sharedFields(values, kind) };
}

interface OrganizationFormProps {
  form: FormInstance<OrganizationFormValues>;
  /** In 'create' the kind is chosen here; afterwards it is fixed. */
  mode: 'create' | 'edit';
  /** The organisation's kind when editing. */
  fixedKind?: OrganizationKind | undefined;
  clusters: Cluster[];
  clustersLoading: boolean;
  disabled?: boolean;
  onFinish: (values: OrganizationFormValues) => void;
  /** The save button and anything beside it. */
  footer: ReactNode;
}

/** The organisation profile fields: names, kind-specific fields, identifiers, place, texts, clusters. */
export function OrganizationForm({
  form,
  mode,
  fixedKind,
  clusters,
  clustersLoading,
  disabled = false,
  onFinish,
  footer,
}: OrganizationFormProps) {
  const { t, i18n } = useTranslation();
  const watchedKind = Form.useWatch('kind', form);
  const kind = mode === 'edit' ? fixedKind : watchedKind;
  const carriesMoeCode = kind === 'university' || kind === 'vocational_college';
  const clusterOptions = clusters.map((cluster) => ({
    value: cluster.slug,
    label: localizedNames(cluster, i18n.language).primary,
  }));
  const required = { required: true, whitespace: true, message: t('validation.required') };

  return (
    <Form<OrganizationFormValues>
      form={form}
      layout="vertical"
      initialValues={EMPTY_FORM}
      disabled={disabled}
      onFinish={onFinish}
      scrollToFirstError
      data-testid="profile-form"
    >
      <Divider titlePlacement="start" style={{ marginTop: 0 }}>
        {t('profileForm.sectionBasic')}
      </Divider>
      <Row gutter={16}>
        {mode === 'create' ? (
          <Col xs={24} md={12}>
            <Form.Item
              name="kind"
              label={t('organization.fields.kind')}
              rules={[{ required: true, message: t('validation.required') }]}
            >
              <Select
                options={enumOptions(t, ORGANIZATION_KINDS, kindKey)}
                placeholder={t('profileForm.kindPlaceholder')}
                data-testid="profile-kind"
              />
            </Form.Item>
          </Col>
        ) : null}
        {kind === 'enterprise' ? (
          <Col xs={24} md={12}>
            <Form.Item
              name="sizeClass"
              label={t('organization.fields.sizeClass')}
              extra={t('profileForm.sizeClassHelp')}
              rules={[{ required: true, message: t('validation.required') }]}
            >
              <Select options={enumOptions(t, SIZE_CLASSES, sizeClassKey)} data-testid="profile-sizeClass" />
            </Form.Item>
          </Col>
        ) : null}
        {kind === 'service' ? (
          <Col xs={24} md={12}>
            <Form.Item
              name="serviceType"
              label={t('organization.fields.serviceType')}
              rules={[{ required: true, message: t('validation.required') }]}
            >
              <Select
                options={enumOptions(t, SERVICE_TYPES, serviceTypeKey)}
                data-testid="profile-serviceType"
              />
            </Form.Item>
          </Col>
        ) : null}
      </Row>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            name="nameZh"
            label={t('organization.fields.nameZh')}
            rules={[required, { max: 120, message: t('validation.maxLength', { max: 120 }) }]}
          >
            <Input maxLength={120} data-testid="profile-nameZh" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="nameEn"
            label={t('organization.fields.nameEn')}
            rules={[required, { max: 200, message: t('validation.maxLength', { max: 200 }) }]}
          >
            <Input maxLength={200} data-testid="profile-nameEn" />
          </Form.Item>
        </Col>
      </Row>

      <Divider titlePlacement="start">{t('profileForm.sectionIdentifiers')}</Divider>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            name="creditCode"
            label={t('organization.fields.creditCode')}
            extra={t('profileForm.creditCodeHelp')}
            normalize={(value: string) => value.toUpperCase()}
            rules={[
              { len: 18, message: t('validation.creditCodeLength'), transform: (v: string) => v.trim() },
            ]}
          >
            <Input maxLength={18} style={{ fontFamily: 'monospace' }} data-testid="profile-creditCode" />
          </Form.Item>
        </Col>
        {carriesMoeCode ? (
          <Col xs={24} md={12}>
            <Form.Item
              name="moeCode"
              label={t('organization.fields.moeCode')}
              extra={t('profileForm.moeCodeHelp')}
              rules={[{ pattern: /^\s*(\d{10})?\s*$/, message: t('validation.moeCode') }]}
            >
              <Input maxLength={10} inputMode="numeric" data-testid="profile-moeCode" />
            </Form.Item>
          </Col>
        ) : null}
      </Row>

      <Divider titlePlacement="start">{t('profileForm.sectionPlace')}</Divider>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="district" label={t('organization.fields.district')}>
            <Select
              allowClear
              options={enumOptions(t, DISTRICTS, districtKey)}
              placeholder={t('profileForm.districtPlaceholder')}
              data-testid="profile-district"
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="website"
            label={t('organization.fields.website')}
            rules={[
              { pattern: /^\s*(https?:\/\/\S+)?\s*$/i, message: t('validation.website') },
              { max: 300, message: t('validation.maxLength', { max: 300 }) },
            ]}
          >
            <Input placeholder="https://" inputMode="url" data-testid="profile-website" />
          </Form.Item>
        </Col>
      </Row>

      <Divider titlePlacement="start">{t('profileForm.sectionDescriptions')}</Divider>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Form.Item
            name="descriptionZh"
            label={t('organization.fields.descriptionZh')}
            rules={[{ max: 4000, message: t('validation.maxLength', { max: 4000 }) }]}
          >
            <Input.TextArea rows={5} maxLength={4000} showCount data-testid="profile-descriptionZh" />
          </Form.Item>
        </Col>
        <Col xs={24} lg={12}>
          <Form.Item
            name="descriptionEn"
            label={t('organization.fields.descriptionEn')}
            rules={[{ max: 4000, message: t('validation.maxLength', { max: 4000 }) }]}
          >
            <Input.TextArea rows={5} maxLength={4000} showCount data-testid="profile-descriptionEn" />
          </Form.Item>
        </Col>
      </Row>

      <Divider titlePlacement="start">{t('profileForm.sectionClusters')}</Divider>
      <Form.List
        name="clusters"
        rules={[
          {
            validator: (_, rows: OrganizationFormValues['clusters'] | undefined) => {
              const slugs = (rows ?? []).map((row) => row.cluster).filter(Boolean);
              return new Set(slugs).size === slugs.length
                ? Promise.resolve()
                : Promise.reject(new Error(t('validation.duplicateCluster')));
            },
          },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <div data-testid="profile-clusters">
            {fields.map((field, index) => (
              <Flex key={field.key} gap={8} align="flex-start" wrap data-testid="profile-cluster-row">
                <Form.Item
                  name={[field.name, 'cluster']}
                  rules={[{ required: true, message: t('validation.required') }]}
                  style={{ flex: '1 1 240px', minWidth: 200 }}
                >
                  <Select
                    showSearch={{ optionFilterProp: 'label' }}
                    options={clusterOptions}
                    loading={clustersLoading}
                    placeholder={t('organization.fields.cluster')}
                    aria-label={t('organization.fields.cluster')}
                    data-testid={`profile-cluster-${index}`}
                  />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'chainPosition']}
                  rules={[{ required: true, message: t('validation.required') }]}
                  style={{ flex: '0 1 180px', minWidth: 140 }}
                >
                  <Select
                    options={enumOptions(t, CHAIN_POSITIONS, chainPositionKey)}
                    placeholder={t('organization.fields.chainPosition')}
                    aria-label={t('organization.fields.chainPosition')}
                    data-testid={`profile-chainPosition-${index}`}
                  />
                </Form.Item>
                <Button
                  icon={<DeleteOutlined />}
                  onClick={() => remove(field.name)}
                  aria-label={t('profileForm.removeCluster')}
                  data-testid={`profile-cluster-remove-${index}`}
                />
              </Flex>
            ))}
            <Form.Item>
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ cluster: undefined, chainPosition: undefined })}
                disabled={disabled || fields.length >= 20}
                data-testid="profile-clusters-add"
              >
                {t('profileForm.addCluster')}
              </Button>
              <Form.ErrorList errors={errors} />
            </Form.Item>
          </div>
        )}
      </Form.List>
      {footer}
    </Form>
  );
}
