import { App, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client.js';
import { answered } from '../../api/problems.js';
import { useMessages } from '../../i18n/language.js';
import { formatMoney } from '../../shared/format.js';
import { type CustomerItem, CustomerPicker } from '../workflow/CustomerPicker.js';
import { moneyPattern } from '../workflow/text.js';
import { WriteDialog } from '../workflow/WriteDialog.js';

/** 客户信用额度变更申请: the customer, the proposed limit and why (POST /credit-requests). */
export const NewRequest = ({ open, onClose }: { open: boolean; onClose(): void }) => {
  const t = useMessages().credit;
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [picked, setPicked] = useState<CustomerItem | undefined>();
  return (
    <WriteDialog<{ customerId: string; proposedLimit: string }, { id: string }>
      open={open}
      onClose={() => {
        setPicked(undefined);
        onClose();
      }}
      title={t.requestTitle}
      reasonLabel={t.requestReason}
      submit={async ({ customerId, proposedLimit, reason }, key) =>
        (await answered(api.POST('/credit-requests', { headers: { 'Idempotency-Key': key }, body: { customerId, proposedLimit: proposedLimit.trim(), reason } }))).data
      }
      onDone={(created) => {
        message.success(t.created);
        navigate(`/credit/${created.id}`);
      }}
    >
      <Form.Item name="customerId" label={t.customer} rules={[{ required: true, message: t.customerSearch }]}>
        <CustomerPicker placeholder={t.customerSearch} onPicked={setPicked} />
      </Form.Item>
      {picked && (
        <Typography.Paragraph>
          {t.currentLimit}：<Typography.Text strong>{formatMoney(picked.creditLimit ?? '0')}</Typography.Text>
          {picked.grade && `（${t.grade} ${picked.grade}）`}
        </Typography.Paragraph>
      )}
      <Form.Item
        name="proposedLimit"
        label={t.proposedLimit}
        rules={[{ required: true, pattern: moneyPattern, message: t.proposedInvalid, transform: (v: string) => v?.trim() }]}
      >
        <Input prefix="¥" inputMode="decimal" placeholder="150000.00" />
      </Form.Item>
    </WriteDialog>
  );
};
