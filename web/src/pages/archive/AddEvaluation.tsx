import { useQueryClient } from '@tanstack/react-query';
import { App, Form, Input } from 'antd';
import { api } from '../../api/client.js';
import { ApiProblem, answered } from '../../api/problems.js';
import { useMessages } from '../../i18n/language.js';
import { writtenRule } from '../workflow/text.js';
import { WriteDialog } from '../workflow/WriteDialog.js';

type Values = { text: string };

/**
 * 添加评价 (any staff post; a salesperson on their own customers): the evaluator is the
 * signed-in person. The API lets the reason be left out; the console asks for it as it
 * does on every write (the manual's written reason), and sends If-Match on the version read.
 */
export const AddEvaluation = ({ customerId, etag, open, onClose }: { customerId: string; etag: string | null; open: boolean; onClose(): void }) => {
  const t = useMessages().archive;
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  return (
    <WriteDialog<Values, unknown>
      open={open}
      onClose={onClose}
      title={t.addEvaluationTitle}
      submit={({ text, reason }, key) =>
        answered(
          api.POST('/customers/{id}/evaluations', {
            params: { path: { id: customerId }, header: etag ? { 'If-Match': etag } : {} },
            headers: { 'Idempotency-Key': key },
            body: { text: text.trim(), reason },
          }),
        ).catch((error: unknown) => {
          // Someone changed the customer since it was read (412): read it again, so what they
          // added shows and a resend names the new version.
          if (error instanceof ApiProblem && error.problem.status === 412) void queryClient.invalidateQueries({ queryKey: ['customer', customerId] });
          throw error;
        })
      }
      onDone={() => {
        void queryClient.invalidateQueries({ queryKey: ['customer', customerId] });
        void message.success(t.evaluationAdded);
      }}
    >
      <Form.Item name="text" label={t.text} required rules={[writtenRule(t.textRequired)]}>
        <Input.TextArea rows={4} maxLength={4000} showCount />
      </Form.Item>
    </WriteDialog>
  );
};
