import { runSeedCases } from './support/run-seed-cases';

runSeedCases([5, 7, 8, 10]);
