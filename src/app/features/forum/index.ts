// The guide forum (issue 6): asking, the FAQ, guides at work, the asker's side, the community and the jobs, as one map.
import type { Handlers } from '../../pipeline/handler';
import { askHandlers } from './ask';
import { askerHandlers } from './asker';
import { communityHandlers } from './community';
import { faqHandlers } from './faq';
import { guideHandlers } from './guide';
import { forumJobHandlers } from './jobs';

export const forumHandlers: Handlers = {
  ...askHandlers, ...faqHandlers, ...guideHandlers, ...askerHandlers, ...communityHandlers, ...forumJobHandlers,
};
