/**
 * The charter (联合体协议) section of the consortium page, for its insiders: the version in force,
 * the one being drafted or signed with who signed and who is missing, signing for one's own
 * organisation (the digest shown and confirmed), every version, and the diff between two.
 */
import { EditOutlined, FileAddOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Collapse,
  Descriptions,
  Empty,
  Flex,
  List,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError, useApi } from '../../api/client';
import { useResource } from '../../api/useResource';
import { formatDateTime } from '../../app/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { localizedNames } from '../organizations/display';
import {
  createCharterDraft,
  diffCharter,
  getCharter,
  listCharterVersions,
  signCharter,
  type CharterOverview,
  type CharterVersionList,
  type CharterVersionSummary,
  type CharterVersionView,
  type Consortium,
} from './api';
import { CharterContentView } from './CharterContentView';
import { issueMessage, pathLabel, valueText } from './charterText';
import {
  CHANGE_COLORS,
  CHARTER_STATUS_COLORS,
  changeKindKey,
  charterSectionKey,
  charterStatusKey,
} from './labels';

/** A digest as people compare it at a glance: the first and last eight hex digits. */
export function shortDigest(digest: string): string {
  return `${digest.slice(0, 8)}…${digest.slice(-8)}`;
}

export function CharterStatusTag({ status }: { status: CharterVersionSummary['status'] }) {
  const { t } = useTranslation();
  return (
    <Tag color={CHARTER_STATUS_COLORS[status]} data-testid="charter-status" data-status={status}>
      {t(charterStatusKey(status))}
    </Tag>
  );
}

/** Organisation names of a consortium's members, in the current language. */
export function useMemberNames(consortium: Consortium): (id: string) => string {
  const { i18n } = useTranslation();
  const names = new Map(
    consortium.members.map((m) => [m.organization.id, localizedNames(m.organization, i18n.language).primary]),
  );
  return (id) => names.get(id) ?? id;
}

interface Loaded {
  overview: CharterOverview;
  versions: CharterVersionList;
}

export function CharterSection({ consortium }: { consortium: Consortium }) {
  const api = useApi();
  const charter = useResource<Loaded>(
    async (signal) => {
      const [overview, versions] = await Promise.all([
        getCharter(api, consortium.id, signal),
        listCharterVersions(api, consortium.id, signal),
      ]);
      return { overview, versions };
    },
    [api, consortium.id, consortium.version],
  );
  // Outsiders (the public of a designated consortium) get 404: the charter is the members' agreement.
  if (charter.error instanceof ApiError && (charter.error.status === 404 || charter.error.status === 401))
    return null;
  if (!charter.data) {
    if (charter.error) return <ErrorAlert error={charter.error} onRetry={charter.reload} />;
    return <Card loading title={null} />;
  }
  return <CharterView consortium={consortium} loaded={charter.data} onReload={charter.reload} />;
}

function CharterView({
  consortium,
  loaded,
  onReload,
}: {
  consortium: Consortium;
  loaded: Loaded;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const [creating, setCreating] = useState(false);
  const { overview, versions } = loaded;
  const nameOf = useMemberNames(consortium);
  const open = overview.open;

  const startDraft = async () => {
    setError(null);
    setCreating(true);
    try {
      const draft = await createCharterDraft(api, consortium.id, {});
      void navigate(`/consortia/${consortium.id}/charter/${String(draft.number)}/edit`);
    } catch (failure) {
      setError(failure);
    } finally {
      setCreating(false);
    }
  };

  return (
    <Card
      title={
        <Space>
          <SafetyCertificateOutlined />
          {t('consortia.charter.title')}
        </Space>
      }
      data-testid="charter-section"
      data-effective={overview.effective ? String(overview.effective.number) : ''}
      extra={
        <Space wrap>
          {open?.status === 'draft' && open.permissions.edit ? (
            <Button
              type="primary"
              icon={<EditOutlined />}
              onClick={() => void navigate(`/consortia/${consortium.id}/charter/${String(open.number)}/edit`)}
              data-testid="charter-edit"
            >
              {t('consortia.charter.editDraft', { number: open.number })}
            </Button>
          ) : null}
          {overview.permissions.createDraft ? (
            <Button
              icon={<FileAddOutlined />}
              loading={creating}
              onClick={() => void startDraft()}
              data-testid="charter-new-draft"
            >
              {overview.effective ? t('consortia.charter.amend') : t('consortia.charter.newDraft')}
            </Button>
          ) : null}
        </Space>
      }
    >
      <ErrorAlert error={error} onReload={onReload} />
      {!overview.effective && !open && versions.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('consortia.charter.none')} />
      ) : null}
      {overview.effective ? (
        <VersionPanel
          consortium={consortium}
          version={overview.effective}
          nameOf={nameOf}
          onSigned={onReload}
          testId="charter-effective"
          defaultExpanded={!open}
        />
      ) : null}
      {open ? (
        <VersionPanel
          consortium={consortium}
          version={open}
          nameOf={nameOf}
          onSigned={onReload}
          testId="charter-open"
          defaultExpanded
        />
      ) : null}
      {versions.items.length > 0 ? (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('consortia.charter.versions')}
          </Typography.Title>
          <Table<CharterVersionSummary>
            size="small"
            rowKey="number"
            pagination={false}
            dataSource={[...versions.items].reverse()}
            data-testid="charter-versions"
            onRow={(v) =>
              ({
                'data-testid': 'charter-version-row',
                'data-number': String(v.number),
                'data-status': v.status,
              }) as React.HTMLAttributes<HTMLElement>
            }
            columns={[
              {
                title: t('consortia.charter.version'),
                key: 'number',
                width: 90,
                render: (_, v) => t('consortia.charter.versionNumber', { number: v.number }),
              },
              {
                title: t('consortia.fields.status'),
                key: 'status',
                width: 110,
                render: (_, v) => <CharterStatusTag status={v.status} />,
              },
              {
                title: t('consortia.charter.basedOn'),
                key: 'basedOn',
                width: 100,
                render: (_, v) =>
                  v.basedOn ? t('consortia.charter.versionNumber', { number: v.basedOn }) : '—',
              },
              {
                title: t('consortia.charter.digest'),
                key: 'digest',
                render: (_, v) =>
                  v.digest ? <Typography.Text code>{shortDigest(v.digest)}</Typography.Text> : '—',
              },
              {
                title: t('consortia.charter.signatures'),
                key: 'signatures',
                width: 90,
                render: (_, v) =>
                  v.digest ? `${String(v.signatures)}/${String(consortium.activeMembers)}` : '—',
              },
              {
                title: t('common.updatedAt'),
                key: 'at',
                width: 150,
                render: (_, v) => formatDateTime(v.effectiveAt ?? v.openedAt ?? v.updatedAt),
              },
            ]}
          />
        </>
      ) : null}
      {versions.items.length > 1 ? (
        <DiffPanel consortium={consortium} versions={versions.items} nameOf={nameOf} />
      ) : null}
    </Card>
  );
}

/** One version: status, signatures (who signed, who is missing), signing, issues of a draft, content. */
function VersionPanel({
  consortium,
  version,
  nameOf,
  onSigned,
  testId,
  defaultExpanded,
}: {
  consortium: Consortium;
  version: CharterVersionView;
  nameOf: (id: string) => string;
  onSigned: () => void;
  testId: string;
  defaultExpanded: boolean;
}) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const { message } = App.useApp();
  const [signing, setSigning] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const signerName = signing ? nameOf(signing) : '';

  const sign = async () => {
    if (!signing || !version.digest) return;
    setSending(true);
    setFailure(null);
    try {
      const signed = await signCharter(api, consortium.id, version.number, {
        organizationId: signing,
        digest: version.digest,
      });
      setSigning(null);
      void message.success(
        signed.status === 'effective' && version.status !== 'effective'
          ? t('consortia.charter.nowEffective', { number: version.number })
          : t('consortia.charter.signed', { organization: signerName }),
      );
      onSigned();
    } catch (error) {
      setFailure(error);
    } finally {
      setSending(false);
    }
  };

  return (
    <div
      data-testid={testId}
      data-number={String(version.number)}
      data-status={version.status}
      style={{ marginBottom: 16 }}
    >
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        title={
          <Flex gap={8} align="center">
            {t('consortia.charter.versionNumber', { number: version.number })}
            <CharterStatusTag status={version.status} />
          </Flex>
        }
        items={[
          ...(version.digest
            ? [
                {
                  key: 'digest',
                  label: t('consortia.charter.digest'),
                  children: (
                    <Typography.Text code copyable={{ text: version.digest }} data-testid="charter-digest">
                      {shortDigest(version.digest)}
                    </Typography.Text>
                  ),
                },
              ]
            : []),
          ...(version.effectiveAt
            ? [
                {
                  key: 'effectiveAt',
                  label: t('consortia.charter.effectiveAt'),
                  children: formatDateTime(version.effectiveAt),
                },
              ]
            : version.openedAt
              ? [
                  {
                    key: 'openedAt',
                    label: t('consortia.charter.openedAt'),
                    children: formatDateTime(version.openedAt),
                  },
                ]
              : [
                  {
                    key: 'updatedAt',
                    label: t('common.updatedAt'),
                    children: formatDateTime(version.updatedAt),
                  },
                ]),
          ...(version.digest
            ? [
                {
                  key: 'signed',
                  label: t('consortia.charter.signedBy'),
                  span: 2,
                  children:
                    version.signedBy.length === 0 ? (
                      t('common.emptyValue')
                    ) : (
                      <Flex wrap gap={4}>
                        {version.signedBy.map((s) => (
                          <Tag
                            key={`${s.organization.id}:${s.digest}`}
                            color="green"
                            data-testid="charter-signed-by"
                            data-organization-id={s.organization.id}
                          >
                            {localizedNames(s.organization, i18n.language).primary} ·{' '}
                            {formatDateTime(s.signedAt)}
                          </Tag>
                        ))}
                      </Flex>
                    ),
                },
                {
                  key: 'missing',
                  label: t('consortia.charter.missing'),
                  span: 2,
                  children:
                    version.missingSignatures.length === 0 ? (
                      t('common.emptyValue')
                    ) : (
                      <Flex wrap gap={4}>
                        {version.missingSignatures.map((o) => (
                          <Tag
                            key={o.id}
                            color="orange"
                            data-testid="charter-missing"
                            data-organization-id={o.id}
                          >
                            {localizedNames(o, i18n.language).primary}
                          </Tag>
                        ))}
                      </Flex>
                    ),
                },
              ]
            : []),
        ]}
      />
      {version.permissions.signFor.length > 0 && version.digest ? (
        <Space wrap style={{ marginTop: 8 }}>
          {version.permissions.signFor.map((organizationId) => (
            <Button
              key={organizationId}
              type="primary"
              onClick={() => setSigning(organizationId)}
              data-testid="charter-sign"
              data-organization-id={organizationId}
            >
              {t('consortia.charter.signFor', { organization: nameOf(organizationId) })}
            </Button>
          ))}
        </Space>
      ) : null}
      {version.status === 'draft' && version.issues.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 8 }}
          title={t('consortia.charter.issueCount', { count: version.issues.length })}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {version.issues.map((issue, index) => (
                <li key={index}>{issueMessage(t, i18n.language, issue, nameOf)}</li>
              ))}
            </ul>
          }
        />
      ) : null}
      <Collapse
        ghost
        size="small"
        style={{ marginTop: 8 }}
        defaultActiveKey={defaultExpanded ? ['content'] : []}
        items={[
          {
            key: 'content',
            label: t('consortia.charter.readContent'),
            children: <CharterContentView content={version.content} nameOf={nameOf} />,
          },
        ]}
      />
      <Modal
        open={signing !== null}
        title={t('consortia.charter.signTitle', { organization: signerName, number: version.number })}
        okText={t('consortia.charter.signConfirm')}
        cancelText={t('common.cancel')}
        confirmLoading={sending}
        onOk={() => void sign()}
        onCancel={() => {
          setSigning(null);
          setFailure(null);
        }}
        okButtonProps={{ 'data-testid': 'charter-sign-confirm' }}
        destroyOnHidden
      >
        <div data-testid="charter-sign-dialog">
          <Typography.Paragraph>
            {t('consortia.charter.signHelp', { organization: signerName, number: version.number })}
          </Typography.Paragraph>
          <Typography.Paragraph>
            {t('consortia.charter.digest')}:{' '}
            <Typography.Text code data-testid="charter-sign-digest">
              {version.digest ? shortDigest(version.digest) : ''}
            </Typography.Text>
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, wordBreak: 'break-all' }}>
            {version.digest}
          </Typography.Paragraph>
          <ErrorAlert error={failure} testId="charter-sign-error" />
        </div>
      </Modal>
    </div>
  );
}

/** Pick two versions and read what changed between them. */
function DiffPanel({
  consortium,
  versions,
  nameOf,
}: {
  consortium: Consortium;
  versions: readonly CharterVersionSummary[];
  nameOf: (id: string) => string;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const numbers = versions.map((v) => v.number);
  const [from, setFrom] = useState<number>(numbers.at(-2) ?? 1);
  const [to, setTo] = useState<number>(numbers.at(-1) ?? 1);
  const [shown, setShown] = useState<{ from: number; to: number } | null>(null);
  const diff = useResource(
    (signal) =>
      shown ? diffCharter(api, consortium.id, shown.from, shown.to, signal) : Promise.resolve(null),
    [api, consortium.id, shown?.from, shown?.to],
  );
  const memberName = (id: string) => {
    const name = nameOf(id);
    return name === id ? null : name;
  };
  const options = numbers.map((n) => ({
    value: n,
    label: t('consortia.charter.versionNumber', { number: n }),
  }));
  return (
    <div data-testid="charter-diff-panel" style={{ marginTop: 16 }}>
      <Typography.Title level={5}>{t('consortia.charter.diffTitle')}</Typography.Title>
      <Space wrap>
        <Select
          value={from}
          options={options}
          onChange={setFrom}
          style={{ minWidth: 120 }}
          data-testid="charter-diff-from"
        />
        →
        <Select
          value={to}
          options={options}
          onChange={setTo}
          style={{ minWidth: 120 }}
          data-testid="charter-diff-to"
        />
        <Button onClick={() => setShown({ from, to })} data-testid="charter-diff-show">
          {t('consortia.charter.diffShow')}
        </Button>
      </Space>
      <ErrorAlert error={diff.error} />
      {diff.data ? (
        diff.data.changes.length === 0 ? (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={t('consortia.charter.diffNone')}
            data-testid="charter-diff-empty"
          />
        ) : (
          <List
            size="small"
            style={{ marginTop: 8 }}
            data-testid="charter-diff"
            data-from={String(diff.data.from.number)}
            data-to={String(diff.data.to.number)}
            dataSource={diff.data.changes}
            renderItem={(change, index) => {
              const last = [...change.segments].reverse().find((s) => 'key' in s);
              const lastKey = last && 'key' in last ? last.key : null;
              return (
                <List.Item
                  key={index}
                  data-testid="charter-change"
                  data-kind={change.kind}
                  data-path={change.path}
                >
                  <div style={{ width: '100%' }}>
                    <Flex gap={8} align="center" wrap>
                      <Tag color={CHANGE_COLORS[change.kind]}>{t(changeKindKey(change.kind))}</Tag>
                      <Typography.Text strong>
                        {t(charterSectionKey(change.section as Parameters<typeof charterSectionKey>[0]))}
                      </Typography.Text>
                      <Typography.Text>{pathLabel(t, change.segments.slice(1), memberName)}</Typography.Text>
                      <Typography.Text type="secondary" code style={{ fontSize: 12 }}>
                        {change.path}
                      </Typography.Text>
                    </Flex>
                    {change.kind === 'removed' || change.kind === 'changed' || change.kind === 'reordered' ? (
                      <div data-testid="charter-change-before">
                        <Typography.Text type="secondary">{t('consortia.charter.before')}: </Typography.Text>
                        <Typography.Text delete={change.kind === 'removed'}>
                          {valueText(t, change.before, lastKey, memberName)}
                        </Typography.Text>
                      </div>
                    ) : null}
                    {change.kind === 'added' || change.kind === 'changed' || change.kind === 'reordered' ? (
                      <div data-testid="charter-change-after">
                        <Typography.Text type="secondary">{t('consortia.charter.after')}: </Typography.Text>
                        <Typography.Text>{valueText(t, change.after, lastKey, memberName)}</Typography.Text>
                      </div>
                    ) : null}
                  </div>
                </List.Item>
              );
            }}
          />
        )
      ) : null}
    </div>
  );
}
