import {
  ArrowLeftOutlined,
  CloudUploadOutlined,
  FileExcelOutlined,
  FileTextOutlined,
  InboxOutlined,
  ReloadOutlined,
} from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Flex,
  Form,
  Result,
  Select,
  Space,
  Spin,
  Steps,
  Table,
  Typography,
  Upload,
  type TableColumnsType,
} from 'antd';
import { useEffect, useRef, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { POSTER_KINDS } from '../../../../src/modules/directory/schemas';
import type { OrganizationKind } from '../../../../src/modules/organizations/schemas';
import { MAX_DATA_ROWS, MAX_UPLOAD_BYTES } from '../../../../src/modules/spreadsheets/schemas';
import { ApiError } from '../../api/client';
import { errorText } from '../../api/errors';
import { PageHeader } from '../../components/PageHeader';
import { currentLocale } from '../../i18n';
import { kindKey } from '../../i18n/labels';
import { useSession } from '../identity/SessionProvider';
import { localizedNames } from '../organizations/display';
import {
  sheetIssuesOf,
  templateUrl,
  uploadSpreadsheet,
  type ImportResult,
  type SheetIssue,
  type SpreadsheetKind,
} from './api';
import { detailKey, fieldKey, issueKey, reasonKey } from './labels';

const RECORD_TYPE = { needs: 'need', achievements: 'achievement' } as const;
const LIST_PATH: Readonly<Record<SpreadsheetKind, string>> = { needs: '/needs', achievements: '/supply' };
const MEGABYTES = MAX_UPLOAD_BYTES / 1024 / 1024;

type Stage =
  | { status: 'idle' }
  | { status: 'checking' }
  | { status: 'failed'; error: unknown }
  | { status: 'checked'; result: ImportResult }
  | { status: 'importing'; result: ImportResult }
  | { status: 'done'; result: ImportResult };

function fileSize(bytes: number): string {
  return bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} KB`
    : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Bulk import of needs or achievements from a spreadsheet: pick the organisation, download the
 * template, upload the filled file (checked first, as a dry run, with every bad row listed), then
 * confirm. Nothing is written until the user confirms a file that checked out.
 */
export function BulkImportPage({ kind }: { kind: SpreadsheetKind }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { session } = useSession();
  const owners = (session?.memberships ?? []).filter(
    (m) =>
      m.verificationStatus === 'verified' &&
      POSTER_KINDS[RECORD_TYPE[kind]].includes(m.kind as OrganizationKind),
  );
  const [organizationId, setOrganizationId] = useState<string | undefined>(owners[0]?.organizationId);
  const [file, setFile] = useState<File | null>(null);
  const [stage, setStage] = useState<Stage>({ status: 'idle' });
  const running = useRef<AbortController | null>(null);
  useEffect(() => () => running.current?.abort(), []);

  const owner = owners.find((m) => m.organizationId === organizationId) ?? owners[0];
  const csrfToken = session?.csrfToken ?? '';

  const send = async (chosen: File, dryRun: boolean, checked?: ImportResult) => {
    if (!owner) return;
    running.current?.abort();
    const controller = new AbortController();
    running.current = controller;
    setStage(dryRun || !checked ? { status: 'checking' } : { status: 'importing', result: checked });
    try {
      const result = await uploadSpreadsheet({
        csrfToken,
        organizationId: owner.organizationId,
        kind,
        file: chosen,
        dryRun,
        signal: controller.signal,
      });
      if (!controller.signal.aborted) setStage({ status: dryRun ? 'checked' : 'done', result });
    } catch (error) {
      if (!controller.signal.aborted) setStage({ status: 'failed', error });
    }
  };

  const choose = (chosen: File) => {
    setFile(chosen);
    if (chosen.size > MAX_UPLOAD_BYTES) {
      setStage({ status: 'failed', error: new ApiError(413, 'request.too_large', 'too large') });
      return;
    }
    void send(chosen, true);
  };

  const changeOrganization = (id: string) => {
    setOrganizationId(id);
    setStage({ status: 'idle' });
    setFile(null);
  };

  const startOver = () => {
    setFile(null);
    setStage({ status: 'idle' });
  };

  const header = (
    <PageHeader
      title={t(`spreadsheets.title.${kind}`)}
      subtitle={t(`spreadsheets.subtitle.${kind}`)}
      extra={
        <Button
          icon={<ArrowLeftOutlined />}
          onClick={() => void navigate(LIST_PATH[kind])}
          data-testid="import-back"
        >
          {t(`spreadsheets.backToList.${kind}`)}
        </Button>
      }
    />
  );

  if (!owner) {
    return (
      <>
        {header}
        <Result
          status="info"
          title={t('spreadsheets.noOrganizationTitle')}
          subTitle={t('spreadsheets.noOrganizationText', {
            kinds: POSTER_KINDS[RECORD_TYPE[kind]].map((k) => t(kindKey(k))).join(t('listing.listSeparator')),
          })}
          extra={
            <Button
              type="primary"
              onClick={() => void navigate('/my/organization')}
              data-testid="import-my-org"
            >
              {t('spreadsheets.myOrganization')}
            </Button>
          }
          data-testid="import-no-organization"
        />
      </>
    );
  }

  const locale = currentLocale();
  const step =
    stage.status === 'done'
      ? 3
      : stage.status === 'checked' || stage.status === 'importing'
        ? 2
        : file
          ? 1
          : 0;

  if (stage.status === 'done') {
    return (
      <>
        {header}
        <Card>
          <Result
            status="success"
            title={t(`spreadsheets.doneTitle.${kind}`, { count: stage.result.created })}
            subTitle={t('spreadsheets.doneText')}
            extra={[
              <Button
                key="list"
                type="primary"
                onClick={() => void navigate(LIST_PATH[kind])}
                data-testid="import-view-list"
              >
                {t(`spreadsheets.viewList.${kind}`)}
              </Button>,
              <Button key="more" onClick={startOver} data-testid="import-more">
                {t('spreadsheets.importMore')}
              </Button>,
            ]}
            data-testid="import-done"
          />
          <ItemTable kind={kind} result={stage.result} />
        </Card>
      </>
    );
  }

  return (
    <>
      {header}
      <Steps
        current={step}
        style={{ marginBottom: 20 }}
        items={[
          { title: t('spreadsheets.steps.template') },
          { title: t('spreadsheets.steps.check') },
          { title: t('spreadsheets.steps.import') },
        ]}
      />
      <Flex vertical gap={16} data-testid="import-page">
        <Card title={t('spreadsheets.templateTitle')}>
          {owners.length > 1 ? (
            <Form layout="vertical">
              <Form.Item label={t('spreadsheets.organization')} extra={t('spreadsheets.organizationHelp')}>
                <Select
                  value={owner.organizationId}
                  onChange={changeOrganization}
                  options={owners.map((m) => ({
                    value: m.organizationId,
                    label: localizedNames(m, i18n.language).primary,
                  }))}
                  style={{ maxWidth: 420 }}
                  data-testid="import-organization"
                />
              </Form.Item>
            </Form>
          ) : (
            <Typography.Paragraph data-testid="import-organization-name">
              <Typography.Text type="secondary">{t('spreadsheets.organizationLabel')}</Typography.Text>
              <Typography.Text strong>{localizedNames(owner, i18n.language).primary}</Typography.Text>
            </Typography.Paragraph>
          )}
          <Typography.Paragraph type="secondary">{t('spreadsheets.templateHelp')}</Typography.Paragraph>
          <Space wrap>
            <Button
              icon={<FileExcelOutlined />}
              href={templateUrl(kind, 'xlsx', locale)}
              download
              data-testid="import-template-xlsx"
            >
              {t('spreadsheets.templateXlsx')}
            </Button>
            <Button
              icon={<FileTextOutlined />}
              href={templateUrl(kind, 'csv', locale)}
              download
              data-testid="import-template-csv"
            >
              {t('spreadsheets.templateCsv')}
            </Button>
          </Space>
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            {t('spreadsheets.limits', { rows: MAX_DATA_ROWS, size: MEGABYTES })}
          </Typography.Paragraph>
        </Card>

        <Card
          title={t('spreadsheets.uploadTitle')}
          extra={
            file && stage.status !== 'checking' ? (
              <Button
                icon={<ReloadOutlined />}
                onClick={() => void send(file, true)}
                data-testid="import-recheck"
              >
                {t('spreadsheets.recheck')}
              </Button>
            ) : null
          }
        >
          <div data-testid="import-upload">
            <Upload.Dragger
              accept=".xlsx,.csv"
              multiple={false}
              showUploadList={false}
              disabled={stage.status === 'checking' || stage.status === 'importing'}
              beforeUpload={(chosen) => {
                choose(chosen);
                return false;
              }}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('spreadsheets.uploadHint')}</p>
              <p className="ant-upload-hint">{t('spreadsheets.uploadFormats')}</p>
            </Upload.Dragger>
          </div>
          {file ? (
            <Typography.Paragraph style={{ marginTop: 12 }} data-testid="import-file-name">
              {t('spreadsheets.chosenFile', { name: file.name, size: fileSize(file.size) })}
            </Typography.Paragraph>
          ) : null}
          {stage.status === 'checking' ? (
            <Flex align="center" gap={12} style={{ marginTop: 12 }} data-testid="import-checking">
              <Spin />
              <Typography.Text>{t('spreadsheets.checking')}</Typography.Text>
            </Flex>
          ) : null}
          {stage.status === 'failed' ? <ImportError error={stage.error} kind={kind} /> : null}
        </Card>

        {stage.status === 'checked' || stage.status === 'importing' ? (
          <Card title={t('spreadsheets.confirmTitle')} data-testid="import-preview">
            <CheckedNotes result={stage.result} />
            <ItemTable kind={kind} result={stage.result} />
            <Button
              type="primary"
              icon={<CloudUploadOutlined />}
              loading={stage.status === 'importing'}
              disabled={!file}
              onClick={() => file && void send(file, false, stage.result)}
              style={{ marginTop: 16 }}
              data-testid="import-confirm"
            >
              {stage.status === 'importing'
                ? t('spreadsheets.importing')
                : t('spreadsheets.confirm', { count: stage.result.rows })}
            </Button>
          </Card>
        ) : null}
      </Flex>
    </>
  );
}

/** What the check found besides the records: a skipped example row, columns left unread. */
function CheckedNotes({ result }: { result: ImportResult }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={8} style={{ marginBottom: 16 }}>
      <Alert
        type="success"
        showIcon
        title={t('spreadsheets.checkPassed', { count: result.rows })}
        data-testid="import-check-passed"
      />
      {result.skippedExampleRows.length > 0 ? (
        <Alert
          type="info"
          showIcon
          title={t('spreadsheets.exampleSkipped', {
            rows: result.skippedExampleRows.join(t('listing.listSeparator')),
          })}
        />
      ) : null}
      {result.ignoredColumns.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          title={t('spreadsheets.ignoredColumns', {
            columns: result.ignoredColumns
              .map((c) => `${c.column}（${c.header}）`)
              .join(t('listing.listSeparator')),
          })}
          data-testid="import-ignored-columns"
        />
      ) : null}
    </Flex>
  );
}

/** The rows of the file: what would be created, or what was (with links). */
function ItemTable({ kind, result }: { kind: SpreadsheetKind; result: ImportResult }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<ImportResult['items'][number]> = [
    { title: t('spreadsheets.row'), dataIndex: 'row', width: 80 },
    {
      title: t('spreadsheets.previewTitle'),
      key: 'title',
      render: (_, item) =>
        item.id ? (
          <Link to={`/${kind}/${item.id}`} data-testid="import-created-link">
            {item.title}
          </Link>
        ) : (
          item.title
        ),
    },
  ];
  return (
    <Table
      rowKey="row"
      size="small"
      columns={columns}
      dataSource={result.items}
      pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
      data-testid="import-items"
    />
  );
}

/** Why the file was refused: the error in words and, when the server listed them, every bad cell. */
function ImportError({ error, kind }: { error: unknown; kind: SpreadsheetKind }) {
  const { t, i18n } = useTranslation();
  const issues = sheetIssuesOf(error);
  const details = error instanceof ApiError ? error.details : {};
  const code = error instanceof ApiError ? error.code : '';
  let title = errorText(t, error);
  let description: string | undefined;
  switch (code) {
    case 'spreadsheets.invalid_rows':
      title = t('spreadsheets.invalidRows', { badRows: Number(details['badRows'] ?? issues.length) });
      break;
    case 'spreadsheets.unreadable_file': {
      const reason = details['reason'];
      const key = reasonKey(typeof reason === 'string' ? reason : '');
      if (i18n.exists(key)) description = t(key);
      break;
    }
    case 'spreadsheets.too_many_rows':
      description = t(detailKey('tooManyRows'), { rows: Number(details['rows'] ?? 0), limit: MAX_DATA_ROWS });
      break;
    case 'spreadsheets.wrong_template':
      description = t(detailKey('wrongTemplate'), {
        found: t(`spreadsheets.kindName.${kind === 'needs' ? 'achievements' : 'needs'}`),
        expected: t(`spreadsheets.kindName.${kind}`),
      });
      break;
    case 'spreadsheets.no_rows':
      if (Array.isArray(details['skippedExampleRows']) && details['skippedExampleRows'].length > 0)
        description = t(detailKey('onlyExample'));
      break;
    case 'request.too_large':
      description = t('spreadsheets.fileTooLarge', { size: MEGABYTES });
      break;
    default:
      break;
  }
  return (
    <div style={{ marginTop: 16 }} data-testid="import-error" data-code={code}>
      <Alert type="error" showIcon title={title} description={description} style={{ marginBottom: 12 }} />
      {issues.length > 0 ? <IssueTable issues={issues} /> : null}
    </div>
  );
}

/** One line per bad cell: row and column as the spreadsheet program shows them, field, problem. */
function IssueTable({ issues }: { issues: readonly SheetIssue[] }) {
  const { t, i18n } = useTranslation();
  const text = (issue: SheetIssue) => {
    const key = issueKey(issue.code);
    return i18n.exists(key) ? t(key, { ...issue.params }) : issue.message;
  };
  const columns: TableColumnsType<SheetIssue> = [
    { title: t('spreadsheets.row'), key: 'row', width: 70, render: (_, issue) => issue.row ?? '' },
    { title: t('spreadsheets.column'), key: 'column', width: 70, render: (_, issue) => issue.column ?? '' },
    {
      title: t('spreadsheets.field'),
      key: 'field',
      width: 180,
      render: (_, issue) => (i18n.exists(fieldKey(issue.field)) ? t(fieldKey(issue.field)) : issue.field),
    },
    { title: t('spreadsheets.problem'), key: 'problem', render: (_, issue) => text(issue) },
  ];
  return (
    <Table<SheetIssue>
      rowKey={(issue) => `${issue.row ?? ''}-${issue.column ?? ''}-${issue.field}-${issue.code}`}
      size="small"
      columns={columns}
      dataSource={[...issues]}
      pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
      onRow={(issue) =>
        ({
          'data-testid': 'import-issue-row',
          'data-row': issue.row ?? '',
          'data-code': issue.code,
        }) as HTMLAttributes<HTMLElement>
      }
      scroll={{ x: 640 }}
      data-testid="import-issues"
    />
  );
}
