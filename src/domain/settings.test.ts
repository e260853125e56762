import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, readSettings } from './settings';

describe('readSettings', () => {
  it.each([
    ['nothing stored', undefined, DEFAULT_SETTINGS],
    ['not an object', 'garbage', DEFAULT_SETTINGS],
    ['an array', [1, 2], DEFAULT_SETTINGS],
    ['a partial record', { analysisMode: 'offline' }, { ...DEFAULT_SETTINGS, analysisMode: 'offline' }],
    ['an invalid field among valid ones', { analysisMode: 'psychic', autoFallback: false }, { ...DEFAULT_SETTINGS, autoFallback: false }],
    ['unknown fields', { analysisMode: 'cloud', apiKey: 'sk-should-not-survive' }, { ...DEFAULT_SETTINGS, analysisMode: 'cloud' }],
    ['a bad URL', { apiBaseUrl: 'javascript:alert(1)' }, DEFAULT_SETTINGS],
    // Stored before https was required: the key must not go to a plain-http host on the network.
    ['a plain-http API endpoint', { apiBaseUrl: 'http://proxy.example.com', autoFallback: false }, { ...DEFAULT_SETTINGS, autoFallback: false }],
    ['a plain-http Hub mirror', { hubHost: 'http://mirror.example.com' }, DEFAULT_SETTINGS],
    ['a local plain-http endpoint', { apiBaseUrl: 'http://localhost:8787', hubHost: 'http://127.0.0.1:9000' }, { ...DEFAULT_SETTINGS, apiBaseUrl: 'http://localhost:8787', hubHost: 'http://127.0.0.1:9000' }],
    ['an https mirror', { hubHost: 'https://hf-mirror.example' }, { ...DEFAULT_SETTINGS, hubHost: 'https://hf-mirror.example' }],
    ['the key kept for the session only', { rememberApiKey: false }, { ...DEFAULT_SETTINGS, rememberApiKey: false }],
    ['settings saved before the remember choice existed', { analysisMode: 'cloud' }, { ...DEFAULT_SETTINGS, analysisMode: 'cloud', rememberApiKey: true }],
    ['a custom model with a bad repo id', { customModel: { repo: 'no slash', revision: 'main' } }, DEFAULT_SETTINGS],
    ['a valid custom model', { customModel: { repo: 'me/my-model', revision: 'v2' } }, { ...DEFAULT_SETTINGS, customModel: { repo: 'me/my-model', revision: 'v2' } }],
  ])('%s', (_, stored, expected) => {
    expect(readSettings(stored)).toEqual(expected);
  });
});
