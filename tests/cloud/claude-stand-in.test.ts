/** The stand-in's own wire behaviour that the SDK tests do not reach: CORS, JSON replies, models. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reply, startClaudeStandIn, type ClaudeStandIn } from '../../e2e/fixtures/claude-server';
import { buildAnalysisUserText } from '../../src/analysis/claude-prompt';
import { TEST_SREF } from './support';

let claude: ClaudeStandIn;
beforeEach(async () => {
  claude = await startClaudeStandIn();
});
afterEach(async () => {
  await claude.close();
});

const analysisBody = (stream: boolean) =>
  JSON.stringify({
    model: 'claude-haiku-5-5',
    max_tokens: 100,
    stream,
    messages: [{ role: 'user', content: [{ type: 'text', text: buildAnalysisUserText(TEST_SREF, 3) }] }],
  });

describe('Claude stand-in', () => {
  it('answers a CORS preflight echoing the requested headers, for any origin', async () => {
    const response = await fetch(`${claude.url}/v1/messages`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://127.0.0.1:4173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'x-api-key,anthropic-version,x-stainless-retry-count',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:4173');
    expect(response.headers.get('access-control-allow-headers')).toBe('x-api-key,anthropic-version,x-stainless-retry-count');
    expect(claude.preflightCount()).toBe(1);
    expect(claude.requests).toHaveLength(0);
  });

  it('answers a non-streaming request with a JSON message holding a spec for the sref in the user text', async () => {
    const response = await fetch(`${claude.url}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: analysisBody(false) });
    const message = (await response.json()) as { type: string; model: string; content: Array<{ text: string }>; usage: { output_tokens: number } };
    expect(message.type).toBe('message');
    expect(message.model).toBe('claude-haiku-5-5');
    expect(JSON.parse(message.content[0]!.text).sref_code).toBe(TEST_SREF);
    expect(message.usage.output_tokens).toBeGreaterThan(0);
  });

  it('streams the SSE event sequence the SDK expects', async () => {
    claude.enqueue(reply.text('{"a": 1}', { chunks: 3 }));
    const response = await fetch(`${claude.url}/v1/messages`, { method: 'POST', body: analysisBody(true) });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const events = [...(await response.text()).matchAll(/^event: (\w+)$/gm)].map((match) => match[1]);
    expect(events).toEqual([
      'message_start',
      'content_block_start',
      'ping',
      'content_block_delta',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
  });

  it('sends the API error body and exposes retry-after to browsers', async () => {
    claude.enqueue(reply.rateLimited(12));
    const response = await fetch(`${claude.url}/v1/messages`, { method: 'POST', body: analysisBody(true) });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('12');
    expect(response.headers.get('access-control-expose-headers')).toContain('retry-after');
    expect(await response.json()).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
  });

  it('lists models, and refuses a request without the sref line', async () => {
    const models = (await (await fetch(`${claude.url}/v1/models?limit=1`)).json()) as { data: Array<{ id: string }> };
    expect(models.data.map((model) => model.id)).toContain('claude-sonnet-5-5');
    const response = await fetch(`${claude.url}/v1/messages`, {
      method: 'POST',
      body: JSON.stringify({ model: 'x', max_tokens: 1, messages: [{ role: 'user', content: 'hello' }] }),
    });
    expect(response.status).toBe(400);
  });
});
