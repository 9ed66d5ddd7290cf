import { DatePicker, Form, Input } from 'antd';
import { api } from '../../api/client.js';
import { answered } from '../../api/problems.js';
import { useMessages } from '../../i18n/language.js';
import { dayjs, officeInstant } from '../../shared/format.js';
import { writtenRule } from '../workflow/text.js';
import { WriteDialog } from '../workflow/WriteDialog.js';
import { useCustomerWrite } from './useCustomerWrite.js';

type Values = { occurredAt: dayjs.Dayjs; type: string; description: string };

/**
 * 登记违规 (archive clerk, service clerk): 时间, 类型, 事件描述 and the written reason,
 * with If-Match on the version read — 违规记录 only grows, so a record made meanwhile by
 * someone else is shown (412) before this one is added beside it. The time is Beijing
 * wall time and not later than now (the API refuses a future one: ViolationInTheFuture).
 */
export const RecordViolation = ({ customerId, etag, open, onClose }: { customerId: string; etag: string | null; open: boolean; onClose(): void }) => {
  const m = useMessages();
  const t = m.archive;
  const { guarded, done } = useCustomerWrite(customerId, t.violationRecorded);
  return (
    <WriteDialog<Values, unknown>
      open={open}
      onClose={onClose}
      title={t.recordViolationTitle}
      submit={({ occurredAt, type, description, reason }, key) =>
        guarded(
          answered(
            api.POST('/customers/{id}/violations', {
              params: { path: { id: customerId }, header: etag ? { 'If-Match': etag } : {} },
              headers: { 'Idempotency-Key': key },
              body: { occurredAt: officeInstant(occurredAt), type: type.trim(), description: description.trim(), reason },
            }),
          ),
        )
      }
      onDone={done}
    >
      <Form.Item name="occurredAt" label={t.occurredAt} rules={[{ required: true, message: t.occurredAtRequired }]}>
        <DatePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          style={{ width: '100%' }}
          disabledDate={(day) => day.isAfter(dayjs(), 'day')}
        />
      </Form.Item>
      <Form.Item name="type" label={t.violationType} extra={t.violationTypeHint} required rules={[writtenRule(t.violationTypeRequired)]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="description" label={t.description} required rules={[writtenRule(t.descriptionRequired)]}>
        <Input.TextArea rows={3} maxLength={4000} showCount />
      </Form.Item>
    </WriteDialog>
  );
};
