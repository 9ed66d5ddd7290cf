import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal, Progress, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.js';
import { answered } from '../../api/problems.js';
import { useProblemText } from '../../api/problems.js';
import { useMessages } from '../../i18n/language.js';
import { formatMoney } from '../../shared/format.js';
import { fill, isWritten } from '../workflow/text.js';
import { type FiguresLine, parseFigures } from './csv.js';
import { ToneTag } from '../../shared/ToneTag.js';

type Outcome = { state: 'ok' | 'unchanged' } | { state: 'failed'; text: string };

const customerLabel = (l: FiguresLine) => ('name' in l.customer ? l.customer.name : l.customer.id);

/**
 * 导入月度数据: a CSV of each customer's month (销售额, 应收信用, 按期回款) recorded through
 * POST /customers/{id}/monthly-figures, one line after another, each with the written
 * reason and its own Idempotency-Key (kept for the whole import, so running it again
 * after a lost answer records nothing twice). Names are looked up in the archive.
 */
export const FiguresImport = ({ open, onClose, onImported }: { open: boolean; onClose(): void; onImported(): void }) => {
  const messages = useMessages();
  const t = messages.grading;
  const problemText = useProblemText();
  const [lines, setLines] = useState<FiguresLine[]>([]);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [outcomes, setOutcomes] = useState<Record<number, Outcome>>({});
  const [running, setRunning] = useState(false);
  const [keys] = useState(() => new Map<number, string>());

  const reset = () => {
    setLines([]);
    setFileProblem(null);
    setOutcomes({});
    setReason('');
    keys.clear();
  };

  const read = async (file: File) => {
    reset();
    const parsed = parseFigures(await file.text());
    if ('missing' in parsed) setFileProblem(fill(t.importMissingColumn, { column: parsed.missing }));
    else setLines(parsed.lines);
    return false;
  };

  const resolve = async (line: FiguresLine, names: Map<string, string | null>): Promise<string | null> => {
    if ('id' in line.customer) return line.customer.id;
    const name = line.customer.name;
    if (!names.has(name)) {
      const { data } = await answered(api.GET('/customers', { params: { query: { q: name, limit: 50 } } }));
      names.set(name, data.items.find((c) => c.name === name)?.id ?? null);
    }
    return names.get(name) ?? null;
  };

  const run = async () => {
    setRunning(true);
    const names = new Map<string, string | null>();
    let ok = 0;
    for (const line of lines) {
      if (outcomes[line.line]?.state === 'ok' || outcomes[line.line]?.state === 'unchanged') continue;
      let outcome: Outcome;
      try {
        const id = await resolve(line, names);
        if (id === null) outcome = { state: 'failed', text: fill(t.importUnknownCustomer, { name: customerLabel(line) }) };
        else {
          const key = keys.get(line.line) ?? crypto.randomUUID();
          keys.set(line.line, key);
          const { data } = await answered(
            api.POST('/customers/{id}/monthly-figures', {
              params: { path: { id } },
              headers: { 'Idempotency-Key': key },
              body: { period: line.period, sales: line.sales, creditDue: line.creditDue, creditPaidOnTime: line.creditPaidOnTime, reason },
            }),
          );
          outcome = { state: data.recorded ? 'ok' : 'unchanged' };
        }
      } catch (error) {
        outcome = { state: 'failed', text: problemText(error) };
      }
      if (outcome.state !== 'failed') ok++;
      setOutcomes((o) => ({ ...o, [line.line]: outcome }));
    }
    setRunning(false);
    if (ok > 0) onImported();
  };

  const done = Object.values(outcomes);
  const failed = done.filter((o) => o.state === 'failed').length;

  return (
    <Modal
      open={open}
      width={900}
      title={t.importTitle}
      onCancel={() => {
        reset();
        onClose();
      }}
      okText={t.importRun}
      cancelText={messages.write.cancel}
      okButtonProps={{ disabled: lines.length === 0 || !isWritten(reason) || running, loading: running }}
      onOk={run}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t.importHint}</Typography.Paragraph>
      <Upload accept=".csv,text/csv" maxCount={1} showUploadList={false} beforeUpload={read}>
        <Button icon={<UploadOutlined />}>{t.chooseFile}</Button>
      </Upload>
      {fileProblem && <Alert style={{ marginTop: 12 }} type="error" showIcon message={fileProblem} />}
      {lines.length > 0 && (
        <>
          <Typography.Paragraph style={{ marginTop: 12 }}>{fill(t.importRows, { n: lines.length })}</Typography.Paragraph>
          <Table<FiguresLine>
            size="small"
            rowKey="line"
            dataSource={lines}
            pagination={{ pageSize: 8, hideOnSinglePage: true }}
            columns={[
              { title: t.columns.customer, render: (_, l) => customerLabel(l) },
              { title: t.period2, dataIndex: 'period' },
              { title: t.sales, dataIndex: 'sales', align: 'right', render: formatMoney },
              { title: t.creditDue, dataIndex: 'creditDue', align: 'right', render: formatMoney },
              { title: t.creditPaidOnTime, dataIndex: 'creditPaidOnTime', align: 'right', render: formatMoney },
              {
                title: t.importResult,
                render: (_, l) => {
                  const o = outcomes[l.line];
                  if (!o) return null;
                  if (o.state === 'failed') return <Typography.Text type="danger">{o.text}</Typography.Text>;
                  return <ToneTag tone={o.state === 'ok' ? 'good' : 'neutral'}>{o.state === 'ok' ? t.ok : t.unchanged}</ToneTag>;
                },
              },
            ]}
          />
          <Form layout="vertical">
            <Form.Item label={messages.write.reason} htmlFor="figures-reason" required extra={messages.write.reasonHint}>
              <Input.TextArea id="figures-reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} />
            </Form.Item>
          </Form>
          {done.length > 0 && (
            <>
              <Progress percent={Math.round((done.length / lines.length) * 100)} status={failed > 0 ? 'exception' : undefined} />
              {!running && <Alert type={failed > 0 ? 'warning' : 'success'} showIcon message={fill(t.importDone, { ok: done.length - failed, failed })} />}
            </>
          )}
        </>
      )}
    </Modal>
  );
};
