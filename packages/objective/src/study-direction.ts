/** Which way a study's objective is optimised (Optuna's `StudyDirection`). */
export const StudyDirection = {
  MINIMIZE: 'minimize',
  MAXIMIZE: 'maximize',
} as const;
export type StudyDirection = (typeof StudyDirection)[keyof typeof StudyDirection];

/** Optuna's integer codes (NOT_SET = 0 is never used by a created study). */
export const STUDY_DIRECTION_CODES: Readonly<Record<StudyDirection, number>> = {
  minimize: 1,
  maximize: 2,
};
