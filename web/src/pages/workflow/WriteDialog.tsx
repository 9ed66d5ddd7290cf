import { Alert, Form, Input, Modal, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { type ReactNode, useRef } from 'react';
import { ApiProblem, useProblemText } from '../../api/problems.js';
import { useMessages } from '../../i18n/language.js';
import { isWritten } from './text.js';

export type Written<V> = V & { reason: string };

type Props<V, R> = {
  open: boolean;
  title: ReactNode;
  onClose(): void;
  /** What is written besides the reason (Form.Items named after the body's fields). */
  children?: ReactNode;
  okText?: string;
  danger?: boolean;
  /**
   * Whether the dialog asks for the written reason itself; false only where the step's own
   * text (an approver's 审核意见) is the reason the API stores.
   */
  askReason?: boolean;
  initialValues?: Partial<V>;
  /** The reason's name where the form has its own (申请原因); 修改原因 otherwise. */
  reasonLabel?: string;
  /** The write; `idempotencyKey` stays the same for retries of one submission, so a lost answer never writes twice. */
  submit(values: Written<V>, idempotencyKey: string): Promise<R>;
  onDone?(result: R): void;
};

/**
 * Every write of the workflow screens goes through this dialog: it asks for the written
 * reason (the manual's rule), sends one Idempotency-Key per submission, and shows a
 * refusal in the user's language without closing, so the user can correct and resend.
 */
export const WriteDialog = <V extends object, R>({ open, title, onClose, children, okText, danger, askReason = true, initialValues, reasonLabel, submit, onDone }: Props<V, R>) => {
  const t = useMessages().write;
  const problemText = useProblemText();
  const [form] = Form.useForm<Written<V>>();
  const key = useRef<string>(crypto.randomUUID());
  const write = useMutation({
    mutationFn: (values: Written<V>) => submit(values, key.current),
    onSuccess: (result) => {
      key.current = crypto.randomUUID();
      onDone?.(result);
      onClose();
    },
    onError: (error) => {
      // A refusal was an answer: the corrected form is a new submission. A lost answer keeps its key.
      if (error instanceof ApiProblem) key.current = crypto.randomUUID();
    },
  });
  return (
    <Modal
      open={open}
      title={title}
      okText={okText ?? t.submit}
      cancelText={t.cancel}
      okButtonProps={{ danger, loading: write.isPending }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      // Cleared once closed, not when the opening ends: a form sent during the opening
      // animation would lose its pending state and its refusal.
      afterOpenChange={(visible) => {
        if (!visible) write.reset();
      }}
    >
      <Form form={form} layout="vertical" initialValues={initialValues} onFinish={(values) => write.mutate(values)} preserve={false}>
        {children}
        {askReason && (
          <Form.Item
            name="reason"
            label={reasonLabel ?? t.reason}
            extra={<Typography.Text type="secondary">{t.reasonHint}</Typography.Text>}
            rules={[{ validator: async (_, value: string | undefined) => (isWritten(value) ? undefined : Promise.reject(new Error(t.reasonRequired))) }]}
          >
            <Input.TextArea rows={2} maxLength={2000} showCount />
          </Form.Item>
        )}
      </Form>
      {write.isError && <Alert type="error" showIcon role="alert" message={t.failed} description={problemText(write.error)} />}
    </Modal>
  );
};
