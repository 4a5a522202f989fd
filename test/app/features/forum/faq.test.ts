// Issue #13 counters: two views at once are two counts; "helpful" is once per person, decided by the record, not the cache.
import { guarded } from '../../../../src/app/pipeline/handle';
import { viewsKey } from '../../../../src/app/features/forum/faq';
import type { CachePort } from '../../../../src/store/ports';
import { ReadModel } from '../../../../src/store/read-model';
import type { MemoryCache } from '../../../../src/store/strict-cache';
import { handlers, P, rows, run, warm, type Ports } from './support';

const count = (ports: Ports) => new ReadModel(ports.cache, () => 'x').load([{ view: viewsKey('F1') }]).get<number>(viewsKey('F1'));

it('two views whose requests overlap are counted twice (each adds under the lock, after its reply)', () => {
  const ports = warm();
  const cache = ports.cache as CachePort;
  const getAll = cache.getAll.bind(cache);
  let nested = false;
  cache.getAll = (keys) => {
    const got = getAll(keys);
    // The second person's request runs between the first one's read and its write.
    if (!nested && keys.some((k) => k.startsWith('faq'))) { nested = true; run(ports, P.ola, { action: 'forum.faqShow', params: { faqId: 'F1' } }); }
    return got;
  };
  run(ports, P.kari, { action: 'forum.faqShow', params: { faqId: 'F1' } });
  cache.getAll = getAll;
  expect(nested).toBe(true);
  expect(count(ports)).toBe(2);
});

it('"helpful" counts once per person even when the cache has forgotten everything', () => {
  const ports = warm();
  const vote = () => run(ports, P.stranger, { action: 'forum.faqFeedback', params: { faqId: 'F1', v: 'up' } });
  vote();
  (ports.services.rawCache as MemoryCache).clear();
  vote();
  vote();
  const faq = rows(ports, 'Faq')[0];
  expect(faq!.helpful).toBe('4'); // 3 before, one vote now
  expect(String(faq!.voters)).not.toContain(P.stranger);
});

it('the job writes the views it counted and leaves a view counted meanwhile for the next run', () => {
  const ports = warm();
  run(ports, P.kari, { action: 'forum.faqShow', params: { faqId: 'F1' } });
  run(ports, P.ola, { action: 'forum.faqShow', params: { faqId: 'F1' } });
  guarded(ports, handlers, {}, { host: 'job', action: 'job.nudges', userEmail: '', fromTrigger: true });
  expect(rows(ports, 'Faq')[0]!.views).toBe('12');
  expect(count(ports)).toBeUndefined();
});
