import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Select } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client.js';
import { answered, useProblemText } from '../../api/problems.js';
import { useMessages } from '../../i18n/language.js';
import { ReasonField } from '../../shared/ReasonField.js';
import { StaffPicker } from '../workflow/StaffPicker.js';

type Values = { name: string; salespersonId: string; status: 'prospect' | 'active'; region?: string; address?: string; contactName?: string; contactMobile?: string; reason: string };

/** 新建客户档案 (archive clerk): POST /customers with the written reason; one Idempotency-Key per form, so a double submit registers once. */
export const RegisterCustomer = () => {
  const m = useMessages();
  const t = m.archive;
  const navigate = useNavigate();
  const problemText = useProblemText();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const register = useMutation({
    mutationFn: ({ contactName, contactMobile, region, address, ...v }: Values) =>
      answered(
        api.POST('/customers', {
          params: { header: { 'Idempotency-Key': idempotencyKey } },
          body: {
            ...v,
            ...(region ? { region } : {}),
            ...(address ? { address } : {}),
            ...(contactName ? { contacts: [{ category: 'primary' as const, name: contactName, ...(contactMobile ? { mobile: contactMobile } : {}) }] } : {}),
          },
        }),
      ),
    onSuccess: async ({ data }) => {
      await queryClient.invalidateQueries({ queryKey: ['customers'] });
      void message.success(t.registered);
      navigate(`/customers/${data.id}`, { replace: true });
    },
  });
  return (
    <Card title={<h1 style={{ fontSize: 18, margin: 0 }}>{t.registerTitle}</h1>}>
      <Form<Values> layout="horizontal" labelCol={{ span: 4 }} wrapperCol={{ span: 12 }} initialValues={{ status: 'prospect' }} onFinish={(v) => register.mutate(v)}>
        <Form.Item name="name" label={m.fields.name} rules={[{ required: true, whitespace: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="salespersonId" label={m.fields.salespersonId} rules={[{ required: true, whitespace: true }]}>
          <StaffPicker placeholder={t.salespersonHint} />
        </Form.Item>
        <Form.Item name="status" label={m.fields.status}>
          <Select options={(['prospect', 'active'] as const).map((s) => ({ value: s, label: m.statuses[s] }))} />
        </Form.Item>
        <Form.Item name="region" label={m.fields.region}>
          <Input />
        </Form.Item>
        <Form.Item name="address" label={m.fields.address}>
          <Input />
        </Form.Item>
        <Form.Item name="contactName" label={t.primaryContact}>
          <Input />
        </Form.Item>
        <Form.Item name="contactMobile" label={t.primaryMobile}>
          <Input />
        </Form.Item>
        <ReasonField />
        {register.isError ? <Alert type="error" showIcon message={problemText(register.error)} style={{ marginBottom: 16 }} /> : null}
        <Form.Item wrapperCol={{ offset: 4 }}>
          <Button type="primary" htmlType="submit" loading={register.isPending}>
            {m.app.submit}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
};
