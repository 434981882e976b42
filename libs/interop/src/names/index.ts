export { nameTokens, screeningKey } from './normalise';
export { atLeast, DEFAULT_THRESHOLD, formatScore, nameSimilarity, parseThreshold, SCORE_PLACES, type Ratio, type Similarity } from './similarity';
export { possibleMatches, type PossibleMatch, type ScreenedParty, type ScreeningEntry } from './screen';
export {
  DURING_EXECUTION,
  DURING_EXECUTION_LEGAL_BASIS,
  RESCREEN_TRIGGER_KINDS,
  type RescreenTriggerKind,
  screenDuringExecution,
  type ExecutionMatch,
  type ExecutionMatchKind,
  type ExecutionNode,
  type ExecutionSanction,
  type ExecutionScreeningInput,
} from './rescreen';
