import { Tag } from 'antd';
import type { ReactNode } from 'react';

/**
 * A tag whose text stays readable (WCAG AA, 4.5:1): white on a dark fill. antd's light
 * preset tags (green on pale green, gold on cream) fall near 3:1.
 */
const fills = { good: '#237804', bad: '#a8071a', warn: '#ad4e00', info: '#0958d9', neutral: '#595959' } as const;
export type Tone = keyof typeof fills;

export const ToneTag = ({ tone, children }: { tone: Tone; children: ReactNode }) => (
  <Tag variant="solid" color={fills[tone]} style={{ color: '#fff' }}>
    {children}
  </Tag>
);
