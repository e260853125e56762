/** loadQwen2Vl on the fixture, outside createInferenceApi (for tests that need the loaded model). */
import { loadQwen2Vl, type LoadedQwen2Vl } from '../../../src/analysis/offline/load-qwen2vl';
import { fixtureModelsDir, type FixtureVariant } from './fixture-model';
import { fixtureLoadRequest } from './node-inference';
import { loadXGrammarInNode } from './node-xgrammar';

export async function loadFixtureModel(variant: FixtureVariant = 'standard'): Promise<LoadedQwen2Vl> {
  const request = await fixtureLoadRequest(variant);
  return loadQwen2Vl({
    source: request.source,
    device: request.device,
    dtype: request.dtype,
    xgrammar: await loadXGrammarInNode(),
    configureModelSource(env) {
      env.allowRemoteModels = false;
      env.allowLocalModels = true;
      env.localModelPath = `${fixtureModelsDir}/`;
    },
    runtimeDevice: () => 'cpu',
    sessionOptions: { intraOpNumThreads: 1, interOpNumThreads: 1 },
  });
}
