import { Alert, App, Button, Card, Steps, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.js';
import { answered } from '../../api/problems.js';
import { readSession } from '../../auth/session.js';
import { useLanguage } from '../../i18n/language.js';
import { formatInstant } from '../../shared/format.js';
import { fill } from '../workflow/text.js';
import { WriteDialog } from '../workflow/WriteDialog.js';
import { type GradeSummary, signOffOrder, type SignOffStep } from './queries.js';
import { isMyTurn, nextStep } from './turn.js';

/** The four signatures of the summary (编制 → 复核 → 审核 → 审批), with the button only for the person whose turn it is. */
export const SignOffs = ({ summary, etag, onSigned }: { summary: GradeSummary; etag: string | null; onSigned(): void }) => {
  const { messages, roleName } = useLanguage();
  const t = messages.grading;
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const user = readSession()?.user;
  const step = nextStep(summary);
  const mine = user !== undefined && isMyTurn(summary, user);
  const current = step === undefined ? signOffOrder.length : signOffOrder.indexOf(step);

  return (
    <Card title={t.signOffs} size="small" data-testid="sign-offs">
      <Steps
        current={current}
        items={signOffOrder.map((s) => {
          const signed = summary.signOffs.find((o) => o.step === s);
          return {
            title: t.steps[s],
            status: signed ? 'finish' : s === step ? 'process' : 'wait',
            description: signed ? (
              <span data-testid={`signed-${s}`}>
                {fill(t.signedBy, { name: signed.signerName, role: roleName(signed.role) })}
                <br />
                {formatInstant(signed.at)}
              </span>
            ) : s === step ? (
              fill(t.waiting, { role: t.stepRoles[s] })
            ) : (
              t.stepRoles[s]
            ),
          };
        })}
      />
      {step === undefined && <Alert style={{ marginTop: 12 }} type="success" showIcon message={t.allSigned} />}
      {mine && step !== undefined && (
        <div style={{ marginTop: 12 }}>
          <Button type="primary" onClick={() => setOpen(true)}>
            {fill(t.sign, { step: t.steps[step] })}
          </Button>
          <WriteDialog<{ step: SignOffStep }, unknown>
            open={open}
            onClose={() => setOpen(false)}
            title={fill(t.signTitle, { step: t.steps[step], period: summary.period })}
            okText={fill(t.sign, { step: t.steps[step] })}
            submit={({ reason }, key) =>
              answered(
                api.POST('/reports/grade-summary/{period}/sign-offs', {
                  params: { path: { period: summary.period }, header: etag ? { 'If-Match': etag } : {} },
                  headers: { 'Idempotency-Key': key },
                  body: { step, reason },
                }),
              )
            }
            onDone={() => {
              message.success(t.signDone);
              onSigned();
            }}
          >
            <Typography.Paragraph type="secondary">{t.signNote}</Typography.Paragraph>
          </WriteDialog>
        </div>
      )}
    </Card>
  );
};
