import { App, Form, Input, Radio } from 'antd';
import { api } from '../../api/client.js';
import { answered } from '../../api/problems.js';
import { useMessages } from '../../i18n/language.js';
import { isWritten } from '../workflow/text.js';
import { WriteDialog } from '../workflow/WriteDialog.js';
import type { StepName } from './flow.js';

type Values = {
  category?: 'quality' | 'nonQuality';
  problemFound?: boolean;
  explanation?: string;
  plan?: string;
  departments?: string;
  opinion?: string;
  outcome?: string;
  notes?: string;
};

/** Optional text the API takes only when written. */
const optional = <K extends string>(key: K, text: string | undefined): Partial<Record<K, string>> =>
  isWritten(text) ? ({ [key]: text!.trim() } as Record<K, string>) : {};

/** The body of POST /complaints/{id}/steps for a step, from the dialog's fields. */
export const stepBody = (step: StepName, v: Values & { reason: string }) => {
  const reason = v.reason.trim();
  switch (step) {
    case 'judge':
      return { step, category: v.category ?? 'quality', reason };
    case 'assess':
      return { step, problemFound: v.problemFound ?? true, ...optional('explanation', v.explanation), reason };
    case 'proposePlan':
      return {
        step,
        plan: (v.plan ?? '').trim(),
        departments: (v.departments ?? '')
          .split(/[、,，;；\n]/)
          .map((d) => d.trim())
          .filter((d) => d !== ''),
        reason,
      };
    case 'signOpinion':
      return { step, opinion: (v.opinion ?? '').trim(), reason };
    case 'approve':
      return { step, ...optional('opinion', v.opinion), reason };
    case 'negotiate':
      return { step, outcome: (v.outcome ?? 'satisfied') as 'satisfied' | 'notSatisfied', ...optional('notes', v.notes), reason };
    case 'execute':
    case 'litigate':
      return { step, ...optional('notes', v.notes), reason };
    case 'concludeLitigation':
      return { step, outcome: (v.outcome ?? '').trim(), ...optional('notes', v.notes), reason };
    case 'reopen':
      // Reopening states its reason as the step's own data.
      return { step, reason };
  }
};

/** One step of the flow: its own fields, the written reason, If-Match on the complaint's version. */
export const StepDialog = ({
  complaintId,
  step,
  etag,
  onClose,
  onDone,
}: {
  complaintId: string;
  step: StepName | null;
  etag: string | null;
  onClose(): void;
  onDone(): void;
}) => {
  const t = useMessages().complaints;
  const f = t.fields;
  const { message } = App.useApp();
  const written = (label: string) => [{ validator: async (_: unknown, v: string | undefined) => (isWritten(v) ? undefined : Promise.reject(new Error(label))) }];
  const fields = () => {
    switch (step) {
      case 'judge':
        return (
          <Form.Item name="category" label={f.category} rules={[{ required: true, message: f.category }]}>
            <Radio.Group options={[{ value: 'quality', label: t.category.quality }, { value: 'nonQuality', label: t.category.nonQuality }]} />
          </Form.Item>
        );
      case 'assess':
        return (
          <>
            <Form.Item name="problemFound" label={f.problemFound} rules={[{ required: true, message: f.problemFound }]}>
              <Radio.Group options={[{ value: true, label: f.problem }, { value: false, label: f.noProblem }]} />
            </Form.Item>
            <Form.Item name="explanation" label={f.explanation}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          </>
        );
      case 'proposePlan':
        return (
          <>
            <Form.Item name="plan" label={f.plan} rules={written(f.plan)}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
            <Form.Item name="departments" label={f.departments} rules={written(f.departments)}>
              <Input placeholder="质量部、生产部" />
            </Form.Item>
          </>
        );
      case 'signOpinion':
      case 'approve':
        return (
          <Form.Item name="opinion" label={f.opinion} rules={step === 'signOpinion' ? written(f.opinion) : []}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        );
      case 'negotiate':
        return (
          <>
            <Form.Item name="outcome" label={f.outcome} rules={[{ required: true, message: f.outcome }]}>
              <Radio.Group options={[{ value: 'satisfied', label: f.satisfied }, { value: 'notSatisfied', label: f.notSatisfied }]} />
            </Form.Item>
            <Form.Item name="notes" label={f.notes}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          </>
        );
      case 'concludeLitigation':
        return (
          <>
            <Form.Item name="outcome" label={f.litigationOutcome} rules={written(f.litigationOutcome)}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
            <Form.Item name="notes" label={f.notes}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          </>
        );
      case 'execute':
      case 'litigate':
        return (
          <Form.Item name="notes" label={f.notes}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        );
      default:
        return null;
    }
  };
  return (
    <WriteDialog<Values, unknown>
      open={step !== null}
      onClose={onClose}
      title={step ? t.steps[step] : ''}
      okText={step ? t.steps[step] : undefined}
      reasonLabel={step === 'reopen' ? f.reopenReason : undefined}
      submit={(values, key) =>
        answered(
          api.POST('/complaints/{id}/steps', {
            params: { path: { id: complaintId }, header: etag ? { 'If-Match': etag } : {} },
            headers: { 'Idempotency-Key': key },
            body: stepBody(step ?? 'judge', values),
          }),
        )
      }
      onDone={() => {
        message.success(t.stepDone);
        onDone();
      }}
    >
      {fields()}
    </WriteDialog>
  );
};
