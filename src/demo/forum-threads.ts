// The demo's questions as the guides' space holds them: each question's thread card, posted as the app would have posted
// it when the question was asked, and the message and thread names recorded on the question (as ask.ts records them).
import type { ChatPort } from '../app/ports';
import { guideView } from '../core/forum';
import { translator } from '../core/i18n';
import type { Employee, Question, Unit } from '../core/records/tables';
import { threadMessage } from '../ui/cards/forum-thread';
import { GUIDE_FORUM_SPACE } from './forum';

export interface DemoThreads { questions: Question[]; employees: readonly Employee[]; units: readonly Unit[]; timeZone: string }

/** Posts one thread card per question into the guides' space; returns the questions with messageName and threadName set. */
export function postDemoThreads(chat: ChatPort, d: DemoThreads): Question[] {
  const names = new Map(d.employees.map((e) => [e.email.toLowerCase(), e.name]));
  const units = new Map(d.units.map((u) => [u.unitId, u.name]));
  const ctx = { t: translator('nb'), locale: 'nb' as const, timeZone: d.timeZone };
  return d.questions.map((q) => {
    const message = threadMessage({
      q: guideView(q, q.anonymous ? undefined : names.get(q.askerEmail.toLowerCase())),
      unitName: q.anonymous ? undefined : units.get(q.unitId ?? ''),
      nameOf: (email) => names.get(email.toLowerCase()) ?? email,
    }, ctx);
    const key = q.questionId.toLowerCase().replace(/[^a-z0-9-]/g, '-');
    const posted = chat.createMessage(GUIDE_FORUM_SPACE, message, { threadKey: q.questionId, messageId: `client-demo-${key}` });
    return { ...q, messageName: posted.name, threadName: posted.threadName ?? q.threadName };
  });
}
