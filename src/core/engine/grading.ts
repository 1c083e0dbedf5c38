// A lead's grade (over its fit score), engagement level (contract v2 §10, over its engagement score) and
// its cell: the grade followed by the level (`A1`, `C3`), present only when the model has both lists.

import type { Model } from '../model';
import { makeBandIndex } from './format';

export interface Grading {
  grade: string | undefined;
  engagementLevel: string | undefined;
  cell: string | undefined;
}

/** The cell of a grade and a level; undefined unless the lead has both. */
export function cellOf(grade: string | undefined, level: string | undefined): string | undefined {
  return grade === undefined || level === undefined ? undefined : grade + level;
}

/** Grades a lead from its rounded fit and engagement scores. */
export function makeGrading(model: Model): (fit: number, engagement: number) => Grading {
  const grades = model.grades;
  const levels = model.engagementLevels;
  const gradeIndex = grades === undefined ? undefined : makeBandIndex(grades);
  const levelIndex = levels === undefined ? undefined : makeBandIndex(levels);
  return (fit, engagement) => {
    const grade = gradeIndex === undefined ? undefined : grades![gradeIndex(fit)]!.name;
    const engagementLevel = levelIndex === undefined ? undefined : levels![levelIndex(engagement)]!.name;
    return { grade, engagementLevel, cell: cellOf(grade, engagementLevel) };
  };
}
