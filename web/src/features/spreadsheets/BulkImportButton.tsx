import { UploadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { SpreadsheetKind } from './api';

/** "Bulk import" beside "Post a need" / "Post a result": opens the import page of that kind. */
export function BulkImportButton({ kind }: { kind: SpreadsheetKind }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Button
      icon={<UploadOutlined />}
      onClick={() => void navigate(kind === 'needs' ? '/needs/import' : '/achievements/import')}
      data-testid={`bulk-import-${kind}`}
    >
      {t('spreadsheets.bulkImport')}
    </Button>
  );
}
