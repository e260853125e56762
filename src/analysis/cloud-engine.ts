/**
 * The Cloud engine: Claude called straight from the browser with the user's key.
 * One streamed request with the images and structured output; if the answer breaks the rules
 * after the domain's deterministic repairs, one repair request listing the problems.
 */
import Anthropic from '@anthropic-ai/sdk';
import { transformJSONSchema } from '@anthropic-ai/sdk/lib/transform-json-schema';
import type { MessageParam } from '@anthropic-ai/sdk/resources/messages';
import { datasetSpecificationJsonSchema } from '../domain/schema';
import { CancelledError, InvalidOutputError } from '../errors';
import { checkSpecificationOutput } from './check-output';
import { mapClaudeError } from './claude-errors';
import { ANALYSIS_SYSTEM_PROMPT, buildAnalysisUserText, buildRepairMessage } from './claude-prompt';
import { createRetryObserver } from './retry-observer';
import type { AnalysisEngine, AnalysisProgress, AnalysisRequest, EngineResult, PreparedImage } from './types';

export interface CloudEngineConfig {
  apiKey: string;
  baseURL: string;
  model: string;
  /** SDK retries for 408/409/429/5xx/network failures (default 2). */
  maxRetries?: number;
  /** Per attempt, until the response headers arrive (default 120 s). */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export type CloudEngine = AnalysisEngine & {
  /** The cheapest authenticated call; resolves when the key works, else throws a named error. */
  testKey(signal?: AbortSignal): Promise<void>;
};

/** A 10-batch spec is about 6-8k tokens; leave room so the JSON is never cut off. */
const MAX_OUTPUT_TOKENS = 16_000;
const DEFAULT_TIMEOUT_MS = 120_000;

export function createCloudEngine(config: CloudEngineConfig): CloudEngine {
  // The API's structured outputs accept a subset of JSON Schema; the SDK's transform moves the
  // rest (lengths, counts, patterns) into descriptions. The domain validator enforces them after.
  const outputFormat = { type: 'json_schema' as const, schema: transformJSONSchema(datasetSpecificationJsonSchema()) };

  function createClient(onProgress?: (progress: AnalysisProgress) => void): Anthropic {
    return new Anthropic({
      apiKey: config.apiKey,
      baseURL: config.baseURL,
      maxRetries: config.maxRetries ?? 2,
      timeout: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      dangerouslyAllowBrowser: true,
      // No logging and no tracing: request headers carry the key.
      logLevel: 'off',
      openTelemetry: false,
      ...(config.fetch ? { fetch: config.fetch } : {}),
      ...(onProgress
        ? { middleware: [createRetryObserver((attempt, reason) => onProgress({ stage: 'retrying', attempt, reason }))] }
        : {}),
    });
  }

  async function streamAnswer(client: Anthropic, messages: MessageParam[], request: AnalysisRequest): Promise<string> {
    const progress = request.onProgress;
    progress?.({ stage: 'connecting' });
    const stream = client.messages.stream(
      {
        model: config.model,
        max_tokens: MAX_OUTPUT_TOKENS,
        system: ANALYSIS_SYSTEM_PROMPT,
        messages,
        output_config: { format: outputFormat },
      },
      request.signal ? { signal: request.signal } : undefined,
    );
    let outputTokens = 0;
    stream.on('connect', () => progress?.({ stage: 'streaming', outputTokens, characters: 0 }));
    stream.on('streamEvent', (_event, snapshot) => {
      outputTokens = snapshot.usage.output_tokens;
    });
    stream.on('text', (_delta, text) => progress?.({ stage: 'streaming', outputTokens, characters: text.length }));
    const message = await stream.finalMessage();
    const text = message.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('');
    progress?.({ stage: 'streaming', outputTokens: message.usage.output_tokens, characters: text.length });
    if (message.stop_reason === 'refusal') {
      throw new InvalidOutputError(['Claude declined to analyse these images (stop reason: refusal).'], text);
    }
    return text;
  }

  async function analyze(request: AnalysisRequest): Promise<EngineResult> {
    const context = { apiKey: config.apiKey, signal: request.signal };
    try {
      if (request.signal?.aborted) throw new CancelledError('The analysis');
      const client = createClient(request.onProgress);
      const conversation: MessageParam[] = [{ role: 'user', content: buildUserContent(request.images, request.srefCode) }];

      const firstOutput = await streamAnswer(client, conversation, request);
      request.onProgress?.({ stage: 'validating' });
      const first = checkSpecificationOutput(firstOutput, request.srefCode);
      if (first.ok) return { spec: first.spec, model: config.model, repaired: first.repaired, rawOutput: firstOutput };

      request.onProgress?.({ stage: 'repairing', problems: first.problems });
      conversation.push(
        { role: 'assistant', content: firstOutput || '(empty answer)' },
        { role: 'user', content: buildRepairMessage(first.problems) },
      );
      const secondOutput = await streamAnswer(client, conversation, request);
      request.onProgress?.({ stage: 'validating' });
      const second = checkSpecificationOutput(secondOutput, request.srefCode);
      if (second.ok) return { spec: second.spec, model: config.model, repaired: true, rawOutput: secondOutput };
      throw new InvalidOutputError(second.problems, secondOutput);
    } catch (error) {
      throw mapClaudeError(error, context);
    }
  }

  async function testKey(signal?: AbortSignal): Promise<void> {
    try {
      await createClient().models.list({ limit: 1 }, signal ? { signal } : undefined);
    } catch (error) {
      throw mapClaudeError(error, { apiKey: config.apiKey, signal, operation: 'The key test', purpose: 'key-test' });
    }
  }

  return { analyze, testKey };
}

/** One image block per image, then the instructions. The cache breakpoint lets a repair request reuse the images. */
function buildUserContent(images: readonly PreparedImage[], srefCode: string): Exclude<MessageParam['content'], string> {
  return [
    ...images.map((image) => ({
      type: 'image' as const,
      source: { type: 'base64' as const, media_type: image.mediaType, data: image.base64 },
    })),
    { type: 'text' as const, text: buildAnalysisUserText(srefCode, images.length), cache_control: { type: 'ephemeral' as const } },
  ];
}
