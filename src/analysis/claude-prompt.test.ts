import { describe, expect, it } from 'vitest';
import { buildAnalysisUserText, buildRepairMessage, findSrefInUserText } from './claude-prompt';

describe('the sref line of the user text', () => {
  it.each(['2468013579', '1234 5678::2', 'random', 'https://example.com/style.png::0.5 42 --sw 250', '7'])('round-trips "%s"', (sref) => {
    const text = buildAnalysisUserText(sref, 5);
    expect(text).toContain(`--sref ${sref}`);
    expect(findSrefInUserText(text)).toBe(sref);
  });

  it('is absent from other text', () => {
    expect(findSrefInUserText('Please analyse these images. --sref 123')).toBeNull();
  });
});

describe('buildRepairMessage', () => {
  it('lists every problem on its own line', () => {
    const message = buildRepairMessage(['Batch 3: 36 jobs, expected 40', 'Only 6 batches; at least 8 are needed']);
    expect(message).toContain('- Batch 3: 36 jobs, expected 40\n- Only 6 batches; at least 8 are needed');
    expect(message).toMatch(/JSON only/);
  });
});
