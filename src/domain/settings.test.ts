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
    ['a custom model with a bad repo id', { customModel: { repo: 'no slash', revision: 'main' } }, DEFAULT_SETTINGS],
    ['a valid custom model', { customModel: { repo: 'me/my-model', revision: 'v2' } }, { ...DEFAULT_SETTINGS, customModel: { repo: 'me/my-model', revision: 'v2' } }],
  ])('%s', (_, stored, expected) => {
    expect(readSettings(stored)).toEqual(expected);
  });
});
