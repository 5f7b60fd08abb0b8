import type { IntroductionStatus } from "./tables.js";

/** The steps an introduction may take from each state; placed, declined and withdrawn are where it ends. */
const next: Record<IntroductionStatus, readonly IntroductionStatus[]> = {
  proposed: ["contacted", "declined", "withdrawn"],
  contacted: ["interview", "placed", "declined", "withdrawn"],
  interview: ["placed", "declined", "withdrawn"],
  placed: [],
  declined: [],
  withdrawn: [],
};

export const nextSteps = (status: IntroductionStatus): readonly IntroductionStatus[] => next[status];
