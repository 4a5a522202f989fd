// The local workspace's demo as HR and guides first see it: every demo question has its thread card in the guides' space,
// so Datahelse reports no question cut off from the guides (issue 15: 7 such rows on a fresh demo).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workspace } from '../../src/workspace/workspace';
import { readAllTables } from '../../src/store/rebuild';
import { GUIDE_FORUM_SPACE } from '../../src/demo/forum';
import { expectValidMessage } from '../support/cards';

jest.setTimeout(60_000);

it('posts each demo question\'s thread card, dated when it was asked, and Datahelse finds none missing', () => {
  const ws = new Workspace({ dataDir: mkdtempSync(join(tmpdir(), 'kompetent-demo-')), employees: 160, startAt: '2026-11-23T08:00:00Z' });
  try {
    const questions = (readAllTables(ws.records, ['Questions']).Questions?.rows ?? []).map((r) => r.row);
    expect(questions.length).toBeGreaterThan(5);
    const threads = ws.services.chat.messages.filter((m) => m.space === GUIDE_FORUM_SPACE);
    for (const q of questions) {
      const m = threads.find((x) => x.name === q.messageName);
      expect(m).toBeDefined();
      expect(m!.threadName).toBe(q.threadName);
      expect(m!.createTime).toBe(q.askedAt);
      expect(JSON.stringify(m!.message)).toContain(q.questionId);
      expectValidMessage(m!.message);
    }
    expect(ws.health!.issues.filter((i) => i.reason === 'no_thread')).toEqual([]);
  } finally {
    ws.close();
  }
});
