// Comparing two proofs of one issue: carry notes over, 核红 statuses, changes nobody asked for.
// Pure (issue/ and anchor/ only); runs in Node, a page or a worker.

export { compareProofs } from './compare.ts';
export type {
  Carried,
  CarryHow,
  CarryInput,
  CarryStatus,
  Change,
  ChangeKind,
  NoteCheck,
  ProofComparison,
  SuggestionCheck,
} from './types.ts';
