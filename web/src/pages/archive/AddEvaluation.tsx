import { Form, Input } from 'antd';
import { api } from '../../api/client.js';
import { answered } from '../../api/problems.js';
import { useMessages } from '../../i18n/language.js';
import { writtenRule } from '../workflow/text.js';
import { WriteDialog } from '../workflow/WriteDialog.js';
import { useCustomerWrite } from './useCustomerWrite.js';

type Values = { text: string };

/**
 * 添加评价 (any staff post; a salesperson on their own customers): the evaluator is the
 * signed-in person. The API lets the reason be left out; the console asks for it as it
 * does on every write (the manual's written reason), and sends If-Match on the version read.
 */
export const AddEvaluation = ({ customerId, etag, open, onClose }: { customerId: string; etag: string | null; open: boolean; onClose(): void }) => {
  const t = useMessages().archive;
  const { guarded, done } = useCustomerWrite(customerId, t.evaluationAdded);
  return (
    <WriteDialog<Values, unknown>
      open={open}
      onClose={onClose}
      title={t.addEvaluationTitle}
      submit={({ text, reason }, key) =>
        guarded(
          answered(
            api.POST('/customers/{id}/evaluations', {
              params: { path: { id: customerId }, header: etag ? { 'If-Match': etag } : {} },
              headers: { 'Idempotency-Key': key },
              body: { text: text.trim(), reason },
            }),
          ),
        )
      }
      onDone={done}
    >
      <Form.Item name="text" label={t.text} required rules={[writtenRule(t.textRequired)]}>
        <Input.TextArea rows={4} maxLength={4000} showCount />
      </Form.Item>
    </WriteDialog>
  );
};
