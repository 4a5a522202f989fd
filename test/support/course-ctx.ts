// The course cards' context and a realistic session for their tests: a first-aid course in the municipality's time zone.
import { translator, type Locale } from '../../src/core/i18n';
import type { CourseCtx, SessionModel } from '../../src/ui/cards/course-cards';

const NAMES: Record<string, string> = { HLR: 'Hjerte-lungeredning', BRANN: 'Brannvern' };

export const courseCtx = (locale: Locale = 'nb'): CourseCtx => ({ t: translator(locale), locale, timeZone: 'Europe/Oslo', competenceName: (id) => NAMES[id] ?? id });

export const sessionModel = (over: Partial<SessionModel> = {}): SessionModel => ({
  sessionId: 'S1', courseId: 'C1', startsAt: '2026-12-10T08:00:00Z', endsAt: '2026-12-10T11:00:00Z', location: 'Rådhuset, møterom 3', capacity: 12,
  enrolled: 7, waitlisted: 0, status: 'open', signupDeadline: '2026-12-08', ...over,
});
