import { Form, Input } from 'antd';
import { useMessages } from '../i18n/language.js';

/**
 * 修改原因: the written reason every change carries (the manual's rule, API.md). Required
 * and not blank; the form's value is `reason`.
 */
export const ReasonField = ({ name = 'reason' }: { name?: string }) => {
  const m = useMessages();
  return (
    <Form.Item
      name={name}
      label={m.app.reason}
      extra={m.app.reasonHint}
      rules={[{ required: true, whitespace: true, message: m.app.reasonRequired }]}
    >
      <Input.TextArea rows={2} maxLength={1000} showCount />
    </Form.Item>
  );
};
