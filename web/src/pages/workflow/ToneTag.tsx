import { Tag } from 'antd';
import type { ReactNode } from 'react';

/**
 * antd's preset tag colours put mid-tone text on a pale ground (about 4:1): below WCAG
 * AA. These keep the pale grounds and use the palettes' dark shades for the text (≥ 5:1).
 */
const tones = {
  red: { color: '#ad2102', background: '#fff2e8', borderColor: '#ffbb96' },
  gold: { color: '#874d00', background: '#fffbe6', borderColor: '#ffe58f' },
  blue: { color: '#003eb3', background: '#e6f4ff', borderColor: '#91caff' },
  green: { color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' },
  grey: { color: '#434343', background: '#fafafa', borderColor: '#d9d9d9' },
} as const;

export type Tone = keyof typeof tones;

export const ToneTag = ({ tone, children, testId }: { tone: Tone; children: ReactNode; testId?: string }) => (
  <Tag style={{ ...tones[tone], marginInlineEnd: 4 }} data-testid={testId}>
    {children}
  </Tag>
);
