// The forum's jobs: nudges in working hours (weekends respected, one level per run, never twice), threads posted late,
// FAQ views flushed from the cache, the weekly digest and FAQ review reminders.
import { guarded } from '../../../../src/app/pipeline/handle';
import { isoWeek } from '../../../../src/app/features/forum/jobs';
import { buttonParams, checkPosted, forumData, handlers, posted, rows, run, setTime, warm, EVA, GUIDES_SPACE, P, type Ports } from './support';

const job = (ports: Ports, action: string) => guarded(ports, handlers, {}, { host: 'job', action, userEmail: '', fromTrigger: true });
const evaDm = 'spaces/dm-eva.guide';
const guriDm = 'spaces/dm-guri.hr';

function ask(ports: Ports, text = 'Hvorfor får jeg ikke lagt inn signatur i Gmail?') {
  const shown = run(ports, P.kari, { text });
  run(ports, P.kari, { action: 'forum.post', params: buttonParams(shown.json, 'forum.post')!, messageName: 'spaces/dm-kari.nordmann/messages/a1' });
  return rows(ports, 'Questions').at(-1)!;
}

describe('job.nudges', () => {
  it('waits for working hours across the weekend, then nudges the routed guide, all guides, then the coordinator — once each', () => {
    const ports = warm();
    setTime(ports, '2026-11-27T14:00:00Z'); // Friday 15:00 in Oslo
    const q = ask(ports);
    const evaBefore = posted(ports, evaDm).length;
    const at = (iso: string) => { setTime(ports, iso); job(ports, 'job.nudges'); };

    at('2026-11-27T15:30:00Z'); // Friday 16:30: one working hour
    at('2026-11-28T12:00:00Z'); // Saturday
    at('2026-11-29T20:00:00Z'); // Sunday
    at('2026-11-30T09:59:00Z'); // Monday 10:59: 3 h 59 min
    expect(posted(ports, evaDm)).toHaveLength(evaBefore);
    expect(rows(ports, 'Questions')[0]!.nudgeLevel).toBe('0');

    at('2026-11-30T10:00:00Z'); // Monday 11:00: 4 working hours
    expect(posted(ports, evaDm)).toHaveLength(evaBefore + 1);
    expect(posted(ports, evaDm).at(-1)!.message.text).toContain('venter');
    expect(rows(ports, 'Questions')[0]!.nudgeLevel).toBe('1');
    at('2026-11-30T10:30:00Z');
    expect(posted(ports, evaDm)).toHaveLength(evaBefore + 1);

    const threadBefore = posted(ports, GUIDES_SPACE).length;
    at('2026-11-30T14:00:00Z'); // 8 working hours: everyone, in the thread
    const inThread = posted(ports, GUIDES_SPACE);
    expect(inThread).toHaveLength(threadBefore + 1);
    expect(inThread.at(-1)!.threadName).toBe(inThread.find((m) => m.name === q.messageName)!.threadName);
    expect(JSON.stringify(inThread.at(-1)!.message)).toContain('Kan noen ta det?');

    at('2026-12-01T10:00:00Z'); // 12 working hours: the coordinator
    expect(posted(ports, guriDm)).toHaveLength(1);
    expect(rows(ports, 'Questions')[0]!.nudgeLevel).toBe('3');
    at('2026-12-03T10:00:00Z');
    expect(posted(ports, guriDm)).toHaveLength(1);
    checkPosted(ports);
  });

  it('nudges again in a new round: after "Not yet" the guide gets a new DM, not the first round\'s message back', () => {
    const ports = warm();
    setTime(ports, '2026-11-30T07:00:00Z'); // Monday 08:00 in Oslo
    const q = ask(ports);
    const p = { q: String(q.questionId) };
    const at = (iso: string) => { setTime(ports, iso); job(ports, 'job.nudges'); };
    const before = posted(ports, evaDm).length;
    at('2026-11-30T11:00:00Z'); // Monday 12:00: the routed guide is nudged
    expect(posted(ports, evaDm)).toHaveLength(before + 1);
    expect(rows(ports, 'Questions')[0]!.nudgeLevel).toBe('1');

    run(ports, EVA, { action: 'forum.answer', params: p, form: { answer: 'Prøv å logge ut og inn.' }, dialog: 'submit' });
    run(ports, P.kari, { action: 'forum.reply', params: { ...p, reopen: '1' }, form: { message: 'Det hjalp ikke.' }, dialog: 'submit' });
    expect(rows(ports, 'Questions')[0]).toMatchObject({ status: 'reopened', nudgeLevel: '0' });

    const afterReopen = posted(ports, evaDm).length;
    at('2026-12-01T12:00:00Z'); // Tuesday 13:00: the new round's first nudge
    expect(rows(ports, 'Questions')[0]!.nudgeLevel).toBe('1');
    expect(posted(ports, evaDm)).toHaveLength(afterReopen + 1);
    expect(posted(ports, evaDm).at(-1)!.message.text).toContain('venter');
    // A retry of the same run posts nothing twice.
    const chat = ports.services.chat;
    const last = posted(ports, evaDm).at(-1)!;
    expect(chat.createMessage(evaDm, { text: 'x' }, { requestId: last.requestId }).name).toBe(last.name);
    expect(posted(ports, evaDm)).toHaveLength(afterReopen + 1);
    checkPosted(ports);
  });

  it('never nudges a question a guide has taken', () => {
    const ports = warm();
    setTime(ports, '2026-11-30T07:00:00Z');
    const q = ask(ports);
    run(ports, EVA, { action: 'forum.claim', params: { q: String(q.questionId) } });
    const before = ports.services.chat.messages.length;
    setTime(ports, '2026-12-04T12:00:00Z');
    job(ports, 'job.nudges');
    expect(ports.services.chat.messages).toHaveLength(before);
  });

  it('posts the thread of a question that could not be posted when it was asked (the outbox job, once)', () => {
    const ports = warm();
    const chat = ports.services.chat;
    const original = chat.createMessage.bind(chat);
    chat.createMessage = (space, message, opts) => {
      if (space === GUIDES_SPACE) throw new Error('Chat API create failed: HTTP 429 quota');
      return original(space, message, opts);
    };
    const q = ask(ports);
    // The question is committed with the name its thread will have; the thread is an Outbox row still pending.
    expect(q.messageName).toMatch(/^spaces\/GUIDES\/messages\/client-q-/);
    expect(posted(ports, GUIDES_SPACE)).toHaveLength(0);
    expect(rows(ports, 'Outbox').filter((o) => o.channel === 'chat' && o.status === 'pending').map((o) => o.subjectKey)).toContain(`thread:${q.questionId}`);
    chat.createMessage = original;
    job(ports, 'job.outbox');
    job(ports, 'job.outbox');
    job(ports, 'job.nudges');
    expect(posted(ports, GUIDES_SPACE)).toHaveLength(1);
    expect(posted(ports, GUIDES_SPACE)[0]!.name).toBe(q.messageName);
    expect(rows(ports, 'Outbox').filter((o) => o.channel === 'chat').map((o) => o.status)).toEqual(['sent', 'sent']);
  });

  it('adds FAQ views counted in the cache to the sheet, once', () => {
    const ports = warm();
    for (let i = 0; i < 3; i++) run(ports, P.kari, { action: 'forum.faqShow', params: { faqId: 'F1' } });
    expect(rows(ports, 'Faq')[0]!.views).toBe('10');
    job(ports, 'job.nudges');
    expect(rows(ports, 'Faq')[0]!.views).toBe('13');
    job(ports, 'job.nudges');
    expect(rows(ports, 'Faq')[0]!.views).toBe('13');
  });

  it('is for the trigger or an admin only', () => {
    const ports = warm();
    expect(run(ports, P.kari, { action: 'job.nudges' }).json).toContain('ikke tilgang');
  });
});

describe('job.digest', () => {
  it('posts one weekly summary in the guides’ space: open questions, new FAQ entries, top topics', () => {
    const ports = warm();
    setTime(ports, '2026-11-30T06:00:00Z');
    ask(ports);
    job(ports, 'job.digest');
    const digest = posted(ports, GUIDES_SPACE).filter((m) => m.message.cardsV2?.[0]?.cardId === 'digest');
    expect(digest).toHaveLength(1);
    const json = JSON.stringify(digest[0]!.message);
    expect(json).toContain('Åpne spørsmål nå: 1.');
    expect(json).toContain('signatur i Gmail');
    expect(json).toContain('Gmail (1)');
    job(ports, 'job.digest');
    expect(posted(ports, GUIDES_SPACE).filter((m) => m.message.cardsV2?.[0]?.cardId === 'digest')).toHaveLength(1);
    expect(rows(ports, 'Settings').find((r) => r.key === 'forumDigestWeek')?.value).toBe('2026-W49');
    checkPosted(ports);
  });
});

describe('job.nudges outside working hours', () => {
  it('a question due on Friday evening is nudged on Monday morning: nothing is posted or mailed on Saturday (issue 15)', () => {
    const ports = warm();
    // Eva has no DM with the app: her nudge would go by mail.
    ports.services.chat.dms.delete(EVA);
    setTime(ports, '2026-11-27T07:00:00Z'); // Friday 08:00 in Oslo
    ask(ports);
    const mails = ports.services.mail.sent.length;
    const thread = posted(ports, GUIDES_SPACE).length;
    for (const iso of ['2026-11-27T15:30:00Z', '2026-11-28T09:00:00Z', '2026-11-28T12:00:00Z', '2026-11-29T13:00:00Z']) { // Fri 16:30, Sat, Sun
      setTime(ports, iso);
      job(ports, 'job.nudges');
    }
    expect(ports.services.mail.sent.slice(mails).filter((m) => m.to === EVA)).toEqual([]);
    expect(posted(ports, GUIDES_SPACE)).toHaveLength(thread);
    expect(rows(ports, 'Questions')[0]!.nudgeLevel).toBe('0');
    setTime(ports, '2026-11-30T07:05:00Z'); // Monday 08:05
    job(ports, 'job.nudges');
    expect(rows(ports, 'Questions')[0]!.nudgeLevel).not.toBe('0');
    expect(ports.services.mail.sent.length + posted(ports, GUIDES_SPACE).length).toBeGreaterThan(mails + thread);
  });
});

describe('job.faqReview', () => {
  it('reminds the owner of entries due for review once a week, and "still correct" moves the date a year on', () => {
    const data = forumData();
    data.Faq![0] = { ...data.Faq![0]!, reviewBy: '2026-11-25' };
    const ports = warm(data);
    job(ports, 'job.faqReview');
    const reminder = posted(ports, 'spaces/dm-ola.guide');
    expect(reminder).toHaveLength(1);
    expect(JSON.stringify(reminder[0]!.message)).toContain('Hvordan deler jeg en mappe i Drive?');
    expect(rows(ports, 'Notifications')).toContainEqual(expect.objectContaining({ recipientEmail: P.ola, subjectKey: 'faq-review:F1:2026-11-25', channel: 'chat' }));
    job(ports, 'job.faqReview');
    expect(posted(ports, 'spaces/dm-ola.guide')).toHaveLength(1);

    expect(run(ports, P.kari, { action: 'forum.faqReviewed', params: { faqId: 'F1' } }).json).toContain('ikke tilgang');
    run(ports, P.ola, { action: 'forum.faqReviewed', params: { faqId: 'F1' } });
    expect(rows(ports, 'Faq')[0]!.reviewBy).toBe('2027-11-22');
    checkPosted(ports);
  });
  it('confirming one of three entries in the review card keeps the other two to confirm (issue 15)', () => {
    const data = forumData();
    const f1 = { ...data.Faq![0]!, reviewBy: '2026-11-25' };
    data.Faq = [f1,
      { ...f1, faqId: 'F2', question: 'Hvordan setter jeg opp fraværsmelding i Gmail?', reviewBy: '2026-11-26' },
      { ...f1, faqId: 'F3', question: 'Hvordan booker jeg et møterom i Kalender?', reviewBy: '2026-11-27' }];
    const ports = warm(data);
    job(ports, 'job.faqReview');
    const reminder = posted(ports, 'spaces/dm-ola.guide')[0];
    const json = JSON.stringify(reminder!.message);
    expect(json).toContain('fraværsmelding');
    const params = buttonParams(json, 'forum.faqReviewed')!;
    expect(params).toMatchObject({ faqId: 'F1', ids: 'F1,F2,F3' });
    const done = run(ports, P.ola, { action: 'forum.faqReviewed', params, messageName: reminder!.name });
    expect(done.resp).toHaveProperty('hostAppDataAction.chatDataAction.updateMessageAction');
    const card = done.json;
    expect(card).toContain('Bekreftet – neste gjennomgang 22. november 2027');
    for (const q of ['Hvordan deler jeg en mappe i Drive?', 'fraværsmelding', 'møterom']) expect(card).toContain(q);
    // The two others still carry "still correct"; the confirmed one does not.
    const stillToConfirm = [...card.matchAll(/"faqId","value":"(F\d)"\},\{"key":"ids"/g)].map((m) => m[1]);
    expect(stillToConfirm.sort()).toEqual(['F2', 'F3']);
    expect(rows(ports, 'Faq').map((f) => f.reviewBy)).toEqual(['2027-11-22', '2026-11-26', '2026-11-27']);
  });
});

it('names ISO weeks', () => {
  expect(isoWeek('2026-11-30')).toBe('2026-W49');
  expect(isoWeek('2027-01-01')).toBe('2026-W53');
  expect(isoWeek('2026-01-01')).toBe('2026-W01');
});
