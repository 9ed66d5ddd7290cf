import { useMessages } from '../../i18n/language.js';
import { type Complaint, currentNode, type FlowNode, visitedNodes } from './flow.js';

const box = { w: 340, h: 40 };
const main = 20;
const side = 440;
const row = (i: number) => 16 + i * 62;

/** Where each box of the manual's chart stands: the main line down the left, the branches on the right. */
const place: Record<FlowNode, { x: number; y: number }> = {
  receive: { x: main, y: row(0) },
  judge: { x: main, y: row(1) },
  assess: { x: main, y: row(2) },
  noProblem: { x: side, y: row(2) },
  plan: { x: main, y: row(3) },
  opinion: { x: main, y: row(4) },
  approve: { x: main, y: row(5) },
  negotiate: { x: main, y: row(6) },
  litigate: { x: side, y: row(6) },
  execute: { x: main, y: row(7) },
  conclude: { x: side, y: row(7) },
};

const down = (from: FlowNode, to: FlowNode) => {
  const a = place[from];
  const b = place[to];
  return `M${a.x + box.w / 2},${a.y + box.h} L${b.x + box.w / 2},${b.y}`;
};
const across = (from: FlowNode, to: FlowNode) => {
  const a = place[from];
  const b = place[to];
  return `M${a.x + box.w},${a.y + box.h / 2} L${b.x},${b.y + box.h / 2}`;
};

/**
 * 客户投诉处理流程 ①–⑨ as the manual draws it, with the boxes the complaint passed through
 * in green and the one where it stands now marked (blue, 当前).
 */
export const FlowChart = ({ complaint }: { complaint: Complaint }) => {
  const t = useMessages().complaints;
  const visited = visitedNodes(complaint.history);
  const now = currentNode(complaint);
  const closed = complaint.status === 'closed';
  const label: Record<FlowNode, string> = t.nodes;
  const fillOf = (n: FlowNode) => (n === now ? (closed ? '#d9f7be' : '#e6f4ff') : visited.has(n) ? '#f6ffed' : '#fafafa');
  const strokeOf = (n: FlowNode) => (n === now ? (closed ? '#389e0d' : '#1677ff') : visited.has(n) ? '#95de64' : '#d9d9d9');
  const edges: { d: string; text?: string; tx?: number; ty?: number }[] = [
    { d: down('receive', 'judge') },
    { d: down('judge', 'assess') },
    { d: across('assess', 'noProblem'), text: t.fields.noProblem.split('（')[0], tx: main + box.w + 12, ty: row(2) + 14 },
    { d: down('assess', 'plan'), text: t.fields.problem, tx: main + box.w / 2 + 8, ty: row(3) - 8 },
    { d: down('plan', 'opinion') },
    { d: down('opinion', 'approve') },
    { d: down('approve', 'negotiate') },
    { d: down('negotiate', 'execute'), text: t.fields.satisfied, tx: main + box.w / 2 + 8, ty: row(7) - 8 },
    { d: across('negotiate', 'litigate'), text: t.fields.notSatisfied, tx: main + box.w + 8, ty: row(6) + 14 },
    { d: down('litigate', 'conclude') },
  ];
  const describe = `${t.flow}：${t.current} ${label[now]}`;
  return (
    <svg viewBox={`0 0 ${side + box.w + 20} ${row(8) + 10}`} style={{ width: '100%', maxWidth: 720 }} role="img" aria-label={describe} data-testid="complaint-flow">
      <title>{describe}</title>
      <defs>
        <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" fill="#8c8c8c" />
        </marker>
      </defs>
      {edges.map((e, i) => (
        <g key={i}>
          <path d={e.d} stroke="#8c8c8c" strokeWidth={1.5} fill="none" markerEnd="url(#arrow)" />
          {e.text && (
            <text x={e.tx} y={e.ty} fontSize={11} fill="#595959">
              {e.text}
            </text>
          )}
        </g>
      ))}
      {/* 不满意: renegotiate (a loop on ⑥). */}
      <path
        d={`M${main},${row(6) + 12} C${main - 16},${row(6) + 12} ${main - 16},${row(6) + 28} ${main},${row(6) + 28}`}
        stroke="#8c8c8c"
        strokeWidth={1.5}
        fill="none"
        markerEnd="url(#arrow)"
      />
      {(Object.keys(place) as FlowNode[]).map((n) => (
        <g key={n} data-node={n} data-state={n === now ? 'current' : visited.has(n) ? 'done' : 'todo'} aria-current={n === now ? 'step' : undefined}>
          <rect x={place[n].x} y={place[n].y} width={box.w} height={box.h} rx={6} fill={fillOf(n)} stroke={strokeOf(n)} strokeWidth={n === now ? 3 : 1.5} />
          <text x={place[n].x + 12} y={place[n].y + 25} fontSize={13} fill="#262626" fontWeight={n === now ? 600 : 400}>
            {label[n]}
          </text>
          {n === now && (
            <text x={place[n].x + box.w - 12} y={place[n].y + 25} fontSize={12} fill={closed ? '#389e0d' : '#1677ff'} textAnchor="end" fontWeight={600}>
              {closed ? t.status.closed : t.nowMark}
            </text>
          )}
        </g>
      ))}
      <text x={main} y={row(8) + 4} fontSize={12} fill="#8c8c8c">
        {t.nodes.statistics}
      </text>
    </svg>
  );
};
