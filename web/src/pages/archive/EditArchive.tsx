import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Divider, Form, Input, Modal, Select } from 'antd';
import type { ReactNode } from 'react';
import { api } from '../../api/client.js';
import { answered, useProblemText } from '../../api/problems.js';
import { useMessages } from '../../i18n/language.js';
import type { Messages } from '../../i18n/zh.js';
import { ReasonField } from '../../shared/ReasonField.js';
import { type ArchiveGroup, archiveChanges, archiveGroups, type Customer, type EditKind, editSections, type EditValues, editValues } from './archiveFields.js';

type Values = EditValues & { reason: string };
type FieldKey = keyof Messages['fields'];

/** 元 with at most two decimals, as the API takes it (no separators, no ¥). */
const moneyPattern = /^\d{1,13}(\.\d{1,2})?$/;
const bankCreditRatings = ['AAA', 'AA', 'A'] as const;

/**
 * 修改档案: the archive clerk changes any archive field with a written reason, laid out in
 * the archive's sections. Only what differs is sent (archiveChanges), with If-Match: the
 * version read, so a change made meanwhile by someone else is refused (412) instead of overwritten.
 */
export const EditArchive = ({ customer, etag, open, onClose }: { customer: Customer; etag: string | null; open: boolean; onClose(): void }) => {
  const m = useMessages();
  const problemText = useProblemText();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const companyType = Form.useWatch('companyType', form);
  const save = useMutation({
    mutationFn: ({ reason, ...values }: Values) =>
      answered(
        api.PATCH('/customers/{id}', {
          params: { path: { id: customer.id }, header: etag ? { 'If-Match': etag } : {} },
          body: { ...archiveChanges(customer, values), reason },
        }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['customer', customer.id] });
      await queryClient.invalidateQueries({ queryKey: ['customers'] });
      void message.success(m.app.saved);
      onClose();
    },
  });

  const money = [{ pattern: moneyPattern, message: m.archive.moneyFormat }];
  const input = (kind: Exclude<EditKind, 'group'>, field: FieldKey): ReactNode => {
    if (kind === 'longText') return <Input.TextArea rows={2} />;
    if (kind === 'money') return <Input prefix="¥" inputMode="decimal" />;
    if (kind === 'text') return <Input />;
    const options =
      field === 'companyType'
        ? Object.entries(m.archive.companyTypes).map(([value, label]) => ({ value, label }))
        : bankCreditRatings.map((value) => ({ value, label: value }));
    return <Select allowClear options={options} />;
  };
  const item = (field: FieldKey, kind: EditKind) => {
    if (kind !== 'group') {
      if (field === 'companyTypeOther' && companyType !== 'other') return null;
      return (
        <Form.Item key={field} name={field} label={m.fields[field]} rules={field === 'name' ? [{ required: true, whitespace: true }] : kind === 'money' ? money : []}>
          {input(kind, field)}
        </Form.Item>
      );
    }
    const isMoney = field === 'sales' || field === 'monthlyPurchasingPower';
    return archiveGroups[field as ArchiveGroup].map((part) => (
      <Form.Item key={`${field}.${part}`} name={[field, part]} label={`${m.fields[field]}·${m.fields[part]}`} rules={isMoney ? money : []}>
        {input(isMoney ? 'money' : part === 'specialRequirements' || field === 'competition' ? 'longText' : 'text', part)}
      </Form.Item>
    ));
  };

  return (
    <Modal
      title={m.archive.editTitle}
      open={open}
      width={760}
      okText={m.app.submit}
      cancelText={m.app.cancel}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="horizontal" labelCol={{ span: 7 }} initialValues={editValues(customer)} onFinish={(values) => save.mutate(values)}>
        {editSections.map((section) => (
          <section key={section.key} aria-label={m.archive.sections[section.key]}>
            <Divider titlePlacement="start">{m.archive.sections[section.key]}</Divider>
            {section.fields.map(([field, kind]) => item(field, kind))}
          </section>
        ))}
        <ReasonField />
        {save.isError ? <Alert type="error" showIcon message={problemText(save.error)} /> : null}
      </Form>
    </Modal>
  );
};
