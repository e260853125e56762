/** The training-set builder's pure core: jobs, file-name matching, captions, checks, zip layouts. */
export { listTrainingJobs, jobKey, type TrainingJob, type JobListing } from './training-jobs';
export { parseGeneratedFileName, type GeneratedFileName } from './generated-file-name';
export { matchImagesToJobs, type ImageMatch, type MatchCandidate } from './match-images';
export { composeCaption, applyReplacements, triggerWordProblem, AI_TOOLKIT_TRIGGER, DEFAULT_CAPTION_SETTINGS, type CaptionSettings, type Replacement } from './captions';
export { checkTrainingSet, findNearDuplicates, DEFAULT_MIN_SHORT_SIDE, type TrainingSetCheck, type CheckIssue } from './check-training-set';
export { planTrainingZip, layoutFolder, kohyaFolderName, trainingZipName, TRAINING_LAYOUTS, LAYOUT_LABELS, type TrainingLayout, type ZipEntry, type ExportItem } from './export-layouts';
export { differenceHash, hammingDistance, NEAR_DUPLICATE_MAX_DISTANCE } from './perceptual-hash';
export { descriptionOf, type TrainingImage } from './training-image';
