import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal } from 'antd';
import { api } from '../../api/client.js';
import { answered, useProblemText } from '../../api/problems.js';
import { useMessages } from '../../i18n/language.js';
import { ReasonField } from '../../shared/ReasonField.js';
import { type Customer, type EditableField, editableFields } from './archiveFields.js';

type Values = Partial<Record<EditableField, string>> & { reason: string };

/**
 * 修改档案: the archive clerk changes fields with a written reason. Only the fields that
 * differ are sent, with If-Match: the version read, so a change made meanwhile by
 * someone else is refused (412) instead of overwritten.
 */
export const EditArchive = ({ customer, etag, open, onClose }: { customer: Customer; etag: string | null; open: boolean; onClose(): void }) => {
  const m = useMessages();
  const problemText = useProblemText();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useMutation({
    mutationFn: ({ reason, ...fields }: Values) => {
      const changed = Object.fromEntries(
        editableFields.filter((f) => (fields[f] ?? '') !== ((customer as Record<string, unknown>)[f] ?? '')).map((f) => [f, fields[f] === '' && f !== 'name' ? null : fields[f]]),
      );
      return answered(
        api.PATCH('/customers/{id}', {
          params: { path: { id: customer.id }, header: etag ? { 'If-Match': etag } : {} },
          body: { ...changed, reason },
        }),
      );
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['customer', customer.id] });
      await queryClient.invalidateQueries({ queryKey: ['customers'] });
      void message.success(m.app.saved);
      onClose();
    },
  });
  return (
    <Modal
      title={m.archive.editTitle}
      open={open}
      width={720}
      okText={m.app.submit}
      cancelText={m.app.cancel}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="horizontal"
        labelCol={{ span: 6 }}
        initialValues={Object.fromEntries(editableFields.map((f) => [f, (customer as Record<string, unknown>)[f] ?? '']))}
        onFinish={(values) => save.mutate(values)}
      >
        {editableFields.map((f) => (
          <Form.Item key={f} name={f} label={m.fields[f]} rules={f === 'name' ? [{ required: true, whitespace: true }] : []}>
            {f === 'profile' || f === 'remarks' || f === 'businessScope' ? <Input.TextArea rows={2} /> : <Input />}
          </Form.Item>
        ))}
        <ReasonField />
        {save.isError ? <Alert type="error" showIcon message={problemText(save.error)} /> : null}
      </Form>
    </Modal>
  );
};
