import { App, DatePicker, Form, Input } from 'antd';
import { useNavigate } from 'react-router';
import { api } from '../../api/client.js';
import { answered } from '../../api/problems.js';
import { useMessages } from '../../i18n/language.js';
import { type dayjs, officeInstant } from '../../shared/format.js';
import { CustomerPicker } from '../workflow/CustomerPicker.js';
import { isWritten } from '../workflow/text.js';
import { WriteDialog } from '../workflow/WriteDialog.js';

type Values = { customerId: string; receivedAt?: dayjs.Dayjs; materials?: string };

/**
 * ① 客户投诉: who complains, about what (the complaint's text is the written reason the API
 * stores), when (Beijing time, default now) and the material they gave.
 */
export const NewComplaint = ({ open, onClose }: { open: boolean; onClose(): void }) => {
  const t = useMessages().complaints;
  const { message } = App.useApp();
  const navigate = useNavigate();
  return (
    <WriteDialog<Values, { id: string }>
      open={open}
      onClose={onClose}
      title={t.newComplaint}
      reasonLabel={t.description}
      submit={async ({ customerId, reason, receivedAt, materials }, key) =>
        (
          await answered(
            api.POST('/complaints', {
              headers: { 'Idempotency-Key': key },
              body: {
                customerId,
                description: reason.trim(),
                materials: (materials ?? '')
                  .split('\n')
                  .map((m) => m.trim())
                  .filter((m) => isWritten(m)),
                ...(receivedAt ? { receivedAt: officeInstant(receivedAt) } : {}),
              },
            }),
          )
        ).data
      }
      onDone={(created) => {
        message.success(t.stepDone);
        navigate(`/complaints/${created.id}`);
      }}
    >
      <Form.Item name="customerId" label={t.customer} rules={[{ required: true, message: t.customer }]}>
        <CustomerPicker placeholder={t.customerName} />
      </Form.Item>
      <Form.Item name="receivedAt" label={t.receivedAt}>
        <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="materials" label={t.materials}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </WriteDialog>
  );
};
