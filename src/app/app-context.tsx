/** Creates every feature store once and hands them to components through context. */
import { createContext, useContext, type JSX } from 'solid-js';
import { createProjectRepository, type ProjectRepository } from '../storage/project-repository';
import { createTrainingSetRepository } from '../storage/training-set-repository';
import { createSettingsRepository } from '../storage/settings-repository';
import { createSettingsStore } from '../features/settings/create-settings-store';
import { createProjectStore } from '../features/project/create-project-store';
import { createAnalysisStore } from '../features/analysis/create-analysis-store';
import { createToastStore } from '../ui/toasts';
import { createRouter } from './router';

function createAppServices() {
  const toasts = createToastStore();
  const trainingSetRepository = createTrainingSetRepository();
  // Deleting a project deletes what it owns in every database.
  const projectRepository = createProjectRepository({ dependents: [trainingSetRepository] });
  const settings = createSettingsStore(createSettingsRepository());
  const project = createProjectStore(projectRepository, (error) => toasts[1].showError(error));
  const analysis = createAnalysisStore({ settings, project, projectRepository, toasts });
  const router = createRouter();
  return { toasts, settings, project, analysis, router, projectRepository, trainingSetRepository };
}

export type AppServices = ReturnType<typeof createAppServices> & { projectRepository: ProjectRepository };

const AppContext = createContext<AppServices>();

export function AppProvider(props: { children: JSX.Element }) {
  const services = createAppServices();
  return <AppContext.Provider value={services}>{props.children}</AppContext.Provider>;
}

export function useApp(): AppServices {
  const services = useContext(AppContext);
  if (!services) throw new Error('useApp() must be used inside <AppProvider>.');
  return services;
}
