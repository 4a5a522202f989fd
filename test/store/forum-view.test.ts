// The forum view in the read model: live questions without text or anonymous askers, guides' names, stats; patching.
import type { Question } from '../../src/core/records/tables';
import { toChunks, MAX_CHUNKS, CHUNK_CHARS } from '../../src/store/cache-shards';
import { forumViewOf, patchForumView } from '../../src/store/forum-view';
import { readAllTables } from '../../src/store/rebuild';
import { fixtureWorkbook } from '../support/fixture';
import { forumData, EVA } from '../app/features/forum/support';

const NOW = '2026-11-23T12:00:00Z';
const q = (id: string, over: Partial<Question> = {}): Question => ({
  questionId: id, askerEmail: 'kari.nordmann@kommune.example', anonymous: false, unitId: 'solbakken-a', topic: 'gmail',
  text: `Spørsmål ${id} med hemmelig tekst`, status: 'open', guideEmail: EVA, askedAt: '2026-11-23T08:00:00Z', ...over,
});

function snapWith(questions: Question[]) {
  const data = forumData();
  data.Questions = questions;
  return readAllTables(fixtureWorkbook(data));
}

it('keeps live questions (no text; no asker for anonymous ones), drops old resolved ones, and names guides', () => {
  const view = forumViewOf(snapWith([
    q('Q1'),
    q('Q2', { anonymous: true }),
    q('Q3', { status: 'resolved', askedAt: '2026-09-01T08:00:00Z', resolvedAt: '2026-09-02T08:00:00Z', answeredAt: '2026-09-01T09:00:00Z' }),
  ]), NOW);
  expect(view.items.map((i) => i.questionId)).toEqual(['Q1', 'Q2']);
  expect(view.items[0]).toMatchObject({ rowNumber: 2, askerName: 'Kari Nordmann', guideEmail: EVA });
  expect(view.items[1]!.askerName).toBeUndefined();
  expect(JSON.stringify(view)).not.toContain('hemmelig');
  expect(JSON.stringify(view.items[1])).not.toContain('kari');
  expect(view.names[EVA]).toBe('Eva Guide');
  expect(view.stats.overall).toMatchObject({ asked: 3, answered: 1 });
  expect(view.topTopics).toEqual([{ topic: 'gmail', count: 2 }]);
});

it('patches one question in place or adds it', () => {
  const view = forumViewOf(snapWith([q('Q1')]), NOW);
  const claimed = patchForumView(view, { row: q('Q1', { status: 'claimed', claimedAt: NOW }), rowNumber: 2 });
  expect(claimed.items).toHaveLength(1);
  expect(claimed.items[0]).toMatchObject({ status: 'claimed', askerName: 'Kari Nordmann' });
  expect(patchForumView(view, { row: q('Q9'), rowNumber: 3 }).items).toHaveLength(2);
});

it('fits the cache for a busy forum: 600 live questions', () => {
  const many = Array.from({ length: 600 }, (_, i) => q(`Q${i}`, { threadName: `spaces/GUIDES/threads/Q${i}`, messageName: `spaces/GUIDES/messages/abcdefghijk.${i}` }));
  const view = forumViewOf(snapWith(many), NOW);
  const chunks = Object.keys(toChunks('fo', view, 'g'));
  expect(chunks.length).toBeLessThanOrEqual(MAX_CHUNKS);
  expect(JSON.stringify(view).length).toBeLessThan(MAX_CHUNKS * CHUNK_CHARS);
});
