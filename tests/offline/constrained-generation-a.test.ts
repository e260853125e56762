import { runSeedCases } from './support/run-seed-cases';

runSeedCases([1, 2, 3, 4]);
