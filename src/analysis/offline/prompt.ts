/**
 * What the offline model reads: Qwen2-VL chat messages with one image block per image, then the
 * instructions for the draft (the visual token budget is in visual-budget.ts).
 */
import {
  DRAFT_AVOID_SUBJECTS,
  DRAFT_BEST_SUBJECTS,
  DRAFT_GUIDELINE_ITEMS,
  DRAFT_KEY_CHARACTERISTICS,
  DRAFT_MODIFIERS_PER_BATCH,
  DRAFT_PALETTE_COLORS,
  DRAFT_SUBJECTS_PER_BATCH,
} from '../../domain/draft';
import { MAX_BATCHES, MIN_BATCHES } from '../../domain/schema';

export const OFFLINE_SYSTEM_PROMPT =
  'You are an expert in visual styles, Midjourney style references (--sref) and LoRA training datasets. Answer with one JSON object only.';

export function buildDraftInstructions(imageCount: number): string {
  return [
    `These ${imageCount} images share one visual style. Describe the style and plan Midjourney prompts that will produce training images in it.`,
    'Write JSON with these fields, in this order:',
    '- primary_style: the dominant art style in a few words.',
    '- era_influence: the era or movement it draws on.',
    `- palette: the ${DRAFT_PALETTE_COLORS} dominant colours, each {"hex":"#RRGGBB","name":"short colour name"}.`,
    `- key_characteristics: ${DRAFT_KEY_CHARACTERISTICS} concrete visual traits (line, shading, texture, light, composition).`,
    `- best_subjects: ${DRAFT_BEST_SUBJECTS} subjects this style renders well; avoid_subjects: ${DRAFT_AVOID_SUBJECTS} that render badly.`,
    '- keep_simple: one sentence of advice for writing prompts with this style.',
    `- avoid_style_keywords: ${DRAFT_GUIDELINE_ITEMS} style words to leave out of prompts (the style reference carries the style).`,
    `- recommended_additions: ${DRAFT_GUIDELINE_ITEMS} short additions that help prompts.`,
    `- batches: ${MIN_BATCHES} to ${MAX_BATCHES} batches covering different categories (animals, people, architecture, landscapes, objects, vehicles, food, interiors...). ` +
      `Each has a name, a category, a priority (high, medium or low), exactly ${DRAFT_SUBJECTS_PER_BATCH} different short subjects like "a lighthouse" ` +
      `and exactly ${DRAFT_MODIFIERS_PER_BATCH} different modifiers of setting, time, weather or framing like "at dawn".`,
    'Never put style, medium or artist words in subjects or modifiers.',
  ].join('\n');
}

export interface ChatImageBlock {
  type: 'image';
}
export interface ChatTextBlock {
  type: 'text';
  text: string;
}
export type ChatMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: Array<ChatImageBlock | ChatTextBlock> };

/** Chat messages for the model's chat template: system, then one user turn with every image first. */
export function buildDraftMessages(imageCount: number): ChatMessage[] {
  return [
    { role: 'system', content: OFFLINE_SYSTEM_PROMPT },
    {
      role: 'user',
      content: [
        ...Array.from({ length: imageCount }, (): ChatImageBlock => ({ type: 'image' })),
        { type: 'text', text: buildDraftInstructions(imageCount) },
      ],
    },
  ];
}

export const CAPTION_INSTRUCTION = 'Describe the subject and setting of this picture in one short phrase, no style words.';

/** The caption prompt: one image and one short instruction, no system prompt about JSON. */
export function buildCaptionMessages(): ChatMessage[] {
  return [{ role: 'user', content: [{ type: 'image' }, { type: 'text', text: CAPTION_INSTRUCTION }] }];
}
