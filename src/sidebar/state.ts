// The console's state and the small interface views use to change it (views are functions of the state).
import type { CourseAdminData, ParticipantsData } from '../contract/course-admin';
import type { CatalogueData, DashboardData, ExpiringData, HealthData, PersonData, UnitData } from '../contract/sidebar';

export type Tab = 'dashboard' | 'expiring' | 'catalogue' | 'courses' | 'register' | 'health';
export type Draft = Record<string, string | string[]>;

export interface State {
  tab: Tab;
  status?: { text: string; error: boolean };
  busy: boolean;
  dash?: DashboardData;
  /** Where the dashboard is: all areas, one area, a unit (and a page of its people), a person. */
  path: { area?: string; unitId?: string; page?: number; email?: string };
  unit?: UnitData;
  person?: PersonData;
  expiring: { scope: string; statuses: string[]; within: string; result?: ExpiringData };
  cat?: CatalogueData;
  catTab: 'competences' | 'plans';
  /** The competence being edited (a draft of the form), or a new one. */
  competence?: { isNew: boolean; draft: Draft };
  planRole?: string;
  requirementDraft: Draft;
  roleDraft?: Draft;
  registerDraft: Draft;
  health?: HealthData;
  courses: CoursesState;
}

/** The Courses tab: the list (with its search), one course and its dates, the forms, and one date's participants. */
export interface CoursesState {
  data?: CourseAdminData;
  search: string;
  /** The course whose dates are shown. */
  courseId?: string;
  course?: { isNew: boolean; draft: Draft };
  session?: { isNew: boolean; draft: Draft };
  /** The date waiting for "yes, cancel it", with the reason typed so far. */
  cancel?: { sessionId: string; reason: string };
  participants?: ParticipantsData;
  /** Attended (true) or not, per enrollment, as ticked before saving. */
  marks: Record<string, boolean>;
}

export function initialState(): State {
  return {
    tab: 'dashboard', busy: false, path: {}, catTab: 'competences',
    expiring: { scope: '', statuses: ['overdue', 'expired', 'missing', 'expiring'], within: '90' },
    requirementDraft: {}, registerDraft: {}, courses: { search: '', marks: {} },
  };
}

export interface Ui {
  state: State;
  render(): void;
  /** Runs a server call with the busy flag and the status line; resolves undefined when it failed (already shown). */
  run<T>(work: () => Promise<T>, done?: string | ((value: T) => string | undefined)): Promise<T | undefined>;
  download(fileName: string, text: string, mimeType?: string): void;
  readFile(file: File): Promise<string>;
}

/** Form fields of a submitted form by name (several values for checkboxes). */
export function formDraft(form: HTMLFormElement): Draft {
  const out: Draft = {};
  for (const el of Array.from(form.elements) as HTMLInputElement[]) {
    if (!el.name || el.type === 'file' || el.type === 'submit' || el.type === 'button') continue;
    if (el.type === 'checkbox') {
      const list = (out[el.name] as string[] | undefined) ?? [];
      if (el.checked) list.push(el.value);
      out[el.name] = list;
    } else out[el.name] = el.value;
  }
  return out;
}

export const str = (d: Draft, k: string): string => (typeof d[k] === 'string' ? (d[k] as string) : '');
export const list = (d: Draft, k: string): string[] => (Array.isArray(d[k]) ? (d[k] as string[]) : []);
