// Puts each validation problem beside the field that causes it. The core names a problem by subject
// (`rule "Demo"`, `rule 3` for an unnamed one, `settings`, `outcome`, `model`) and field (`points`,
// `decay.percent`, …); the editor names its fields `<kind>:<item id>:<field>`.
import type { Problem } from '../core/model';
import type { Draft } from './draft';

export type SectionId =
  | 'model'
  | 'groups'
  | 'rules'
  | 'bands'
  | 'grades'
  | 'levels'
  | 'outcome'
  | 'activities';

export interface LocatedProblem {
  problem: Problem;
  /** The message without its subject, for showing beside the field. */
  short: string;
  /** Field keys the problem belongs to (several when items share a name); empty when it has no field. */
  keys: string[];
  section: SectionId;
  /** Items (kind:id) the problem is about, for marking collapsed rows. */
  items: string[];
}

const ITEM_SUBJECT = /^(group|rule|band|grade|engagement level) (?:"([\s\S]*)"|(\d+))$/;

/** The editor's kind (in field keys and item marks), draft list and section of each item subject. */
const ITEM_KINDS = {
  group: { kind: 'group', list: 'groups', section: 'groups' },
  rule: { kind: 'rule', list: 'rules', section: 'rules' },
  band: { kind: 'band', list: 'bands', section: 'bands' },
  grade: { kind: 'grade', list: 'grades', section: 'grades' },
  'engagement level': { kind: 'level', list: 'engagementLevels', section: 'levels' },
} as const satisfies Record<string, { kind: string; list: keyof Draft; section: SectionId }>;

const LIST_SECTIONS: Record<string, SectionId> = {
  groups: 'groups',
  rules: 'rules',
  bands: 'bands',
  grades: 'grades',
  engagementLevels: 'levels',
};

export function fieldKey(kind: string, id: number | string, field: string | undefined): string {
  return `${kind}:${id}:${field ?? '*'}`;
}

/** The message without its subject (and, beside a condition, without "condition when.all[1]: "). */
export function shortMessage(problem: Problem): string {
  const prefix = `${problem.subject}: `;
  const short = problem.message.startsWith(prefix) ? problem.message.slice(prefix.length) : problem.message;
  return short.replace(/^condition (?:when|where)[^:\s]*: /, '');
}

export function locateProblems(problems: readonly Problem[], draft: Draft): LocatedProblem[] {
  return problems.map((problem) => {
    const short = shortMessage(problem);
    const located = (section: SectionId, keys: string[], items: string[] = []): LocatedProblem => ({
      problem,
      short,
      keys,
      section,
      items,
    });
    const match = ITEM_SUBJECT.exec(problem.subject);
    if (match) {
      const { kind, list: listKey, section } = ITEM_KINDS[match[1] as keyof typeof ITEM_KINDS];
      const list: readonly { id: number; name: string }[] = draft[listKey];
      const ids: number[] = [];
      if (match[2] !== undefined) {
        for (const item of list) if (item.name.trim() === match[2]) ids.push(item.id);
      } else {
        const item = list[Number(match[3]) - 1];
        if (item !== undefined && item.name.trim() === '') ids.push(item.id);
      }
      return located(
        section,
        ids.map((id) => fieldKey(kind, id, problem.field)),
        ids.map((id) => `${kind}:${id}`),
      );
    }
    if (problem.subject === 'settings') return located('model', [fieldKey('settings', 0, problem.field)]);
    if (problem.subject === 'activities') {
      return located('activities', [fieldKey('activities', 0, problem.field)]);
    }
    if (problem.subject === 'outcome') return located('outcome', [fieldKey('outcome', 0, problem.field)]);
    if (problem.subject === 'model' && problem.field !== undefined) {
      const section = LIST_SECTIONS[problem.field];
      if (section !== undefined) return located(section, [fieldKey('model', 0, problem.field)]);
      if (problem.field === 'outcome') return located('outcome', [fieldKey('outcome', 0, undefined)]);
      if (problem.field === 'activities')
        return located('activities', [fieldKey('activities', 0, undefined)]);
      return located('model', [fieldKey('model', 0, problem.field)]);
    }
    return located('model', []);
  });
}
