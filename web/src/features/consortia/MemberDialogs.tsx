/** The questions the consortium page asks: a note or statement, whom to invite, a member's new role. */
import { Form, Input, Modal, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CHAIN_POSITIONS,
  INVITABLE_ROLES,
  type ChainPosition,
  type ConsortiumMember,
  type InvitableRole,
} from '../../../../src/modules/consortia/schemas';
import { useApi } from '../../api/client';
import { applyApiErrorToForm } from '../../api/errors';
import { useResource } from '../../api/useResource';
import { chainPositionKey, enumOptions, kindKey } from '../../i18n/labels';
import { listOrganizations } from '../organizations/api';
import { localizedNames } from '../organizations/display';
import { memberRoleKey } from './labels';

const NOTE_MAX = 2000;

/** A form in a modal that reports the server's field errors on its fields and the rest above them. */
function FormDialog<T extends object>({
  open,
  title,
  okText,
  danger = false,
  testId,
  onClose,
  onSubmit,
  children,
  help,
}: {
  open: boolean;
  title: string;
  okText: string;
  danger?: boolean;
  testId: string;
  onClose: () => void;
  onSubmit: (values: T) => Promise<void>;
  children: React.ReactNode;
  help?: string | undefined;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<T>();
  const [failure, setFailure] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const submit = async (values: T) => {
    setFailure(null);
    setSending(true);
    try {
      await onSubmit(values);
      form.resetFields();
    } catch (error) {
      setFailure(applyApiErrorToForm(t, form, error));
    } finally {
      setSending(false);
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      onCancel={() => {
        setFailure(null);
        onClose();
      }}
      destroyOnHidden
      okText={okText}
      cancelText={t('common.cancel')}
      confirmLoading={sending}
      onOk={() => form.submit()}
      okButtonProps={{ danger, 'data-testid': `${testId}-submit` }}
    >
      {help ? <Typography.Paragraph type="secondary">{help}</Typography.Paragraph> : null}
      {failure ? (
        <Typography.Paragraph type="danger" data-testid={`${testId}-error`}>
          {failure}
        </Typography.Paragraph>
      ) : null}
      <Form form={form} layout="vertical" onFinish={(values) => void submit(values)} data-testid={testId}>
        {children}
      </Form>
    </Modal>
  );
}

/** Asks for one text — a note on a step, a statement, the office's comments — and runs `onSubmit`. */
export function TextDialog({
  open,
  title,
  help,
  label,
  okText,
  field,
  required = false,
  danger = false,
  testId,
  onSubmit,
  onClose,
}: {
  open: boolean;
  title: string;
  help?: string | undefined;
  label: string;
  okText: string;
  /** The request field the text goes to, so the server's field errors land on it. */
  field: 'note' | 'statement' | 'comments';
  required?: boolean;
  danger?: boolean;
  testId: string;
  onSubmit: (text: string | undefined) => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <FormDialog<Record<string, string | undefined>>
      open={open}
      title={title}
      help={help}
      okText={okText}
      danger={danger}
      testId={testId}
      onClose={onClose}
      onSubmit={(values) => onSubmit(values[field]?.trim() ? values[field].trim() : undefined)}
    >
      <Form.Item
        name={field}
        label={label}
        rules={[
          ...(required ? [{ required: true, whitespace: true, message: t('validation.required') }] : []),
          { max: NOTE_MAX, message: t('validation.maxLength', { max: NOTE_MAX }) },
        ]}
      >
        <Input.TextArea rows={4} maxLength={NOTE_MAX} showCount data-testid={`${testId}-text`} />
      </Form.Item>
    </FormDialog>
  );
}

export interface InviteValues {
  organizationId: string;
  role: InvitableRole;
  chainPosition?: ChainPosition | undefined;
  message?: string | undefined;
}

/** Picks a verified organisation from the directory, its role, chain position and a message. */
export function InviteDialog({
  open,
  excluded,
  onSubmit,
  onClose,
}: {
  open: boolean;
  /** Organisations already invited or active. */
  excluded: ReadonlySet<string>;
  onSubmit: (values: InviteValues) => Promise<void>;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [query, setQuery] = useState('');
  // Each opening starts with an empty search, not the last invitation's.
  useEffect(() => {
    if (!open) setQuery('');
  }, [open]);
  const candidates = useResource(
    (signal) =>
      open
        ? listOrganizations(api, { q: query.trim() || undefined, limit: 50 }, signal)
        : Promise.resolve(null),
    [api, open, query],
  );
  const options = (candidates.data?.items ?? [])
    .filter((o) => !excluded.has(o.id))
    .map((o) => {
      const names = localizedNames(o, i18n.language);
      return { value: o.id, label: `${names.primary} · ${t(kindKey(o.kind))}` };
    });

  return (
    <FormDialog<InviteValues>
      open={open}
      title={t('consortia.invite.title')}
      help={t('consortia.invite.help')}
      okText={t('consortia.invite.submit')}
      testId="consortium-invite"
      onClose={onClose}
      onSubmit={onSubmit}
    >
      <Form.Item
        name="organizationId"
        label={t('consortia.invite.organization')}
        rules={[{ required: true, message: t('validation.required') }]}
      >
        <Select
          showSearch={{ filterOption: false, onSearch: setQuery }}
          loading={candidates.loading}
          options={options}
          placeholder={t('consortia.invite.organizationPlaceholder')}
          notFoundContent={candidates.loading ? null : t('consortia.invite.noOrganization')}
          data-testid="consortium-invite-organization"
        />
      </Form.Item>
      <Form.Item
        name="role"
        label={t('consortia.fields.role')}
        initialValue="member"
        rules={[{ required: true, message: t('validation.required') }]}
      >
        <Select
          options={enumOptions(t, INVITABLE_ROLES, memberRoleKey)}
          data-testid="consortium-invite-role"
        />
      </Form.Item>
      <Form.Item name="chainPosition" label={t('consortia.fields.chainPosition')}>
        <Select
          allowClear
          options={enumOptions(t, CHAIN_POSITIONS, chainPositionKey)}
          data-testid="consortium-invite-chainPosition"
        />
      </Form.Item>
      <Form.Item
        name="message"
        label={t('consortia.invite.message')}
        rules={[{ max: NOTE_MAX, message: t('validation.maxLength', { max: NOTE_MAX }) }]}
      >
        <Input.TextArea rows={3} maxLength={NOTE_MAX} showCount data-testid="consortium-invite-message" />
      </Form.Item>
    </FormDialog>
  );
}

export interface ChangeValues {
  role: InvitableRole;
  chainPosition?: ChainPosition | null | undefined;
}

/** Changes an active member's role or chain position. */
export function ChangeMemberDialog({
  member,
  onSubmit,
  onClose,
}: {
  member: ConsortiumMember | null;
  onSubmit: (values: ChangeValues) => Promise<void>;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <FormDialog<ChangeValues>
      open={member !== null}
      title={t('consortia.change.title')}
      help={member ? localizedNames(member.organization, i18n.language).primary : undefined}
      okText={t('common.save')}
      testId="consortium-change"
      onClose={onClose}
      onSubmit={onSubmit}
    >
      <Form.Item
        name="role"
        label={t('consortia.fields.role')}
        initialValue={member && member.role !== 'lead' ? member.role : 'member'}
        rules={[{ required: true, message: t('validation.required') }]}
      >
        <Select
          options={enumOptions(t, INVITABLE_ROLES, memberRoleKey)}
          data-testid="consortium-change-role"
        />
      </Form.Item>
      <Form.Item
        name="chainPosition"
        label={t('consortia.fields.chainPosition')}
        initialValue={member?.chainPosition ?? undefined}
      >
        <Select
          allowClear
          options={enumOptions(t, CHAIN_POSITIONS, chainPositionKey)}
          data-testid="consortium-change-chainPosition"
        />
      </Form.Item>
    </FormDialog>
  );
}
