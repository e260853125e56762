import { runSeedCases } from './support/run-seed-cases';

runSeedCases([7, 8, 9, 10, 11, 12]);
