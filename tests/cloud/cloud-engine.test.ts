/**
 * The Cloud engine with the real Claude SDK against the local stand-in that speaks the Messages
 * API wire format: streaming, request shape, retries, error messages, repair, cancellation.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reply, startClaudeStandIn, type ClaudeStandIn } from '../../e2e/fixtures/claude-server';
import { createCloudEngine, type CloudEngineConfig } from '../../src/analysis/cloud-engine';
import { AppError, CancelledError, InvalidOutputError } from '../../src/errors';
import { ApiRateLimitedError } from '../../src/analysis/claude-errors';
import { countJobs } from '../../src/domain/permutations';
import { originalAppSpecification } from '../../e2e/fixtures/original-app-spec';
import { recordProgress, rejectionOf, styleImages, TEST_KEY, TEST_SREF } from './support';

let claude: ClaudeStandIn;

beforeEach(async () => {
  claude = await startClaudeStandIn();
});
afterEach(async () => {
  await claude.close();
});

function engine(overrides: Partial<CloudEngineConfig> = {}) {
  return createCloudEngine({ apiKey: TEST_KEY, baseURL: claude.url, model: 'claude-sonnet-5-5', fetch: globalThis.fetch, ...overrides });
}

type MessagesBody = {
  model: string;
  stream: boolean;
  system: string;
  messages: Array<{ role: string; content: string | Array<{ type: string; text?: string; source?: { type: string; media_type: string; data: string } }> }>;
  output_config: { format: { type: string; schema: { properties: Record<string, unknown> } } };
};

/** Every object key used anywhere in a JSON Schema, except property names. */
function schemaKeywords(schema: unknown): string[] {
  if (typeof schema !== 'object' || schema === null) return [];
  if (Array.isArray(schema)) return schema.flatMap(schemaKeywords);
  return Object.entries(schema).flatMap(([key, value]) =>
    key === 'properties' ? Object.values(value as object).flatMap(schemaKeywords) : [key, ...schemaKeywords(value)],
  );
}

const messageCalls = () => claude.requests.filter((request) => request.path === '/v1/messages');
const bodyOf = (index: number) => messageCalls()[index]!.body as MessagesBody;

describe('a successful analysis', () => {
  it('streams progress and returns a valid spec with the model id', async () => {
    const progress = recordProgress();
    claude.enqueue(reply.spec(undefined, { chunks: 12 }));

    const result = await engine().analyze({ images: styleImages(3), srefCode: TEST_SREF, onProgress: progress.onProgress });

    expect(result.model).toBe('claude-sonnet-5-5');
    expect(result.repaired).toBe(false);
    expect(result.spec.sref_code).toBe(TEST_SREF);
    expect(result.spec.permutation_batches).toHaveLength(8);
    for (const batch of result.spec.permutation_batches) {
      expect(countJobs(batch.prompt)).toBe(40);
      expect(batch.prompt.endsWith(`--sref ${TEST_SREF}`)).toBe(true);
    }
    expect(JSON.parse(result.rawOutput)).toEqual(result.spec);

    const stages = progress.events.map((event) => event.stage);
    expect(stages[0]).toBe('connecting');
    expect(stages.at(-1)).toBe('validating');
    const streaming = progress.events.flatMap((event) => (event.stage === 'streaming' ? [event] : []));
    expect(streaming.length).toBeGreaterThanOrEqual(12);
    const characters = streaming.map((event) => event.characters);
    expect(characters).toEqual([...characters].sort((a, b) => a - b));
    expect(characters.at(-1)).toBe(result.rawOutput.length);
    // The final count comes from message_delta's usage.
    expect(streaming.at(-1)!.outputTokens).toBeGreaterThan(100);
  });

  it('sends one base64 image block per image, the instructions and the schema as structured output', async () => {
    const images = styleImages(4);
    await engine().analyze({ images, srefCode: TEST_SREF });

    expect(messageCalls()).toHaveLength(1);
    const body = bodyOf(0);
    expect(body.stream).toBe(true);
    expect(body.model).toBe('claude-sonnet-5-5');
    expect(body.system).toContain('exactly 40 jobs');
    const content = body.messages[0]!.content as Exclude<MessagesBody['messages'][number]['content'], string>;
    const imageBlocks = content.filter((block) => block.type === 'image');
    expect(imageBlocks.map((block) => block.source)).toEqual(
      images.map((image) => ({ type: 'base64', media_type: 'image/png', data: image.base64 })),
    );
    expect(content.at(-1)).toMatchObject({ type: 'text' });
    expect(content.at(-1)!.text).toContain(`--sref ${TEST_SREF}`);
    expect(body.output_config.format.type).toBe('json_schema');
    expect(Object.keys(body.output_config.format.schema.properties)).toEqual([
      'sref_code',
      'style_analysis',
      'training_recommendations',
      'permutation_batches',
      'prompt_guidelines',
    ]);
    // Structured outputs accept a subset of JSON Schema: bounds travel in descriptions instead.
    const keywords = schemaKeywords(body.output_config.format.schema);
    for (const unsupported of ['minLength', 'maxLength', 'minimum', 'maximum', 'pattern', 'maxItems']) expect(keywords).not.toContain(unsupported);
    expect(JSON.stringify(body.output_config.format.schema)).toContain('{maxItems: 10, minItems: 8}');
  });

  it('authenticates with the key in a header only, as a browser client', async () => {
    await engine().analyze({ images: styleImages(3), srefCode: TEST_SREF });
    const { headers, body } = messageCalls()[0]!;
    const sentKey = headers['x-api-key'] ?? headers.authorization?.replace(/^Bearer /, '');
    expect(sentKey).toBe(TEST_KEY);
    expect(headers['anthropic-dangerous-direct-browser-access']).toBe('true');
    expect(headers['anthropic-version']).toBeTruthy();
    expect(JSON.stringify(body)).not.toContain(TEST_KEY);
  });
});

describe('retries and failures', () => {
  it('recovers from a 529 through the SDK retry and reports the retry', async () => {
    const progress = recordProgress();
    claude.enqueue(reply.overloaded(1), reply.spec());

    const result = await engine().analyze({ images: styleImages(3), srefCode: TEST_SREF, onProgress: progress.onProgress });

    expect(result.spec.permutation_batches).toHaveLength(8);
    expect(messageCalls()).toHaveLength(2);
    expect(messageCalls()[1]!.headers['x-stainless-retry-count']).toBe('1');
    expect(progress.events).toContainEqual({ stage: 'retrying', attempt: 1, reason: 'Claude is overloaded (529)' });
  });

  it('gives up after the SDK retries with a clear overloaded error', async () => {
    claude.enqueue(reply.overloaded(1), reply.overloaded(1), reply.overloaded(1));
    const error = await rejectionOf(engine().analyze({ images: styleImages(3), srefCode: TEST_SREF }));
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).kind).toBe('ApiOverloaded');
    expect(messageCalls()).toHaveLength(3);
  });

  it('rejects a bad key (401) without retrying and without the key in any message', async () => {
    // A hostile or buggy endpoint echoing the key must not get it into our error texts.
    claude.enqueue(reply.httpError(401, { message: `invalid x-api-key: ${TEST_KEY}` }));
    const error = (await rejectionOf(engine().analyze({ images: styleImages(3), srefCode: TEST_SREF }))) as AppError;

    expect(error.kind).toBe('ApiAuthentication');
    expect(error.message).toContain('The API key was rejected');
    expect(JSON.stringify({ ...error.toInfo(), stack: error.stack })).not.toContain(TEST_KEY);
    expect(error.detail).toContain('[redacted key]');
    expect(messageCalls()).toHaveLength(1);
  });

  it('says when to retry after a 429 with retry-after', async () => {
    claude.enqueue(reply.rateLimited(30));
    const error = await rejectionOf(engine({ maxRetries: 0 }).analyze({ images: styleImages(3), srefCode: TEST_SREF }));
    expect(error).toBeInstanceOf(ApiRateLimitedError);
    expect((error as ApiRateLimitedError).retryAfterSeconds).toBe(30);
    expect((error as ApiRateLimitedError).action).toContain('30 seconds');
  });

  it.each([
    { status: 400, kind: 'ApiBadRequest', message: 'messages.0.content.0.image.source.base64: image exceeds 5 MB maximum' },
    { status: 403, kind: 'ApiPermission', message: undefined },
    { status: 404, kind: 'ApiNotFound', message: 'model: claude-nope' },
    { status: 500, kind: 'ApiServer', message: undefined },
    { status: 503, kind: 'ApiServer', message: undefined },
  ])('maps HTTP $status to $kind', async ({ status, kind, message }) => {
    claude.enqueue(reply.httpError(status, message === undefined ? {} : { message }));
    const error = (await rejectionOf(engine({ maxRetries: 0 }).analyze({ images: styleImages(3), srefCode: TEST_SREF }))) as AppError;
    expect(error.kind).toBe(kind);
    if (message && kind !== 'ApiPermission') expect(error.message).toContain(message);
  });

  it('maps an error event inside the stream to its type, without retrying', async () => {
    claude.enqueue(reply.streamError('overloaded_error', 2));
    const error = (await rejectionOf(engine().analyze({ images: styleImages(3), srefCode: TEST_SREF }))) as AppError;
    expect(error.kind).toBe('ApiOverloaded');
    expect(messageCalls()).toHaveLength(1);
  });

  it('retries a connection dropped before the response, then succeeds', async () => {
    const progress = recordProgress();
    claude.enqueue(reply.dropConnection());
    const result = await engine().analyze({ images: styleImages(3), srefCode: TEST_SREF, onProgress: progress.onProgress });
    expect(result.spec.permutation_batches).toHaveLength(8);
    expect(messageCalls()).toHaveLength(2);
    expect(progress.events).toContainEqual({ stage: 'retrying', attempt: 1, reason: 'the connection failed' });
  });

  it('reports a connection dropped mid-stream as a connection error', async () => {
    claude.enqueue(reply.dropConnection(3));
    const error = (await rejectionOf(engine().analyze({ images: styleImages(3), srefCode: TEST_SREF }))) as AppError;
    expect(error.kind).toBe('ApiConnection');
  });

  it('reports an unreachable API as a connection error', async () => {
    const address = claude.url;
    await claude.close();
    const error = (await rejectionOf(engine({ baseURL: address, maxRetries: 0 }).analyze({ images: styleImages(3), srefCode: TEST_SREF }))) as AppError;
    expect(error.kind).toBe('ApiConnection');
    expect(error.action).toMatch(/internet connection/);
  });

  it('times out when the API does not answer in time', async () => {
    claude.enqueue(reply.delay(3_000));
    const error = (await rejectionOf(
      engine({ timeoutMs: 200, maxRetries: 0 }).analyze({ images: styleImages(3), srefCode: TEST_SREF }),
    )) as AppError;
    expect(error.kind).toBe('ApiTimeout');
  });
});

describe('invalid output', () => {
  it('sends one repair request listing the problems, then returns the repaired spec', async () => {
    const progress = recordProgress();
    claude.enqueue(reply.spec({ batches: 6 }), reply.spec());

    const result = await engine().analyze({ images: styleImages(3), srefCode: TEST_SREF, onProgress: progress.onProgress });

    expect(result.repaired).toBe(true);
    expect(result.spec.permutation_batches).toHaveLength(8);
    const repairing = progress.events.find((event) => event.stage === 'repairing');
    expect(repairing).toBeDefined();
    const problems = repairing!.stage === 'repairing' ? repairing!.problems : [];
    expect(problems.join('\n')).toMatch(/batch/i);

    expect(messageCalls()).toHaveLength(2);
    const repair = bodyOf(1);
    expect(repair.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
    expect(JSON.parse(repair.messages[1]!.content as string).permutation_batches).toHaveLength(6);
    const repairText = repair.messages[2]!.content as string;
    for (const problem of problems) expect(repairText).toContain(problem);
    expect(repair.output_config.format.type).toBe('json_schema');
  });

  it('repairs a batch whose prompt does not expand to 40 jobs', async () => {
    claude.enqueue(reply.spec({ jobsInBatch3: 36 }), reply.spec());
    const progress = recordProgress();
    const result = await engine().analyze({ images: styleImages(3), srefCode: TEST_SREF, onProgress: progress.onProgress });
    const repairing = progress.events.find((event) => event.stage === 'repairing');
    expect(repairing?.stage === 'repairing' && repairing.problems.join('\n')).toMatch(/36/);
    expect(result.spec.permutation_batches.map((batch) => countJobs(batch.prompt))).toEqual(Array(8).fill(40));
  });

  it('fixes a wrong sref in place without asking Claude again', async () => {
    claude.enqueue(reply.spec({ wrongSref: true }));
    const result = await engine().analyze({ images: styleImages(3), srefCode: TEST_SREF });
    expect(messageCalls()).toHaveLength(1);
    expect(result.repaired).toBe(true);
    expect(result.spec.sref_code).toBe(TEST_SREF);
    for (const batch of result.spec.permutation_batches) expect(batch.prompt).toContain(`--sref ${TEST_SREF}`);
  });

  it('throws InvalidOutputError with the raw text when the repair fails too', async () => {
    claude.enqueue(reply.text('Here is your spec: it has eight batches.'), reply.text('{"sref_code": "2468013579"'));
    const error = await rejectionOf(engine().analyze({ images: styleImages(3), srefCode: TEST_SREF }));
    expect(error).toBeInstanceOf(InvalidOutputError);
    expect((error as InvalidOutputError).rawOutput).toBe('{"sref_code": "2468013579"');
    expect((error as InvalidOutputError).problems.length).toBeGreaterThan(0);
    expect(messageCalls()).toHaveLength(2);
  });
});

describe('an endpoint that ignores structured output', () => {
  // Answers in the original desktop app's shape (hex strings, a {category: "30%"} map, keep_simple
  // true, two-item lists): usable content that the schema alone refuses, in both rounds.
  const originalAnswer = () => JSON.stringify(originalAppSpecification(TEST_SREF, 'percent-text'), null, 2);

  it('accepts an answer in the original app’s shape in one round, converted', async () => {
    claude.enqueue(reply.text(originalAnswer()), reply.text(originalAnswer()));

    const result = await engine().analyze({ images: styleImages(3), srefCode: TEST_SREF });

    expect(messageCalls()).toHaveLength(1);
    expect(result.repaired).toBe(true);
    expect(result.rawOutput).toBe(originalAnswer());
    const analysis = result.spec.style_analysis;
    expect(analysis.color_palette.map((colour) => colour.hex)).toEqual(['#1E3A8A', '#3B82F6', '#F2E8CF', '#C8553D']);
    expect(analysis.color_palette.every((colour) => colour.name.length > 0)).toBe(true);
    const shares = result.spec.training_recommendations.optimal_subject_distribution;
    expect(shares.reduce((sum, share) => sum + share.percentage, 0)).toBe(100);
    expect(result.spec.prompt_guidelines.keep_simple).toMatch(/simple/);
    expect(result.spec.permutation_batches.map((batch) => countJobs(batch.prompt))).toEqual(Array(8).fill(40));
  });

  it('asks in the repair round for what cannot be derived, and takes the answer in the old shape again', async () => {
    const first = originalAppSpecification(TEST_SREF);
    first.style_analysis.avoid_subjects = [];
    claude.enqueue(reply.text(JSON.stringify(first)), reply.text('```json\n' + originalAnswer() + '\n```'));
    const progress = recordProgress();

    const result = await engine().analyze({ images: styleImages(3), srefCode: TEST_SREF, onProgress: progress.onProgress });

    const repairing = progress.events.find((event) => event.stage === 'repairing');
    expect(repairing?.stage === 'repairing' && repairing.problems).toEqual(['style_analysis.avoid_subjects: must have at least 1 item']);
    expect(messageCalls()).toHaveLength(2);
    expect(result.spec.style_analysis.avoid_subjects).toEqual(['crowds', 'close-up faces']);
  });
});

describe('cancellation', () => {
  it('stops mid-stream quickly with CancelledError', async () => {
    claude.enqueue(reply.spec(undefined, { chunks: 50, chunkDelayMs: 100 }));
    const controller = new AbortController();
    let abortedAt = 0;
    const analysis = engine().analyze({
      images: styleImages(3),
      srefCode: TEST_SREF,
      signal: controller.signal,
      onProgress: (event) => {
        if (event.stage === 'streaming' && event.characters > 0 && !abortedAt) {
          abortedAt = performance.now();
          controller.abort();
        }
      },
    });
    const error = await rejectionOf(analysis);
    expect(error).toBeInstanceOf(CancelledError);
    expect(performance.now() - abortedAt).toBeLessThan(500);
    expect(messageCalls()).toHaveLength(1);
  });

  it('cancels while waiting for a retry', async () => {
    claude.enqueue(reply.rateLimited(60));
    const controller = new AbortController();
    const analysis = engine().analyze({
      images: styleImages(3),
      srefCode: TEST_SREF,
      signal: controller.signal,
      onProgress: (event) => event.stage === 'connecting' && setTimeout(() => controller.abort(), 300),
    });
    const started = performance.now();
    expect(await rejectionOf(analysis)).toBeInstanceOf(CancelledError);
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it('does nothing when already cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await rejectionOf(engine().analyze({ images: styleImages(3), srefCode: TEST_SREF, signal: controller.signal }));
    expect(error).toBeInstanceOf(CancelledError);
    expect(claude.requests).toHaveLength(0);
  });
});

describe('testKey', () => {
  it('makes one cheap authenticated call', async () => {
    await engine().testKey();
    expect(claude.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['GET /v1/models']);
    expect(claude.requests[0]!.headers['x-api-key'] ?? claude.requests[0]!.headers.authorization).toContain(TEST_KEY);
  });

  it('says the key could not be tested, without image advice, when the endpoint has no /v1/models', async () => {
    claude.enqueue(reply.httpError(404, { message: 'No route for GET /v1/models' }));
    const error = (await rejectionOf(engine().testKey())) as AppError;
    expect(error.kind).toBe('ApiNotFound');
    expect(error.message).toBe('The key could not be tested: this API endpoint has no model list (GET /v1/models answered 404 Not Found).');
    expect(error.action).toMatch(/^The key may still work: start an analysis/);
    expect(`${error.message} ${error.action}`).not.toMatch(/image|JPG|5 MB/);
  });

  it('gives key-test advice, not image advice, for any other refused key test', async () => {
    claude.enqueue(reply.httpError(400, { message: 'unsupported query parameter: limit' }));
    const error = (await rejectionOf(engine().testKey())) as AppError;
    expect(error.kind).toBe('ApiBadRequest');
    expect(error.action).not.toMatch(/image|JPG|5 MB/);
  });

  it('maps a rejected key to the same named error', async () => {
    claude.enqueue(reply.httpError(401));
    const error = (await rejectionOf(engine().testKey())) as AppError;
    expect(error.kind).toBe('ApiAuthentication');
    expect(error.message).not.toContain(TEST_KEY);
  });
});
